"""Seat decisions under real concurrency: threads with their own database connections,
as several app servers would have, on whichever database the suite runs on."""

import threading
from collections import Counter

import pytest
from django.db import connection

from registration.models import Invoice, Registration
from registration.services import registrations
from tests.factories import RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(count, work):
    """Run work(i) in `count` threads released together; return the exceptions raised."""
    barrier = threading.Barrier(count)
    errors = []

    def run(index):
        try:
            barrier.wait()
            work(index)
        except Exception as error:  # the test asserts there are none
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def guest(ticket, **extra):
    """work(i) for run_at_once: guest i registers for the ticket type."""

    def register(index):
        registrations.registration_create(
            event=ticket.event,
            ticket_type=ticket,
            given_name="Guest",
            family_name=str(index),
            email=f"guest{index}@example.com",
            organization="Example Bio",
            country="TW",
            sector=Registration.Sector.ACADEMIA,
            **extra,
        )

    return register


def test_40_concurrent_registrations_for_5_seats_confirm_exactly_5(mailoutbox, deliver):
    ticket = TicketTypeFactory(capacity=5)

    errors = run_at_once(40, guest(ticket))

    assert errors == []
    assert Counter(ticket.registrations.values_list("status", flat=True)) == {
        "confirmed": 5,
        "waitlisted": 35,
    }
    assert deliver() == 40
    assert Counter(message.subject.split(" for ")[0] for message in mailoutbox) == {
        "Your ticket": 5,
        "You are on the waiting list": 35,
    }


def test_40_concurrent_registrations_for_5_priced_seats_hold_exactly_5():
    """Holds awaiting payment take seats as confirmations do; each hold gets its own
    invoice number, with no gap and no number twice."""
    ticket = TicketTypeFactory(capacity=5, price=150000, currency="KRW")

    errors = run_at_once(40, guest(ticket, billing_address="Songdo, Incheon"))

    assert errors == []
    assert Counter(ticket.registrations.values_list("status", flat=True)) == {
        "pending_payment": 5,
        "waitlisted": 35,
    }
    sequences = sorted(Invoice.objects.values_list("sequence", flat=True))
    assert sequences == [1, 2, 3, 4, 5]
    ticket.event.refresh_from_db()
    assert ticket.event.invoice_count == 5


def test_the_same_address_from_many_requests_at_once_registers_once():
    first, second = TicketTypeFactory.create_batch(2, capacity=None)
    second.event = first.event
    second.save()

    def register(index):
        registrations.registration_create(
            event=first.event,
            ticket_type=(first, second)[index % 2],
            given_name="Ada",
            family_name="Park",
            email="ada@example.com",
            organization="Example Bio",
            country="KR",
            sector=Registration.Sector.BIOTECH,
        )

    errors = run_at_once(20, register)

    assert errors == []
    assert Registration.objects.active().filter(email="ada@example.com").count() == 1


def test_concurrent_cancellations_promote_each_waitlisted_person_at_most_once(mailoutbox, deliver):
    ticket = TicketTypeFactory(capacity=10)
    confirmed = RegistrationFactory.create_batch(10, ticket_type=ticket)
    waiting = RegistrationFactory.create_batch(15, ticket_type=ticket, status="waitlisted")

    # Every confirmed registration is cancelled twice, all at once.
    errors = run_at_once(
        20, lambda index: registrations.registration_cancel(registration=confirmed[index % 10])
    )

    assert errors == []
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert {statuses[r.pk] for r in confirmed} == {"cancelled"}
    assert [statuses[r.pk] for r in waiting] == ["confirmed"] * 10 + ["waitlisted"] * 5
    deliver()
    promoted_mails = [m.to[0] for m in mailoutbox if m.subject.startswith("A seat is yours")]
    assert sorted(promoted_mails) == sorted(r.email for r in waiting[:10])
    cancelled_mails = [m.to[0] for m in mailoutbox if "is cancelled" in m.subject]
    assert sorted(cancelled_mails) == sorted(r.email for r in confirmed)
