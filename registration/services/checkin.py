"""The door: checking attendees in, and undoing a check-in made by mistake."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registration.models import CheckIn, Registration


class CheckInRefused(Exception):
    """The registration cannot be checked in; the message says why, for the desk, and
    `kind` says which case ("waitlisted", "cancelled" or "other_event")."""

    def __init__(self, message, kind):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class CheckInResult:
    registration: Registration
    first_time: bool


def _record(*, registration, action, by, at):
    CheckIn.objects.create(
        registration=registration,
        action=action,
        at=at,
        by=by if by is not None and by.is_authenticated else None,
        by_name=by.get_username() if by is not None and by.is_authenticated else "",
    )


@transaction.atomic
def attendee_check_in(*, registration, by=None, event=None):
    """Check a confirmed attendee in, once.

    Side effects: sets checked_in_at and checked_in_by on the first call and records a
    CheckIn row. A second call changes nothing and reports the first time (and who).
    Raises CheckInRefused for waitlisted, unpaid or cancelled registrations, and, when
    `event` is given (the door's), for a ticket of another event. The row lock makes two desks
    scanning the same ticket at once agree on who was first.
    """
    current = (
        # Lock the registration's row only: PostgreSQL cannot lock the nullable side of
        # the outer join to checked_in_by.
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "ticket_type", "checked_in_by")
        .get(pk=registration.pk)
    )
    if event is not None and current.event_id != event.pk:
        raise CheckInRefused(_("This ticket is for another event."), "other_event")
    if current.status == Registration.Status.WAITLISTED:
        raise CheckInRefused(
            _("This registration is on the waiting list and has no seat."), "waitlisted"
        )
    if current.status == Registration.Status.PENDING_PAYMENT:
        raise CheckInRefused(
            _("This seat is held until payment, and the payment has not arrived."), "unpaid"
        )
    if current.status != Registration.Status.CONFIRMED:
        raise CheckInRefused(_("This registration was cancelled."), "cancelled")
    if current.checked_in_at is not None:
        return CheckInResult(current, first_time=False)
    current.checked_in_at = timezone.now()
    current.checked_in_by = by if by is not None and by.is_authenticated else None
    current.save(update_fields=["checked_in_at", "checked_in_by", "updated"])
    _record(registration=current, action=CheckIn.Action.CHECK_IN, by=by, at=current.checked_in_at)
    return CheckInResult(current, first_time=True)


@transaction.atomic
def attendee_check_in_undo(*, registration, by=None):
    """Undo a check-in made by mistake.

    Side effects: clears checked_in_at and checked_in_by and records who undid it and when;
    the CheckIn history keeps the original check-in. Returns the registration, and whether
    there was anything to undo.
    """
    current = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "ticket_type")
        .get(pk=registration.pk)
    )
    if current.checked_in_at is None:
        return current, False
    current.checked_in_at = None
    current.checked_in_by = None
    current.save(update_fields=["checked_in_at", "checked_in_by", "updated"])
    _record(registration=current, action=CheckIn.Action.UNDO, by=by, at=timezone.now())
    return current, True
