"""iCalendar files of the agenda, made with the icalendar library, in Korea time."""

import functools
from datetime import UTC, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from registration.identifiers import calendar_uid, event_guid, session_guid

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


def revised(*objects):
    """When the newest of the given objects last changed, in UTC: the time an entry built
    from them was last revised.

    It stands in for the clock in DTSTAMP. RFC 5545 (3.8.7.2): in an object with a METHOD,
    as ours have (PUBLISH), DTSTAMP is when that instance of the iCalendar object was
    created, and is there to "assist in the proper sequencing of messages"; without a
    METHOD it equals LAST-MODIFIED. A file built again from unchanged content is the same
    object served again, as a cache serves the bytes it kept, so it was created when its
    content last changed. DTSTAMP then moves forward exactly when the content does, the
    order sequencing needs, and a calendar's bytes (and so its ETag) stay the same in every
    worker until then; the clock would make every download look like a new version.
    LAST-MODIFIED (3.8.7.3: when the information was last revised) is the same moment. Both
    must be UTC."""
    return max(obj.updated for obj in objects if obj is not None).astimezone(UTC)


def session_revised(session, event):
    """When what a session's entry shows last changed: the session, its event (the place)
    or one of its speakers (their names)."""
    return revised(session, event, *(appearance.speaker for appearance in session.appearance_list))


def _session_event(session, event, *, base_url):
    names = ", ".join(appearance.speaker.name for appearance in session.appearance_list)
    description = "\n\n".join(part for part in (names, session.description) if part)
    entry = CalendarEvent()
    # The same UID in /agenda.ics, the session's own file and "My schedule", through any
    # host name: calendars then hold each session once (registration.identifiers).
    entry.add("uid", calendar_uid(session_guid(event, session.pk)))
    stamp = session_revised(session, event)
    entry.add("dtstamp", stamp)
    entry.add("last-modified", stamp)
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


def agenda_calendar(event, sessions, *, base_url, name=None):
    """The agenda, or the given part of it, as bytes of an .ics file: the same bytes for
    the same content (see revised)."""
    calendar = _calendar(name or (event.name if event else _("Agenda")))
    for session in sessions:
        calendar.add_component(_session_event(session, event, base_url=base_url))
    return _to_ical(calendar)


def session_calendar(session, *, base_url):
    """One session as bytes of an .ics file."""
    calendar = _calendar(session.event.name)
    calendar.add_component(_session_event(session, session.event, base_url=base_url))
    return _to_ical(calendar)


def event_calendar(event, *, url):
    """The event itself as an .ics file: an all-day entry when no times are set."""
    calendar = _calendar(event.name)
    entry = CalendarEvent()
    entry.add("uid", calendar_uid(event_guid(event)))
    entry.add("dtstamp", revised(event))
    entry.add("last-modified", revised(event))
    if event.is_all_day:
        # Dates (VALUE=DATE), which calendars show as whole days wherever the reader is;
        # DTEND is exclusive: the day after the last (RFC 5545, 3.6.1).
        first, last = event.days
        entry.add("dtstart", first)
        entry.add("dtend", last + timedelta(days=1))
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
