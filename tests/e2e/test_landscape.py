import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from landscape.models import Highlight
from tests.helpers import admin_log_in

PHONE = {"width": 390, "height": 844}


def test_visitor_goes_from_home_to_a_country_to_a_company(page, site, screenshot):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cell & Gene Therapy East Asia 2025")

    page.get_by_role("link", name=re.compile("South Korea")).first.click()
    expect(page).to_have_url(site + "/landscape/south-korea/")
    expect(page.get_by_role("heading", level=1)).to_have_text("South Korea")
    expect(page.get_by_text("MFDS launched GIFT pathway")).to_be_visible()
    screenshot("country-south-korea-desktop")

    page.get_by_role("link", name="Medipost").first.click()
    expect(page).to_have_url(site + "/landscape/companies/medipost/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Medipost")
    expect(page.get_by_role("rowheader", name="Cartistem®")).to_be_visible()


def test_visitor_filters_the_explorer_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/landscape/companies/")
    page.get_by_label("Country").select_option("taiwan")
    page.get_by_label("Phase").select_option("approved")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"country=taiwan"))
    expect(page.get_by_role("status")).to_have_text("2 companies")
    expect(page.get_by_role("link", name="StemCyte")).to_be_visible()
    context.close()


def test_organizer_edits_a_highlight_and_sees_it_on_the_public_page(page, site, screenshot):
    get_user_model().objects.create_superuser("organizer", "", "a-long-test-password")
    highlight = Highlight.objects.get(text__startswith="102 cell and 51 gene therapy trials")

    admin_log_in(page, site + "/admin/", "organizer", "a-long-test-password")

    page.goto(f"{site}/admin/landscape/highlight/{highlight.pk}/change/")
    page.locator("#id_text_en").fill("TFDA reported 120 cell therapy trials in 2025.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(site + "/landscape/taiwan/")
    expect(page.get_by_text("TFDA reported 120 cell therapy trials in 2025.")).to_be_visible()
    screenshot("country-taiwan-after-edit")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/landscape/",
        "/landscape/china/",
        "/landscape/japan/",
        "/landscape/south-korea/",
        "/landscape/taiwan/",
        "/landscape/companies/",
        "/landscape/companies/helixmith/",
        "/landscape/no-such-country/",
    ],
)
def test_pages_have_no_horizontal_scroll_on_a_phone(browser, site, path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site + path)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"]
    slug = path.strip("/").replace("/", "-") or "home"
    page.screenshot(path=f"test-artifacts/phone-{slug}.png", full_page=True)
    context.close()


def test_phone_navigation_opens_from_the_menu_button(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site + "/")
    landscape_link = page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Landscape"
    )
    expect(landscape_link).to_be_hidden()
    page.get_by_role("button", name="Toggle navigation").click()
    landscape_link.click()
    expect(page).to_have_url(site + "/landscape/")
    context.close()
