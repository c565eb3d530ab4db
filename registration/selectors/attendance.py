"""Reads for attendance: the registration window, tickets on sale, the attendee's own
page and the check-in desk."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from registration.models import Registration, TicketType


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
    state = event.registration_state(now)
    if state == "not_yet":
        return RegistrationWindow("not_yet", opens=event.registration_opens)
    # An empty closing date means the event's end: nobody registers for an event that is over.
    if state == "closed":
        return RegistrationWindow("closed", closes=event.registration_closes_at)
    if not ticket_types:
        return RegistrationWindow("no_tickets")
    return RegistrationWindow("open", closes=event.registration_closes_at)


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
