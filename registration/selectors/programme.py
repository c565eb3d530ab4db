"""Reads for the programme's pages (home, speakers, agenda): each returns everything its
page shows, fetched up front."""

from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from common.cache import MISSING, cache_bump, cache_generation, cache_get, cache_set
from common.content import per_content_version
from registration.models import Event, Session, SessionSpeaker, Speaker

CURRENT_EVENT_GENERATION = "registration:current-event:generation"
# A backstop for what no signal reports (QuerySet.update(), another process's per-process
# cache): saving or deleting an event moves to a new generation on commit.
CURRENT_EVENT_TIMEOUT = 60


@per_content_version(CURRENT_EVENT_TIMEOUT)
def current_event():
    """The event the site is about (the one that starts last), or None before organizers
    have created one. Read through the cache: no query while it is warm; the database
    alone when the cache is down.

    The entry is keyed by a generation that saving an event bumps after commit, so a
    request that read the old row just before the commit can only fill the old
    generation's entry, which nobody reads any more.
    """
    generation = cache_generation(CURRENT_EVENT_GENERATION)
    key = f"registration:current-event:{generation}"
    event = cache_get(key)
    if event is MISSING:
        event = Event.objects.current()
        cache_set(key, event, CURRENT_EVENT_TIMEOUT)
    return event


def current_event_forget():
    """Move to a new generation, so the next read sees the database."""
    cache_bump(CURRENT_EVENT_GENERATION)
    current_event.forget()


def _appearances():
    return Prefetch(
        "appearances",
        queryset=SessionSpeaker.objects.select_related("speaker"),
        to_attr="appearance_list",
    )


# The speakers page lists this many a page: a whole row of cards at three and four across.
SPEAKERS_PAGE_SIZE = 60


def speaker_list(*, event, page=1):
    """One page of the event's speakers with their company and country. Two queries (the
    count, the page) whatever the number of speakers; none without an event."""
    speakers = (
        Speaker.objects.filter(event=event).select_related("company", "country")
        if event is not None
        else Speaker.objects.none()
    )
    return Paginator(speakers, SPEAKERS_PAGE_SIZE).get_page(page)


def featured_speakers(*, event, limit=None):
    """The speakers organizers feature, in their order, at most `limit`. One query."""
    if event is None:
        return []
    speakers = Speaker.objects.filter(event=event, featured=True).select_related(
        "company", "country"
    )
    return list(speakers[:limit] if limit else speakers)


def speaker_detail(*, slug):
    """One speaker with company, country and sessions in time order. Two queries."""
    return get_object_or_404(
        Speaker.objects.select_related("event", "company", "country").prefetch_related(
            Prefetch(
                "appearances",
                queryset=SessionSpeaker.objects.select_related("session").order_by(
                    "session__start"
                ),
                to_attr="appearance_list",
            )
        ),
        slug=slug,
    )


def agenda_sessions(*, event):
    """The event's sessions in time order, each with its speakers. Two queries."""
    if event is None:
        return []
    return list(Session.objects.for_event(event).prefetch_related(_appearances()))


def session_detail(*, pk):
    """One session with its event and speakers (with their company and country). Two
    queries."""
    return get_object_or_404(
        Session.objects.select_related("event").prefetch_related(
            Prefetch(
                "appearances",
                queryset=SessionSpeaker.objects.select_related(
                    "speaker", "speaker__company", "speaker__country"
                ),
                to_attr="appearance_list",
            )
        ),
        pk=pk,
        event=current_event(),
    )


@dataclass
class Slot:
    """Sessions that start at the same time, side by side in their rooms."""

    start: datetime
    sessions: list = field(default_factory=list)
    is_current: bool = False
    is_next: bool = False

    @property
    def end(self):
        """The slot's end when all its sessions end together (the time is then shown once,
        beside the slot), else None (each session shows its own end)."""
        ends = {session.end for session in self.sessions}
        return ends.pop() if len(ends) == 1 else None


def agenda_slots(sessions, *, now):
    """Group sessions by start time, marking the running slot and the next one.

    Marks are set only on the day `now` falls on (in Korea time), so the agenda of a
    past or future day reads plainly.
    """
    slots = [Slot(start, list(group)) for start, group in groupby(sessions, lambda s: s.start)]
    today = timezone.localdate(now)
    todays = [slot for slot in slots if timezone.localdate(slot.start) == today]
    for slot in todays:
        slot.is_current = any(s.start <= now < s.end for s in slot.sessions)
    upcoming = [slot for slot in todays if slot.start > now]
    if upcoming:
        upcoming[0].is_next = True
    return slots


def agenda(*, track=None, kind=None, now=None):
    """The /agenda/ page: the event and its sessions grouped by time slot, narrowed to one
    room or track and one kind when asked. The filters' choices come from the whole
    programme. Two queries (the event is cached)."""
    event = current_event()
    sessions = agenda_sessions(event=event)
    shown = [
        session
        for session in sessions
        if (not track or session.room == track) and (not kind or session.kind == kind)
    ]
    present_kinds = {session.kind for session in sessions}
    return {
        "event": event,
        "slots": agenda_slots(shown, now=now or timezone.now()),
        "has_sessions": bool(sessions),
        "rooms": sorted({session.room for session in sessions if session.room}),
        "kinds": [
            (value, label) for value, label in Session.Kind.choices if value in present_kinds
        ],
    }


MY_SCHEDULE_LIMIT = 200


def parse_session_ids(value):
    """The session ids in a "3,7,12" query value: integers only, each once, at most 200;
    anything else is ignored."""
    ids = []
    for part in (value or "").split(",")[:MY_SCHEDULE_LIMIT]:
        part = part.strip()
        if part.isascii() and part.isdigit() and len(part) < 10:
            number = int(part)
            if number not in ids:
                ids.append(number)
    return ids


def my_schedule(*, ids):
    """The current event's sessions among `ids`, in time order, with their speakers. Two
    queries (none when no ids)."""
    event = current_event()
    if event is None or not ids:
        return []
    return list(
        Session.objects.for_event(event).filter(pk__in=ids).prefetch_related(_appearances())
    )


def now_and_next(*, event, now=None):
    """While the event runs: the sessions running now and the ones starting next. One query
    (titles, times and rooms; no speakers), and none outside the event's days."""
    now = now or timezone.now()
    if event is None or event.phase(now) != event.Phase.LIVE:
        return {"now": [], "next": []}
    # Sessions not yet over, in start order (running ones first), read in a bounded batch
    # however long the programme.
    ahead = list(Session.objects.for_event(event).filter(end__gt=now).order_by("start")[:50])
    today = timezone.localdate(now)
    running = [session for session in ahead if session.start <= now]
    # "Next" is today's next: late in the evening of a multi-day event, tomorrow's first
    # session is not what is on next.
    upcoming = [
        session
        for session in ahead
        if session.start > now and timezone.localdate(session.start) == today
    ]
    next_start = min((session.start for session in upcoming), default=None)
    return {
        "now": running,
        "next": [session for session in upcoming if session.start == next_start],
    }
