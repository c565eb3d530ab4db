"""Reads for the landscape's pages: each returns everything its page shows, fetched up front."""

from collections import Counter, defaultdict

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from landscape import charts
from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program


def _highlights_with_companies():
    return Highlight.objects.prefetch_related(
        Prefetch("companies", queryset=Company.objects.order_by("name"), to_attr="mentioned")
    )


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


def group_by_topic(highlights):
    """[(topic label, [highlights])] in the order topics first appear."""
    groups = defaultdict(list)
    for highlight in highlights:
        groups[highlight.get_topic_display()].append(highlight)
    return list(groups.items())


def country_detail(*, slug):
    """One country: snapshot, highlights by topic, its companies with their programs.

    Five queries: the country, its highlights, the companies they mention, its companies,
    and their programs.
    """
    country = get_object_or_404(Country, slug=slug)
    highlights = list(_highlights_with_companies().filter(country=country))
    companies = list(
        Company.objects.filter(country=country).prefetch_related(
            Prefetch("programs", queryset=Program.objects.order_by("order", "name"))
        )
    )
    return {
        "country": country,
        "highlight_groups": group_by_topic(highlights),
        "companies": companies,
    }


def company_detail(*, slug):
    """One company: its programs and the highlights that mention it. Three queries."""
    company = get_object_or_404(
        Company.objects.select_related("country").prefetch_related(
            Prefetch("programs", queryset=Program.objects.order_by("order", "name")),
            Prefetch(
                "highlights",
                queryset=Highlight.objects.select_related("country"),
                to_attr="highlight_list",
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
