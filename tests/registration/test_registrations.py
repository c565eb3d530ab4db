import pytest
from django.db import IntegrityError, transaction
from django_tasks_db.models import DBTaskResult

from registration.models import Email, Registration
from registration.services import registrations
from registration.services.registrations import Outcome
from tests.factories import RegistrationFactory, TicketTypeFactory
from tests.helpers import subjects


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
    return registrations.registration_create(**fields)


def test_registrations_are_confirmed_until_the_ticket_is_full_then_waitlisted(two_seats, deliver):
    with deliver:
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


def test_each_outcome_queues_its_email_for_the_worker(two_seats, mailoutbox, deliver):
    RegistrationFactory.create_batch(2, ticket_type=two_seats)
    registration = register(two_seats).registration
    # The request only queued it: a row for the desk and a task for the worker.
    assert mailoutbox == []
    [email] = registration.emails.all()
    assert (email.kind, email.state, email.attempts) == ("waitlisted", "queued", 0)
    assert DBTaskResult.objects.ready().count() == 1

    assert deliver() == 1
    assert subjects(mailoutbox) == [
        ("ada@example.com", "You are on the waiting list for Cell & Gene Therapy East Asia 2025")
    ]
    email.refresh_from_db()
    assert (email.state, email.attempts, email.last_error) == ("sent", 1, "")
    assert email.sent_at is not None
    assert deliver() == 0  # nothing is sent twice


def test_a_registration_rolled_back_queues_no_email(two_seats, mailoutbox, deliver):
    def register_then_fail():
        with transaction.atomic():
            register(two_seats)
            raise RuntimeError("the request fails after registering")

    with pytest.raises(RuntimeError):
        register_then_fail()
    assert Email.objects.count() == 0
    assert deliver() == 0
    assert mailoutbox == []


def test_registering_again_creates_nothing_and_emails_the_manage_link(
    two_seats, mailoutbox, deliver
):
    with deliver:
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


def test_references_and_tokens_are_random_and_long(db):
    registrations = RegistrationFactory.create_batch(50)
    assert len({r.reference for r in registrations}) == 50
    assert all(len(r.token) >= 43 for r in registrations)  # 32 bytes, base64
    assert all(r.reference.startswith("CGT-") and len(r.reference) == 9 for r in registrations)
    assert not {r.token for r in registrations} & {r.checkin_token for r in registrations}
