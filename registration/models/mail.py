"""The e-mails registrations cause, each a row: queued with the change that caused it, sent
by the task worker at most once, retried while the mail server fails, visible to the desk."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from registration.models.attendance import Registration, TicketType
from registration.models.programme import Event


class Announcement(models.Model):
    """A message organizers write to everyone with a given status and ticket type."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="announcements", verbose_name=_("event")
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(
        _("message"), help_text=_("Plain text. It is sent after a greeting with the name.")
    )
    statuses = models.JSONField(
        _("to registrations that are"),
        default=list,
        help_text=_("Confirmed, on the waiting list, or both."),
    )
    ticket_types = models.ManyToManyField(
        TicketType,
        blank=True,
        verbose_name=_("with ticket types"),
        help_text=_("Empty: every ticket type."),
    )
    created = models.DateTimeField(_("written"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0, editable=False)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created"]
        permissions = [("send_announcement", _("Can send announcements to attendees"))]

    def __str__(self):
        return self.subject

    def recipients(self):
        """The registrations this announcement goes to, now."""
        registrations = Registration.objects.filter(
            event=self.event, status__in=self.statuses, anonymized_at__isnull=True
        )
        ticket_types = list(self.ticket_types.all())
        if ticket_types:
            registrations = registrations.filter(ticket_type__in=ticket_types)
        return registrations


class EmailQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state__in=[Email.State.QUEUED, Email.State.RETRYING])


# What a registration's status must be for an e-mail of each kind to still be true when the
# worker sends it: a ticket is not sent to someone who has since cancelled.
KIND_FITS_STATUS = {
    "confirmed": {"confirmed"},
    "promoted": {"confirmed"},
    "waitlisted": {"waitlisted"},
    "already_registered": {"confirmed", "pending_payment", "waitlisted"},
    "cancelled": {"cancelled"},
    "pending_payment": {"pending_payment"},
    "hold_offered": {"pending_payment"},
    "payment_reminder": {"pending_payment"},
    "hold_expired": {"cancelled"},
    "paid": {"confirmed"},
}


class Email(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("Ticket")
        WAITLISTED = "waitlisted", _("Waiting list")
        ALREADY_REGISTERED = "already_registered", _("Already registered")
        PROMOTED = "promoted", _("Promoted from the waiting list")
        CANCELLED = "cancelled", _("Cancellation")
        ANNOUNCEMENT = "announcement", _("Announcement")
        PENDING_PAYMENT = "pending_payment", _("Seat held: invoice")
        HOLD_OFFERED = "hold_offered", _("Seat from the waiting list held: invoice")
        PAYMENT_REMINDER = "payment_reminder", _("Payment reminder")
        HOLD_EXPIRED = "hold_expired", _("Hold expired unpaid")
        PAID = "paid", _("Payment received: ticket")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="emails",
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    announcement = models.ForeignKey(
        Announcement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="emails",
        verbose_name=_("announcement"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created = models.DateTimeField(_("queued"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    resend_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resend of"),
    )

    objects = EmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created"]
        indexes = [models.Index(fields=["state", "created"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.registration.reference}"

    def still_true(self):
        """Whether the e-mail still says what is true of its registration now."""
        status = self.registration.status
        if self.kind == self.Kind.ANNOUNCEMENT:
            return status in (self.announcement.statuses if self.announcement else [])
        return status in KIND_FITS_STATUS.get(self.kind, set())
