import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from registration.models import Registration, TicketType
from registration.services import registrations


@pytest.fixture
def one_seat(site, settings):
    settings.SITE_URL = site  # links in e-mails point at the live server
    ticket = TicketType.objects.get(name="Conference pass")
    ticket.capacity = 1
    ticket.save()
    return ticket


def manage_link(message):
    return re.search(r"https?://\S+/register/[A-Za-z0-9_-]{40,}/", message.body).group(0)


def test_register_read_the_email_see_the_ticket_cancel_and_promote_the_waiting_list(
    page, site, one_seat, screenshot, deliver
):
    page.goto(site + "/")
    page.get_by_role("link", name="Register").first.click()
    page.get_by_label("Given name").fill("Min-ji")
    page.get_by_label("Family name").fill("Kim")
    page.get_by_label("E-mail").fill("minji.kim@example.com")
    page.get_by_label("Organization").fill("Example Bio")
    page.get_by_label("Job title").fill("Head of CMC")
    page.get_by_label("Country").select_option(label="South Korea")
    page.get_by_label("Sector").select_option(label="Biotech or pharma company")
    expect(page.get_by_label("Conference pass (free) — few seats left")).to_be_checked()
    page.get_by_label("I have read and agree to the privacy notice.").check()
    screenshot("register-form-filled")
    page.get_by_role("button", name="Register").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    deliver()  # as the worker would
    [message] = [m for m in mail.outbox if m.to == ["minji.kim@example.com"]]
    assert message.subject == "Your ticket for Cell & Gene Therapy East Asia 2025"

    # Someone else registers: the only seat is taken, so they wait.
    waiting = registrations.registration_create(
        event=one_seat.event,
        ticket_type=one_seat,
        given_name="Wei",
        family_name="Chen",
        email="wei.chen@example.com",
        organization="Example Therapeutics",
        country="TW",
        sector=Registration.Sector.CDMO,
    ).registration
    assert waiting.status == "waitlisted"
    deliver()  # the worker tells them before anything else happens

    page.goto(manage_link(message))
    expect(page.get_by_text("Confirmed", exact=True)).to_be_visible()
    ticket = page.get_by_role("img", name=re.compile(r"QR ticket CGT-"))
    expect(ticket).to_be_visible()
    assert ticket.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot("manage-confirmed")

    page.get_by_role("link", name="Cancel my registration").click()
    page.get_by_label(re.compile("Yes, cancel the registration of Min-ji Kim")).check()
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_text("Your registration is cancelled.").first).to_be_visible()
    expect(page.get_by_text("Cancelled", exact=True)).to_be_visible()

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    deliver()
    promoted = [m for m in mail.outbox if m.to == ["wei.chen@example.com"]]
    assert [m.subject for m in promoted] == [
        "You are on the waiting list for Cell & Gene Therapy East Asia 2025",
        "A seat is yours: your ticket for Cell & Gene Therapy East Asia 2025",
    ]


def test_form_errors_are_listed_and_linked_to_their_fields(page, site, one_seat):
    page.goto(site + "/register/")
    page.get_by_label("E-mail").fill("not-an-address")
    page.get_by_role("button", name="Register").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please correct the following:")
    expect(summary).to_be_focused()  # so a screen reader reads the errors first
    summary.get_by_role("link", name=re.compile("E-mail: Enter a valid email address")).click()
    expect(page.get_by_label("E-mail")).to_be_focused()
    expect(page.get_by_label("E-mail")).to_have_value("not-an-address")
    assert Registration.objects.count() == 0


def test_registration_form_fits_a_phone(browser, site, one_seat):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + "/register/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="test-artifacts/register-390.png", full_page=True)
    context.close()
