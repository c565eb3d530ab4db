"""The waiting list: free seats go to the people who have waited longest."""

from django.utils import timezone

from registration.models import Registration
from registration.services.emails import email_queue
from registration.services.holds import HOLD_FIELDS, hold_begin, hold_terms


def waitinglist_promote(*, ticket_type, now=None):
    """Give free seats of a ticket type to its oldest waitlisted registrations: confirmed
    for a free ticket, held for payment for a priced one.

    The caller holds the ticket type's lock (see tickets.locked_ticket_type) inside its
    transaction. Side effects: sets each promoted registration confirmed, or pending payment
    with its invoice (holds.hold_begin), with promoted_at; queues an e-mail to each one.
    Returns the promoted registrations.
    """
    waiting = ticket_type.registrations.filter(status=Registration.Status.WAITLISTED)
    seats_left = ticket_type.seats_left(ticket_type.registrations.taking_seats().count())
    if seats_left is None:
        seats_left = waiting.count()
    if seats_left <= 0:
        return []
    now = now or timezone.now()
    if not ticket_type.is_free and ticket_type.event.start <= now:
        # No invoice for an event under way: the seat goes to whoever is at the door.
        return []
    promoted = list(waiting.select_for_update().order_by("created", "pk")[:seats_left])
    for registration in promoted:
        registration.promoted_at = now
        if ticket_type.is_free:
            registration.status = Registration.Status.CONFIRMED
            registration.save(update_fields=["status", "promoted_at", "updated"])
            email_queue(registration=registration, kind="promoted")
        else:
            hold_terms(registration=registration, ticket_type=ticket_type, now=now)
            registration.save(update_fields=[*HOLD_FIELDS, "promoted_at", "updated"])
            hold_begin(registration=registration, kind="hold_offered", now=now)
    return promoted
