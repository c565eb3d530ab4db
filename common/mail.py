"""Sending mail through a server that may be down, slow, hanging or refusing.

`DeadlineSMTPBackend` bounds the whole SMTP conversation, not only each read: Django's SMTP
backend waits `timeout` seconds per read, so a server that sends a line every few seconds
(or a greeting that never ends) could hold the sender for ever. `failure_kind` tells a
failure worth retrying from one that never will succeed.
"""

import contextlib
import smtplib
import socket
import threading
from enum import StrEnum

from django.core.mail.backends.smtp import EmailBackend
from django.core.mail.utils import DNS_NAME


class DeadlineExceeded(TimeoutError):
    """The mail server took longer than the deadline for the whole conversation."""


class Unconfirmed(Exception):
    """The message was handed over (the server has it) but the server never confirmed it:
    it may well be delivered, so sending it again could send it twice."""


class _HandOver:
    """Notices the moment the message has been handed over: after the final "." of DATA the
    server may deliver it whatever happens next. The wait for its answer may then take up
    to the whole deadline (RFC 5321 allows minutes), not the per-read timeout."""

    handed_over = False
    final_reply_timeout = None
    _in_data = False

    def data(self, msg):
        self._in_data = True
        try:
            return super().data(msg)
        finally:
            self._in_data = False

    def send(self, s):
        super().send(s)
        if self._in_data and isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.handed_over = True
            if self.final_reply_timeout and self.sock is not None:
                self.sock.settimeout(self.final_reply_timeout)


class _SMTP(_HandOver, smtplib.SMTP):
    pass


class _SMTP_SSL(_HandOver, smtplib.SMTP_SSL):
    pass


class DeadlineSMTPBackend(EmailBackend):
    def __init__(self, *, deadline=30, **kwargs):
        super().__init__(**kwargs)
        self.deadline = deadline
        self._aborted = False

    @property
    def connection_class(self):
        return _SMTP_SSL if self.use_ssl else _SMTP

    def open(self):
        if self.connection:
            return False
        params = {"local_hostname": DNS_NAME.get_fqdn()}
        if self.timeout is not None:
            params["timeout"] = self.timeout
        if self.use_ssl:
            params["context"] = self.ssl_context
        # Created without a host, so the object exists (and the watchdog can reach its
        # socket) before the greeting is read.
        self._partial_connection = self.connection_class(**params)
        self._partial_connection.final_reply_timeout = self.deadline
        self._partial_connection.connect(self.host, self.port)
        if not self.use_ssl and self.use_tls:
            self._partial_connection.starttls(context=self.ssl_context)
        if self.username and self.password:
            self._partial_connection.login(self.username, self.password)
        self.connection, self._partial_connection = self._partial_connection, None
        return True

    def _send(self, email_message):
        try:
            return super()._send(email_message)
        finally:
            # Read before send_messages closes the connection.
            self._handed_over = getattr(self.connection, "handed_over", False)

    def _abort(self):
        """Called by the watchdog thread: cut the socket, which wakes the blocked read."""
        self._aborted = True
        connection = self._partial_connection or self.connection
        sock = getattr(connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

    def send_messages(self, email_messages):
        self._aborted = False
        watchdog = threading.Timer(self.deadline, self._abort)
        watchdog.daemon = True
        watchdog.start()
        self._handed_over = False
        try:
            return super().send_messages(email_messages)
        except (OSError, smtplib.SMTPException) as error:
            if self._handed_over and not isinstance(error, smtplib.SMTPResponseException):
                raise Unconfirmed(
                    "the mail server took the message but never confirmed it; it may have arrived"
                ) from error
            if self._aborted:
                raise DeadlineExceeded(
                    f"the mail server did not finish within {self.deadline} s"
                ) from error
            raise
        finally:
            watchdog.cancel()
            if self._aborted:
                # The conversation is broken; drop it rather than QUIT on a dead socket.
                for connection in (self.connection, self._partial_connection):
                    if connection is not None:
                        connection.close()
                self.connection = self._partial_connection = None


class Failure(StrEnum):
    RETRY = "retry"  # down, refusing for now (4xx), timed out: try again later
    PERMANENT = "permanent"  # refused for good (5xx), or an address no server takes
    UNCONFIRMED = "unconfirmed"  # handed over without an answer: retrying could send twice


def failure_kind(error):
    """Whether sending again later can succeed after `error`."""
    if isinstance(error, Unconfirmed):
        return Failure.UNCONFIRMED
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return (
            Failure.RETRY
            if codes and all(400 <= code < 500 for code in codes)
            else (Failure.PERMANENT)
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return Failure.RETRY if 400 <= error.smtp_code < 500 else Failure.PERMANENT
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return Failure.PERMANENT
    if isinstance(error, (smtplib.SMTPException, OSError)):
        # Disconnected, connection refused or reset, DNS failure, timeout, deadline.
        return Failure.RETRY
    if isinstance(error, (ValueError, UnicodeError)):
        # An address Django cannot put in an envelope (a non-ASCII local part).
        return Failure.PERMANENT
    return None  # not a mail failure: a bug, to be seen in the task's traceback


def describe(error):
    """A short line about a mail failure for the desk, without the recipient's address
    (refused-recipient errors carry it)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _message in error.recipients.values()})
        return f"recipient refused ({', '.join(map(str, codes))})"
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        return f"{error.smtp_code} {message}"[:300]
    if isinstance(error, (DeadlineExceeded, Unconfirmed)):
        return str(error)
    if isinstance(error, (TimeoutError, socket.timeout)):
        return "the mail server did not answer in time"
    if isinstance(error, ConnectionRefusedError):
        return "the mail server refused the connection (is it down?)"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        # smtplib reports a read that timed out as a disconnection.
        if "timed out" in str(error):
            return "the mail server did not answer in time"
        return "the mail server closed the connection"
    if isinstance(error, ValueError):
        return "the address cannot be used in an e-mail envelope"
    return f"{type(error).__name__}: {error}"[:300]
