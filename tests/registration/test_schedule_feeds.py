"""The schedule feeds conference apps read: /agenda/schedule.json against the c3voc schedule
schema (validator/json/schema.json in github.com/voc/schedule) and /agenda/schedule.xml
against the frab XSD (validator/xsd/schedule.xml.xsd there).

The checks below are written from reading those two files, rule by rule, rather than by
copying them in: each object's required keys, the keys it allows where the schema closes
it (additionalProperties: false), the types, and the patterns and formats of its values."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from registration import identifiers
from registration.models import Event, Session, SessionSpeaker, Speaker
from tests.factories import EventFactory, SessionFactory, SpeakerFactory, build_event, kst

# --- the c3voc schedule JSON schema, as checks ----------------------------------------------


def is_str(value):
    return isinstance(value, str)


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_str_or_null(value):
    return value is None or isinstance(value, str)


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


def is_uuid(value):
    # "format": "uuid": the RFC 4122 hyphenated form.
    return is_str(value) and UUID.match(value) is not None


def is_uri(value):
    # "format": "uri": an absolute URI (scheme and host), as apps resolve nothing.
    parts = urlsplit(value) if is_str(value) else None
    return bool(parts and parts.scheme in ("http", "https") and parts.netloc)


DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _parses(parse, value):
    try:
        parse(value)
    except ValueError:
        return False
    return True


def is_date_time(value):
    # "format": "date-time" is RFC 3339: a date, a time and an offset.
    return is_str(value) and bool(DATE_TIME.match(value)) and _parses(datetime.fromisoformat, value)


def is_date(value):
    return (
        is_str(value)
        and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
        and _parses(date.fromisoformat, value)
    )


def matches(pattern):
    # JSON Schema patterns are not anchored; the schema's own carry ^ and $ where it wants.
    return lambda value: is_str(value) and re.search(pattern, value) is not None


SLUG = r"^[a-z0-9_-]+[a-z0-9]$"


def array_of(check):
    return lambda value: isinstance(value, list) and all(check(item) for item in value)


def check_object(value, spec, where):
    """Check `value` against `spec`: required keys, allowed keys when closed, each value's
    check. Returns a list of problems, empty when it conforms."""
    if not isinstance(value, dict):
        return [f"{where}: not an object"]
    problems = [f"{where}: {key!r} missing" for key in spec["required"] if key not in value]
    if spec.get("closed"):
        allowed = set(spec["properties"])
        problems += [f"{where}: {key!r} not allowed" for key in value if key not in allowed]
    for key, check in spec["properties"].items():
        if key in value and not check(value[key]):
            problems.append(f"{where}.{key}: {value[key]!r} does not conform")
    return problems


REFERENCE = {
    "required": ["url"],
    "closed": True,
    "properties": {
        "type": lambda value: (
            value
            in ("slides", "paper", "web", "blog", "article", "media", "related", "activitypub")
        ),
        "url": is_uri,
        "title": is_str,
    },
}


def is_reference(value):
    return not check_object(value, REFERENCE, "reference")


PERSON = {
    "required": [],
    "properties": {
        "name": is_str,
        "guid": is_uuid,
        "id": is_int,
        "url": is_uri,
        "links": array_of(is_reference),
        "public_name": is_str,
    },
}
FRAB_PERSON = {
    "required": ["public_name", "id"],
    "properties": {"id": is_int, "public_name": is_str},
}
PRETALX_PERSON = {
    "required": ["name"],
    "properties": {
        "code": matches(r"^[A-Z0-9]+$"),
        "name": is_str,
        "avatar": lambda value: value is None or is_uri(value),
        "biography": is_str_or_null,
    },
}


def person_problems(value, where):
    problems = check_object(value, PERSON, where)
    # "oneOf": exactly one of the two shapes, so a person with name, id and public_name
    # (both shapes) is as wrong as one with neither.
    shapes = [not check_object(value, shape, where) for shape in (FRAB_PERSON, PRETALX_PERSON)]
    if shapes.count(True) != 1:
        problems.append(f"{where}: matches {shapes.count(True)} of FrabPerson, PretalxPerson")
    return problems


EVENT = {
    "required": [
        "abstract",
        "date",
        "duration",
        "guid",
        "id",
        "language",
        "links",
        "persons",
        "room",
        "slug",
        "start",
        "subtitle",
        "title",
        "track",
        "type",
        "url",
    ],
    "closed": True,
    "properties": {
        "guid": is_uuid,
        "code": matches(r"^[A-Z0-9]+$"),
        "id": lambda value: is_int(value) and value >= 1,
        "logo": lambda value: value is None or value == "" or is_uri(value),
        "date": is_date_time,
        "start": matches(r"^(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]$"),
        "end": is_date_time,
        "duration": matches(r"^[0-9]+:[0-9]{2}$"),
        "room": is_str,
        "slug": matches(SLUG),
        "url": is_uri,
        "title": is_str,
        "subtitle": is_str_or_null,
        "track": is_str_or_null,
        "type": is_str,
        "language": is_str_or_null,
        "abstract": is_str_or_null,
        "description": is_str_or_null,
        "recording_license": is_str,
        "do_not_record": lambda value: value is None or isinstance(value, bool),
        "do_not_stream": lambda value: value is None or isinstance(value, bool | str),
        "persons": lambda value: isinstance(value, list),  # each checked as a Person below
        "links": array_of(is_reference),
        "feedback_url": is_uri,
        "origin_url": is_uri,
        "attachments": array_of(is_reference),
    },
}
DAY = {
    "required": ["date", "day_end", "day_start", "index", "rooms"],
    "closed": True,
    "properties": {
        "index": is_int,
        "date": is_date,
        "day_start": is_date_time,
        "day_end": is_date_time,
        "rooms": lambda value: (
            isinstance(value, dict) and all(isinstance(events, list) for events in value.values())
        ),
    },
}
ROOM = {
    "required": ["name", "guid"],
    "closed": True,
    "properties": {
        "name": is_str,
        "slug": matches(SLUG),
        "type": lambda value: (
            value
            in (
                "lecturehall",
                "stage",
                "workshop",
                "outside",
                "online",
                "project",
                "bbb",
                "hangar",
                "other",
            )
        ),
        "guid": is_uuid,
        "stream_id": is_str_or_null,
        "description": lambda value: value is None or isinstance(value, str | dict),
        "capacity": lambda value: value is None or isinstance(value, int | float),
        "url": is_uri,
        "features": lambda value: isinstance(value, dict),
        "assembly": lambda value: isinstance(value, dict),
    },
}
TRACK = {
    "required": [],
    "properties": {"name": is_str, "slug": matches(SLUG), "color": is_str},
}
CONFERENCE = {
    "required": ["title", "acronym", "days", "daysCount", "start", "end", "timeslot_duration"],
    "closed": True,
    "properties": {
        "acronym": matches(r"^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$"),
        "title": is_str,
        "description": is_str,
        "start": lambda value: is_date(value) or is_date_time(value),
        "end": lambda value: is_date(value) or is_date_time(value),
        "daysCount": is_int,
        "timeslot_duration": is_str,
        "time_zone_name": matches(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$"),
        "logo": is_uri,
        "colors": lambda value: isinstance(value, dict),
        "keywords": array_of(is_str),
        "url": is_uri,
        "tracks": array_of(lambda track: not check_object(track, TRACK, "track")),
        "rooms": array_of(lambda room: not check_object(room, ROOM, "room")),
        "meta": lambda value: isinstance(value, dict),
        "days": lambda value: isinstance(value, list),  # each checked as a Day below
    },
}
SCHEDULE = {
    "required": ["conference", "version"],
    "properties": {
        "version": is_str,
        "base_url": is_uri,
        "conference": lambda value: isinstance(value, dict),
        # "rooms": false: rooms belong to the conference, never to the schedule.
        "rooms": lambda value: False,
    },
}
TOP = {
    "required": ["schedule"],
    "closed": True,
    "properties": {
        "schedule": lambda value: isinstance(value, dict),
        "$schema": is_str,
        "generator": lambda value: (
            not check_object(
                value,
                {"required": [], "properties": {"name": is_str, "version": is_str, "url": is_uri}},
                "generator",
            )
        ),
    },
}


def schedule_json_problems(document):
    """Every way `document` breaks the c3voc schedule schema; empty when valid."""
    problems = check_object(document, TOP, "$")
    schedule = document.get("schedule", {})
    problems += check_object(schedule, SCHEDULE, "schedule")
    conference = schedule.get("conference", {})
    problems += check_object(conference, CONFERENCE, "conference")
    for day in conference.get("days", []):
        where = f"day {day.get('index')}"
        problems += check_object(day, DAY, where)
        for room, events in day.get("rooms", {}).items():
            for event in events:
                event_where = f"{where} {room} event {event.get('id')}"
                problems += check_object(event, EVENT, event_where)
                for person in event.get("persons", []):
                    problems += person_problems(person, f"{event_where} person")
    return problems


def events_of(document):
    return [
        event
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]


def test_the_checker_finds_what_the_schema_forbids():
    """The checks can fail: a document as our own /agenda.json shapes it, and one with each
    kind of fault the schema rules out."""
    assert schedule_json_problems({"event": {}, "sessions": []}) == [
        "$: 'schedule' missing",
        "$: 'event' not allowed",
        "$: 'sessions' not allowed",
        "schedule: 'conference' missing",
        "schedule: 'version' missing",
        "conference: 'title' missing",
        "conference: 'acronym' missing",
        "conference: 'days' missing",
        "conference: 'daysCount' missing",
        "conference: 'start' missing",
        "conference: 'end' missing",
        "conference: 'timeslot_duration' missing",
    ]
    person = {"name": "A", "public_name": "A", "id": 1}
    assert person_problems(person, "p") == ["p: matches 2 of FrabPerson, PretalxPerson"]
    assert check_object({"start": "9:30", "guid": "x", "recording": {}}, EVENT, "e")[-3:] == [
        "e: 'recording' not allowed",
        "e.guid: 'x' does not conform",
        "e.start: '9:30' does not conform",
    ]
    assert not is_date_time("2025-09-25T09:30:00")  # no offset
    acronym = CONFERENCE["properties"]["acronym"]
    assert not acronym("cgt-east-asia-2025")  # a hyphen only before a year suffix
    assert acronym("cgt_east_asia_2025")


# --- the frab XSD, as checks -------------------------------------------------------------

XSD_UUID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
XSD_DATE_TIME_TZ = re.compile(r".+(Z|\+[0-9]{1,2}:[0-9]{2}|-[0-9]{1,2}:[0-9]{2})")
XSD_DURATION = re.compile(r"([0-9]{1,2}:[0-9]{2})|([0-9]{1,2}:[0-9]{2}:[0-9]{1,2})")
XSD_START = re.compile(r"([0-2][0-9]:[0-5][0-9])|([0-2][0-9]:[0-5][0-9]:[0-5][0-9])")
XSD_VOC_SLUG_NEW = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")
XSD_ACRONYM = re.compile(r"[a-z0-9_-]{4,}")
XSD_HTTP_URI = re.compile(r"https?://.*")
XSD_TRACK_SLUG = re.compile(r"[a-z][a-z0-9-]+")

CONFERENCE_ONCE = {
    "title",
    "acronym",
    "start",
    "end",
    "days",
    "timeslot_duration",
    "base_url",
    "logo",
    "url",
    "time_zone_name",
}
EVENT_REQUIRED = {"room", "title", "type", "date", "start", "duration", "abstract", "track"}
EVENT_OPTIONAL = {
    "subtitle",
    "slug",
    "logo",
    "persons",
    "language",
    "description",
    "recording",
    "links",
    "attachments",
    "video_download_url",
    "url",
    "feedback_url",
    "origin_url",
}


def full(pattern, value):
    # XSD patterns match the whole value.
    return value is not None and pattern.fullmatch(value) is not None


def is_positive_integer(value):
    return value is not None and value.isdigit() and int(value) >= 1


def is_xsd_date_or_date_time(value):
    return is_date(value) or (full(XSD_DATE_TIME_TZ, value) and is_date_time(value))


def schedule_xml_problems(root):
    """Every way the tree breaks schedule.xml.xsd; empty when valid."""
    problems = []
    if root.tag != "schedule":
        return [f"root is <{root.tag}>"]
    tags = "".join(f"<{child.tag}>" for child in root)
    # <xs:sequence>: generator?, url?, version, conference, day+
    if not re.fullmatch(r"(<generator>)?(<url>)?<version><conference>(<day>)+", tags):
        problems.append(f"schedule's children out of the XSD's sequence: {tags}")
    url = root.find("url")
    if url is not None and not full(XSD_HTTP_URI, url.text):
        problems.append(f"url {url.text!r}")
    conference = root.find("conference")
    if conference is not None:
        seen = [child.tag for child in conference]
        for tag in seen:
            if tag not in CONFERENCE_ONCE | {"color", "track"}:
                problems.append(f"conference: <{tag}> not allowed")
            elif tag in CONFERENCE_ONCE and seen.count(tag) > 1:
                problems.append(f"conference: <{tag}> more than once")
        checks = {
            "acronym": lambda v: full(XSD_ACRONYM, v),
            "start": is_xsd_date_or_date_time,
            "end": is_xsd_date_or_date_time,
            "days": lambda v: v is not None and v.isdigit(),
            "timeslot_duration": lambda v: full(XSD_DURATION, v),
            "base_url": lambda v: full(XSD_HTTP_URI, v),
            "url": lambda v: full(XSD_HTTP_URI, v),
        }
        for tag, check in checks.items():
            element = conference.find(tag)
            if element is not None and not check(element.text):
                problems.append(f"conference <{tag}> {element.text!r}")
        for track in conference.findall("track"):
            if not track.get("name"):
                problems.append("track without name")
            if track.get("slug") is not None and not full(XSD_TRACK_SLUG, track.get("slug")):
                problems.append(f"track slug {track.get('slug')!r}")
    indexes, guids, ids, slugs = [], [], [], []
    for day in root.findall("day"):
        for attribute in ("start", "end", "index"):
            if day.get(attribute) is None:
                problems.append(f"day without {attribute}")
        if not is_positive_integer(day.get("index")):
            problems.append(f"day index {day.get('index')!r}")
        indexes.append(day.get("index"))
        if day.get("date") is not None and not is_date(day.get("date")):
            problems.append(f"day date {day.get('date')!r}")
        for attribute in ("start", "end"):
            if not (
                full(XSD_DATE_TIME_TZ, day.get(attribute)) and is_date_time(day.get(attribute))
            ):
                problems.append(f"day {attribute} {day.get(attribute)!r}")
        for room in day:
            if room.tag != "room":
                problems.append(f"day: <{room.tag}> not allowed")
                continue
            if not room.get("name"):
                problems.append("room without name")
            if room.get("guid") is not None and not full(XSD_UUID, room.get("guid")):
                problems.append(f"room guid {room.get('guid')!r}")
            for event in room:
                problems += _xml_event_problems(event)
                guids.append(event.get("guid"))
                ids.append(event.get("id"))
                slugs.append(event.findtext("slug"))
    # The XSD's xs:unique constraints.
    for name, values in (("day index", indexes), ("guid", guids), ("id", ids), ("slug", slugs)):
        if len(values) != len(set(values)):
            problems.append(f"{name}s not unique")
    return problems


def _xml_event_problems(event):
    where = f"event {event.get('id')}"
    if event.tag != "event":
        return [f"room: <{event.tag}> not allowed"]
    problems = []
    if not is_positive_integer(event.get("id")):
        problems.append(f"{where}: id {event.get('id')!r}")
    if not full(XSD_UUID, event.get("guid")):
        problems.append(f"{where}: guid {event.get('guid')!r}")
    tags = [child.tag for child in event]
    # <xs:all>: each element at most once, in any order; the required ones present.
    problems += [f"{where}: <{tag}> missing" for tag in sorted(EVENT_REQUIRED - set(tags))]
    problems += [
        f"{where}: <{tag}> not allowed"
        for tag in tags
        if tag not in EVENT_REQUIRED | EVENT_OPTIONAL
    ]
    problems += [f"{where}: <{tag}> twice" for tag in set(tags) if tags.count(tag) > 1]
    values = {
        "date": lambda v: full(XSD_DATE_TIME_TZ, v) and is_date_time(v),
        "start": lambda v: full(XSD_START, v),
        "duration": lambda v: full(XSD_DURATION, v),
        "slug": lambda v: full(XSD_VOC_SLUG_NEW, v),
        "url": lambda v: full(XSD_HTTP_URI, v),
        "logo": lambda v: v is None or full(re.compile(r"https?://.*|\s*"), v),
    }
    for tag, check in values.items():
        element = event.find(tag)
        if element is not None and not check(element.text):
            problems.append(f"{where}: <{tag}> {element.text!r}")
    persons = event.find("persons")
    for person in persons if persons is not None else []:
        if person.tag != "person":
            problems.append(f"{where}: <persons> holds <{person.tag}>")
        if person.get("id") is not None and not re.fullmatch(r"-?\d+", person.get("id")):
            problems.append(f"{where}: person id {person.get('id')!r}")
        if person.get("guid") is not None and not full(XSD_UUID, person.get("guid")):
            problems.append(f"{where}: person guid {person.get('guid')!r}")
    recording = event.find("recording")
    if recording is not None and {c.tag for c in recording} < {"license", "optout"}:
        problems.append(f"{where}: <recording> without license and optout")
    for container, item in (("links", "link"), ("attachments", "attachment")):
        element = event.find(container)
        if element is not None and any(child.tag != item for child in element):
            problems.append(f"{where}: <{container}> holds something else")
    return problems


def test_the_xml_checker_finds_what_the_xsd_forbids():
    root = ET.fromstring(
        "<schedule><version>1</version><generator/><conference><title>A</title>"
        "<acronym>a-b</acronym></conference>"
        '<day index="0" start="2025-09-25T09:00:00" end="2025-09-25T18:00:00+09:00">'
        '<room name="Hall"><event id="1" guid="nope"><title>T</title>'
        "<start>9:30</start></event></room></day></schedule>"
    )
    assert schedule_xml_problems(root) == [
        "schedule's children out of the XSD's sequence: <version><generator><conference><day>",
        "conference <acronym> 'a-b'",
        "day index '0'",
        "day start '2025-09-25T09:00:00'",
        "event 1: guid 'nope'",
        "event 1: <abstract> missing",
        "event 1: <date> missing",
        "event 1: <duration> missing",
        "event 1: <room> missing",
        "event 1: <track> missing",
        "event 1: <type> missing",
        "event 1: <start> '9:30'",
    ]


# --- the feeds ---------------------------------------------------------------------------


@pytest.fixture
def programme(db):
    """An event with a keynote in the main hall (no room), a panel in Hall B with three
    people, and a lunch break."""
    event = EventFactory(slug="cgt-east-asia-2025", start=kst(2025, 9, 25), end=kst(2025, 9, 26))
    keynote = SessionFactory(
        event=event,
        title="Opening keynote",
        kind=Session.Kind.KEYNOTE,
        start=kst(2025, 9, 25, 9, 30),
        end=kst(2025, 9, 25, 10, 15),
        room="",
        description="Where the region stands.",
    )
    panel = SessionFactory(
        event=event,
        title="Manufacturing at scale",
        kind=Session.Kind.PANEL,
        start=kst(2025, 9, 25, 10, 30),
        end=kst(2025, 9, 25, 12, 0),
        room="Hall B",
    )
    SessionFactory(
        event=event,
        title="Lunch",
        kind=Session.Kind.BREAK,
        start=kst(2025, 9, 25, 12, 0),
        end=kst(2025, 9, 25, 13, 0),
        room="",
    )
    bryan = SpeakerFactory(event=event, name="Bryan Choi", slug="bryan-choi", bio="A bio.")
    keynote.appearances.create(speaker=bryan)
    for order, name in enumerate(("Phil Huang", "Yuki Tanaka", "Mei Lin")):
        speaker = SpeakerFactory(event=event, name=name, slug=name.lower().replace(" ", "-"))
        panel.appearances.create(speaker=speaker, order=order, role=SessionSpeaker.Role.MODERATOR)
    return event


def get_json(client, path=None, **extra):
    response = client.get(path or reverse("registration:schedule_json"), **extra)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def get_xml(client, path=None, **extra):
    response = client.get(path or reverse("registration:schedule_xml"), **extra)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ET.fromstring(response.content)


def test_schedule_json_conforms_to_the_c3voc_schema(client, programme):
    document = get_json(client)
    assert schedule_json_problems(document) == []
    assert document["$schema"] == "https://c3voc.de/schedule/schema.json"
    assert document["generator"] == {"name": "cgt_event", "url": "http://testserver/"}


def test_schedule_json_carries_the_conference_days_and_rooms(client, programme):
    schedule = get_json(client)["schedule"]
    assert schedule["base_url"] == "http://testserver/"
    assert schedule["url"] == "http://testserver/agenda/"
    assert re.fullmatch(r"2\d{3}-\d{2}-\d{2}\.[0-9a-f]{10}", schedule["version"])
    conference = schedule["conference"]
    main_hall = str(identifiers.room_guid(programme, "Main hall"))
    hall_b = str(identifiers.room_guid(programme, "Hall B"))
    assert {key: value for key, value in conference.items() if key != "days"} == {
        "acronym": "cgt_east_asia_2025",
        "title": "Cell & Gene Therapy East Asia 2025",
        "description": "Powering Innovation in Cell & Gene Therapy Across East Asia",
        "start": "2025-09-25",
        "end": "2025-09-25",
        "daysCount": 1,
        "timeslot_duration": "00:05",
        "time_zone_name": "Asia/Seoul",
        "url": "http://testserver/",
        "tracks": [
            {"name": "Keynote", "slug": "keynote"},
            {"name": "Panel", "slug": "panel"},
            {"name": "Break", "slug": "break"},
        ],
        "rooms": [{"name": "Main hall", "guid": main_hall}, {"name": "Hall B", "guid": hall_b}],
    }
    [day] = conference["days"]
    assert {key: value for key, value in day.items() if key != "rooms"} == {
        "index": 1,
        "date": "2025-09-25",
        "day_start": "2025-09-25T09:30:00+09:00",
        "day_end": "2025-09-25T13:00:00+09:00",
    }
    assert {room: [e["title"] for e in events] for room, events in day["rooms"].items()} == {
        "Main hall": ["Opening keynote", "Lunch"],
        "Hall B": ["Manufacturing at scale"],
    }


def test_schedule_json_session_field_by_field(client, programme):
    keynote = Session.objects.get(title="Opening keynote")
    bryan = Speaker.objects.get(slug="bryan-choi")
    [event] = [e for e in events_of(get_json(client)) if e["id"] == keynote.pk]
    assert event == {
        "guid": str(identifiers.session_guid(programme, keynote.pk)),
        "id": keynote.pk,
        "logo": None,
        "date": "2025-09-25T09:30:00+09:00",
        "start": "09:30",
        "end": "2025-09-25T10:15:00+09:00",
        "duration": "00:45",
        "room": "Main hall",
        "slug": f"cgt_east_asia_2025-{keynote.pk}-opening-keynote",
        "url": f"http://testserver/agenda/{keynote.pk}/",
        "title": "Opening keynote",
        "subtitle": "",
        "track": "Keynote",
        "type": "keynote",
        "language": None,
        "abstract": "",
        "description": "Where the region stands.",
        "persons": [
            {
                "guid": str(identifiers.speaker_guid(programme, bryan.pk)),
                "id": bryan.pk,
                "name": "Bryan Choi",
                "avatar": None,
                "biography": "A bio.",
                "url": "http://testserver/speakers/bryan-choi/",
            }
        ],
        "links": [],
        "attachments": [],
    }


def test_a_sessions_spoken_language_reaches_both_feeds_and_its_page(client, programme):
    keynote = Session.objects.get(title="Opening keynote")
    keynote.language = Session.Language.KOREAN
    keynote.save()
    document = get_json(client)
    assert schedule_json_problems(document) == []
    [event] = [e for e in events_of(document) if e["id"] == keynote.pk]
    assert event["language"] == "ko"
    root = get_xml(client)
    assert schedule_xml_problems(root) == []
    element = next(e for e in root.iter("event") if e.get("id") == str(keynote.pk))
    tags = [child.tag for child in element]
    assert element.findtext("language") == "ko"
    assert tags.index("persons") < tags.index("language") < tags.index("description")
    page = client.get(f"/agenda/{keynote.pk}/").content.decode()
    assert "In Korean" in page
    assert "한국어로 진행" in client.get(f"/ko/agenda/{keynote.pk}/").content.decode()


def test_schedule_json_keeps_speakers_in_their_order_with_long_durations(client, programme):
    events = {e["title"]: e for e in events_of(get_json(client))}
    panel = events["Manufacturing at scale"]
    assert [person["name"] for person in panel["persons"]] == [
        "Phil Huang",
        "Yuki Tanaka",
        "Mei Lin",
    ]
    assert (panel["start"], panel["duration"]) == ("10:30", "01:30")
    assert events["Lunch"]["persons"] == []


def test_schedule_xml_conforms_to_the_frab_xsd(client, programme):
    assert schedule_xml_problems(get_xml(client)) == []


def test_schedule_xml_element_by_element(client, programme):
    root = get_xml(client)
    assert [child.tag for child in root] == ["generator", "url", "version", "conference", "day"]
    assert root.find("generator").attrib == {"name": "cgt_event"}
    assert root.findtext("url") == "http://testserver/agenda/schedule.xml"
    conference = root.find("conference")
    assert [(child.tag, child.text) for child in conference] == [
        ("title", "Cell & Gene Therapy East Asia 2025"),
        ("acronym", "cgt_east_asia_2025"),
        ("start", "2025-09-25"),
        ("end", "2025-09-25"),
        ("days", "1"),
        ("timeslot_duration", "00:05"),
        ("base_url", "http://testserver/"),
        ("url", "http://testserver/"),
        ("time_zone_name", "Asia/Seoul"),
        ("track", "Keynote"),
        ("track", "Panel"),
        ("track", "Break"),
    ]
    assert conference.find("track").attrib == {"name": "Keynote", "slug": "keynote"}
    [day] = root.findall("day")
    assert day.attrib == {
        "index": "1",
        "date": "2025-09-25",
        "start": "2025-09-25T09:30:00+09:00",
        "end": "2025-09-25T13:00:00+09:00",
    }
    assert [room.attrib for room in day] == [
        {"name": "Main hall", "guid": str(identifiers.room_guid(programme, "Main hall"))},
        {"name": "Hall B", "guid": str(identifiers.room_guid(programme, "Hall B"))},
    ]
    keynote = Session.objects.get(title="Opening keynote")
    event = day.find("room/event")
    assert event.attrib == {
        "guid": str(identifiers.session_guid(programme, keynote.pk)),
        "id": str(keynote.pk),
    }
    assert [(child.tag, child.text or "") for child in event if child.tag != "persons"] == [
        ("room", "Main hall"),
        ("title", "Opening keynote"),
        ("subtitle", ""),
        ("type", "keynote"),
        ("date", "2025-09-25T09:30:00+09:00"),
        ("start", "09:30"),
        ("duration", "00:45"),
        ("abstract", ""),
        ("slug", f"cgt_east_asia_2025-{keynote.pk}-opening-keynote"),
        ("track", "Keynote"),
        ("description", "Where the region stands."),
        ("links", ""),
        ("attachments", ""),
        ("url", f"http://testserver/agenda/{keynote.pk}/"),
    ]
    bryan = Speaker.objects.get(slug="bryan-choi")
    [person] = event.find("persons")
    assert (person.tag, person.text, person.attrib) == (
        "person",
        "Bryan Choi",
        {"id": str(bryan.pk), "guid": str(identifiers.speaker_guid(programme, bryan.pk))},
    )


def test_schedule_xml_holds_the_same_sessions_as_the_json(client, programme):
    json_events = [
        (e["guid"], e["id"], e["title"], e["room"], e["date"], e["duration"], e["slug"])
        for e in events_of(get_json(client))
    ]
    xml_events = [
        (
            e.get("guid"),
            int(e.get("id")),
            e.findtext("title"),
            e.findtext("room"),
            e.findtext("date"),
            e.findtext("duration"),
            e.findtext("slug"),
        )
        for e in get_xml(client).iter("event")
    ]
    assert len(json_events) == 3
    assert xml_events == json_events


def test_guids_stay_the_same_across_requests_and_host_names(client, programme):
    def identifiers_of(host):
        document = get_json(client, HTTP_HOST=host)
        return (
            [
                (e["guid"], e["slug"], [p["guid"] for p in e["persons"]])
                for e in events_of(document)
            ],
            document["schedule"]["conference"]["rooms"],
            document["schedule"]["version"],
            [
                (e.get("guid"), [p.get("guid") for p in e.iter("person")])
                for e in get_xml(client, HTTP_HOST=host).iter("event")
            ],
        )

    first = identifiers_of("localhost")
    assert identifiers_of("localhost") == first
    assert identifiers_of("127.0.0.1") == first
    # The URLs do follow the host name the app used.
    document = get_json(client, HTTP_HOST="127.0.0.1")
    assert document["schedule"]["base_url"] == "http://127.0.0.1/"


def test_schedule_feeds_in_korean(client, programme):
    keynote = Session.objects.get(title="Opening keynote")
    keynote.title_ko = "개막 기조연설"
    keynote.save()
    Session.objects.filter(room_en="Hall B").update(room_ko="B홀")
    with translation.override("ko"):
        json_path = reverse("registration:schedule_json")
        xml_path = reverse("registration:schedule_xml")
    assert json_path == "/ko/agenda/schedule.json"
    document = get_json(client, json_path)
    assert schedule_json_problems(document) == []
    events = {e["id"]: e for e in events_of(document)}
    event = events[keynote.pk]
    assert (event["title"], event["room"], event["track"]) == (
        "개막 기조연설",
        "메인 홀",
        "기조연설",
    )
    assert event["url"] == f"http://testserver/ko/agenda/{keynote.pk}/"
    # Identifiers do not change with the language.
    english = {e["id"]: e for e in events_of(get_json(client))}
    assert [(e["guid"], e["slug"]) for e in events.values()] == [
        (e["guid"], e["slug"]) for e in english.values()
    ]
    rooms = document["schedule"]["conference"]["rooms"]
    assert [room["name"] for room in rooms] == ["메인 홀", "B홀"]
    assert [room["guid"] for room in rooms] == [
        room["guid"] for room in get_json(client)["schedule"]["conference"]["rooms"]
    ]
    root = get_xml(client, xml_path)
    assert schedule_xml_problems(root) == []
    assert root.find(f".//event[@id='{keynote.pk}']").findtext("title") == "개막 기조연설"


def test_schedule_without_sessions_is_a_valid_empty_schedule(client, db):
    EventFactory(slug="cgt-east-asia-2025", start=kst(2025, 9, 25), end=kst(2025, 9, 27))
    document = get_json(client)
    assert schedule_json_problems(document) == []
    conference = document["schedule"]["conference"]
    assert (conference["daysCount"], conference["rooms"], conference["tracks"]) == (2, [], [])
    assert [(d["date"], d["day_start"], d["day_end"], d["rooms"]) for d in conference["days"]] == [
        ("2025-09-25", "2025-09-25T00:00:00+09:00", "2025-09-26T00:00:00+09:00", {}),
        ("2025-09-26", "2025-09-26T00:00:00+09:00", "2025-09-27T00:00:00+09:00", {}),
    ]
    root = get_xml(client)
    assert schedule_xml_problems(root) == []
    assert [len(day) for day in root.findall("day")] == [0, 0]


def test_schedule_without_any_event_is_not_found(client, db):
    for name in ("registration:schedule_json", "registration:schedule_xml"):
        assert client.get(reverse(name)).status_code == 404


def test_a_session_outside_the_event_days_still_reaches_the_apps(client, db):
    event = EventFactory(start=kst(2025, 9, 25, 9), end=kst(2025, 9, 25, 18))
    SessionFactory(event=event, start=kst(2025, 9, 26, 9), end=kst(2025, 9, 26, 10))
    document = get_json(client)
    assert schedule_json_problems(document) == []
    days = document["schedule"]["conference"]["days"]
    assert [(d["index"], d["date"], d["day_start"], len(d["rooms"])) for d in days] == [
        (1, "2025-09-25", "2025-09-25T09:00:00+09:00", 0),
        (2, "2025-09-26", "2025-09-26T09:00:00+09:00", 1),
    ]
    assert schedule_xml_problems(get_xml(client)) == []


def test_control_characters_and_hangul_titles_keep_the_xml_well_formed(client, db):
    event = EventFactory(slug="cgt")
    # A form feed and a start-of-heading pasted from a word processor; XML 1.0 forbids both.
    # (Not NUL: PostgreSQL refuses it in text, and the admin's forms refuse it first.)
    SessionFactory(event=event, title="Break\x0cout & <Q&A>", description="a\x01b")
    SessionFactory(event=event, title="기조연설", start=kst(2025, 9, 25, 11))
    root = get_xml(client)
    assert schedule_xml_problems(root) == []
    titles = [e.findtext("title") for e in root.iter("event")]
    assert titles == ["Breakout & <Q&A>", "기조연설"]
    assert root.find(".//event/description").text == "ab"
    slugs = [e.findtext("slug") for e in root.iter("event")]
    assert slugs[1] == f"cgt_-session-{Session.objects.get(title='기조연설').pk}"
    assert schedule_json_problems(get_json(client)) == []


def test_schedule_feeds_answer_cross_origin_and_conditional_requests(client, programme):
    for name in ("registration:schedule_json", "registration:schedule_xml"):
        first = client.get(reverse(name))
        assert first["Access-Control-Allow-Origin"] == "*"
        etag = first["ETag"]
        again = client.get(reverse(name), HTTP_IF_NONE_MATCH=etag)
        assert (again.status_code, again.content) == (304, b"")
        assert again["Access-Control-Allow-Origin"] == "*"
        Session.objects.filter(title="Lunch").update(title="Lunch break")
        changed = client.get(reverse(name), HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200
        assert changed["ETag"] != etag
        Session.objects.filter(title="Lunch break").update(title="Lunch")


def test_schedule_feeds_refuse_writes(client, programme):
    for name in ("registration:schedule_json", "registration:schedule_xml"):
        assert client.post(reverse(name)).status_code == 405
        assert client.head(reverse(name)).status_code == 200


def test_schedule_version_changes_when_a_session_is_deleted(client, programme):
    before = get_json(client)["schedule"]["version"]
    assert get_json(client)["schedule"]["version"] == before
    Session.objects.filter(title="Lunch").delete()
    assert get_json(client)["schedule"]["version"] != before


def test_agenda_json_gives_each_session_and_speaker_its_guid(client, programme):
    data = json.loads(client.get(reverse("registration:agenda_json")).content)
    keynote = Session.objects.get(title="Opening keynote")
    bryan = Speaker.objects.get(slug="bryan-choi")
    assert data["event"]["guid"] == str(programme.uid)
    [session] = [s for s in data["sessions"] if s["id"] == keynote.pk]
    assert session["guid"] == str(identifiers.session_guid(programme, keynote.pk))
    assert [s["guid"] for s in session["speakers"]] == [
        str(identifiers.speaker_guid(programme, bryan.pk))
    ]
    # The same guid as the schedule feeds give that session.
    assert session["guid"] in {e["guid"] for e in events_of(get_json(client))}


# --- the agenda page's "Apps and feeds" -------------------------------------------------


def test_agenda_page_explains_each_feed_with_its_full_address(client, programme):
    html = client.get(reverse("registration:agenda"), HTTP_HOST="localhost").content.decode()
    section = html.split('<section class="agenda-feeds" id="feeds"')[1].split("</section>")[0]
    assert re.findall(r'<dt><a href="([^"]+)">', section) == [
        "/agenda.ics",
        "/agenda/schedule.xml",
        "/agenda/schedule.json",
        "/agenda.json",
        "/landscape/data.json",
    ]
    assert re.findall(r'<code class="feed-address">([^<]+)</code>', section) == [
        "http://localhost/agenda.ics",
        "http://localhost/agenda/schedule.xml",
        "http://localhost/agenda/schedule.json",
        "http://localhost/agenda.json",
        "http://localhost/landscape/data.json",
    ]
    assert "Giggity and ConfClerk" in section
    assert 'href="#feeds"' in html


def test_agenda_page_explains_the_feeds_in_korean(client, programme):
    html = client.get("/ko/agenda/").content.decode()
    section = html.split('id="feeds"')[1].split("</section>")[0]
    assert "앱과 피드" in section
    assert re.findall(r'<dt><a href="([^"]+)">', section)[1] == "/ko/agenda/schedule.xml"


def test_agenda_page_without_an_event_offers_no_feeds(client, db):
    assert 'id="feeds"' not in client.get(reverse("registration:agenda")).content.decode()


# --- constant query counts at two data sizes ---------------------------------------------


@pytest.fixture(params=[1, 50], ids=["1x", "50x"])
def event(request, db):
    return build_event(request.param)


def test_schedule_feeds_query_count(
    client, page_language, warm_event, event, django_assert_num_queries
):
    sessions = Session.objects.filter(event=event).count()
    for name in ("registration:schedule_json", "registration:schedule_xml"):
        warm_event()
        with translation.override(page_language):
            path = reverse(name)
        with django_assert_num_queries(2):  # sessions, their speakers
            response = client.get(path)
        assert response.status_code == 200
    document = get_json(client, path.replace(".xml", ".json"))
    assert len(events_of(document)) == sessions
    assert schedule_json_problems(document) == []


def test_fifty_times_the_data_still_conforms(client, db):
    event = build_event(50)
    assert Event.objects.get() == event
    assert schedule_json_problems(get_json(client)) == []
    assert schedule_xml_problems(get_xml(client)) == []
    days = get_json(client)["schedule"]["conference"]["days"]
    # 50 half-hour slots from 09:00 run past midnight, into a second day.
    assert [(d["date"], sum(len(v) for v in d["rooms"].values())) for d in days][:2] == [
        ("2025-09-25", 60),
        ("2025-09-26", 40),
    ]
