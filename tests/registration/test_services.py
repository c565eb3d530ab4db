import pytest
from django.db import IntegrityError

from registration import services
from registration.models import Registration
from registration.services import Outcome
from tests.factories import RegistrationFactory, TicketTypeFactory


def register(ticket_type, email="ada@example.com", **overrides):
    fields = {
        "event": ticket_type.event,
        "ticket_type": ticket_type,
        "given_name": "Ada",
        "family_name": "Park",
        "email": email,
        "organization": "Example Bio",
        "job_title": "CSO",
        "country": "KR",
        "sector": Registration.Sector.BIOTECH,
        **overrides,
    }
    return services.registration_create(**fields)


@pytest.fixture
def two_seats(db):
    return TicketTypeFactory(capacity=2)


def subjects(mailoutbox):
    return [(message.to[0], message.subject) for message in mailoutbox]


def test_registrations_are_confirmed_until_the_ticket_is_full_then_waitlisted(
    two_seats, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = [register(two_seats, f"p{i}@example.com").outcome for i in range(4)]
    assert outcomes == [
        Outcome.CONFIRMED,
        Outcome.CONFIRMED,
        Outcome.WAITLISTED,
        Outcome.WAITLISTED,
    ]


def test_unlimited_ticket_never_waitlists(db):
    ticket = TicketTypeFactory(capacity=None)
    RegistrationFactory.create_batch(30, ticket_type=ticket)
    assert register(ticket).outcome == Outcome.CONFIRMED


def test_each_outcome_sends_its_email_after_commit(
    two_seats, mailoutbox, django_capture_on_commit_callbacks
):
    RegistrationFactory.create_batch(2, ticket_type=two_seats)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        register(two_seats)
    assert mailoutbox == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    assert subjects(mailoutbox) == [
        ("ada@example.com", "You are on the waiting list for Cell & Gene Therapy East Asia 2025")
    ]


def test_registering_again_creates_nothing_and_emails_the_manage_link(
    two_seats, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = register(two_seats, "Ada@Example.com")
        second = register(two_seats, "ada@example.COM", given_name="Someone")
    assert second.outcome == Outcome.ALREADY_REGISTERED
    assert second.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1
    assert mailoutbox[1].subject == (
        "You are already registered for Cell & Gene Therapy East Asia 2025"
    )
    assert first.registration.get_absolute_url() in mailoutbox[1].body


def test_the_database_refuses_two_active_registrations_for_one_address(two_seats):
    RegistrationFactory(ticket_type=two_seats, email="ada@example.com")
    with pytest.raises(IntegrityError):
        RegistrationFactory(ticket_type=two_seats, email="ADA@example.com")


def test_a_cancelled_registration_frees_the_address(two_seats):
    old = RegistrationFactory(
        ticket_type=two_seats, email="ada@example.com", status=Registration.Status.CANCELLED
    )
    new = register(two_seats)
    assert new.outcome == Outcome.CONFIRMED
    assert new.registration.pk != old.pk


def test_cancelling_promotes_the_oldest_waitlisted_and_emails_both(
    two_seats, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed = RegistrationFactory.create_batch(2, ticket_type=two_seats)
    oldest, newer = RegistrationFactory.create_batch(
        2, ticket_type=two_seats, status=Registration.Status.WAITLISTED
    )
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=confirmed[0])

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


def test_cancelling_twice_promotes_once(two_seats, django_capture_on_commit_callbacks):
    confirmed = RegistrationFactory(ticket_type=two_seats)
    RegistrationFactory(ticket_type=two_seats)
    RegistrationFactory.create_batch(2, ticket_type=two_seats, status="waitlisted")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_cancel(registration=confirmed)
        second = services.registration_cancel(registration=confirmed)
    assert (len(first), second) == (1, [])
    assert two_seats.registrations.filter(status="confirmed").count() == 2


def test_adding_seats_promotes_the_waiting_list(two_seats, django_capture_on_commit_callbacks):
    RegistrationFactory.create_batch(2, ticket_type=two_seats)
    RegistrationFactory.create_batch(3, ticket_type=two_seats, status="waitlisted")
    two_seats.capacity = 4
    two_seats.save()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.ticket_type_fill_from_waitlist(ticket_type=two_seats)
    assert len(promoted) == 2
    assert two_seats.registrations.filter(status="waitlisted").count() == 1


def test_check_in_happens_once_and_reports_the_first_time(db):
    registration = RegistrationFactory()
    first = services.attendee_check_in(registration=registration)
    second = services.attendee_check_in(registration=registration)
    assert (first.first_time, second.first_time) == (True, False)
    assert second.registration.checked_in_at == first.registration.checked_in_at


@pytest.mark.parametrize("status", ["waitlisted", "cancelled"])
def test_waitlisted_and_cancelled_cannot_check_in(db, status):
    registration = RegistrationFactory(status=status)
    with pytest.raises(services.CheckInRefused):
        services.attendee_check_in(registration=registration)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_anonymizing_erases_personal_data_and_keeps_the_counts(
    two_seats, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(
        ticket_type=two_seats, job_title="CSO", consent_marketing=True
    )
    waiting = RegistrationFactory(ticket_type=two_seats, status="waitlisted")
    old_token = registration.token
    RegistrationFactory(ticket_type=two_seats)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_anonymize(registration=registration)
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert (registration.given_name, registration.family_name) == ("", "")
    assert registration.email == f"deleted-{registration.pk}@invalid"
    assert (registration.organization, registration.job_title) == ("", "")
    assert registration.token != old_token
    assert registration.status == "cancelled"
    assert (registration.country.code, registration.sector) == ("KR", "biotech")
    assert waiting.status == "confirmed"


def test_references_and_tokens_are_random_and_long(db):
    registrations = RegistrationFactory.create_batch(50)
    assert len({r.reference for r in registrations}) == 50
    assert all(len(r.token) >= 43 for r in registrations)  # 32 bytes, base64
    assert all(r.reference.startswith("CGT-") and len(r.reference) == 9 for r in registrations)
    assert not {r.token for r in registrations} & {r.checkin_token for r in registrations}
