"""The Event row organizers edit is the only source of the event's name, dates and venue:
after an edit in the admin, no page, e-mail or calendar file shows the old ones."""

import re
from email import message_from_bytes

import pytest
from django.urls import reverse

from registration.models import Event, Session, Speaker, TicketType
from registration.services import registrations
from tests.factories import RegistrationFactory, kst
from tests.helpers import text_of

OLD_FACTS = [
    "Cell & Gene Therapy East Asia 2025",
    "CGT East Asia 2025",
    "Songdo",
    "Incheon",
    "25 September 2025",
    "2025-09-25",
    "20250925",
]
NEW = {
    "name_en": "Asia Cell Therapy Forum 2026",
    "short_name_en": "ACTF 2026",
    "venue_en": "COEX",
    "city_en": "Seoul",
}


@pytest.fixture
def moved_event(seeded, organizer, django_capture_on_commit_callbacks):
    """The seeded event with a session and a registration, then renamed and moved to Seoul
    by an organizer through the admin's change form."""
    event = Event.objects.get()
    session = Session.objects.create(
        event=event,
        title="Opening keynote",
        start=kst(2026, 10, 14, 9, 30),
        end=kst(2026, 10, 14, 10),
    )
    session.appearances.create(speaker=Speaker.objects.get(slug="phil-huang"))
    registration = RegistrationFactory(ticket_type=TicketType.objects.get())
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer.post(
            reverse("admin:registration_event_change", args=[event.pk]),
            {
                "slug": event.slug,
                "tagline_en": event.tagline,
                "description_en": "",
                "country_en": event.country,
                "start_0": "2026-10-14",
                "start_1": "00:00:00",
                "end_0": "2026-10-16",
                "end_1": "00:00:00",
                "contact_email": "",
                "organizer_name": "",
                "organizer_address": "",
                "next_edition_url": "",
                "vat_rate": "0",
                **NEW,
            },
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    organizer.logout()
    return session, registration


PAGES = [
    "/",
    "/landscape/",
    "/landscape/south-korea/",
    "/landscape/companies/",
    "/landscape/companies/stemcyte/",
    "/speakers/",
    "/speakers/phil-huang/",
    "/agenda/",
    "/register/",
    "/register/thanks/",
    "/privacy/",
    "/no-such-page/",
]


# Tables and charts cite the landscape report their figures come from ("Source: CGT East
# Asia 2025 landscape"): a citation keeps the report's name when the event is renamed.
CITATION = re.compile(r'<span class="source-line[^"]*">.*?</span>', re.DOTALL)


def assert_no_old_facts(text, where):
    text = CITATION.sub("", text)
    for fact in OLD_FACTS:
        assert fact not in text, (where, fact)


def test_no_public_page_shows_the_old_name_or_venue(client, moved_event):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code in (200, 404)
        assert_no_old_facts(text_of(response), path)
    home = text_of(client.get("/"))
    assert "ACTF 2026" in home  # the navbar's short name
    assert "Asia Cell Therapy Forum 2026" in home
    assert "COEX, Seoul, South Korea" in home
    assert "14–15 October 2026" in home  # the whole-day convention: ends at midnight


def test_no_calendar_file_or_feed_shows_the_old_name_or_venue(client, moved_event):
    session, registration = moved_event
    files = {
        "agenda.ics": client.get(reverse("registration:agenda_ics")),
        "agenda.json": client.get(reverse("registration:agenda_json")),
        "session.ics": client.get(reverse("registration:session_ics", args=[session.pk])),
        "event.ics": client.get(
            reverse("registration:manage_calendar", kwargs={"token": registration.token})
        ),
    }
    for name, response in files.items():
        assert response.status_code == 200
        body = response.content.decode().replace("\r\n ", "")  # unfold iCalendar lines
        assert_no_old_facts(body, name)
        assert_no_old_facts(response.get("Content-Disposition", ""), name)
    assert "COEX" in files["session.ics"].content.decode()


def test_no_email_shows_the_old_name_or_venue(moved_event, mailoutbox, deliver):
    _session, registration = moved_event
    with deliver:
        registrations.registration_resend(registration=registration)
    [message] = mailoutbox
    raw = message.message().as_bytes()
    parsed = message_from_bytes(raw)
    parts = [
        part.get_payload(decode=True).decode()
        for part in parsed.walk()
        if part.get_content_maintype() == "text"
    ]
    for text in [message.subject, message.from_email, *parts]:
        assert_no_old_facts(text.replace("\r\n ", ""), text[:40])
    assert message.subject == "Your ticket for Asia Cell Therapy Forum 2026"
    assert message.from_email.startswith("Asia Cell Therapy Forum 2026 <")
    assert "See you in Seoul" in message.body


def test_the_layout_reads_the_event_through_the_cache(client, seeded, django_assert_num_queries):
    client.get("/privacy/")  # warms the cache
    with django_assert_num_queries(0):
        assert client.get("/privacy/").status_code == 200


def test_saving_the_event_anywhere_refreshes_the_layout(
    client, seeded, django_capture_on_commit_callbacks
):
    client.get("/privacy/")
    with django_capture_on_commit_callbacks(execute=True):
        Event.objects.get().save()  # as a shell or an import would: no admin involved
        event = Event.objects.get()
        event.short_name = "Renamed"
        event.save()
    assert "Renamed" in text_of(client.get("/privacy/"))


def test_pages_read_well_before_any_event_exists(client, db):
    for path in ["/", "/speakers/", "/agenda/", "/register/", "/privacy/", "/landscape/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        text = text_of(response)
        assert "None" not in text, path
        assert "Cell & gene therapy in East Asia" in text, path
