"""The event, its speakers and its agenda."""

import secrets
import unicodedata
from datetime import time
from urllib.parse import quote_plus

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cgt_event import images


class EventQuerySet(models.QuerySet):
    def current(self):
        """The event the site is about: the one that starts last."""
        return self.order_by("-start").first()


class Event(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    start = models.DateTimeField(
        _("start"),
        help_text=_("In Korea time (KST). Midnight to midnight means the whole day."),
    )
    end = models.DateTimeField(_("end"))
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: never closes.")
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("home")

    @property
    def is_all_day(self):
        midnight = time(0)
        return (
            timezone.localtime(self.start).time() == midnight
            and timezone.localtime(self.end).time() == midnight
        )

    @property
    def location(self):
        return ", ".join(part for part in (self.venue, self.city, self.country) if part)

    @property
    def map_url(self):
        return f"https://www.openstreetmap.org/search?query={quote_plus(self.location)}"


class Speaker(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("Job title."))
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    company = models.ForeignKey(
        "landscape.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
        verbose_name=_("landscape company"),
        help_text=_("Links the speaker to the company's landscape page."),
    )
    country = models.ForeignKey(
        "landscape.Country",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
        verbose_name=_("country"),
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to="speakers/",
        blank=True,
        validators=[images.validate_photo],
        help_text=_("JPEG, PNG or WebP, at most 5 MB. It is resized for the pages."),
    )
    photo_thumbnail = models.ImageField(
        _("photo thumbnail"), upload_to="speakers/thumbnails/", blank=True, editable=False
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown on the home page.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        # A freshly uploaded photo is re-encoded and gets its thumbnail; both are derived
        # from the upload, which is never stored as sent.
        if self.photo and not self.photo._committed:
            self.photo, thumbnail = images.process_photo(self.photo)
            self.photo_thumbnail = thumbnail
        elif not self.photo:
            self.photo_thumbnail = ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("registration:speaker", kwargs={"slug": self.slug})

    @property
    def initials(self):
        words = [word for word in self.name.replace("-", " ").split() if word[:1].isalpha()]
        if not words:
            return "?"
        return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()

    @property
    def avatar_tone(self):
        return sum(map(ord, self.name)) % 6

    @property
    def affiliation(self):
        return ", ".join(part for part in (self.role, self.organization) if part)


class SessionQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(event=event)


class Session(models.Model):
    class Kind(models.TextChoices):
        KEYNOTE = "keynote", _("Keynote")
        TALK = "talk", _("Talk")
        PANEL = "panel", _("Panel")
        FIRESIDE = "fireside", _("Fireside chat")
        WORKSHOP = "workshop", _("Workshop")
        NETWORKING = "networking", _("Networking")
        BREAK = "break", _("Break")
        CEREMONY = "ceremony", _("Opening / closing")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TALK)
    start = models.DateTimeField(_("start"), help_text=_("In Korea time (KST)."))
    end = models.DateTimeField(_("end"), help_text=_("In Korea time (KST)."))
    room = models.CharField(
        _("room or track"), max_length=100, blank=True, help_text=_("Empty: the main hall.")
    )
    speakers = models.ManyToManyField(
        Speaker,
        through="SessionSpeaker",
        related_name="sessions",
        blank=True,
        verbose_name=_("speakers"),
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "room", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="session_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("registration:agenda") + f"#session-{self.pk}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A session must end after it starts.")})

    @property
    def anchor(self):
        return f"session-{self.pk}"

    @property
    def is_break(self):
        return self.kind in (self.Kind.BREAK, self.Kind.NETWORKING)


class SessionSpeaker(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")
        PANELIST = "panelist", _("Panelist")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("session")
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("speaker")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("session speaker")
        verbose_name_plural = _("session speakers")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "speaker"], name="sessionspeaker_once_per_session"
            ),
        ]

    def __str__(self):
        return f"{self.speaker} ({self.get_role_display()})"


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
            n_waitlisted=Count("registrations", filter=Q(registrations__status=status.WAITLISTED)),
            n_checked_in=Count(
                "registrations", filter=Q(registrations__checked_in_at__isnull=False)
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

    @property
    def is_free(self):
        return self.price == 0

    def seats_left(self, confirmed):
        if self.capacity is None:
            return None
        return max(self.capacity - confirmed, 0)


def normalize_email(email):
    """NFKC folds look-alike code points (the Kelvin sign K, full-width letters) into the
    letters people mean, so one address cannot be registered twice in disguise."""
    return unicodedata.normalize("NFKC", email).strip()


def new_reference():
    # 31 characters without look-alikes (0/O, 1/I/L): easy to read out at a desk.
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "CGT-" + "".join(secrets.choice(alphabet) for _ in range(5))


def new_token():
    return secrets.token_urlsafe(32)  # 256 random bits


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def with_email(self, email):
        """Registrations whose e-mail matches exactly as the unique constraint compares:
        Lower() on both sides (iexact would use UPPER() on PostgreSQL, which folds some
        letters differently, so a look-alike address could slip past it)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=Lower(Value(email)))


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

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
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    organization = models.CharField(_("organization"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    country = CountryField(_("country"))
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
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
    anonymized_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

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

    def get_absolute_url(self):
        return reverse("registration:manage", kwargs={"token": self.token})

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    def checkin_url(self):
        return reverse("registration:checkin", kwargs={"token": self.checkin_token})
