"""Calendar entries keep one identity: a session or the event has the same UID in every file
and e-mail, through every host name the site answers to, and a file's bytes stay the same
until its content changes."""

from datetime import UTC, datetime
from email import message_from_bytes

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from registration.identifiers import event_guid, session_guid
from registration.models import Session, Speaker, TicketType
from registration.services import registrations
from tests.factories import RegistrationFactory, build_event, kst

HOSTS = ("localhost", "127.0.0.1:8340")


@pytest.fixture
def panel(keynote):
    return Session.objects.create(
        event=keynote.event,
        title="Manufacturing panel",
        kind=Session.Kind.PANEL,
        start=kst(2025, 9, 25, 11),
        end=kst(2025, 9, 25, 12),
    )


def feed_urls(keynote, panel):
    return {
        "agenda": reverse("registration:agenda_ics"),
        "session": reverse("registration:session_ics", kwargs={"pk": keynote.pk}),
        "my schedule": reverse("registration:my_schedule_ics") + f"?s={keynote.pk},{panel.pk}",
    }


def uids(content):
    return [str(entry["uid"]) for entry in Calendar.from_ical(content).walk("VEVENT")]


def email_calendar(mailoutbox):
    message = message_from_bytes(mailoutbox[-1].message().as_bytes())
    [part] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    return part.get_payload(decode=True)


def test_calendar_uids_are_the_same_through_every_host_name(client, keynote, panel):
    for name, url in feed_urls(keynote, panel).items():
        first, second = (uids(client.get(url, HTTP_HOST=host).content) for host in HOSTS)
        assert first == second, name
        assert all("localhost" not in uid and "127.0.0.1" not in uid for uid in first), name


def test_a_session_has_one_uid_in_every_calendar(client, keynote, panel):
    event = keynote.event
    expected = [str(session_guid(event, keynote.pk)), str(session_guid(event, panel.pk))]
    urls = feed_urls(keynote, panel)
    assert uids(client.get(urls["agenda"]).content) == expected
    assert uids(client.get(urls["my schedule"]).content) == expected
    assert uids(client.get(urls["session"]).content) == expected[:1]


def test_the_event_has_one_uid_in_the_attendees_file_and_the_email(
    client, seeded, mailoutbox, deliver, settings
):
    registration = RegistrationFactory(ticket_type=TicketType.objects.get())
    settings.SITE_URL = "https://cgt-eastasia.example"
    with deliver:
        registrations.registration_resend(registration=registration)
    url = reverse("registration:manage_calendar", kwargs={"token": registration.token})
    in_files = [uids(client.get(url, HTTP_HOST=host).content) for host in HOSTS]
    assert in_files == [[str(event_guid(registration.event))]] * 2
    assert uids(email_calendar(mailoutbox)) == in_files[0]


def test_two_renders_of_the_same_calendar_are_the_same_bytes(client, keynote, panel):
    for name, url in feed_urls(keynote, panel).items():
        assert client.get(url).content == client.get(url).content, name


def test_dtstamp_is_when_the_entrys_content_last_changed(client, keynote):
    """Not the clock: the newest update of the session, its event and its speakers."""
    event = keynote.event
    long_ago = datetime(2025, 8, 1, 3, 4, 5, tzinfo=UTC)
    Session.objects.update(updated=long_ago)
    Speaker.objects.update(updated=long_ago)
    type(event).objects.update(updated=datetime(2025, 7, 1, tzinfo=UTC))
    url = reverse("registration:session_ics", kwargs={"pk": keynote.pk})
    [entry] = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert entry.decoded("dtstamp") == long_ago
    assert entry.decoded("last-modified") == long_ago
    assert b"DTSTAMP:20250801T030405Z" in client.get(url).content

    speaker = Speaker.objects.get(slug="phil-huang")
    speaker.name = "Phil C. Huang"
    speaker.save()
    [entry] = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert "Phil C. Huang" in entry["description"]
    assert entry.decoded("dtstamp") == speaker.updated.replace(microsecond=0)
    assert entry.decoded("dtstamp") > long_ago


def test_the_event_entrys_dtstamp_is_the_events_update(client, seeded, mailoutbox, deliver):
    registration = RegistrationFactory(ticket_type=TicketType.objects.get())
    event = registration.event
    type(event).objects.update(updated=datetime(2025, 8, 1, 3, 4, 5, tzinfo=UTC))
    url = reverse("registration:manage_calendar", kwargs={"token": registration.token})
    first = client.get(url).content
    assert b"DTSTAMP:20250801T030405Z" in first
    assert client.get(url).content == first
    with deliver:
        registrations.registration_resend(registration=registration)
    assert b"DTSTAMP:20250801T030405Z" in email_calendar(mailoutbox)


# --- constant query counts at two data sizes ------------------------------------------------


@pytest.fixture(params=[1, 50], ids=["1x", "50x"])
def event(request, db):
    return build_event(request.param)


def test_session_and_my_schedule_calendars_query_count(
    client, page_language, warm_event, event, django_assert_num_queries
):
    sessions = list(event.sessions.values_list("pk", flat=True))
    with translation.override(page_language):
        urls = [
            reverse("registration:session_ics", kwargs={"pk": sessions[0]}),
            reverse("registration:my_schedule_ics") + "?s=" + ",".join(map(str, sessions)),
        ]
    for url in urls:
        warm_event()
        # The sessions, their speakers.
        with translation.override(page_language), django_assert_num_queries(2):
            assert client.get(url).status_code == 200
