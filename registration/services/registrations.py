"""Registering, cancelling and re-sending: the life of one registration."""

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from registration.models import Registration
from registration.services.emails import email_queue
from registration.services.holds import hold_begin, hold_terms
from registration.services.invoices import credit_note_issue, open_invoice
from registration.services.tickets import locked_ticket_type
from registration.services.waitinglist import waitinglist_promote


class RegistrationClosed(Exception):
    """The event's registration window is not open, or the ticket is not on sale."""


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    PENDING_PAYMENT = "pending_payment"
    WAITLISTED = "waitlisted"
    ALREADY_REGISTERED = "already_registered"


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    outcome: Outcome


def _active_for(event, email):
    return Registration.objects.active_for(event=event, email=email).select_related("ticket_type")


@transaction.atomic
def registration_create(
    *,
    event,
    ticket_type,
    given_name,
    family_name,
    email,
    organization,
    job_title="",
    country,
    sector,
    consent_marketing=False,
    latin_name="",
    language=settings.LANGUAGE_CODE,
    billing_address="",
    billing_business_number="",
):
    """Register someone: while the ticket type has seats, confirmed (free ticket) or holding
    a seat until paid (priced ticket: holds.hold_terms); waitlisted once it is full.

    Side effects: inserts a Registration (unless the address already holds an active one
    for the event), in `language`, and queues an e-mail in that language telling the
    person what happened: their ticket, their
    place on the waiting list, their invoice and how to pay it (with the hold's invoice and
    scheduled deadline), or, for a known address, a reminder with their manage link.
    The caller cannot tell the last case from the others by the return value's effect on
    the page; only `outcome` says it. Raises RegistrationClosed outside the registration
    window or the ticket's sale period.
    """
    if ticket_type.event_id != event.pk:
        raise ValueError("The ticket type belongs to another event.")
    ticket_type = locked_ticket_type(ticket_type.pk)
    # Checked again under the lock: the form may have been opened before the window closed.
    if event.registration_state() != "open" or not ticket_type.is_on_sale():
        raise RegistrationClosed
    existing = _active_for(event, email).first()
    if existing is not None:
        email_queue(registration=existing, kind="already_registered")
        return RegistrationResult(existing, Outcome.ALREADY_REGISTERED)

    # Seats are taken by the confirmed and by holds awaiting payment alike.
    seats_left = ticket_type.seats_left(ticket_type.registrations.taking_seats().count())
    status = (
        Registration.Status.CONFIRMED
        if seats_left is None or seats_left > 0
        else Registration.Status.WAITLISTED
    )
    now = timezone.now()
    fields = {
        "event": event,
        "ticket_type": ticket_type,
        "given_name": given_name,
        "family_name": family_name,
        "email": email,
        "organization": organization,
        "job_title": job_title,
        "country": country,
        "sector": sector,
        "latin_name": latin_name,
        "language": language,
        "consent_privacy": True,
        "consent_marketing": consent_marketing,
        "status": status,
        "billing_address": billing_address,
        "billing_business_number": billing_business_number,
    }
    for _attempt in range(5):
        registration = Registration(**fields)
        if status == Registration.Status.CONFIRMED and not ticket_type.is_free:
            hold_terms(registration=registration, ticket_type=ticket_type, now=now)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            # The random reference collided (retry with a new one), or another ticket
            # type's transaction registered this address first (PostgreSQL).
            if Registration.objects.filter(reference=registration.reference).exists():
                continue
            existing = _active_for(event, email).first()
            if existing is None:
                raise
            email_queue(registration=existing, kind="already_registered")
            return RegistrationResult(existing, Outcome.ALREADY_REGISTERED)
        if registration.status == Registration.Status.PENDING_PAYMENT:
            hold_begin(registration=registration, kind="pending_payment", now=now)
        else:
            email_queue(registration=registration, kind=registration.status)
        return RegistrationResult(registration, Outcome(registration.status))
    raise RuntimeError("Could not allocate a unique registration reference.")


@transaction.atomic
def registration_cancel(*, registration, notify=True):
    """Cancel a registration and give its seat to the oldest waitlisted person.

    Side effects: sets the registration cancelled; cancels its invoice with a credit note
    (money already paid is refunded by the desk: payments.refund_record); promotes
    waitlisted registrations of the same ticket type while seats are free; queues e-mails
    to the cancelled person (when `notify`) and everyone promoted. Cancelling twice changes
    nothing. Returns the list of promoted registrations.
    """
    ticket_type = locked_ticket_type(registration.ticket_type_id)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == Registration.Status.CANCELLED:
        registration.refresh_from_db()
        return []
    current.status = Registration.Status.CANCELLED
    current.cancelled_at = timezone.now()
    current.save(update_fields=["status", "cancelled_at", "updated"])
    invoice = open_invoice(current)
    if invoice is not None:
        credit_note_issue(invoice=invoice)
    if notify:
        email_queue(registration=current, kind="cancelled")
    promoted = waitinglist_promote(ticket_type=ticket_type)
    registration.refresh_from_db()
    return promoted


def registration_resend(*, registration):
    """E-mail the registration's current state again (ticket, waiting list or cancellation)."""
    if registration.anonymized_at is not None:
        return
    email_queue(registration=registration, kind=registration.status)
