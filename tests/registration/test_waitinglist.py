"""The waiting list: cancellations and added seats promote the people who waited longest."""

from registration.models import Registration
from registration.services import registrations, tickets
from tests.factories import RegistrationFactory
from tests.helpers import subjects


def test_cancelling_promotes_the_oldest_waitlisted_and_emails_both(two_seats, mailoutbox, deliver):
    confirmed = RegistrationFactory.create_batch(2, ticket_type=two_seats)
    oldest, newer = RegistrationFactory.create_batch(
        2, ticket_type=two_seats, status=Registration.Status.WAITLISTED
    )
    with deliver:
        promoted = registrations.registration_cancel(registration=confirmed[0])

    assert promoted == [oldest]
    oldest.refresh_from_db()
    newer.refresh_from_db()
    assert (oldest.status, newer.status) == ("confirmed", "waitlisted")
    assert oldest.promoted_at is not None
    assert subjects(mailoutbox) == [
        (
            confirmed[0].email,
            "Your registration for Cell & Gene Therapy East Asia 2025 is cancelled",
        ),
        (oldest.email, "A seat is yours: your ticket for Cell & Gene Therapy East Asia 2025"),
    ]


def test_cancelling_twice_promotes_once(two_seats, deliver):
    confirmed = RegistrationFactory(ticket_type=two_seats)
    RegistrationFactory(ticket_type=two_seats)
    RegistrationFactory.create_batch(2, ticket_type=two_seats, status="waitlisted")
    with deliver:
        first = registrations.registration_cancel(registration=confirmed)
        second = registrations.registration_cancel(registration=confirmed)
    assert (len(first), second) == (1, [])
    assert two_seats.registrations.filter(status="confirmed").count() == 2


def test_adding_seats_promotes_the_waiting_list(two_seats, deliver):
    RegistrationFactory.create_batch(2, ticket_type=two_seats)
    RegistrationFactory.create_batch(3, ticket_type=two_seats, status="waitlisted")
    two_seats.capacity = 4
    with deliver:
        promoted = tickets.ticket_type_update(ticket_type=two_seats, fields=["capacity"])
    assert len(promoted) == 2
    assert two_seats.registrations.filter(status="waitlisted").count() == 1
