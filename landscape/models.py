"""The East Asia cell & gene therapy landscape, as content organizers edit it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from common import images
from common.choices import ChoiceLabelsMixin
from common.urls import reverse_cached


class Overview(models.Model):
    """The regional overview: one row, edited in the admin."""

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"))
    drivers_intro = models.TextField(
        _("growth drivers introduction"),
        blank=True,
        help_text=_("The sentence that leads into the list of growth drivers."),
    )
    growth_drivers = models.TextField(
        _("growth drivers"), blank=True, help_text=_("One driver per line.")
    )
    closing_remarks = models.TextField(_("closing remarks"), blank=True)
    as_of = models.CharField(
        _("as of"), max_length=50, blank=True, help_text=_('For example "2024–2025".')
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("regional overview")
        verbose_name_plural = _("regional overview")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("landscape:overview")

    @property
    def growth_driver_list(self):
        return [line.strip() for line in self.growth_drivers.splitlines() if line.strip()]


class Country(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    iso_code = models.CharField(
        _("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, e.g. KR.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    regulatory_progress = models.TextField(_("regulatory progress"), blank=True)
    trials_activity = models.TextField(_("CGT trials activity"), blank=True)
    growth_indicators = models.TextField(_("notable growth indicators"), blank=True)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One line under the country's name at the top of its page."),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_cached("landscape:country", slug=self.slug)

    def clean(self):
        self.iso_code = self.iso_code.upper()


class KeyFigure(ChoiceLabelsMixin, models.Model):
    """A number with meaning, drawn in the landscape's charts."""

    class Metric(models.TextChoices):
        APPROVED_PRODUCTS = "approved_products", _("Approved CGT products")
        APPROVED_CELL = "approved_cell_products", _("Approved cell therapy products")
        APPROVED_GENE = "approved_gene_products", _("Approved gene therapy products")
        CAR_T_PIPELINE = "car_t_pipeline", _("CAR-T therapies in the pipeline")
        CAR_T_TRIALS = "car_t_trials", _("Active CAR-T trials")
        CGT_TRIALS = "cgt_trials", _("Ongoing CGT trials")
        CELL_TRIALS = "cell_trials", _("Cell therapy trials")
        GENE_TRIALS = "gene_trials", _("Gene therapy trials")
        CELL_TRIAL_GROWTH = "cell_trial_growth", _("Growth in cell therapy trials")
        GENE_TRIAL_GROWTH = "gene_trial_growth", _("Growth in gene therapy trials")

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="key_figures", verbose_name=_("country")
    )
    metric = models.CharField(_("metric"), max_length=40, choices=Metric.choices)
    value = models.DecimalField(
        _("value"), max_digits=12, decimal_places=2, help_text=_("The number the charts use.")
    )
    display = models.CharField(
        _("display text"),
        max_length=30,
        blank=True,
        help_text=_('How the number reads, e.g. "300+" or "28%". Empty: the value itself.'),
    )
    as_of = models.CharField(_("as of"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["country__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "metric"], name="keyfigure_unique_metric_per_country"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="keyfigure_value_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.country}: {self.get_metric_display()} — {self.display_text}"

    def get_absolute_url(self):
        return reverse_cached("landscape:country", slug=self.country.slug)

    @property
    def display_text(self):
        if self.display:
            return self.display
        return f"{self.value.normalize():f}"


class Company(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("country"),
        help_text=_("Empty when the company is based outside the four countries."),
    )
    headquarters = models.CharField(
        _("home country elsewhere"),
        max_length=100,
        blank=True,
        help_text=_(
            "For a company based outside the four countries, its home country (for example "
            "Switzerland): it is listed among the global partners."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[images.validate_photo],
        help_text=_("JPEG, PNG or WebP, at most 5 MB. It is re-encoded and resized."),
    )
    description = models.TextField(_("description"), blank=True)
    in_pipeline_list = models.BooleanField(
        _("pipeline to watch"),
        default=False,
        help_text=_("Named in the report's pipelines to watch, country by country."),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = [Lower("name")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        if self.logo and not self.logo._committed:
            self.logo = images.process_logo(self.logo)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_cached("landscape:company", slug=self.slug)

    def clean(self):
        if self.country_id and self.headquarters:
            raise ValidationError(
                {
                    "headquarters": _(
                        "A company in one of the four countries has no other home country: "
                        "leave this empty."
                    )
                }
            )

    @property
    def is_global_partner(self):
        """Based outside the four countries, as far as is known."""
        return self.country_id is None and bool(self.headquarters)


class Highlight(ChoiceLabelsMixin, models.Model):
    class Topic(models.TextChoices):
        REGULATORY = "regulatory", _("Regulatory")
        CAR_T = "car_t", _("CAR-T leadership")
        MOMENTUM = "momentum", _("Cell and gene therapy momentum")
        IPSC = "ipsc", _("iPSC & innovation")
        MANUFACTURING = "manufacturing", _("Manufacturing & CDMO")
        MILESTONES = "milestones", _("Company milestones")
        TRIALS = "trials", _("Trial growth")

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="highlights", verbose_name=_("country")
    )
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    text = models.TextField(_("text"))
    companies = models.ManyToManyField(
        Company,
        blank=True,
        related_name="highlights",
        verbose_name=_("companies mentioned"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source_url = models.URLField(_("source link"), blank=True)

    class Meta:
        verbose_name = _("highlight")
        verbose_name_plural = _("highlights")
        ordering = ["country__order", "order", "pk"]

    def __str__(self):
        return f"{self.country} · {self.get_topic_display()}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse_cached("landscape:country", slug=self.country.slug)


class Program(ChoiceLabelsMixin, models.Model):
    """A pipeline asset of a company, for one indication."""

    class Modality(models.TextChoices):
        CAR_T = "car_t", _("CAR-T")
        CAR_NK = "car_nk", _("CAR-NK")
        NK = "nk", _("NK cell")
        IPSC = "ipsc", _("iPSC-derived")
        MSC = "msc", _("MSC")
        STEM_CELL = "stem_cell", _("Stem cell")
        CELL = "cell", _("Cell therapy")
        AAV = "aav", _("AAV gene therapy")
        GENE = "gene", _("Gene therapy")
        MRNA_LNP = "mrna_lnp", _("mRNA-LNP")
        UNSPECIFIED = "unspecified", _("Not stated")

    class Phase(models.TextChoices):
        # Declared in development order: the charts and the explorer sort by this order.
        PRECLINICAL = "preclinical", _("Preclinical")
        IND = "ind", _("Cleared for clinical trials")
        PHASE_1 = "phase-1", _("Phase 1")
        PHASE_1_2 = "phase-1-2", _("Phase 1/2")
        PHASE_2 = "phase-2", _("Phase 2")
        LATE_STAGE = "late-stage", _("Late-stage")
        PHASE_3 = "phase-3", _("Phase 3")
        FILED = "filed", _("Filed")
        APPROVED = "approved", _("Approved")

        @classmethod
        def rank(cls, value):
            return cls.values.index(value) if value in cls.values else len(cls.values)

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="programs", verbose_name=_("company")
    )
    name = models.CharField(_("name"), max_length=200)
    modality = models.CharField(
        _("modality"), max_length=20, choices=Modality.choices, default=Modality.UNSPECIFIED
    )
    indication = models.CharField(_("indication"), max_length=200, blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    status_note = models.TextField(_("status note"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["company__name", "order", "name", "indication"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "name", "indication"], name="program_unique_per_indication"
            ),
        ]

    def __str__(self):
        if self.indication:
            return f"{self.name} ({self.indication})"
        return self.name

    def get_absolute_url(self):
        return reverse_cached("landscape:company", slug=self.company.slug)
