"""The site as a phone shows it: Register in sight, the explorer as a tool, a personal
schedule kept in the browser, the colour modes and the printed page."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from registration.models import Event, Session, Speaker
from tests.factories import days_from_today, kst

PUBLIC = [
    "/",
    "/landscape/",
    "/landscape/japan/",
    "/landscape/companies/",
    "/landscape/companies/helixmith/",
    "/speakers/",
    "/speakers/phil-huang/",
    "/agenda/",
    "/venue/",
    "/about/",
    "/faq/",
    "/code-of-conduct/",
    "/privacy/",
    "/ko/",
    "/ja/landscape/",
    "/zh-hans/speakers/",
    "/zh-hant/venue/",
]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    yield context.new_page()
    context.close()


def test_register_is_in_sight_on_every_public_page_without_opening_the_menu(phone, site):
    for path in PUBLIC:
        phone.goto(site + path)
        register = phone.locator(".site-navbar .register-compact")
        expect(register).to_be_visible()
        expect(register).to_be_in_viewport()
        assert phone.locator(".navbar-toggler").get_attribute("aria-expanded") == "false"
        # The navbar stays on screen as the page scrolls.
        phone.mouse.wheel(0, 2500)
        expect(register).to_be_in_viewport()
    # The button leads to the form, in the page's language.
    phone.goto(site + "/ko/landscape/")
    phone.locator(".register-compact").click()
    phone.wait_for_url(re.compile(r"/ko/register/$"))


def test_register_buttons_go_once_registration_closes(phone, site):
    Event.objects.update(start=days_from_today(-30), end=days_from_today(-29))
    for path in ("/", "/landscape/", "/speakers/phil-huang/"):
        phone.goto(site + path)
        expect(phone.locator(".register-compact")).to_have_count(0)
        expect(phone.locator(".register-band")).to_have_count(0)


def test_explorer_search_finds_a_company_by_one_of_its_programs(phone, site, screenshot):
    phone.goto(site + "/landscape/companies/")
    search = phone.get_by_role("searchbox", name="Search")
    search.fill("Engensis")
    search.press("Enter")
    phone.wait_for_url(re.compile(r"q=Engensis"))
    # On a phone the results are the compact table.
    table = phone.locator(".explorer-table")
    expect(table).to_be_visible()
    expect(phone.locator(".explorer-cards")).to_be_hidden()
    expect(table.get_by_role("link", name="Helixmith")).to_be_visible()
    expect(phone.get_by_role("status")).to_have_text("1 company")
    screenshot("explorer-search-390")
    table.get_by_role("link", name="Helixmith").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Helixmith")


@pytest.fixture
def programme(site):
    event = Speaker.objects.first().event
    sessions = [
        Session.objects.create(
            event=event,
            title=title,
            kind="talk",
            start=kst(2025, 9, 25, hour),
            end=kst(2025, 9, 25, hour, 45),
            room="Hall A",
        )
        for hour, title in [(9, "CAR-T in Asia"), (10, "iPSC platforms"), (11, "CDMO at scale")]
    ]
    return site, sessions


def test_star_two_sessions_reload_and_my_schedule_holds_both(phone, programme, screenshot):
    site, (first, _second, third) = programme
    phone.goto(site + "/agenda/")
    for session in (first, third):
        star = phone.locator(f"#session-{session.pk} .star-toggle")
        expect(star).to_have_attribute("aria-pressed", "false")
        star.click()
        expect(star).to_have_attribute("aria-pressed", "true")
    expect(phone.locator("#star-status")).to_have_text("Added to your schedule.")

    phone.reload()
    for session, pressed in ((first, "true"), (_second, "false"), (third, "true")):
        expect(phone.locator(f"#session-{session.pk} .star-toggle")).to_have_attribute(
            "aria-pressed", pressed
        )

    phone.get_by_role("link", name="My schedule").first.click()
    phone.wait_for_url(re.compile(rf"/my-schedule/\?s={first.pk},{third.pk}$"))
    titles = phone.locator(".my-schedule-list .session-title")
    expect(titles).to_have_text(["CAR-T in Asia", "CDMO at scale"])
    screenshot("my-schedule-390")

    link = phone.get_by_role("link", name="Add these sessions to your calendar (.ics)")
    response = phone.request.get(site + link.get_attribute("href"))
    calendar = Calendar.from_ical(response.body())
    summaries = [str(entry["summary"]) for entry in calendar.walk("VEVENT")]
    assert summaries == ["CAR-T in Asia", "CDMO at scale"]

    # Unsaving one on this page updates the list's calendar link at once.
    phone.locator(f"[data-session-item='{first.pk}'] .star-toggle").click()
    expect(link).to_have_attribute("href", f"/my-schedule.ics?s={third.pk}")


def test_the_star_is_a_keyboard_toggle_button(phone, programme):
    site, (first, *_rest) = programme
    phone.goto(site + f"/agenda/{first.pk}/")
    star = phone.get_by_role("button", name=re.compile(r"Save: CAR-T in Asia"))
    star.focus()
    phone.keyboard.press("Enter")
    expect(star).to_have_attribute("aria-pressed", "true")
    phone.keyboard.press("Space")
    expect(star).to_have_attribute("aria-pressed", "false")
    expect(phone.locator("#star-status")).to_have_text("Removed from your schedule.")


def test_without_javascript_the_star_stays_hidden_and_pages_work(browser, programme):
    site, (first, *_rest) = programme
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "/agenda/")
    expect(page.locator(".star-toggle").first).to_be_hidden()
    page.goto(site + "/my-schedule/")
    # (Playwright's text selectors skip <noscript>; its rendered text is read instead.)
    assert "Saving sessions needs JavaScript" in page.locator(".empty-state").inner_text()
    # Without scripts the menu cannot collapse, so it stays open; the language menu is a
    # plain <details> whose links work without scripts.
    page.goto(site + f"/agenda/{first.pk}/")
    expect(page.locator(".navbar-toggler")).to_be_hidden()
    expect(page.locator("#site-nav").get_by_role("link", name="Speakers")).to_be_visible()
    page.locator(".language-menu summary").click()
    page.get_by_role("link", name="한국어").click()
    page.wait_for_url(re.compile(rf"/ko/agenda/{first.pk}/$"))
    context.close()


def test_dark_mode_follows_the_system(browser, site, screenshot):
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site + "/landscape/")
    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(13, 28, 34)"
    screenshot("landscape-dark-1280")
    page.emulate_media(color_scheme="light")  # the system switches: the page follows
    page.wait_for_function("document.documentElement.dataset.bsTheme === 'light'")
    context.close()


def test_landscape_prints_without_navigation_and_with_chart_tables(browser, site):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site + "/landscape/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.dataset.bsTheme") == "light"
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".register-band")).to_have_count(1)
    expect(page.locator(".register-band")).to_be_hidden()
    expect(page.locator("details.chart-data table").first).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    context.close()
