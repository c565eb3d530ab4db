"""Announcements: one message from the organizers to many registrations."""

from django.db import transaction
from django.utils import timezone

from registration.models import Announcement, Email
from registration.services.emails import email_queue


class AlreadySent(Exception):
    """An announcement goes out once."""


@transaction.atomic
def announcement_send(*, announcement):
    """Queue the announcement to everyone it addresses now.

    Side effects: locks the announcement (two organizers pressing Send at once send it
    once), queues an e-mail per recipient for the worker, and records when and to how many
    people it went. Raises AlreadySent the second time. Returns the number of e-mails.
    """
    locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if locked.sent_at is not None:
        raise AlreadySent
    recipients = list(locked.recipients().order_by("pk"))
    for registration in recipients:
        email_queue(registration=registration, kind=Email.Kind.ANNOUNCEMENT, announcement=locked)
    locked.sent_at = timezone.now()
    locked.recipient_count = len(recipients)
    locked.save(update_fields=["sent_at", "recipient_count"])
    announcement.refresh_from_db()
    return len(recipients)
