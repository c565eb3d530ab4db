"""Languages in a real browser: the switcher keeps you on the page, a Korean registration
gets a Korean e-mail, a Japanese translation edited in the admin shows on /ja/."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from landscape.models import Highlight
from registration.models import Registration
from tests.helpers import admin_log_in


def test_switching_language_on_a_speaker_page_stays_on_that_speaker(page, site):
    page.goto(site + "/speakers/phil-huang/")
    # The language menu is a <details>: open it, then pick a language.
    page.locator(".language-menu summary").click()
    page.get_by_role("link", name="日本語").click()
    expect(page).to_have_url(re.compile(r"/ja/speakers/phil-huang/$"))
    assert page.locator("html").get_attribute("lang") == "ja"
    expect(page.get_by_role("heading", level=1)).to_have_text("Phil Huang")
    page.locator(".language-menu summary").click()
    page.get_by_role("link", name="繁體中文").click()
    expect(page).to_have_url(re.compile(r"/zh-hant/speakers/phil-huang/$"))
    # The choice is remembered: an English address now opens in Traditional Chinese.
    page.goto(site + "/agenda/")
    expect(page).to_have_url(re.compile(r"/zh-hant/agenda/$"))
    page.locator(".language-menu summary").click()
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/agenda/$"))
    assert page.locator("html").get_attribute("lang") == "en"


def test_registering_in_korean_sends_a_korean_email(page, site, settings, deliver, screenshot):
    settings.SITE_URL = site
    page.goto(site + "/ko/register/")
    labels = page.locator("#registration-form label").all_inner_texts()
    assert labels.index(next(t for t in labels if t.startswith("성"))) < labels.index(
        next(t for t in labels if t.startswith("이름"))
    )
    page.locator("#id_family_name").fill("김")
    page.locator("#id_given_name").fill("민지")
    page.locator("#id_latin_name").fill("Min-ji Kim")
    page.locator("#id_email").fill("minji.ko@example.com")
    page.locator("#id_organization").fill("예시바이오")
    page.locator("#id_country").select_option("KR")
    page.locator("#id_sector").select_option("biotech")
    page.locator("#id_consent_privacy").check()
    screenshot("register-ko-filled")
    page.locator("#submit-id-register").click()
    expect(page).to_have_url(re.compile(r"/ko/register/thanks/$"))
    deliver()
    [message] = [m for m in mail.outbox if m.to == ["minji.ko@example.com"]]
    registration = Registration.objects.get(email="minji.ko@example.com")
    assert registration.full_name == "김민지"
    assert re.search(r"[가-힣]", message.subject)
    assert "김민지" not in message.subject
    link = re.search(r"https?://\S+/ko/register/[A-Za-z0-9_-]{40,}/", message.body).group(0)
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == "ko"
    expect(page.get_by_text("김민지").first).to_be_visible()


def test_a_japanese_translation_edited_in_the_admin_shows_on_ja(page, site):
    get_user_model().objects.create_superuser("organizer", "", "a-long-test-password")
    highlight = Highlight.objects.get(text__startswith="102 cell and 51 gene therapy trials")
    admin_log_in(page, site + "/admin/", "organizer", "a-long-test-password")
    page.goto(f"{site}/admin/landscape/highlight/{highlight.pk}/change/")
    page.get_by_role("tab", name=re.compile(r"^ja$", re.IGNORECASE)).click()
    page.locator("#id_text_ja").fill("台湾のTFDAは2025年に120件の細胞治療試験を報告した。")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(site + "/ja/landscape/taiwan/")
    expect(page.get_by_text("台湾のTFDAは2025年に120件の細胞治療試験を報告した。")).to_be_visible()
    page.goto(site + "/landscape/taiwan/")
    expect(page.get_by_text("102 cell and 51 gene therapy trials", exact=False)).to_be_visible()


@pytest.mark.parametrize("language", ["ko", "ja", "zh-hans", "zh-hant"])
def test_pages_fit_a_phone_in_every_language(browser, site, language):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in ("/", "/landscape/", "/register/"):
        page.goto(f"{site}/{language}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        slug = path.strip("/") or "home"
        page.screenshot(path=f"test-artifacts/{slug}-{language}-390.png", full_page=True)
    context.close()
