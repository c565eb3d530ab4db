"""Attendance: ticket types and the registrations that hold their seats."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, ExpressionWrapper, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.money import format_amount
from common.text import (
    is_east_asian_script,
    normalize_email,
    search_text,
    validate_deliverable_email,
    validate_plain_text,
)
from registration.models.programme import Event

__all__ = [
    "CheckIn",
    "Registration",
    "TicketType",
    "new_reference",
    "new_token",
    "normalize_email",
]


class TicketTypeQuerySet(models.QuerySet):
    def on_sale(self, now=None):
        now = now or timezone.now()
        return self.filter(
            Q(on_sale_from__isnull=True) | Q(on_sale_from__lte=now),
            Q(on_sale_until__isnull=True) | Q(on_sale_until__gt=now),
        )

    def with_counts(self):
        """Annotate confirmed, waitlisted and checked-in counts, in the same query."""
        status = Registration.Status
        return self.annotate(
            n_confirmed=Count("registrations", filter=Q(registrations__status=status.CONFIRMED)),
            # Seats taken: the confirmed and those held for payment.
            n_taken=Count(
                "registrations", filter=Q(registrations__status__in=Registration.SEAT_STATUSES)
            ),
            n_waitlisted=Count("registrations", filter=Q(registrations__status=status.WAITLISTED)),
            # Among the confirmed, as the door counts: someone cancelled after checking
            # in no longer holds a seat.
            n_checked_in=Count(
                "registrations",
                filter=Q(
                    registrations__status=status.CONFIRMED,
                    registrations__checked_in_at__isnull=False,
                ),
            ),
        )


class TicketType(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="ticket_types", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    price = models.DecimalField(
        _("price"), max_digits=10, decimal_places=2, default=0, help_text=_("0 means free.")
    )
    currency = models.CharField(_("currency"), max_length=3, default="KRW")
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats for confirmed registrations. Empty: unlimited."),
    )
    on_sale_from = models.DateTimeField(_("on sale from"), null=True, blank=True)
    on_sale_until = models.DateTimeField(_("on sale until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    payment_days = models.PositiveSmallIntegerField(
        _("days to pay"),
        default=7,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A priced ticket holds its seat this long for the bank transfer; then the seat "
            "passes down the waiting list."
        ),
    )

    objects = TicketTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="tickettype_price_not_negative"),
        ]

    def __str__(self):
        return self.name

    def is_on_sale(self, now=None):
        now = now or timezone.now()
        return (self.on_sale_from is None or self.on_sale_from <= now) and (
            self.on_sale_until is None or now < self.on_sale_until
        )

    @property
    def is_free(self):
        return self.price == 0

    @property
    def price_label(self):
        """ "free", or the price with its currency ("KRW 150,000")."""
        if self.is_free:
            return _("free")
        return format_amount(self.price, self.currency)

    class Availability(models.TextChoices):
        UNLIMITED = "unlimited"
        AVAILABLE = "available"
        FEW = "few"
        FULL = "full"

    def availability(self, taken):
        """How full the ticket type is, in words rather than a count: "few" below a tenth
        of the capacity (at most 10 seats, at least 1). `taken`: the seats confirmed or
        held for payment."""
        seats_left = self.seats_left(taken)
        if seats_left is None:
            return self.Availability.UNLIMITED
        if seats_left == 0:
            return self.Availability.FULL
        if seats_left <= max(1, min(10, self.capacity // 10)):
            return self.Availability.FEW
        return self.Availability.AVAILABLE

    def seats_left(self, taken):
        if self.capacity is None:
            return None
        return max(self.capacity - taken, 0)


def display_name(given, family):
    if is_east_asian_script(given + family):
        return f"{family}{given}".strip()
    return f"{given} {family}".strip()


def new_reference():
    # 31 characters without look-alikes (0/O, 1/I/L): easy to read out at a desk.
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "CGT-" + "".join(secrets.choice(alphabet) for _ in range(5))


def new_token():
    return secrets.token_urlsafe(32)  # 256 random bits


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def with_money(self):
        """Annotate n_paid (payments less refunds) and invoice_number (the last invoice),
        in the same query."""
        from registration.models.payments import Invoice, Payment  # noqa: PLC0415

        def total(kind):
            per_registration = (
                Payment.objects.filter(registration=OuterRef("pk"), kind=kind)
                .values("registration")
                .annotate(total=Sum("amount"))
                .values("total")
            )
            return Coalesce(Subquery(per_registration), Value(Decimal(0)))

        received, refunded = total(Payment.Kind.PAYMENT), total(Payment.Kind.REFUND)
        invoice = Invoice.objects.filter(
            registration=OuterRef("pk"), kind=Invoice.Kind.INVOICE
        ).order_by("-sequence")
        return self.annotate(
            n_paid=ExpressionWrapper(received - refunded, output_field=models.DecimalField()),
            invoice_number=Subquery(invoice.values("number")[:1]),
        )

    def taking_seats(self):
        """Confirmed, or holding a seat until paid: what a ticket type's capacity counts."""
        return self.filter(status__in=Registration.SEAT_STATUSES)

    def badge_holders(self):
        """Those who get a name badge: confirmed, with their personal data still here."""
        return self.filter(status=Registration.Status.CONFIRMED, anonymized_at__isnull=True)

    def with_email(self, email):
        """Registrations whose e-mail matches exactly as the unique constraint compares:
        Lower() on both sides (iexact would use UPPER() on PostgreSQL, which folds some
        letters differently, so a look-alike address could slip past it)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=Lower(Value(email)))

    def active_for(self, *, event, email):
        """The active registration an address holds for an event (at most one: the unique
        constraint registration_one_active_per_email), as a queryset."""
        return self.active().with_email(email).filter(event=event)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        PENDING_PAYMENT = "pending_payment", _("Awaiting payment")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    # The statuses that take a seat, counted against the ticket type's capacity.
    SEAT_STATUSES = (Status.CONFIRMED, Status.PENDING_PAYMENT)

    class Sector(models.TextChoices):
        BIOTECH = "biotech", _("Biotech or pharma company")
        CDMO = "cdmo", _("CDMO, CRO or manufacturing")
        ACADEMIA = "academia", _("University or research institute")
        CLINICAL = "clinical", _("Hospital or clinic")
        INVESTOR = "investor", _("Investor")
        GOVERNMENT = "government", _("Government or regulator")
        SERVICES = "services", _("Tools, services or consulting")
        MEDIA = "media", _("Media")
        OTHER = "other", _("Other")

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    ticket_type = models.ForeignKey(
        TicketType,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("ticket type"),
    )
    given_name = models.CharField(_("given name"), max_length=100, validators=[validate_plain_text])
    family_name = models.CharField(
        _("family name"), max_length=100, validators=[validate_plain_text]
    )
    email = models.EmailField(_("e-mail"), max_length=254, validators=[validate_deliverable_email])
    organization = models.CharField(
        _("organization"), max_length=200, validators=[validate_plain_text]
    )
    job_title = models.CharField(
        _("job title"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    country = CountryField(_("country"))
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    latin_name = models.CharField(
        _("name in Latin letters"),
        max_length=200,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("For badges and international lists, when the name is in another script."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the person registered in: their e-mails come in it."),
    )
    consent_privacy = models.BooleanField(_("agreed to the privacy notice"), default=False)
    consent_marketing = models.BooleanField(_("agreed to news e-mails"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference, editable=False
    )
    token = models.CharField(
        _("manage token"), max_length=64, unique=True, default=new_token, editable=False
    )
    checkin_token = models.CharField(
        _("check-in token"), max_length=64, unique=True, default=new_token, editable=False
    )
    created = models.DateTimeField(_("registered"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    anonymized_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)
    # Priced tickets (registration.services.payments): what is owed, by when, and when paid.
    amount = models.DecimalField(
        _("amount due"),
        max_digits=10,
        decimal_places=2,
        default=0,
        help_text=_(
            "The ticket's price when the seat was held; changing the price later does not "
            "change it."
        ),
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    payment_deadline = models.DateTimeField(_("pay by"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    payment_reminded_at = models.DateTimeField(_("payment reminder sent"), null=True, blank=True)
    hold_expired_at = models.DateTimeField(_("hold expired"), null=True, blank=True)
    billing_address = models.TextField(
        _("billing address"), blank=True, validators=[validate_plain_text]
    )
    billing_business_number = models.CharField(
        _("business registration number"),
        max_length=40,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("Your organization's, if it needs it on the invoice."),
    )
    # Names, e-mail, organization and reference folded by common.text.search_key, for the
    # check-in desk's forgiving search; filled by save().
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created"]
        permissions = [("check_in", _("Can check in attendees"))]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_email",
                violation_error_message=_("This e-mail already holds a registration."),
            ),
        ]
        indexes = [models.Index(fields=["ticket_type", "status", "created"])]

    def __str__(self):
        return f"{self.reference} {self.full_name}"

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("registration:manage", kwargs={"token": self.token})

    def build_search_text(self):
        if self.anonymized_at:
            return ""
        return search_text(
            self.full_name,
            self.given_name,
            self.family_name,
            f"{self.given_name} {self.family_name}",
            self.latin_name,
            self.email,
            self.organization,
            # The code alone: "CGT-" is on every ticket and would match everyone.
            self.reference.removeprefix("CGT-"),
        )

    @property
    def full_name(self):
        """The name as its own script writes it: family name first and no space in
        Hangul, kana or Han characters (이헌주, 山田太郎); as given otherwise (Min-ji Kim)."""
        return display_name(self.given_name, self.family_name)

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    def checkin_url(self):
        return reverse("registration:checkin", kwargs={"token": self.checkin_token})

    def badge_url(self):
        return reverse("registration:checkin_badge", kwargs={"token": self.checkin_token})

    def undo_checkin_url(self):
        return reverse("registration:checkin_undo", kwargs={"token": self.checkin_token})


class CheckIn(models.Model):
    """One action at the door, kept for the record: a check-in or its undoing, when and by
    whom. The registration's checked_in_at says where things stand; this says how."""

    class Action(models.TextChoices):
        CHECK_IN = "check_in", _("Checked in")
        UNDO = "undo", _("Check-in undone")

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("registration"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # Kept as text too, so the record still names the person after their account goes.
    by_name = models.CharField(_("by (name)"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("check-in record")
        verbose_name_plural = _("check-in records")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
