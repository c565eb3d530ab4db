"""The programme: the event, its speakers and its sessions."""

import uuid
from datetime import time, timedelta
from urllib.parse import quote_plus

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from common import images
from common.choices import ChoiceLabelsMixin
from common.urls import reverse_cached

LIST_SEPARATORS = {"ja": "、", "zh-hans": "，", "zh-hant": "，"}

# Languages that write an address from the country down to the building.
LARGE_TO_SMALL = {"ko", "ja", "zh-hans", "zh-hant"}


class EventQuerySet(models.QuerySet):
    def current(self):
        """The event the site is about: the one that starts last."""
        return self.order_by("-start", "-pk").first()

    def current_pk(self):
        """The current event's pk as a subquery, for filters that must not cost a query."""
        return self.order_by("-start", "-pk").values("pk")[:1]


class SpeakerQuerySet(models.QuerySet):
    def of_current_event(self):
        """Speakers of the current event only. Landscape pages reach speakers through
        reverse relations (country.speakers, company.speakers) and call this, so a past
        edition's speakers never show beside the current one's."""
        return self.filter(event=models.Subquery(Event.objects.current_pk()))


class Event(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        help_text=_("For the navigation bar and tight spaces. Empty: the name."),
    )
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
    doors_open = models.TimeField(
        _("doors open"),
        null=True,
        blank=True,
        help_text=_("In Korea time (KST), on the first day. Empty: not announced."),
    )
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when the event ends.")
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    organizer_name = models.CharField(
        _("organizer"),
        max_length=200,
        blank=True,
        help_text=_("The organizer's legal name: the controller of attendees' personal data."),
    )
    organizer_address = models.TextField(_("organizer's address"), blank=True)
    # What invoices for priced tickets need (registration/services/payments.py).
    business_number = models.CharField(
        _("business registration number"),
        max_length=40,
        blank=True,
        help_text=_("The organizer's, printed on invoices."),
    )
    bank_details = models.TextField(
        _("bank account for transfers"),
        blank=True,
        help_text=_("Bank, account holder, account number and SWIFT code, as attendees see them."),
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text=_("Included in ticket prices; shown on invoices. 0: no VAT line."),
    )
    invoice_prefix = models.CharField(
        _("invoice number prefix"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9-]*$", _("Capital letters, digits and hyphens only, e.g. CGT2025.")
            )
        ],
        help_text=_("Before each invoice number, e.g. CGT2025. Empty: the event's slug."),
    )
    # The last invoice or credit note number issued: the next one is this plus one, taken
    # under the event's row lock, so numbers have no gaps (registration.services.invoices).
    invoice_count = models.PositiveIntegerField(_("documents issued"), default=0, editable=False)
    next_edition_url = models.URLField(
        _("next edition"),
        blank=True,
        help_text=_("Once this event is over, the closed registration page links here."),
    )
    # The event's identity outside this site: calendar UIDs and schedule guids of the event,
    # its sessions and speakers derive from it (registration.identifiers), never from the
    # host name a visitor used, so a calendar or conference app sees each thing once.
    uid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start"]
        permissions = [
            (
                "change_event_schedule",
                _("Can change the event's dates, registration window and contact e-mail"),
            )
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The invoice counter is written only by registration.services.invoices, by UPDATE:
        # an Event loaded before an invoice was issued must not write its stale count back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "invoice_count"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("home")

    def clean(self):
        super().clean()
        prefix = self.invoice_prefix or self.slug.upper()
        clash = Event.objects.exclude(pk=self.pk).filter(
            Q(invoice_prefix__iexact=prefix) | Q(invoice_prefix="", slug__iexact=prefix)
        )
        if prefix and clash.exists():
            raise ValidationError(
                {"invoice_prefix": _("Another event's invoices already use this prefix.")}
            )

    @property
    def display_short_name(self):
        return self.short_name or self.name

    class Phase(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        LIVE = "live", _("Taking place now")
        OVER = "over", _("Over")

    def phase(self, now=None):
        """Before, during or after the event, in real time."""
        now = now or timezone.now()
        if now < self.start:
            return self.Phase.UPCOMING
        if now < self.end:
            return self.Phase.LIVE
        return self.Phase.OVER

    @property
    def is_over(self):
        return self.phase() == self.Phase.OVER

    @property
    def registration_closes_at(self):
        """When registration closes: the date organizers set, or else the event's end."""
        return self.registration_closes or self.end

    @property
    def registration_is_open(self):
        return self.registration_state() == "open"

    def days_to_go(self, now=None):
        """Whole days from today to the first day, in Korea time (0 on the day itself)."""
        now = now or timezone.now()
        return (timezone.localdate(self.start) - timezone.localdate(now)).days

    @property
    def programme_times(self):
        """(start, end) in Korea time when organizers have set real times, else None."""
        if self.is_all_day:
            return None
        return timezone.localtime(self.start), timezone.localtime(self.end)

    def registration_state(self, now=None):
        """ "not_yet", "open" or "closed" by the registration window alone."""
        now = now or timezone.now()
        if self.registration_opens and now < self.registration_opens:
            return "not_yet"
        if now >= self.registration_closes_at:
            return "closed"
        return "open"

    @property
    def is_all_day(self):
        """Whether organizers set no times: the event starts at midnight in Korea time and
        ends at a midnight, or at 23:59 of its last day, as a whole day is often typed."""
        start = timezone.localtime(self.start).time()
        end = timezone.localtime(self.end).time()
        return start == time(0) and (end == time(0) or end >= time(23, 59))

    @property
    def days(self):
        """The first and the last day in Korea time. An event that ends at midnight (the
        whole-day convention) ends on the day before."""
        first = timezone.localdate(self.start)
        last = timezone.localdate(self.end - timedelta(microseconds=1))
        return first, max(first, last)

    @property
    def location(self):
        """Where, as the page's language writes an address: small to large in English
        ("Songdo Convensia, Incheon, South Korea"), large to small in Korean, Japanese and
        Chinese ("한국 인천 송도컨벤시아")."""
        if translation.get_language() in LARGE_TO_SMALL:
            return " ".join(part for part in (self.country, self.city, self.venue) if part)
        return ", ".join(part for part in (self.venue, self.city, self.country) if part)

    @property
    def map_url(self):
        # The map searches the English (Latin-letter) address, which it knows best.
        english = ", ".join(part for part in (self.venue_en, self.city_en, self.country_en) if part)
        return f"https://www.openstreetmap.org/search?query={quote_plus(english)}"


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
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = SpeakerQuerySet.as_manager()

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
        return reverse_cached("registration:speaker", slug=self.slug)

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
        """Role and organization, joined as the page's language lists things."""
        separator = LIST_SEPARATORS.get(translation.get_language(), ", ")
        return separator.join(part for part in (self.role, self.organization) if part)


class SessionQuerySet(models.QuerySet):
    def for_event(self, event):
        return self.filter(event=event)


class Session(ChoiceLabelsMixin, models.Model):
    class Language(models.TextChoices):
        # Spoken languages as BCP 47 codes, what conference apps show: Chinese is one spoken
        # language here, whichever script its slides use.
        ENGLISH = "en", _("English")
        KOREAN = "ko", _("Korean")
        JAPANESE = "ja", _("Japanese")
        CHINESE = "zh", _("Chinese")

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
    language = models.CharField(
        _("spoken language"),
        max_length=10,
        choices=Language.choices,
        blank=True,
        help_text=_("The language the session is held in. Empty: not announced."),
    )
    speakers = models.ManyToManyField(
        Speaker,
        through="SessionSpeaker",
        related_name="sessions",
        blank=True,
        verbose_name=_("speakers"),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

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
        return reverse_cached("registration:session", pk=self.pk)

    def get_calendar_url(self):
        return reverse_cached("registration:session_ics", pk=self.pk)

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A session must end after it starts.")})
        # The agenda draws days, and the frab schedule.xml writes a duration as at most
        # 99:59: something open for several days is one session a day.
        if self.start and self.end and self.end - self.start > timedelta(days=1):
            raise ValidationError(
                {"end": _("A session lasts at most a day: enter one session for each day.")}
            )

    @property
    def anchor(self):
        return f"session-{self.pk}"

    @property
    def is_break(self):
        return self.kind in (self.Kind.BREAK, self.Kind.NETWORKING)


class SessionSpeaker(ChoiceLabelsMixin, models.Model):
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
