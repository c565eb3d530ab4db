"""The door: checking attendees in."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registration.models import Registration


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
