"""E-mails through a real SMTP server on loopback, sent by the worker's code in this process:
sent once, retried with backoff while the server is down, refusing for now, hanging or
trickling, given up on when it refuses for good."""

import logging
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from registration.models import Email
from registration.services import privacy, registrations
from registration.services.emails import email_deliver, email_queue, email_resend
from tests.factories import RegistrationFactory, TicketTypeFactory
from tests.servers import free_port
from tests.smtp import BrokenServer, SmtpServer


@pytest.fixture
def smtp_settings(settings):
    """Point the site's mailer at 127.0.0.1:<port>, with short waits for the tests."""

    def point_at(port, *, timeout=1, deadline=2):
        settings.MAILERS = {
            "default": {
                "BACKEND": "common.mail.DeadlineSMTPBackend",
                "OPTIONS": {
                    "host": "127.0.0.1",
                    "port": port,
                    "timeout": timeout,
                    "deadline": deadline,
                },
            }
        }
        settings.EMAIL_RETRY_DELAYS = [30, 120, 600, 3600, 21600]

    return point_at


@pytest.fixture
def server():
    smtp = SmtpServer().start()
    yield smtp
    smtp.stop()


@pytest.fixture
def registration(db):
    return RegistrationFactory(
        ticket_type=TicketTypeFactory(), given_name="Carol", email="carol@example.com"
    )


def queued(registration, kind="confirmed"):
    return email_queue(registration=registration, kind=kind)


def make_due(email):
    """Time travel for the retry: its task becomes due now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    Email.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())


def test_a_queued_email_is_sent_once_by_the_worker(registration, server, smtp_settings, deliver):
    smtp_settings(server.port)
    email = queued(registration)
    assert server.recorder.messages == []  # queuing talks to no mail server
    assert deliver() == 1
    [message] = server.recorder.messages
    assert message["To"] == "carol@example.com"
    assert message["Message-ID"] == f"<{email.pk}@127.0.0.1>"
    email.refresh_from_db()
    assert (email.state, email.attempts, email.last_error) == ("sent", 1, "")
    assert email_deliver(email_id=str(email.pk)) is None  # a second run sends nothing
    assert deliver() == 0
    assert len(server.recorder.messages) == 1


def test_a_server_that_is_down_is_retried_with_backoff_then_sends(
    registration, smtp_settings, deliver
):
    port = free_port()
    smtp_settings(port)  # nothing listens there yet
    email = queued(registration)
    before = timezone.now()
    deliver()
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("retrying", 1)
    assert email.last_error == "the mail server refused the connection (is it down?)"
    assert 29 <= (email.next_attempt_at - before).total_seconds() <= 31
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert abs((retry.run_after - email.next_attempt_at).total_seconds()) < 1
    assert deliver() == 0  # not due yet

    server = SmtpServer(port).start()
    try:
        make_due(email)
        deliver()
        email.refresh_from_db()
        assert (email.state, email.attempts) == ("sent", 2)
        assert server.recorder.recipients() == ["carol@example.com"]
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("refusal", "state", "error"),
    [
        ({"MAIL": "451 4.3.0 try again later"}, "retrying", "451 4.3.0 try again later"),
        ({"DATA": "452 4.3.1 mailbox full for now"}, "retrying", "452 4.3.1 mailbox full for now"),
        ({"RCPT": "450 4.2.0 greylisted"}, "retrying", "recipient refused (450)"),
        ({"RCPT": "550 5.1.1 no such user"}, "failed", "recipient refused (550)"),
        ({"MAIL": "554 5.7.1 rejected"}, "failed", "554 5.7.1 rejected"),
    ],
    ids=["451-mail", "452-data", "450-rcpt", "550-rcpt", "554-mail"],
)
def test_temporary_refusals_are_retried_and_permanent_ones_stop(
    registration, server, smtp_settings, deliver, refusal, state, error
):
    smtp_settings(server.port)
    server.recorder.refuse.update(refusal)
    email = queued(registration)
    deliver()
    email.refresh_from_db()
    assert (email.state, email.last_error) == (state, error)
    assert "carol@example.com" not in email.last_error
    retries = DBTaskResult.objects.filter(status="READY").count()
    assert retries == (1 if state == "retrying" else 0)


@pytest.mark.parametrize(("mode", "error"), [("hang", "did not answer"), ("drip", "within 2 s")])
def test_a_hanging_or_trickling_server_costs_seconds_and_is_retried(
    registration, smtp_settings, deliver, mode, error
):
    broken = BrokenServer(mode).start()
    try:
        smtp_settings(broken.port, timeout=1, deadline=2)
        email = queued(registration)
        started = time.monotonic()
        deliver()
        elapsed = time.monotonic() - started
    finally:
        broken.stop()
    email.refresh_from_db()
    assert email.state == "retrying"
    assert error in email.last_error
    assert elapsed < 4  # the per-read timeout (hang) or the deadline (drip), not for ever


def test_a_slow_server_gets_the_whole_deadline_to_confirm(
    registration, server, smtp_settings, deliver
):
    """The per-read timeout is 1 s; the server takes 2 s to confirm the message."""
    smtp_settings(server.port, timeout=1, deadline=5)
    server.recorder.data_delay = 2
    email = queued(registration)
    deliver()
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("sent", 1)
    assert len(server.recorder.messages) == 1


def test_a_message_handed_over_but_never_confirmed_is_not_sent_again(
    registration, server, smtp_settings, deliver
):
    """The server has the message but never answers: it may deliver it, so a retry could
    send it twice. The desk sees why and can send it again by hand."""
    smtp_settings(server.port, timeout=1, deadline=2)
    server.recorder.data_delay = 10
    email = queued(registration)
    started = time.monotonic()
    deliver()
    assert time.monotonic() - started < 4
    email.refresh_from_db()
    assert email.state == "failed"
    assert email.last_error == (
        "the mail server took the message but never confirmed it; it may have arrived"
    )
    make_due(email)
    assert deliver() == 0


def test_after_the_last_retry_the_email_is_marked_failed(registration, smtp_settings, deliver):
    smtp_settings(free_port())
    email = queued(registration)
    for _attempt in range(6):  # the first attempt and five retries
        make_due(email)
        deliver()
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("failed", 6)
    make_due(email)
    assert deliver() == 0


def test_an_address_no_server_takes_fails_without_retrying(smtp_settings, server, deliver):
    """Registered before validation refused such addresses, e.g. through an import."""
    smtp_settings(server.port)
    registration = RegistrationFactory(email="bıll@example.com")
    email = queued(registration)
    deliver()
    email.refresh_from_db()
    assert (email.state, email.last_error) == (
        "failed",
        "the address cannot be used in an e-mail envelope",
    )
    assert server.recorder.messages == []


def test_resend_sends_a_new_email_and_keeps_the_history(
    registration, server, smtp_settings, deliver
):
    smtp_settings(server.port)
    first = queued(registration)
    deliver()
    again = email_resend(email=first)
    deliver()
    first.refresh_from_db()
    again.refresh_from_db()
    assert (first.state, again.state, again.resend_of_id) == ("sent", "sent", first.pk)
    assert server.recorder.recipients() == ["carol@example.com", "carol@example.com"]


def test_an_email_for_deleted_personal_data_is_never_sent(
    registration, server, smtp_settings, deliver
):

    smtp_settings(server.port)
    email = queued(registration, kind="waitlisted")
    privacy.registration_anonymize(registration=registration)
    deliver()
    email.refresh_from_db()
    assert (email.state, email.last_error) == ("withdrawn", "personal data deleted")
    assert "carol@example.com" not in server.recorder.recipients()


def test_logs_name_the_reference_never_the_address_or_name(
    registration, smtp_settings, deliver, caplog
):
    smtp_settings(free_port())
    queued(registration)
    with caplog.at_level(logging.INFO):
        deliver()
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert registration.reference in text
    for personal in ("carol@example.com", "Carol", registration.family_name):
        assert personal not in text


def test_registering_inserts_rows_only(db, server, smtp_settings):
    """What a registration POST does for its e-mail: two inserts, no mail server."""
    smtp_settings(server.port)
    ticket = TicketTypeFactory()
    registrations.registration_create(
        event=ticket.event,
        ticket_type=ticket,
        given_name="Ada",
        family_name="Park",
        email="ada@example.com",
        organization="Example Bio",
        country="KR",
        sector="biotech",
    )
    assert server.recorder.messages == []
    assert Email.objects.get().state == "queued"
    assert DBTaskResult.objects.get().run_after.year == 9999  # due at once


def test_retry_delays_follow_the_setting(registration, smtp_settings, settings, deliver):
    smtp_settings(free_port())
    settings.EMAIL_RETRY_DELAYS = [5, 60]
    email = queued(registration)
    deliver()
    email.refresh_from_db()
    first_wait = email.next_attempt_at - timezone.now()
    assert timedelta(seconds=3) < first_wait <= timedelta(seconds=5)


def test_an_email_that_is_no_longer_true_is_withdrawn_not_sent(
    registration, server, smtp_settings, deliver
):
    """A ticket queued while the mail server was down, for someone who then cancelled:
    the worker sends the cancellation, not the ticket."""
    smtp_settings(server.port)
    ticket_email = queued(registration, kind="confirmed")
    registrations.registration_cancel(registration=registration)
    deliver()
    ticket_email.refresh_from_db()
    assert (ticket_email.state, ticket_email.last_error) == (
        "withdrawn",
        "not sent: the registration is now cancelled",
    )
    [message] = server.recorder.messages
    assert "is cancelled" in message["Subject"]


def test_send_again_while_a_retry_is_pending_delivers_one_copy(
    registration, server, smtp_settings, deliver
):
    smtp_settings(server.port)
    server.recorder.refuse["MAIL"] = "451 4.3.0 try again later"
    first = queued(registration)
    deliver()
    first.refresh_from_db()
    assert first.state == "retrying"
    del server.recorder.refuse["MAIL"]
    copy = email_resend(email=first)
    make_due(first)
    deliver()
    first.refresh_from_db()
    copy.refresh_from_db()
    assert (first.state, copy.state) == ("withdrawn", "sent")
    assert server.recorder.recipients() == ["carol@example.com"]


def test_send_again_refuses_an_email_that_is_no_longer_true(registration, deliver):
    email = queued(registration, kind="waitlisted")  # but the registration is confirmed
    assert email_resend(email=email) is None
