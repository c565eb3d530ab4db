"""Writes to the event, speakers and agenda."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import partial

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from landscape.models import Company, Country
from registration import emails, seed_data
from registration.models import Event, Registration, Speaker, TicketType, new_token


@transaction.atomic
def event_seed():
    """Load the event and its speakers from the source, creating only what is missing.

    Side effects: inserts the event, its speakers, and landscape companies that a speaker's
    organization names but the landscape lacks (created under the speaker's country). Rows
    that exist are left exactly as they are. Returns the number of rows created.
    """
    created = 0
    fields = dict(seed_data.EVENT)
    day = timezone.make_aware(datetime(*fields.pop("date")))
    event, was_created = Event.objects.get_or_create(
        slug=fields.pop("slug"), defaults={**fields, "start": day, "end": day + timedelta(days=1)}
    )
    created += was_created
    _ticket, was_created = TicketType.objects.get_or_create(
        event=event,
        name=seed_data.TICKET_TYPE["name"],
        defaults={k: v for k, v in seed_data.TICKET_TYPE.items() if k != "name"},
    )
    created += was_created

    countries = {country.slug: country for country in Country.objects.all()}
    for order, (name, role, organization, company_name, country_slug) in enumerate(
        seed_data.SPEAKERS, start=1
    ):
        country = countries.get(country_slug)
        company = None
        if company_name:
            company, company_created = Company.objects.get_or_create(
                slug=slugify(company_name), defaults={"name": company_name, "country": country}
            )
            created += company_created
        _speaker, was_created = Speaker.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "event": event,
                "name": name,
                "role": role,
                "organization": organization,
                "company": company,
                "country": country,
                "order": order,
                "featured": True,
            },
        )
        created += was_created
    return created


# --- registration -------------------------------------------------------------------------


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    ALREADY_REGISTERED = "already_registered"


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    outcome: Outcome


def _locked_ticket_type(ticket_type_id):
    # On PostgreSQL this row lock serializes every seat decision for the ticket type; on
    # SQLite the IMMEDIATE transaction already holds the database's single write lock.
    return TicketType.objects.select_for_update().get(pk=ticket_type_id)


def _confirmed_count(ticket_type):
    return ticket_type.registrations.filter(status=Registration.Status.CONFIRMED).count()


def _send_after_commit(registration, kind):
    transaction.on_commit(
        partial(emails.send_registration_email.enqueue, registration_id=registration.pk, kind=kind)
    )


def _active_for_email(event, email):
    return (
        Registration.objects.active()
        .with_email(email)
        .filter(event=event)
        .select_related("ticket_type")
        .first()
    )


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
):
    """Register someone: confirmed while the ticket type has seats, waitlisted once it is full.

    Side effects: inserts a Registration (unless the address already holds an active one
    for the event) and, after commit, e-mails the person what happened: their ticket, their
    place on the waiting list, or, for a known address, a reminder with their manage link.
    The caller cannot tell the last case from the others by the return value's effect on
    the page; only `outcome` says it.
    """
    if ticket_type.event_id != event.pk:
        raise ValueError("The ticket type belongs to another event.")
    ticket_type = _locked_ticket_type(ticket_type.pk)
    existing = _active_for_email(event, email)
    if existing is not None:
        _send_after_commit(existing, "already_registered")
        return RegistrationResult(existing, Outcome.ALREADY_REGISTERED)

    seats_left = ticket_type.seats_left(_confirmed_count(ticket_type))
    status = (
        Registration.Status.CONFIRMED
        if seats_left is None or seats_left > 0
        else Registration.Status.WAITLISTED
    )
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
        "consent_privacy": True,
        "consent_marketing": consent_marketing,
        "status": status,
    }
    for _attempt in range(5):
        registration = Registration(**fields)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            # The random reference collided (retry with a new one), or another ticket
            # type's transaction registered this address first (PostgreSQL).
            if Registration.objects.filter(reference=registration.reference).exists():
                continue
            existing = _active_for_email(event, email)
            if existing is None:
                raise
            _send_after_commit(existing, "already_registered")
            return RegistrationResult(existing, Outcome.ALREADY_REGISTERED)
        _send_after_commit(registration, status)
        return RegistrationResult(registration, Outcome(status))
    raise RuntimeError("Could not allocate a unique registration reference.")


def _promote_waitlisted(ticket_type):
    """Confirm the oldest waitlisted registrations while seats are free. Caller holds the lock."""
    promoted = []
    seats_left = ticket_type.seats_left(_confirmed_count(ticket_type))
    if seats_left is None:
        seats_left = ticket_type.registrations.filter(status=Registration.Status.WAITLISTED).count()
    if seats_left <= 0:
        return promoted
    waiting = list(
        ticket_type.registrations.select_for_update()
        .filter(status=Registration.Status.WAITLISTED)
        .order_by("created", "pk")[:seats_left]
    )
    now = timezone.now()
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated"])
        _send_after_commit(registration, "promoted")
        promoted.append(registration)
    return promoted


@transaction.atomic
def registration_cancel(*, registration, notify=True):
    """Cancel a registration and give its seat to the oldest waitlisted person.

    Side effects: sets the registration cancelled; promotes waitlisted registrations of the
    same ticket type while seats are free; after commit, e-mails the cancelled person (when
    `notify`) and everyone promoted. Cancelling twice changes nothing. Returns the list of
    promoted registrations.
    """
    ticket_type = _locked_ticket_type(registration.ticket_type_id)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status == Registration.Status.CANCELLED:
        registration.refresh_from_db()
        return []
    current.status = Registration.Status.CANCELLED
    current.cancelled_at = timezone.now()
    current.save(update_fields=["status", "cancelled_at", "updated"])
    if notify:
        _send_after_commit(current, "cancelled")
    promoted = _promote_waitlisted(ticket_type)
    registration.refresh_from_db()
    return promoted


@transaction.atomic
def ticket_type_fill_from_waitlist(*, ticket_type):
    """After an organizer adds seats: promote waitlisted people into them.

    Side effects: as registration_cancel's promotion, with e-mails after commit.
    """
    return _promote_waitlisted(_locked_ticket_type(ticket_type.pk))


def registration_resend(*, registration):
    """E-mail the registration's current state again (ticket, waiting list or cancellation)."""
    if registration.anonymized_at is not None:
        return
    _send_after_commit(registration, registration.status)


class CheckInRefused(Exception):
    """The registration cannot be checked in; the message says why, for the desk."""


@dataclass(frozen=True)
class CheckInResult:
    registration: Registration
    first_time: bool


@transaction.atomic
def attendee_check_in(*, registration):
    """Check a confirmed attendee in, once.

    Side effects: sets checked_in_at on the first call. A second call changes nothing and
    reports the first time. Raises CheckInRefused for waitlisted or cancelled registrations.
    """
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if current.status != Registration.Status.CONFIRMED:
        raise CheckInRefused(
            _("This registration is on the waiting list and has no seat.")
            if current.status == Registration.Status.WAITLISTED
            else _("This registration was cancelled.")
        )
    if current.checked_in_at is not None:
        return CheckInResult(current, first_time=False)
    current.checked_in_at = timezone.now()
    current.save(update_fields=["checked_in_at", "updated"])
    return CheckInResult(current, first_time=True)


def _scrub(registration):
    """Blank a registration's personal data in place; the caller saves it."""
    registration.given_name = ""
    registration.family_name = ""
    registration.email = f"deleted-{registration.pk}@invalid"
    registration.organization = ""
    registration.job_title = ""
    registration.consent_marketing = False
    registration.token = new_token()
    registration.checkin_token = new_token()
    registration.anonymized_at = timezone.now()


def _scrub_admin_history(registration_ids):
    """The admin's history names registrations by their __str__: keep only the reference."""
    content_type = ContentType.objects.get_for_model(Registration)
    for registration_id, reference in Registration.objects.filter(
        pk__in=registration_ids
    ).values_list("pk", "reference"):
        LogEntry.objects.filter(content_type=content_type, object_id=str(registration_id)).update(
            object_repr=reference, change_message=""
        )


@transaction.atomic
def registration_anonymize(*, registration):
    """Delete a registration's personal data for good, at the attendee's request.

    Side effects: cancels it first if active (promoting the waiting list, without e-mailing
    the address being deleted); blanks name, e-mail, organization and job title, here and in
    the admin's history; replaces both tokens so old links stop working. Keeps ticket type,
    country, sector and check-in time for the aggregate counts.
    """
    if registration.is_active:
        registration_cancel(registration=registration, notify=False)
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    _scrub(current)
    current.save()
    _scrub_admin_history([current.pk])
    return current


@transaction.atomic
def personal_data_purge(*, now=None, retention_days=None):
    """Anonymize every registration of events that ended more than the retention period ago.

    Side effects: as registration_anonymize, except that statuses stay as they are (the
    event is over: nobody is promoted or e-mailed), so every aggregate count — per ticket
    type, status, country, sector, checked in — is unchanged. Returns how many registrations
    were anonymized; running it again anonymizes nothing more.
    """
    now = now or timezone.now()
    if retention_days is None:
        retention_days = settings.PERSONAL_DATA_RETENTION_DAYS
    cutoff = now - timedelta(days=retention_days)
    registrations = list(
        Registration.objects.select_for_update().filter(
            event__end__lt=cutoff, anonymized_at__isnull=True
        )
    )
    for registration in registrations:
        _scrub(registration)
        registration.save()
    _scrub_admin_history([registration.pk for registration in registrations])
    return len(registrations)
