"""Bank transfers for priced tickets, as pretix's bank-transfer provider does them: the desk
records money received (one by one, or from a bank statement), which confirms the seat and
sends the ticket; a hold nobody pays expires at its deadline and its seat passes down the
waiting list; refunds are recorded by the desk."""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from common.money import quantize
from registration.models import Payment, Registration
from registration.services.emails import email_queue
from registration.services.invoices import credit_note_issue, open_invoice
from registration.services.tickets import locked_ticket_type
from registration.services.waitinglist import waitinglist_promote


class PaymentOutcome(StrEnum):
    CONFIRMED = "confirmed"  # paid in full: the seat is confirmed, the ticket sent
    PARTLY_PAID = "partly_paid"  # recorded; the hold waits for the rest
    NOT_PAYABLE = "not_payable"  # nothing is owed: recorded, for the desk to refund


@dataclass(frozen=True)
class PaymentResult:
    payment: Payment
    outcome: PaymentOutcome
    balance: Decimal  # still owed (negative: paid too much)


def _recorded_by(by):
    return {"recorded_by": by, "recorded_by_name": by.get_username() if by else ""}


def paid_total(registration):
    """Payments received less refunds, for a registration."""
    totals = dict(
        registration.payments.values_list("kind").annotate(total=Sum("amount")).order_by()
    )
    return totals.get(Payment.Kind.PAYMENT, Decimal(0)) - totals.get(
        Payment.Kind.REFUND, Decimal(0)
    )


@transaction.atomic
def payment_record(
    *,
    registration,
    amount,
    received_on=None,
    by=None,
    note="",
    source=Payment.Source.DESK,
    require_pending=False,
):
    """Record money received for a registration.

    Side effects: inserts a Payment. When the registration is holding its seat and what it
    has received now covers the amount due, confirms it (paid_at) and queues the "paid"
    e-mail with the ticket. Money for a registration that owes nothing (already paid,
    cancelled, expired) is recorded all the same, to be refunded, unless `require_pending`
    (a statement import confirming its preview: a second import of the same transfer must
    record nothing); then nothing is recorded and the result's payment is None. Returns a
    PaymentResult.
    """
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if require_pending and current.status != Registration.Status.PENDING_PAYMENT:
        balance = current.amount - paid_total(current)
        return PaymentResult(None, PaymentOutcome.NOT_PAYABLE, balance)
    payment = Payment.objects.create(
        registration=current,
        kind=Payment.Kind.PAYMENT,
        amount=quantize(amount, current.currency),
        currency=current.currency,
        received_on=received_on or timezone.localdate(),
        source=source,
        note=note,
        **_recorded_by(by),
    )
    balance = current.amount - paid_total(current)
    if current.status != Registration.Status.PENDING_PAYMENT:
        outcome = PaymentOutcome.NOT_PAYABLE
    elif balance > 0:
        outcome = PaymentOutcome.PARTLY_PAID
    else:
        current.status = Registration.Status.CONFIRMED
        current.paid_at = timezone.now()
        current.save(update_fields=["status", "paid_at", "updated"])
        email_queue(registration=current, kind="paid")
        outcome = PaymentOutcome.CONFIRMED
    registration.refresh_from_db()
    return PaymentResult(payment, outcome, balance)


@transaction.atomic
def refund_record(*, registration, amount, by=None, note="", refunded_on=None):
    """Record money paid back to a registration's buyer (the transfer itself is the
    organizer's bank's business). Side effects: inserts a refund Payment. Returns it."""
    return Payment.objects.create(
        registration=registration,
        kind=Payment.Kind.REFUND,
        amount=quantize(amount, registration.currency),
        currency=registration.currency,
        received_on=refunded_on or timezone.localdate(),
        source=Payment.Source.DESK,
        note=note,
        **_recorded_by(by),
    )


@transaction.atomic
def hold_expire(*, registration_id, now=None):
    """End a hold whose deadline has passed unpaid.

    Side effects, only when the registration still awaits payment and its deadline has
    passed: sets it cancelled (hold_expired_at), cancels its invoice with a credit note,
    queues the "hold_expired" e-mail, and gives the seat to the waiting list (the next
    person is held for payment in turn and told). Returns whether it expired. Safe to run
    twice, and for a hold paid or extended meanwhile.
    """
    now = now or timezone.now()
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:
        return False
    ticket_type = locked_ticket_type(registration.ticket_type_id)
    current = Registration.objects.select_for_update().get(pk=registration_id)
    if (
        current.status != Registration.Status.PENDING_PAYMENT
        or current.payment_deadline is None
        or current.payment_deadline > now
    ):
        return False
    current.status = Registration.Status.CANCELLED
    current.cancelled_at = current.hold_expired_at = now
    current.save(update_fields=["status", "cancelled_at", "hold_expired_at", "updated"])
    invoice = open_invoice(current)
    if invoice is not None:
        credit_note_issue(invoice=invoice)
    email_queue(registration=current, kind="hold_expired")
    waitinglist_promote(ticket_type=ticket_type, now=now)
    return True


def holds_expire_overdue(*, now=None):
    """Expire every hold past its deadline: the sweep behind the per-hold deadline tasks
    (`manage.py expire_holds`). Returns how many expired."""
    now = now or timezone.now()
    overdue = Registration.objects.filter(
        status=Registration.Status.PENDING_PAYMENT, payment_deadline__lte=now
    ).values_list("pk", flat=True)
    return sum(hold_expire(registration_id=pk, now=now) for pk in list(overdue))


@transaction.atomic
def payment_remind(*, registration_id, now=None):
    """Remind a registration still holding its seat unpaid that its deadline nears, once.
    Side effects: queues the "payment_reminder" e-mail; sets payment_reminded_at. Returns
    whether it reminded."""
    now = now or timezone.now()
    current = Registration.objects.select_for_update().filter(pk=registration_id).first()
    if (
        current is None
        or current.status != Registration.Status.PENDING_PAYMENT
        or current.payment_reminded_at is not None
        or current.payment_deadline <= now
    ):
        return False
    current.payment_reminded_at = now
    current.save(update_fields=["payment_reminded_at", "updated"])
    email_queue(registration=current, kind="payment_reminder")
    return True
