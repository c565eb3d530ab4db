"""Priced tickets paid by bank transfer: a seat held until the money arrives, invoices
numbered without gaps, and a waiting list that moves when a hold expires."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from registration.models import Invoice, Payment, Registration
from registration.services import payments, registrations
from registration.services.payments import PaymentOutcome
from registration.services.registrations import Outcome
from tests.factories import TicketTypeFactory
from tests.registration.test_registrations import register


def kinds(registration):
    return sorted(registration.emails.values_list("kind", flat=True))


def test_a_priced_ticket_holds_the_seat_until_paid(priced):
    before = timezone.now()
    result = register(priced, billing_address="Songdo-dong 123, Incheon")
    registration = result.registration
    assert result.outcome == Outcome.PENDING_PAYMENT
    assert registration.status == Registration.Status.PENDING_PAYMENT
    assert (registration.amount, registration.currency) == (Decimal(150000), "KRW")
    assert before + timedelta(days=5) <= registration.payment_deadline
    assert registration.payment_deadline <= timezone.now() + timedelta(days=5)
    [invoice] = registration.invoices.all()
    assert (invoice.kind, invoice.number, invoice.amount) == ("invoice", "CGT2025-00001", 150000)
    assert (invoice.payment_reference, invoice.buyer_address) == (
        registration.reference,
        "Songdo-dong 123, Incheon",
    )
    assert invoice.seller_business_number == "123-45-67890"
    assert kinds(registration) == ["pending_payment"]
    # The reminder two days before and the deadline itself wait in the queue.
    scheduled = DBTaskResult.objects.filter(task_path__contains="holds").order_by("run_after")
    assert [task.task_path.rsplit(".", 1)[1] for task in scheduled] == [
        "payment_reminder_task",
        "hold_deadline_task",
    ]
    assert scheduled[1].run_after == registration.payment_deadline


def test_holds_count_against_capacity(priced):
    outcomes = [register(priced, f"p{i}@example.com").outcome for i in range(3)]
    assert outcomes == [Outcome.PENDING_PAYMENT, Outcome.PENDING_PAYMENT, Outcome.WAITLISTED]


def test_a_price_change_keeps_the_holds_already_issued(priced):
    registration = register(priced).registration
    priced.price = Decimal(200000)
    priced.save()
    registration.refresh_from_db()
    assert registration.amount == Decimal(150000)
    assert payments.payment_record(registration=registration, amount=150000).outcome == (
        PaymentOutcome.CONFIRMED
    )


def test_marking_paid_confirms_the_seat_and_sends_the_ticket(priced, desk_user):
    registration = register(priced).registration
    result = payments.payment_record(
        registration=registration, amount=Decimal(150000), by=desk_user, note="Shinhan 09-01"
    )
    assert (result.outcome, result.balance) == (PaymentOutcome.CONFIRMED, 0)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.paid_at is not None
    assert kinds(registration) == ["paid", "pending_payment"]
    assert result.payment.recorded_by_name == "desk"


def test_part_of_the_amount_keeps_the_hold(priced):
    registration = register(priced).registration
    first = payments.payment_record(registration=registration, amount=100000)
    assert (first.outcome, first.balance) == (PaymentOutcome.PARTLY_PAID, Decimal(50000))
    second = payments.payment_record(registration=registration, amount=50000)
    assert second.outcome == PaymentOutcome.CONFIRMED


def test_money_for_a_registration_that_owes_nothing_is_kept_for_a_refund(priced):
    registration = register(priced).registration
    payments.payment_record(registration=registration, amount=150000)
    again = payments.payment_record(registration=registration, amount=150000)
    assert again.outcome == PaymentOutcome.NOT_PAYABLE
    assert again.balance == Decimal(-150000)
    payments.refund_record(registration=registration, amount=150000, note="paid twice")
    assert payments.paid_total(registration) == Decimal(150000)


def test_an_unpaid_hold_expires_and_the_next_waitlisted_person_is_held(priced):
    first, second = (register(priced, f"p{i}@example.com").registration for i in range(2))
    waiting = register(priced, "wait@example.com").registration
    assert waiting.status == Registration.Status.WAITLISTED
    # Not yet: the deadline has not passed.
    assert payments.hold_expire(registration_id=first.pk) is False
    later = first.payment_deadline + timedelta(seconds=1)
    assert payments.hold_expire(registration_id=first.pk, now=later) is True
    assert payments.hold_expire(registration_id=first.pk, now=later) is False  # once
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, first.hold_expired_at) == (Registration.Status.CANCELLED, later)
    assert waiting.status == Registration.Status.PENDING_PAYMENT
    assert waiting.promoted_at is not None
    assert waiting.payment_deadline == later + timedelta(days=5)
    assert kinds(first) == ["hold_expired", "pending_payment"]
    assert kinds(waiting) == ["hold_offered", "waitlisted"]
    # The expired invoice is cancelled by a credit note; the next number is the new hold's.
    numbers = list(Invoice.objects.order_by("sequence").values_list("kind", "number", "amount"))
    assert numbers == [
        ("invoice", "CGT2025-00001", Decimal(150000)),
        ("invoice", "CGT2025-00002", Decimal(150000)),
        ("credit_note", "CGT2025-00003", Decimal(-150000)),
        ("invoice", "CGT2025-00004", Decimal(150000)),
    ]
    assert first.invoices.get(kind="credit_note").cancels.number == "CGT2025-00001"
    assert second.status == Registration.Status.PENDING_PAYMENT


def test_a_paid_hold_never_expires(priced):
    registration = register(priced).registration
    payments.payment_record(registration=registration, amount=150000)
    later = registration.payment_deadline + timedelta(days=1)
    assert payments.holds_expire_overdue(now=later) == 0
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_the_sweep_expires_every_overdue_hold(priced):
    holds = [register(priced, f"p{i}@example.com").registration for i in range(2)]
    later = max(hold.payment_deadline for hold in holds) + timedelta(minutes=1)
    assert payments.holds_expire_overdue(now=later) == 2


def test_a_reminder_goes_once_before_the_deadline(priced):
    registration = register(priced).registration
    assert payments.payment_remind(registration_id=registration.pk) is True
    assert payments.payment_remind(registration_id=registration.pk) is False
    assert kinds(registration) == ["payment_reminder", "pending_payment"]


def test_cancelling_a_paid_registration_issues_a_credit_note(priced):
    registration = register(priced).registration
    payments.payment_record(registration=registration, amount=150000)
    registrations.registration_cancel(registration=registration)
    credit = registration.invoices.get(kind=Invoice.Kind.CREDIT_NOTE)
    assert credit.amount == Decimal(-150000)
    # Cancelling again issues nothing more.
    registrations.registration_cancel(registration=registration)
    assert registration.invoices.count() == 2
    assert Payment.objects.filter(registration=registration).count() == 1


def test_free_tickets_are_confirmed_as_before(db):
    ticket = TicketTypeFactory(capacity=1)
    result = register(ticket)
    assert result.outcome == Outcome.CONFIRMED
    assert result.registration.invoices.count() == 0
    assert kinds(result.registration) == ["confirmed"]
