"""iCalendar files of the agenda, made with the icalendar library, in Korea time."""

import functools
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

PRODID = "-//cgt_event//Conference agenda//EN"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Seoul")
    return calendar


@functools.cache
def _timezone(tzid):
    """The VTIMEZONE of a zone (Asia/Seoul): icalendar works it out from every UTC offset
    between 1970 and 2038, about 20 ms a file; the rules do not change while we run."""
    return Timezone.from_tzid(tzid)


def _to_ical(calendar):
    """The calendar's bytes, with the VTIMEZONE of each zone its times use first, as
    Calendar.add_missing_timezones() puts them."""
    for position, tzid in enumerate(sorted(calendar.get_missing_tzids())):
        calendar.subcomponents.insert(position, _timezone(tzid))
    return calendar.to_ical()


def _session_event(session, event, *, domain, base_url):
    names = ", ".join(appearance.speaker.name for appearance in session.appearance_list)
    description = "\n\n".join(part for part in (names, session.description) if part)
    entry = CalendarEvent()
    entry.add("uid", f"session-{session.pk}@{domain}")
    entry.add("dtstamp", datetime.now(UTC))
    # Korea time with its zone, so every calendar app shows 09:30 KST as 09:30 KST.
    entry.add("dtstart", timezone.localtime(session.start))
    entry.add("dtend", timezone.localtime(session.end))
    entry.add("summary", session.title)
    if description:
        entry.add("description", description)
    location = ", ".join(part for part in (session.room, event.location) if part)
    entry.add("location", location)
    entry.add("url", base_url + session.get_absolute_url())
    entry.add("categories", [session.get_kind_display()])
    return entry


def agenda_calendar(event, sessions, *, domain, base_url, name=None):
    """The agenda, or the given part of it, as bytes of an .ics file."""
    calendar = _calendar(name or (event.name if event else _("Agenda")))
    for session in sessions:
        calendar.add_component(_session_event(session, event, domain=domain, base_url=base_url))
    return _to_ical(calendar)


def session_calendar(session, *, domain, base_url):
    """One session as bytes of an .ics file."""
    calendar = _calendar(session.event.name)
    calendar.add_component(_session_event(session, session.event, domain=domain, base_url=base_url))
    return _to_ical(calendar)


def event_calendar(event, *, url):
    """The event itself as an .ics file: an all-day entry when no times are set."""
    calendar = _calendar(event.name)
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@{urlsplit(settings.SITE_URL).hostname}")
    entry.add("dtstamp", datetime.now(UTC))
    if event.is_all_day:
        entry.add("dtstart", timezone.localtime(event.start).date())
        entry.add("dtend", timezone.localtime(event.end).date())
    else:
        entry.add("dtstart", timezone.localtime(event.start))
        entry.add("dtend", timezone.localtime(event.end))
    entry.add("summary", event.name)
    doors = (
        _("Doors open %(time)s KST.") % {"time": f"{event.doors_open:%H:%M}"}
        if event.doors_open
        else ""
    )
    description = "\n\n".join(part for part in (event.tagline, doors) if part)
    if description:
        entry.add("description", description)
    entry.add("location", event.location)
    entry.add("url", url)
    calendar.add_component(entry)
    return _to_ical(calendar)


def event_filename(event):
    """The event's calendar file name, from its slug: "cgt-east-asia-2025.ics"."""
    return f"{event.slug}.ics"


def agenda_filename(event):
    return f"{event.slug}-agenda.ics" if event else "agenda.ics"
