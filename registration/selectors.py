"""Reads for the event's pages: each returns everything its page shows, fetched up front."""

from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from registration.models import Event, Registration, Session, SessionSpeaker, Speaker, TicketType


def current_event():
    """The event the site is about, or None before organizers have created one. One query."""
    return Event.objects.current()


def _appearances():
    return Prefetch(
        "appearances",
        queryset=SessionSpeaker.objects.select_related("speaker"),
        to_attr="appearance_list",
    )


def speaker_list(*, event):
    """The event's speakers with their company and country. One query."""
    if event is None:
        return []
    return list(Speaker.objects.filter(event=event).select_related("company", "country"))


def featured_speakers(*, event):
    if event is None:
        return []
    return list(
        Speaker.objects.filter(event=event, featured=True).select_related("company", "country")
    )


def speaker_detail(*, slug):
    """One speaker with company, country and sessions in time order. Two queries."""
    return get_object_or_404(
        Speaker.objects.select_related("company", "country").prefetch_related(
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
    """One session with its event and speakers. Two queries."""
    return get_object_or_404(
        Session.objects.select_related("event").prefetch_related(_appearances()), pk=pk
    )


@dataclass
class Slot:
    """Sessions that start at the same time, side by side in their rooms."""

    start: datetime
    sessions: list = field(default_factory=list)
    is_current: bool = False
    is_next: bool = False


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


def agenda(*, now=None):
    """The /agenda/ page: the event and its sessions grouped by time slot. Three queries."""
    event = current_event()
    sessions = agenda_sessions(event=event)
    return {
        "event": event,
        "slots": agenda_slots(sessions, now=now or timezone.now()),
        "rooms": sorted({session.room for session in sessions if session.room}),
    }


@dataclass
class RegistrationWindow:
    state: str  # "open", "not_yet", "closed", "no_event", "no_tickets"
    opens: datetime | None = None
    closes: datetime | None = None


def registration_window(*, event, ticket_types, now=None):
    """Whether registration is open for the event now, and if not, why.

    `ticket_types` are those on sale now (see ticket_types_on_sale); it is evaluated here.
    """
    now = now or timezone.now()
    if event is None:
        return RegistrationWindow("no_event")
    if event.registration_opens and now < event.registration_opens:
        return RegistrationWindow("not_yet", opens=event.registration_opens)
    # DESIGN: empty opens/closes mean open; organizers close registration explicitly.
    if event.registration_closes and now >= event.registration_closes:
        return RegistrationWindow("closed", closes=event.registration_closes)
    if not ticket_types:
        return RegistrationWindow("no_tickets")
    return RegistrationWindow("open", closes=event.registration_closes)


def ticket_types_on_sale(*, event):
    """Ticket types on sale now, each with n_confirmed and n_waitlisted. One query when
    evaluated; the registration form reuses the evaluated rows."""
    return TicketType.objects.filter(event=event).on_sale().with_counts()


def checkin_search(*, query, limit=50):
    """Registrations matching a name, e-mail or reference, for the check-in desk."""
    terms = query.split()
    registrations = Registration.objects.filter(anonymized_at__isnull=True).select_related(
        "ticket_type"
    )
    if query.upper().startswith("CGT-"):
        return list(registrations.filter(reference__iexact=query)[:limit])
    for term in terms:
        registrations = registrations.filter(
            Q(given_name__icontains=term)
            | Q(family_name__icontains=term)
            | Q(email__icontains=term)
            | Q(reference__icontains=term)
        )
    return list(registrations.order_by("family_name", "given_name")[:limit])


def registration_for_attendee(*, token):
    """The registration behind an attendee's secret link, 404 once its data is deleted."""
    return get_object_or_404(
        Registration.objects.select_related("event", "ticket_type"),
        token=token,
        anonymized_at__isnull=True,
    )


def registration_for_checkin(*, token):
    """The registration a QR ticket points at, for the door."""
    return get_object_or_404(
        Registration.objects.select_related("event", "ticket_type"), checkin_token=token
    )
