"""Money for priced tickets, paid by bank transfer: the invoices and credit notes issued, and
the payments and refunds the desk records.

Each document is a snapshot: the seller's and buyer's details and the amounts as they were
when it was issued, so editing the event or the registration, or deleting an attendee's
personal data, never changes a document already sent. Numbers run without gaps per event
(registration.services.invoices)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.models.attendance import Registration
from registration.models.programme import Event


class Invoice(models.Model):
    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("event")
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    number = models.CharField(_("number"), max_length=40, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now, editable=False)
    cancels = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_note",
        verbose_name=_("cancels invoice"),
    )
    # The line and the money: the gross amount (VAT included), negative on a credit note.
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    # The parties as they were.
    seller_name = models.CharField(_("seller"), max_length=200)
    seller_address = models.TextField(_("seller's address"), blank=True)
    seller_business_number = models.CharField(
        _("seller's business registration number"), max_length=40, blank=True
    )
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_organization = models.CharField(_("buyer's organization"), max_length=200, blank=True)
    buyer_address = models.TextField(_("buyer's billing address"), blank=True)
    buyer_business_number = models.CharField(
        _("buyer's business registration number"), max_length=40, blank=True
    )
    # How to pay (invoices).
    payment_reference = models.CharField(_("payment reference"), max_length=20, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    bank_details = models.TextField(_("bank account"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices and credit notes")
        ordering = ["-issued_at", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "sequence"], name="invoice_sequence_per_event"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class Payment(models.Model):
    """Money received for a registration, or paid back to its buyer, as the desk records it."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("Payment received")
        REFUND = "refund", _("Refund")

    class Source(models.TextChoices):
        DESK = "desk", _("Recorded by the desk")
        STATEMENT = "statement", _("Bank statement import")

    registration = models.ForeignKey(
        Registration,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    received_on = models.DateField(_("date"), default=timezone.localdate)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_by_name = models.CharField(_("recorded by (name)"), max_length=150, blank=True)
    created = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments and refunds")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.currency} {self.amount}"
