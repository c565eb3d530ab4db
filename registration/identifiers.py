"""Stable identifiers for the programme, for calendars and conference apps.

Each event carries a random UUID of its own (``Event.uid``); its sessions and speakers get
name-based UUIDs (version 5) inside it, so the same session has the same identifier in
``/agenda.ics``, its own ``.ics``, "My schedule", e-mails and the schedule feeds, through
whichever host name the site was reached, and two events (or two installations of this
site) never share one. This is how pretalx makes its guids: a UUID5 from an identifier
that belongs to the instance, not to the request.
"""

import uuid


def event_guid(event):
    return event.uid


def session_guid(event, session_pk):
    return uuid.uuid5(event.uid, f"session/{session_pk}")


def speaker_guid(event, speaker_pk):
    return uuid.uuid5(event.uid, f"speaker/{speaker_pk}")


def room_guid(event, name):
    """A room's guid, from its English name (the agenda's label "Main hall" for a session
    without a room), so the room keeps it in every language of the schedule feeds."""
    return uuid.uuid5(event.uid, f"room/{name}")


def calendar_uid(guid):
    """An iCalendar UID: the UUID itself, as RFC 7986 (section 5.3) recommends."""
    return str(guid)
