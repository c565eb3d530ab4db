"""The organizers' admin in Chromium: the registrations list shows Status without scrolling
at 1280 px, and the index and the team's dashboard fit a phone."""

import pytest

from registration.models import Event, TicketType
from tests.factories import RegistrationFactory
from tests.helpers import admin_log_in

PASSWORD = "a-long-test-password"


@pytest.fixture
def admin_site(site, django_user_model):
    django_user_model.objects.create_superuser("organizer", "", PASSWORD)
    event = Event.objects.get()
    ticket = TicketType.objects.filter(event=event).first()
    for country in ("KR", "JP", "TW", "GB", "US"):
        RegistrationFactory(
            ticket_type=ticket,
            country=country,
            organization="Kyoto University Hospital Department of Regenerative Medicine",
        )
    return site


def log_in(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    admin_log_in(page, site + "/admin/login/", "organizer", PASSWORD)
    return page


def test_registrations_list_shows_status_within_1280_px(browser, admin_site, screenshot):
    page = log_in(browser, admin_site, 1280)
    page.goto(admin_site + "/admin/registration/registration/")
    box = page.locator("th.column-status").bounding_box()
    screenshot("admin-registrations-1280")
    assert box["x"] + box["width"] <= 1280


def test_index_and_dashboard_fit_a_phone(browser, admin_site, screenshot):
    page = log_in(browser, admin_site, 390)
    widths = {}
    for name, path in (("index", "/admin/"), ("dashboard", "/admin/dashboard/")):
        page.goto(admin_site + path)
        screenshot(f"admin-{name}-390")
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
    assert widths == {"index": 390, "dashboard": 390}
