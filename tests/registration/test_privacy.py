from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import timezone

from registration.management.commands.purge_personal_data import Command
from registration.models import Registration
from registration.services import privacy
from tests.factories import EventFactory, RegistrationFactory, TicketTypeFactory

PERSONAL = [
    "Minjisecret",
    "Kimsecret",
    "minji.secret@example.com",
    "Secret Bio",
    "Chief Secret Officer",
]


def aggregates():
    rows = Registration.objects.values_list(
        "ticket_type_id", "status", "country", "sector", "checked_in_at"
    )
    return {
        "per_ticket_status": Counter((t, s) for t, s, *_ in rows),
        "per_country": Counter(c for _t, _s, c, _se, _ci in rows),
        "per_sector": Counter(se for *_x, se, _ci in rows),
        "checked_in": sum(1 for *_x, ci in rows if ci),
    }


@pytest.fixture
def past_event(db, django_user_model):
    now = timezone.now()
    event = EventFactory(start=now - timedelta(days=100), end=now - timedelta(days=99))
    ticket = TicketTypeFactory(event=event, capacity=2)
    secret = RegistrationFactory(
        ticket_type=ticket,
        given_name="Minjisecret",
        family_name="Kimsecret",
        email="minji.secret@example.com",
        organization="Secret Bio",
        job_title="Chief Secret Officer",
        checked_in_at=now - timedelta(days=99),
    )
    RegistrationFactory(ticket_type=ticket, country="JP", sector="academia")
    RegistrationFactory(ticket_type=ticket, status="waitlisted", country="TW")
    RegistrationFactory(ticket_type=ticket, status="cancelled")
    LogEntry.objects.create(
        user=django_user_model.objects.create_superuser("organizer", "", "x" * 20),
        content_type=ContentType.objects.get_for_model(Registration),
        object_id=str(secret.pk),
        object_repr=str(secret),
        action_flag=CHANGE,
        change_message="Changed organization of Minjisecret Kimsecret",
    )
    return event


def test_purge_leaves_no_personal_data_anywhere_and_the_counts_unchanged(past_event):
    before = aggregates()
    out = StringIO()
    call_command("purge_personal_data", "--yes", stdout=out)
    assert "Anonymized 4 registrations." in out.getvalue()

    assert aggregates() == before
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    for value in PERSONAL:
        assert value not in dump.getvalue()
    assert not Registration.objects.filter(anonymized_at__isnull=True).exists()


def test_purge_spares_recent_events_and_is_idempotent(past_event):
    recent = RegistrationFactory(given_name="Recent")
    recent.event.end = timezone.now() - timedelta(days=10)
    recent.event.start = recent.event.end - timedelta(days=1)
    recent.event.save()
    call_command("purge_personal_data", "--yes", stdout=StringIO())
    recent.refresh_from_db()
    assert recent.given_name == "Recent"
    out = StringIO()
    call_command("purge_personal_data", "--yes", stdout=out)
    assert out.getvalue().startswith("Nothing to erase: no personal data older than ")


def test_retention_days_come_from_the_setting(past_event, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    out = StringIO()
    call_command("purge_personal_data", "--yes", stdout=out)
    assert out.getvalue().startswith("Nothing to erase")


def test_attendee_deleting_their_data_keeps_the_counts_but_their_seat_moves_on(past_event, deliver):

    secret = Registration.objects.get(family_name="Kimsecret")
    with deliver:
        privacy.registration_anonymize(registration=secret)
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    for value in PERSONAL:
        assert value not in dump.getvalue()
    secret.refresh_from_db()
    assert (secret.country.code, secret.sector, secret.checked_in_at is not None) == (
        "KR",
        "biotech",
        True,
    )


def test_anonymizing_erases_personal_data_and_keeps_the_counts(two_seats, deliver):
    registration = RegistrationFactory(
        ticket_type=two_seats, job_title="CSO", consent_marketing=True
    )
    waiting = RegistrationFactory(ticket_type=two_seats, status="waitlisted")
    old_token = registration.token
    RegistrationFactory(ticket_type=two_seats)
    with deliver:
        privacy.registration_anonymize(registration=registration)
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert (registration.given_name, registration.family_name) == ("", "")
    assert registration.email == f"deleted-{registration.pk}@invalid"
    assert (registration.organization, registration.job_title) == ("", "")
    assert registration.token != old_token
    assert registration.status == "cancelled"
    assert (registration.country.code, registration.sector) == ("KR", "biotech")
    assert waiting.status == "confirmed"


def test_purge_lists_what_it_erases_and_asks_first(past_event, monkeypatch):
    monkeypatch.setattr(Command, "stdin_is_interactive", lambda self: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    out = StringIO()
    with pytest.raises(CommandError, match=r"^Nothing erased\.$"):
        call_command("purge_personal_data", stdout=out)
    listing = out.getvalue()
    assert "names, e-mail addresses, organizations and job titles of 4 registrations" in listing
    assert past_event.name in listing
    assert Registration.objects.filter(anonymized_at__isnull=True).count() == 4

    monkeypatch.setattr("builtins.input", lambda prompt: "yes")
    call_command("purge_personal_data", stdout=StringIO())
    assert not Registration.objects.filter(anonymized_at__isnull=True).exists()


def test_purge_without_a_terminal_needs_yes(past_event, monkeypatch):
    monkeypatch.setattr(Command, "stdin_is_interactive", lambda self: False)
    with pytest.raises(CommandError, match="Run with --yes"):
        call_command("purge_personal_data", stdout=StringIO())
    assert Registration.objects.filter(anonymized_at__isnull=True).count() == 4


def test_purge_clears_login_records_older_than_the_retention_period(db):
    old, recent = timezone.now() - timedelta(days=200), timezone.now() - timedelta(days=2)
    for when, username in ((old, "long-ago"), (recent, "lately")):
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            extra = {"failures_since_start": 1} if model is AccessAttempt else {}
            row = model.objects.create(username=username, ip_address="203.0.113.9", **extra)
            model.objects.filter(pk=row.pk).update(attempt_time=when)
    out = StringIO()
    call_command("purge_personal_data", "--yes", stdout=out)
    assert "3 admin login records" in out.getvalue()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert list(model.objects.values_list("attempt_time", flat=True)) == [recent]


def test_a_negative_retention_period_is_refused_and_upcoming_events_are_safe(past_event):
    upcoming = RegistrationFactory(given_name="Upcoming")  # its event is 60 days ahead
    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("purge_personal_data", "--days", "-61", "--yes", stdout=StringIO())
    privacy.personal_data_purge(retention_days=-61)
    upcoming.refresh_from_db()
    assert upcoming.given_name == "Upcoming"
