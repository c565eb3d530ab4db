"""What organizers write around the programme: the site's pages (venue, about, FAQ, code of
conduct) and the event's sponsors."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common import images
from registration.models.programme import Event

MARKDOWN_HELP = _(
    'Markdown: a blank line between paragraphs, "## " before a heading, "- " before a list '
    "item, [words](https://…) for a link, **bold**."
)


class Page(models.Model):
    """One of the site's fixed pages, each at its own address (/venue/, /about/, …)."""

    class Kind(models.TextChoices):
        VENUE = "venue", _("Venue and travel")
        ABOUT = "about", _("About")
        FAQ = "faq", _("Frequently asked questions")
        CONDUCT = "code-of-conduct", _("Code of conduct")

    kind = models.CharField(_("page"), max_length=30, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences under the title, also shown in search results."),
    )
    body = models.TextField(_("text"), blank=True, help_text=MARKDOWN_HELP)
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished pages answer “not found”.")
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["kind"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"registration:{self.kind}")


class SponsorQuerySet(models.QuerySet):
    def of_current_event(self):
        return self.filter(event=models.Subquery(Event.objects.current_pk()))


class Sponsor(models.Model):
    class Tier(models.TextChoices):
        # In the order the pages show them.
        PRINCIPAL = "principal", _("Principal sponsor")
        SPONSOR = "sponsor", _("Sponsor")
        PARTNER = "partner", _("Partner")
        SUPPORTING = "supporting", _("Supporting organization")
        MEDIA = "media", _("Media partner")

        @classmethod
        def rank(cls, value):
            return cls.values.index(value) if value in cls.values else len(cls.values)

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sponsors", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices, default=Tier.SPONSOR)
    logo = images.SizedImageField(
        _("logo"),
        upload_to="sponsors/",
        blank=True,
        validators=[images.validate_photo],
        width_field="logo_width",
        height_field="logo_height",
        help_text=_("JPEG, PNG or WebP, at most 5 MB. It is re-encoded and resized."),
    )
    # Kept with the row so pages give each logo its size (no layout shift) without opening it.
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    website = models.URLField(_("website"), blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SponsorQuerySet.as_manager()

    class Meta:
        verbose_name = _("sponsor")
        verbose_name_plural = _("sponsors and partners")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.logo and not self.logo._committed:
            self.logo = images.process_logo(self.logo)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("registration:sponsors") + f"#sponsor-{self.pk}"
