"""Ticket types: the row every seat decision locks, and organizers' edits to it."""

from django.db import transaction

from registration.models import TicketType
from registration.services.waitinglist import waitinglist_promote


def locked_ticket_type(ticket_type_id):
    """The ticket type, locked until the transaction ends.

    On PostgreSQL this row lock serializes every seat decision for the ticket type; on
    SQLite the IMMEDIATE transaction already holds the database's single write lock.
    """
    return TicketType.objects.select_for_update().get(pk=ticket_type_id)


@transaction.atomic
def ticket_type_update(*, ticket_type, fields):
    """Save an organizer's edit of a ticket type; added seats go to the waiting list.

    `ticket_type` carries the edited values; `fields` names those that changed. Side effects:
    saves the row; when the capacity changed, promotes the oldest waitlisted registrations
    into any free seats and queues their e-mails. Returns the promoted registrations.
    """
    ticket_type.save()
    if "capacity" not in fields:
        return []
    return waitinglist_promote(ticket_type=locked_ticket_type(ticket_type.pk))
