import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from registration import emails
from registration.models import Registration
from tests.factories import RegistrationFactory, TicketTypeFactory
from tests.helpers import text_of


@pytest.fixture
def registration(seeded):
    return RegistrationFactory(ticket_type__event=None, ticket_type=TicketTypeFactory(capacity=1))


@pytest.fixture
def waiting(registration):
    return RegistrationFactory(ticket_type=registration.ticket_type, status="waitlisted")


def manage_url(registration, name="manage"):
    return reverse(f"registration:{name}", kwargs={"token": registration.token})


def test_manage_page_shows_details_status_and_qr_ticket(client, registration):
    response = client.get(manage_url(registration))
    text = text_of(response)
    assert registration.full_name in text
    assert registration.reference in text
    assert "Confirmed" in text
    assert manage_url(registration, "manage_qr") in text
    assert response["Cache-Control"].startswith("private")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_qr_ticket_encodes_the_check_in_link_not_the_manage_link(client, registration):
    response = client.get(manage_url(registration, "manage_qr"))
    assert response["Content-Type"] == "image/svg+xml"
    checkin = emails.qr_svg("http://testserver" + registration.checkin_url())
    assert response.content == checkin
    assert response.content != emails.qr_svg("http://testserver" + manage_url(registration))


def test_waitlisted_page_has_no_qr_ticket(client, waiting):
    text = text_of(client.get(manage_url(waiting)))
    assert "On the waiting list" in text
    assert "ticket.svg" not in text
    assert client.get(manage_url(waiting, "manage_qr")).status_code == 404


def test_calendar_file_is_the_all_day_event(client, registration):
    response = client.get(manage_url(registration, "manage_calendar"))
    [entry] = Calendar.from_ical(response.content).walk("VEVENT")
    event = registration.event
    assert entry.decoded("dtstart") == timezone.localdate(event.start)  # a date: all day
    assert entry.decoded("dtend") == timezone.localdate(event.end)
    assert entry["location"] == "Songdo Convensia, Incheon, South Korea"


@pytest.mark.parametrize(
    "token",
    [
        "a" * 43,  # well-formed but unknown
        "CGT-7K2QX",  # a reference is not a token
        "../../admin",
        "%00" * 10,
    ],
)
def test_guessed_tokens_get_a_404(client, registration, token):
    assert client.get(f"/register/{token}/").status_code == 404
    assert client.post(f"/register/{token}/cancel/", {"confirm": "yes"}).status_code == 404


def test_cancel_asks_for_confirmation_then_promotes_the_waiting_list(
    client, registration, waiting, mailoutbox, deliver
):
    url = manage_url(registration, "manage_cancel")
    assert "Cancel your registration?" in text_of(client.get(url))

    unconfirmed = client.post(url, {}, follow=True)
    assert "Tick the box to confirm" in text_of(unconfirmed)
    registration.refresh_from_db()
    assert registration.status == "confirmed"

    with deliver:
        response = client.post(url, {"confirm": "yes"}, follow=True)
    assert "Your registration is cancelled." in text_of(response)
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert (registration.status, waiting.status) == ("cancelled", "confirmed")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([registration.email, waiting.email])


def test_cancelling_a_cancelled_registration_says_so(client, registration):
    registration.status = Registration.Status.CANCELLED
    registration.save()
    response = client.post(
        manage_url(registration, "manage_cancel"), {"confirm": "yes"}, follow=True
    )
    assert "already cancelled" in text_of(response)


def test_delete_my_data_erases_it_and_kills_the_link(client, registration):
    url = manage_url(registration, "manage_delete")
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert "Your personal data is deleted" in text_of(response)
    registration.refresh_from_db()
    assert registration.given_name == registration.family_name == ""
    assert registration.anonymized_at is not None
    assert client.get(manage_url(registration)).status_code == 404
