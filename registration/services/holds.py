"""Seats held for payment: a priced ticket's seat is kept for the buyer until the bank
transfer arrives or the hold's deadline passes (registration.services.payments)."""

from datetime import timedelta

from django.tasks import task

from registration.models import Registration
from registration.services.emails import email_queue
from registration.services.invoices import invoice_issue

# The reminder goes out this long before the deadline (none when the hold is shorter).
REMIND_BEFORE = timedelta(days=2)


def hold_deadline(*, ticket_type, event, now):
    """When a hold starting now ends: the ticket type's days to pay later, but never after
    the event starts (a seat nobody paid for by then goes to whoever is at the door)."""
    deadline = now + timedelta(days=ticket_type.payment_days)
    return min(deadline, event.start) if event.start > now else deadline


HOLD_FIELDS = ["status", "amount", "currency", "payment_deadline", "payment_reminded_at"]


def hold_terms(*, registration, ticket_type, now):
    """Set a registration's hold on a seat of a priced ticket type, unsaved: pending payment,
    the ticket's price now (a later price change keeps it) and the deadline."""
    registration.status = Registration.Status.PENDING_PAYMENT
    registration.amount = ticket_type.price
    registration.currency = ticket_type.currency
    registration.payment_deadline = hold_deadline(
        ticket_type=ticket_type, event=registration.event, now=now
    )
    registration.payment_reminded_at = None


def hold_begin(*, registration, kind, now):
    """Start a saved hold (see hold_terms). The caller holds the ticket type's lock inside
    its transaction. Side effects: issues the invoice; queues the e-mail of `kind`
    ("pending_payment", or "hold_offered" from the waiting list) that carries it; schedules
    the reminder and the deadline as tasks. Returns the invoice."""
    invoice = invoice_issue(registration=registration)
    email_queue(registration=registration, kind=kind)
    remind_at = registration.payment_deadline - REMIND_BEFORE
    if remind_at > now:
        payment_reminder_task.using(run_after=remind_at).enqueue(registration_id=registration.pk)
    hold_deadline_task.using(run_after=registration.payment_deadline).enqueue(
        registration_id=registration.pk
    )
    return invoice


@task
def hold_deadline_task(*, registration_id):
    """The worker's entry point at a hold's deadline (see payments.hold_expire)."""
    # Imported here: payments promotes the waiting list, which places holds.
    from registration.services.payments import hold_expire  # noqa: PLC0415

    return hold_expire(registration_id=registration_id)


@task
def payment_reminder_task(*, registration_id):
    """The worker's entry point for a hold's reminder (see payments.payment_remind)."""
    from registration.services.payments import payment_remind  # noqa: PLC0415

    return payment_remind(registration_id=registration_id)
