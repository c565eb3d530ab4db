"""An event without set times is a whole day (or days) in every calendar, wherever the reader
is: dates (VALUE=DATE), DTEND the day after the last, never a timed midnight block that a
calendar in Central Europe shows from 17:00 the day before."""

from datetime import date, time
from email import message_from_bytes

import pytest
from django.urls import reverse
from icalendar import Calendar

from registration.models import Event, TicketType
from registration.services import registrations
from registration.templatetags.event_tags import event_dates, event_times
from tests.factories import RegistrationFactory, kst


@pytest.fixture
def registration(seeded):
    return RegistrationFactory(ticket_type=TicketType.objects.get())


def set_times(event, start, end):
    event.start, event.end = start, end
    event.save()


def lines(content):
    """A calendar's content lines (the e-mail's text part comes back with bare newlines)."""
    return content.decode().splitlines()


def emailed_calendar(registration, mailoutbox, deliver):
    """The .ics the worker attaches to a confirmation, as bytes."""
    with deliver:
        registrations.registration_resend(registration=registration)
    message = message_from_bytes(mailoutbox[-1].message().as_bytes())
    [part] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    return part.get_payload(decode=True)


def test_the_seeded_event_is_all_day_in_the_email(registration, mailoutbox, deliver):
    """The seed's event runs from midnight to midnight in Korea time: 25 September."""
    content = emailed_calendar(registration, mailoutbox, deliver)
    assert "DTSTART;VALUE=DATE:20250925" in lines(content)
    assert "DTEND;VALUE=DATE:20250926" in lines(content)
    [entry] = Calendar.from_ical(content).walk("VEVENT")
    assert (entry.decoded("dtstart"), entry.decoded("dtend")) == (
        date(2025, 9, 25),
        date(2025, 9, 26),
    )
    assert b"VTIMEZONE" not in content  # nothing in it is a time of day


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        # A whole day typed as ending a minute (or a second) before midnight.
        (kst(2025, 9, 25), kst(2025, 9, 25, 23, 59), (date(2025, 9, 25), date(2025, 9, 26))),
        (
            kst(2025, 9, 25),
            kst(2025, 9, 25, 23, 59, 59),
            (date(2025, 9, 25), date(2025, 9, 26)),
        ),
        # Two days, midnight to midnight: DTEND is the day after the last.
        (kst(2025, 9, 25), kst(2025, 9, 27), (date(2025, 9, 25), date(2025, 9, 27))),
        (kst(2025, 9, 25), kst(2025, 9, 26, 23, 59), (date(2025, 9, 25), date(2025, 9, 27))),
    ],
)
def test_an_event_without_times_is_all_day_in_the_email_and_the_attendees_file(
    client, registration, mailoutbox, deliver, start, end, days
):
    set_times(registration.event, start, end)
    url = reverse("registration:manage_calendar", kwargs={"token": registration.token})
    for content in (emailed_calendar(registration, mailoutbox, deliver), client.get(url).content):
        assert f"DTSTART;VALUE=DATE:{days[0]:%Y%m%d}" in lines(content)
        assert f"DTEND;VALUE=DATE:{days[1]:%Y%m%d}" in lines(content)


def test_an_event_with_times_stays_timed_in_korea_time(registration, mailoutbox, deliver):
    set_times(registration.event, kst(2025, 9, 25, 9), kst(2025, 9, 25, 23, 59))
    content = emailed_calendar(registration, mailoutbox, deliver)
    assert "DTSTART;TZID=Asia/Seoul:20250925T090000" in lines(content)
    assert "DTEND;TZID=Asia/Seoul:20250925T235900" in lines(content)


def test_a_whole_day_ending_at_2359_reads_as_a_day_without_times(db):
    event = Event(start=kst(2025, 9, 25), end=kst(2025, 9, 25, 23, 59), doors_open=time(8, 30))
    assert event.is_all_day
    assert event.programme_times is None
    assert event.days == (date(2025, 9, 25), date(2025, 9, 25))
    assert event_dates(event) == "25 September 2025"
    assert event_times(event) == "doors open 08:30"  # not "00:00–23:59 KST"
    event.start = kst(2025, 9, 25, 0, 30)
    assert not event.is_all_day
