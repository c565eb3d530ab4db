"""The waiting list: free seats go to the people who have waited longest."""

from django.utils import timezone

from registration.models import Registration
from registration.services.emails import email_queue


def waitinglist_promote(*, ticket_type):
    """Confirm the oldest waitlisted registrations of a ticket type while seats are free.

    The caller holds the ticket type's lock (see tickets.locked_ticket_type) inside its
    transaction. Side effects: sets each promoted registration confirmed with promoted_at,
    and queues an e-mail to each one. Returns the promoted registrations.
    """
    waiting = ticket_type.registrations.filter(status=Registration.Status.WAITLISTED)
    seats_left = ticket_type.seats_left(
        ticket_type.registrations.filter(status=Registration.Status.CONFIRMED).count()
    )
    if seats_left is None:
        seats_left = waiting.count()
    if seats_left <= 0:
        return []
    promoted = list(waiting.select_for_update().order_by("created", "pk")[:seats_left])
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated"])
        email_queue(registration=registration, kind="promoted")
    return promoted
