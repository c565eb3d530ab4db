"""Personal data: deleted at an attendee's request, and for everyone after the retention
period (pretix calls this the shredder). Aggregate counts always survive."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from registration.models import Email, Event, Payment, Registration, new_token
from registration.services.registrations import registration_cancel


def _scrub(registration):
    """Blank a registration's personal data in place; the caller saves it."""
    registration.given_name = ""
    registration.family_name = ""
    registration.email = f"deleted-{registration.pk}@invalid"
    registration.organization = ""
    registration.job_title = ""
    registration.billing_address = ""
    registration.billing_business_number = ""
    registration.consent_marketing = False
    registration.token = new_token()
    registration.checkin_token = new_token()
    registration.anonymized_at = timezone.now()


def _scrub_payments(registration_ids):
    """A payment's note can quote the bank statement's text: the depositor's name. The
    amounts stay (accounting); the invoices keep the buyer as issued (tax records)."""
    Payment.objects.filter(registration_id__in=registration_ids).update(note="")


def _scrub_emails(registration_ids):
    """Mail errors can quote the address a server refused; unsent e-mails are withdrawn."""
    emails = Email.objects.filter(registration_id__in=registration_ids)
    emails.update(last_error="")
    emails.pending().update(state=Email.State.WITHDRAWN, last_error="personal data deleted")


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
    _scrub_emails([current.pk])
    _scrub_payments([current.pk])
    _scrub_admin_history([current.pk])
    return current


def purge_cutoff(*, now=None, retention_days=None):
    """Personal data older than this goes: events that ended before it, logins before it.
    Never later than now, whatever the retention period: an event not yet over keeps its
    attendees."""
    if retention_days is None:
        retention_days = settings.PERSONAL_DATA_RETENTION_DAYS
    return (now or timezone.now()) - timedelta(days=max(retention_days, 0))


@dataclass(frozen=True)
class PurgePlan:
    cutoff: datetime
    events: list  # (event, number of registrations still holding personal data)
    login_records: int

    @property
    def is_empty(self):
        return not self.login_records and not any(count for _event, count in self.events)


def personal_data_due(*, now=None, retention_days=None):
    """What personal_data_purge would erase now, for a person to confirm. Reads only."""
    cutoff = purge_cutoff(now=now, retention_days=retention_days)
    events = (
        Event.objects.filter(end__lt=cutoff)
        .annotate(n=Count("registrations", filter=Q(registrations__anonymized_at__isnull=True)))
        .order_by("end")
    )
    logins = sum(model.objects.filter(attempt_time__lt=cutoff).count() for model in LOGIN_LOGS)
    return PurgePlan(cutoff, [(event, event.n) for event in events if event.n], logins)


# django-axes keeps usernames and client addresses of every admin login attempt.
LOGIN_LOGS = (AccessAttempt, AccessLog, AccessFailureLog)


@transaction.atomic
def personal_data_purge(*, now=None, retention_days=None):
    """Anonymize every registration of events that ended more than the retention period
    ago, and delete the admin's login records older than that.

    Side effects: as registration_anonymize, except that statuses stay as they are (the
    event is over: nobody is promoted or e-mailed), so every aggregate count — per ticket
    type, status, country, sector, checked in — is unchanged; deletes django-axes attempts,
    access and failure logs. Returns how many registrations were anonymized; running it
    again anonymizes nothing more.
    """
    cutoff = purge_cutoff(now=now, retention_days=retention_days)
    for model in LOGIN_LOGS:
        model.objects.filter(attempt_time__lt=cutoff).delete()
    registrations = list(
        Registration.objects.select_for_update().filter(
            event__end__lt=cutoff, anonymized_at__isnull=True
        )
    )
    for registration in registrations:
        _scrub(registration)
        registration.save()
    ids = [registration.pk for registration in registrations]
    _scrub_emails(ids)
    _scrub_payments(ids)
    _scrub_admin_history(ids)
    return len(registrations)
