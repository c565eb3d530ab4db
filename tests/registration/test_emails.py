from datetime import time
from email import message_from_bytes

import pytest
from icalendar import Calendar

from registration.models import TicketType
from registration.services import registrations
from tests.factories import RegistrationFactory, kst


@pytest.fixture
def confirmed(seeded):
    return RegistrationFactory(ticket_type=TicketType.objects.get())


def sent(mailoutbox):
    [message] = mailoutbox
    return message, message_from_bytes(message.message().as_bytes())


def test_confirmation_has_text_html_qr_ticket_and_calendar(
    confirmed, mailoutbox, deliver, settings
):
    settings.SITE_URL = "https://cgt-eastasia.example"
    with deliver:
        registrations.registration_resend(registration=confirmed)
    message, parsed = sent(mailoutbox)
    manage_link = f"https://cgt-eastasia.example/register/{confirmed.token}/"

    assert message.subject == "Your ticket for Cell & Gene Therapy East Asia 2025"
    assert manage_link in message.body
    assert confirmed.reference in message.body
    parts = {part.get_content_type(): part for part in parsed.walk()}
    html = parts["text/html"].get_payload(decode=True).decode()
    assert manage_link in html
    assert 'src="cid:qr-ticket"' in html
    assert parts["image/png"]["Content-ID"] == "<qr-ticket>"
    assert parts["image/png"].get_payload(decode=True).startswith(b"\x89PNG")
    calendar = Calendar.from_ical(parts["text/calendar"].get_payload(decode=True))
    [entry] = calendar.walk("VEVENT")
    assert entry["summary"] == "Cell & Gene Therapy East Asia 2025"


def test_waiting_list_email_has_no_ticket(confirmed, mailoutbox, deliver):
    confirmed.status = "waitlisted"
    confirmed.save()
    with deliver:
        registrations.registration_resend(registration=confirmed)
    message, parsed = sent(mailoutbox)
    assert message.subject == "You are on the waiting list for Cell & Gene Therapy East Asia 2025"
    assert "image/png" not in {part.get_content_type() for part in parsed.walk()}
    assert "waiting list" in message.body


def test_cancellation_email_has_no_link_or_ticket(confirmed, mailoutbox, deliver):
    with deliver:
        registrations.registration_cancel(registration=confirmed)
    message, parsed = sent(mailoutbox)
    assert message.subject.endswith("is cancelled")
    assert confirmed.token not in message.body
    types = {part.get_content_type() for part in parsed.walk()}
    assert not types & {"image/png", "text/calendar"}


def test_confirmation_and_calendar_carry_the_times_organizers_set(confirmed, mailoutbox, deliver):
    event = confirmed.event
    event.start = kst(2025, 9, 25, 9)
    event.end = kst(2025, 9, 25, 18)
    event.doors_open = time(8, 30)
    event.save()
    with deliver:
        registrations.registration_resend(registration=confirmed)
    message, parsed = sent(mailoutbox)
    assert "When: 25 September 2025 · 09:00–18:00 KST, doors open 08:30" in message.body
    parts = {part.get_content_type(): part for part in parsed.walk()}
    assert (
        "09:00–18:00 KST, doors open 08:30" in parts["text/html"].get_payload(decode=True).decode()
    )
    [entry] = Calendar.from_ical(parts["text/calendar"].get_payload(decode=True)).walk("VEVENT")
    assert entry.decoded("dtstart") == kst(2025, 9, 25, 9)
    assert "Doors open 08:30 KST." in str(entry["description"])
