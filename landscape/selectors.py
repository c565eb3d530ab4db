"""Reads for the landscape's pages: each returns everything its page shows, fetched up front."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse

from landscape import charts
from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program


def landscape_overview():
    """The /landscape/ page: overview, snapshot rows, charts. Four queries."""
    countries = list(Country.objects.all())
    figures = list(KeyFigure.objects.select_related("country"))
    program_counts = list(
        Program.objects.order_by().values("phase", "modality").annotate(n=Count("pk"))
    )
    by_phase, by_modality = Counter(), Counter()
    for row in program_counts:
        by_phase[row["phase"]] += row["n"]
        by_modality[row["modality"]] += row["n"]
    return {
        "overview": Overview.objects.first(),
        "countries": countries,
        "charts": [
            charts.approved_products_chart(countries, figures),
            charts.trials_chart(countries, figures),
            charts.pipeline_by_phase_chart(by_phase),
            charts.pipeline_by_modality_chart(by_modality),
        ],
    }


def landscape_teaser():
    """The home page's landscape teaser: headline figures and the four countries."""
    return {
        "overview": Overview.objects.first(),
        "countries": list(Country.objects.all()),
        "key_figures": list(
            KeyFigure.objects.select_related("country").filter(
                metric__in=[
                    KeyFigure.Metric.CAR_T_PIPELINE,
                    KeyFigure.Metric.APPROVED_PRODUCTS,
                    KeyFigure.Metric.CGT_TRIALS,
                ]
            )
        ),
    }


@dataclass
class HighlightItem:
    """A highlight as the country page shows it, with the companies it mentions."""

    text: str
    source_url: str
    mentioned: list = field(default_factory=list)


def _country_highlights_by_topic(country):
    """[(topic label, [HighlightItem])], topics in the order they first appear.

    One query: a LEFT JOIN of the highlights with the companies they mention, so a highlight
    with three companies arrives as three rows and one with none as a single row.
    """
    rows = (
        Highlight.objects.filter(country=country)
        .order_by("order", "pk", "companies__name")
        .values("pk", "topic", "text", "source_url", "companies__name", "companies__slug")
    )
    items, groups = {}, defaultdict(list)
    topic_labels = dict(Highlight.Topic.choices)
    for row in rows:
        item = items.get(row["pk"])
        if item is None:
            item = items[row["pk"]] = HighlightItem(row["text"], row["source_url"])
            groups[str(topic_labels.get(row["topic"], row["topic"]))].append(item)
        if row["companies__slug"]:
            item.mentioned.append(CompanyLink(row["companies__name"], row["companies__slug"]))
    return list(groups.items())


@dataclass
class CompanyLink:
    name: str
    slug: str

    def get_absolute_url(self):
        return reverse("landscape:company", kwargs={"slug": self.slug})


def country_detail(*, slug):
    """One country: snapshot, highlights by topic, its companies with their programs, and
    the current event's speakers from there (a reverse relation; landscape never imports
    registration).

    Five queries: the country, its highlights with the companies they mention, its
    companies, their programs, and its speakers.
    """
    country = get_object_or_404(Country, slug=slug)
    companies = list(
        Company.objects.filter(country=country).prefetch_related(
            Prefetch("programs", queryset=Program.objects.order_by("order", "name"))
        )
    )
    return {
        "country": country,
        "highlight_groups": _country_highlights_by_topic(country),
        "companies": companies,
        "speakers": list(country.speakers.of_current_event().select_related("company")),
    }


def company_detail(*, slug):
    """One company: its programs, the highlights that mention it and its speakers at the
    current event.

    Four queries.
    """
    company = get_object_or_404(
        Company.objects.select_related("country").prefetch_related(
            Prefetch("programs", queryset=Program.objects.order_by("order", "name")),
            Prefetch(
                "highlights",
                queryset=Highlight.objects.select_related("country"),
                to_attr="highlight_list",
            ),
            Prefetch(
                "speakers",
                # The speaker model is reached through the reverse relation, not imported;
                # its manager keeps the current event's speakers only.
                queryset=Company.speakers.rel.related_model.objects.of_current_event().select_related(
                    "country"
                ),
                to_attr="speaker_list",
            ),
        ),
        slug=slug,
    )
    return {"company": company}


def company_explorer(*, country=None, modality=None, phase=None):
    """Companies with their programs, narrowed by any of country slug, modality and phase.

    Unknown filter values simply match nothing. Three queries: countries (for the filter
    form), companies, their matching programs.
    """
    program_filter = Q()
    if modality:
        program_filter &= Q(modality=modality)
    if phase:
        program_filter &= Q(phase=phase)

    companies = Company.objects.select_related("country")
    if country:
        companies = companies.filter(country__slug=country)
    if modality or phase:
        companies = companies.filter(
            pk__in=Program.objects.filter(program_filter).values("company_id")
        )
    companies = companies.prefetch_related(
        Prefetch(
            "programs",
            queryset=Program.objects.filter(program_filter).order_by("order", "name"),
            to_attr="program_list",
        )
    )
    return {"countries": list(Country.objects.all()), "companies": list(companies)}
