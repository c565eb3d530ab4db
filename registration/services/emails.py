"""E-mails: queued as a row and a task in the transaction that causes them, sent by the
task worker at most once, retried with backoff while the mail server fails.

No web request talks to a mail server: the request only inserts rows. Logs name the
registration's reference, never an address or a name.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation

from common.mail import Failure, describe, failure_kind
from registration import emails
from registration.models import Email

logger = logging.getLogger(__name__)


def email_queue(*, registration, kind, announcement=None, resend_of=None):
    """Queue one e-mail to a registration.

    Side effects: inserts an Email row and a task row for the worker, both in the current
    transaction (or in one of their own), so a rolled-back change queues nothing and a
    committed one cannot lose its e-mail. Returns the Email.
    """
    with transaction.atomic():
        email = Email.objects.create(
            registration=registration, kind=kind, announcement=announcement, resend_of=resend_of
        )
        email_send.enqueue(email_id=str(email.pk))
    return email


@transaction.atomic
def email_resend(*, email):
    """Send an e-mail again, as a new e-mail of the same kind; the original keeps its
    history. A copy of the original still waiting to be sent is withdrawn, so the person
    gets one. Returns the new Email, or None when the e-mail no longer says what is true
    (a ticket for a registration since cancelled) or its personal data is deleted.
    """
    original = (
        Email.objects.select_for_update(of=("self",))
        .select_related("registration", "announcement")
        .get(pk=email.pk)
    )
    if original.registration.anonymized_at is not None or not original.still_true():
        return None
    if original.state in (Email.State.QUEUED, Email.State.RETRYING):
        original.state = Email.State.WITHDRAWN
        original.last_error = "replaced by a new copy"
        original.next_attempt_at = None
        original.save(update_fields=["state", "last_error", "next_attempt_at"])
    return email_queue(
        registration=original.registration,
        kind=original.kind,
        announcement=original.announcement,
        resend_of=original,
    )


def _claim(email_id):
    """Mark the e-mail as being sent, if it still is to be sent. The row lock and the state
    make sure two workers, or a retry and a resend, never send one e-mail twice."""
    with transaction.atomic():
        email = (
            # Only the e-mail's row: PostgreSQL refuses FOR UPDATE on the nullable side of
            # the announcement's outer join.
            Email.objects.select_for_update(of=("self",))
            .select_related("registration__event", "registration__ticket_type", "announcement")
            .filter(pk=email_id)
            .first()
        )
        if email is None or email.state not in (Email.State.QUEUED, Email.State.RETRYING):
            return None
        if email.registration.anonymized_at is not None:
            email.state = Email.State.WITHDRAWN
            email.last_error = "personal data deleted before sending"
            email.save(update_fields=["state", "last_error"])
            return None
        if not email.still_true():
            # Queued when it was true; the registration has moved on since (a ticket for
            # someone who cancelled, a waiting-list notice after a promotion).
            email.state = Email.State.WITHDRAWN
            email.last_error = f"not sent: the registration is now {email.registration.status}"
            email.save(update_fields=["state", "last_error"])
            return None
        email.state = Email.State.SENDING
        email.attempts += 1
        email.next_attempt_at = None
        email.save(update_fields=["state", "attempts", "next_attempt_at"])
        return email


def _record_failure(email, error):
    kind = failure_kind(error)
    delays = settings.EMAIL_RETRY_DELAYS
    reference = email.registration.reference
    with transaction.atomic():
        email.last_error = describe(error)
        if kind is Failure.RETRY and email.attempts <= len(delays):
            email.state = Email.State.RETRYING
            email.next_attempt_at = timezone.now() + timedelta(seconds=delays[email.attempts - 1])
            email_send.using(run_after=email.next_attempt_at).enqueue(email_id=str(email.pk))
            logger.warning(
                "e-mail %s (%s) for %s: attempt %d failed (%s); next at %s",
                email.pk,
                email.kind,
                reference,
                email.attempts,
                type(error).__name__,
                email.next_attempt_at.isoformat(timespec="seconds"),
            )
        else:
            email.state = Email.State.FAILED
            logger.error(
                "e-mail %s (%s) for %s failed for good after %d attempts (%s)",
                email.pk,
                email.kind,
                reference,
                email.attempts,
                type(error).__name__,
            )
        email.save(update_fields=["state", "last_error", "next_attempt_at"])
    return kind


def email_deliver(*, email_id):
    """Send one queued e-mail: what the worker does for each task.

    Side effects: talks to the mail server; records the attempt, and on success the time
    it went out. A failure the mail server may get over (down, 4xx, a timeout before the
    message was handed over) schedules the next attempt after EMAIL_RETRY_DELAYS; a
    permanent one (5xx, an impossible address) marks it failed, and so does a message the
    server took but never confirmed, which a retry could deliver twice. Returns the
    e-mail's new state, or None when there was nothing to send.
    """
    email = _claim(email_id)
    if email is None:
        return None
    try:
        # In the language the person registered in; its links lead to that language's pages.
        with translation.override(email.registration.language):
            emails.build_message(email).send()
    except Exception as error:
        if _record_failure(email, error) is None:
            raise  # a bug, not a mail failure: the task's result keeps the traceback
        return email.state
    email.state = Email.State.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["state", "sent_at", "last_error"])
    logger.info("e-mail %s (%s) for %s sent", email.pk, email.kind, email.registration.reference)
    return email.state


@task
def email_send(*, email_id):
    """The worker's entry point for one e-mail (see email_deliver)."""
    return email_deliver(email_id=email_id)
