"""Reads for attendance: the registration window, tickets on sale, the attendee's own
page and the check-in desk."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.text import SEPARATORS, search_key
from registration.models import Event, Invoice, Registration, TicketType


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


REFERENCE = re.compile(r"^CGT-?[2-9A-Z]{5}$", re.IGNORECASE)


def door_event(now=None):
    """The event the door is for: the first one not over yet (today's, or else the next),
    or the last one once all are over. Not the site's "current" event (the one that starts
    last): organizers may create next year's edition before this year's doors open."""
    now = now or timezone.now()
    upcoming = Event.objects.filter(end__gt=now).order_by("start", "pk").first()
    return upcoming or Event.objects.order_by("-start", "-pk").first()


def checkin_search(*, query, event=None, limit=30):
    """Registrations of the event matching every word of a name, e-mail, organization or
    reference, whatever the case, accents, kana kind or width (common.text.search_key).
    One query, over a column folded when the registration is saved; a reference alone is
    an exact match. Returns up to limit + 1 rows, so the caller can tell there are more."""
    registrations = Registration.objects.filter(anonymized_at__isnull=True).select_related(
        "ticket_type", "checked_in_by"
    )
    if event is not None:
        registrations = registrations.filter(event=event)
    compact = query.strip().replace(" ", "")
    if REFERENCE.match(compact):
        reference = compact.upper()
        if "-" not in reference:
            reference = f"{reference[:3]}-{reference[3:]}"
        return list(registrations.filter(reference=reference)[: limit + 1])
    # Words with a letter or digit: punctuation alone would match nothing useful.
    terms = [
        term for term in SEPARATORS.split(search_key(query)) if any(ch.isalnum() for ch in term)
    ]
    if not terms:
        return []
    for term in terms:
        registrations = registrations.filter(search_text__contains=term)
    return list(registrations.order_by("family_name", "given_name", "pk")[: limit + 1])


def checkin_counts(*, event):
    """The event's ticket types with their confirmed and checked-in counts
    (TicketType.with_counts), for the door: one query."""
    if event is None:
        return []
    return list(TicketType.objects.filter(event=event).with_counts().order_by("order", "name"))


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
        Registration.objects.select_related("event", "ticket_type", "checked_in_by"),
        checkin_token=token,
    )


def registration_for_badge(*, token):
    """The registration behind a QR ticket, if it may have a badge; 404 otherwise."""
    return get_object_or_404(
        Registration.objects.badge_holders().select_related("event", "ticket_type"),
        checkin_token=token,
    )


@dataclass(frozen=True)
class AttendeeDocument:
    label: str
    number: str
    url: str


def attendee_documents(*, registration):
    """The invoices and credit notes issued to a registration, and the receipt once it is
    paid, oldest first, each with its download link on the attendee's page. One query."""
    documents = []
    for invoice in registration.invoices.order_by("sequence"):
        kwargs = {"token": registration.token, "number": invoice.number}
        documents.append(
            AttendeeDocument(
                invoice.get_kind_display(),
                invoice.number,
                reverse("registration:manage_document", kwargs=kwargs),
            )
        )
        if invoice.kind == Invoice.Kind.INVOICE and registration.paid_at:
            documents.append(
                AttendeeDocument(
                    _("Receipt"),
                    invoice.number,
                    reverse("registration:manage_receipt", kwargs=kwargs),
                )
            )
    return documents
