"""The e-mails a registration causes, queued once the transaction that caused them commits."""

from functools import partial

from django.db import transaction

from registration import emails


def email_send_after_commit(*, registration, kind):
    """Queue the e-mail of `kind` for `registration` once the current transaction commits.

    Side effects: enqueues a task after commit; nothing is sent if the transaction rolls back.
    """
    transaction.on_commit(
        partial(emails.send_registration_email.enqueue, registration_id=registration.pk, kind=kind)
    )
