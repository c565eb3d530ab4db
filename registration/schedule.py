"""The programme as conference apps read it: the c3voc schedule JSON
(https://c3voc.de/schedule/schema.json) and the frab XML (schedule.xml.xsd), the two formats
pretalx and frab export and Giggity, ConfClerk, EventFahrplan and recording pipelines read.

``schedule_document`` builds the JSON document; ``schedule_xml`` writes the same document as
XML, so the two feeds cannot drift apart. Texts are in the active language (the URL's
prefix); identifiers are not: guids come from ``registration.identifiers`` (the event's own
UUID, never the host name) and slugs from the English title, so an app that follows the
schedule in Korean sees the same sessions as one that follows it in English.
"""

import hashlib
import re
import xml.etree.ElementTree as ET
from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.urls import reverse_cached
from registration import identifiers
from registration.models import Session

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
GENERATOR = "cgt_event"
TIME_ZONE_NAME = "Asia/Seoul"
# The grid step apps draw the day on; our sessions start on five-minute marks, as pretalx's.
TIMESLOT_DURATION = "00:05"
# The English msgid of the agenda's label for a session without a room.
MAIN_HALL = "Main hall"
# XML 1.0 forbids these characters even as references; a title pasted from a word processor
# can carry one (a form feed), and the JSON keeps it escaped, so only the XML drops them.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def acronym(event):
    """The event's slug as the schema's acronym: lower-case letters, digits and underscores
    (its pattern allows a hyphen only before a year suffix), at least four characters."""
    value = re.sub(r"[^a-z0-9_]", "_", event.slug.lower())
    return value.ljust(4, "_")


def session_slug(event, session):
    """frab's slug: the acronym, the session's id and its English title
    ("cgt_east_asia_2025-12-opening-keynote"), which both the JSON pattern and the XSD's
    voc-slug-new accept. The title part is left out when it has fewer than two Latin letters
    or digits (a title in Hangul only)."""
    title = slugify(session.title_en or "")[:60].strip("-_")
    if len(title) < 2:
        return f"{acronym(event)}-session-{session.pk}"
    return f"{acronym(event)}-{session.pk}-{title}"


def _hhmm(delta):
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _event_days(event, sessions):
    """The event's dates in Korea time, plus any date a session falls on outside them (a
    session entered on the wrong day still reaches the apps)."""
    first, last = event.days
    dates = {first + timedelta(days=n) for n in range((last - first).days + 1)}
    dates.update(timezone.localdate(session.start) for session in sessions)
    return sorted(dates)


def _day_bounds(day, event, day_sessions):
    """When the day's programme runs: from its first start to its last end; a day without
    sessions spans the event's hours on that day (midnight to midnight when all day)."""
    if day_sessions:
        return (
            min(session.start for session in day_sessions),
            max(session.end for session in day_sessions),
        )
    midnight = timezone.make_aware(datetime.combine(day, time(0)))
    return max(event.start, midnight), min(event.end, midnight + timedelta(days=1))


def _version(event, sessions):
    """The schedule's version: the day of its latest change and a digest of what it holds
    (each session's and speaker's id and update time), so a change or a deletion gives a
    new version, and the same content the same version in every language and host."""
    parts = [f"event {event.pk} {event.updated.isoformat()}"]
    latest = event.updated
    for session in sessions:
        parts.append(f"session {session.pk} {session.updated.isoformat()}")
        latest = max(latest, session.updated)
        for appearance in session.appearance_list:
            speaker = appearance.speaker
            parts.append(f"speaker {speaker.pk} {appearance.role} {speaker.updated.isoformat()}")
            latest = max(latest, speaker.updated)
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=5).hexdigest()
    return f"{timezone.localdate(latest).isoformat()}.{digest}"


def _room_name(session):
    return session.room or _(MAIN_HALL)


def _person(event, speaker, absolute):
    # The schema's Person must match exactly one of FrabPerson (public_name and id) and
    # PretalxPerson (name): giving name, id and public_name together matches both and fails.
    # We give name and id, as pretalx gives name and public_name without id.
    photo = speaker.photo_thumbnail or speaker.photo
    return {
        "guid": str(identifiers.speaker_guid(event, speaker.pk)),
        "id": speaker.pk,
        "name": speaker.name,
        "avatar": absolute(photo.url) if photo else None,
        "biography": speaker.bio or None,
        "url": absolute(speaker.get_absolute_url()),
    }


def _event(event, session, room_name, absolute):
    start = timezone.localtime(session.start)
    return {
        "guid": str(identifiers.session_guid(event, session.pk)),
        "id": session.pk,
        "logo": None,
        "date": start.isoformat(),
        "start": f"{start:%H:%M}",
        "end": timezone.localtime(session.end).isoformat(),
        "duration": _hhmm(session.end - session.start),
        "room": room_name,
        "slug": session_slug(event, session),
        "url": absolute(session.get_absolute_url()),
        "title": session.title,
        "subtitle": "",
        "track": session.get_kind_display(),
        "type": session.kind,
        # The spoken language as a BCP 47 code ("ko"); null when not announced.
        "language": session.language or None,
        "abstract": "",
        "description": session.description or None,
        "persons": [
            _person(event, appearance.speaker, absolute) for appearance in session.appearance_list
        ],
        "links": [],
        "attachments": [],
    }


def schedule_document(event, sessions, *, absolute):
    """The c3voc schedule JSON of `event` and its `sessions` (in time order, with their
    appearance_list), as a dict for json.dumps. `absolute` turns a path into an absolute URL
    (request.build_absolute_uri). Reads nothing from the database."""
    sessions = list(sessions)
    rooms = {}  # room name in this language -> guid, the main hall first, then by name
    for session in sorted(sessions, key=lambda s: (bool(s.room_en), _room_name(s))):
        rooms.setdefault(
            _room_name(session),
            identifiers.room_guid(event, session.room_en or MAIN_HALL),
        )
    room_order = {name: position for position, name in enumerate(rooms)}
    days = []
    for index, day in enumerate(_event_days(event, sessions), start=1):
        day_sessions = [s for s in sessions if timezone.localdate(s.start) == day]
        day_start, day_end = _day_bounds(day, event, day_sessions)
        by_room = {}
        for session in sorted(day_sessions, key=lambda s: room_order[_room_name(s)]):
            name = _room_name(session)
            by_room.setdefault(name, []).append(_event(event, session, name, absolute))
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": timezone.localtime(day_start).isoformat(),
                "day_end": timezone.localtime(day_end).isoformat(),
                "rooms": by_room,
            }
        )
    present_kinds = {session.kind for session in sessions}
    conference = {
        "acronym": acronym(event),
        "title": event.name,
        "start": days[0]["date"],
        "end": days[-1]["date"],
        "daysCount": len(days),
        "timeslot_duration": TIMESLOT_DURATION,
        "time_zone_name": TIME_ZONE_NAME,
        "url": absolute(reverse("home")),
        "tracks": [
            {"name": str(label), "slug": value}
            for value, label in Session.Kind.choices
            if value in present_kinds
        ],
        "rooms": [{"name": name, "guid": str(guid)} for name, guid in rooms.items()],
        "days": days,
    }
    if event.tagline:
        conference["description"] = event.tagline
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": GENERATOR, "url": absolute("/")},
        "schedule": {
            "version": _version(event, sessions),
            "base_url": absolute("/"),
            "url": absolute(reverse_cached("registration:agenda")),
            "conference": conference,
        },
    }


def _text(value):
    return XML_FORBIDDEN.sub("", str(value))


def _element(parent, tag, text=None, **attributes):
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def schedule_xml(document, *, url):
    """The frab schedule.xml of a schedule_document(), as UTF-8 bytes; `url` is where the
    XML itself is served. Elements come in the XSD's order."""
    schedule = document["schedule"]
    conference = schedule["conference"]
    root = ET.Element("schedule")
    _element(root, "generator", name=document["generator"]["name"])
    _element(root, "url", url)
    _element(root, "version", schedule["version"])
    head = _element(root, "conference")
    _element(head, "title", conference["title"])
    _element(head, "acronym", conference["acronym"])
    _element(head, "start", conference["start"])
    _element(head, "end", conference["end"])
    _element(head, "days", conference["daysCount"])
    _element(head, "timeslot_duration", conference["timeslot_duration"])
    _element(head, "base_url", schedule["base_url"])
    _element(head, "url", conference["url"])
    _element(head, "time_zone_name", conference["time_zone_name"])
    for track in conference["tracks"]:
        _element(head, "track", track["name"], name=track["name"], slug=track["slug"])
    guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        day_element = _element(
            root,
            "day",
            index=day["index"],
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for room_name, events in day["rooms"].items():
            room = _element(day_element, "room", name=room_name, guid=guids[room_name])
            for event in events:
                _xml_event(room, event)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _xml_event(room, event):
    element = _element(room, "event", guid=event["guid"], id=event["id"])
    for tag in ("room", "title", "subtitle", "type", "date", "start", "duration"):
        _element(element, tag, event[tag])
    _element(element, "abstract", event["abstract"] or "")
    _element(element, "slug", event["slug"])
    _element(element, "track", event["track"] or "")
    persons = _element(element, "persons")
    for person in event["persons"]:
        _element(persons, "person", person["name"], id=person["id"], guid=person["guid"])
    if event["language"]:
        _element(element, "language", event["language"])
    _element(element, "description", event["description"] or "")
    _element(element, "links")
    _element(element, "attachments")
    _element(element, "url", event["url"])
