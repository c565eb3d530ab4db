"""Reads for the landscape's pages: each returns everything its page shows, fetched up front."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, Subquery, Window
from django.db.models.functions import Lower, RowNumber
from django.shortcuts import get_object_or_404

from common.urls import reverse_cached
from landscape import charts
from landscape.forms import GLOBAL
from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program


def landscape_overview():
    """The /landscape/ page: overview, snapshot rows, charts, each country's top highlight.
    Five queries."""
    countries = list(Country.objects.all())
    figures = list(KeyFigure.objects.select_related("country"))
    program_counts = list(
        Program.objects.order_by().values("phase", "modality", "source").annotate(n=Count("pk"))
    )
    by_phase, by_modality = Counter(), Counter()
    program_sources = set()
    for row in program_counts:
        by_phase[row["phase"]] += row["n"]
        by_modality[row["modality"]] += row["n"]
        if row["source"]:
            program_sources.add(row["source"])
    top = top_highlights()
    for country in countries:
        country.top_highlight = top.get(country.pk)
    return {
        "overview": Overview.objects.first(),
        "countries": countries,
        "report_sources": sorted({figure.source for figure in figures if figure.source}),
        "charts": [
            charts.approved_products_chart(countries, figures),
            charts.trials_chart(countries, figures),
            *charts.trial_breakdown_charts(countries, figures),
            charts.pipeline_by_phase_chart(by_phase, sources=program_sources),
            charts.pipeline_by_modality_chart(by_modality, sources=program_sources),
        ],
    }


def top_highlights():
    """{country pk: its first highlight (by order)}. One query, whatever the number of
    countries or highlights: a window function ranks each country's highlights."""
    ranked = Highlight.objects.annotate(
        rank=Window(RowNumber(), partition_by=F("country_id"), order_by=[F("order"), F("pk")])
    ).filter(rank=1)
    return {highlight.country_id: highlight for highlight in ranked}


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
        return reverse_cached("landscape:company", slug=self.slug)


@dataclass
class ProgramItem:
    """A program as lists show it; the same names as the model's, for shared templates."""

    name: str
    modality: str
    phase: str
    indication: str

    def get_modality_display(self):
        return str(MODALITY_LABELS.get(self.modality, self.modality or ""))

    def get_phase_display(self):
        return str(PHASE_LABELS.get(self.phase, self.phase))


MODALITY_LABELS = dict(Program.Modality.choices)
PHASE_LABELS = dict(Program.Phase.choices)


@dataclass
class CompanyItem:
    name: str
    slug: str
    in_pipeline_list: bool = False
    programs: list = field(default_factory=list)

    def get_absolute_url(self):
        return reverse_cached("landscape:company", slug=self.slug)


# A country page shows this many of its companies (those in the pipeline list first), so it
# costs the same with 60 companies or 6,000; the explorer lists them all.
COUNTRY_COMPANIES = 30


def _country_companies(country):
    """At most COUNTRY_COMPANIES of the country's companies, with their programs, as two
    lists (with programs, without), and whether the country has more.

    One query: a LEFT JOIN of the chosen companies with their programs, in the order the
    company page lists them; the choice is a subquery.
    """
    chosen = (
        Company.objects.filter(country=country)
        .order_by("-in_pipeline_list", Lower("name"), "pk")
        .values("pk")[: COUNTRY_COMPANIES + 1]
    )
    rows = (
        Company.objects.filter(pk__in=Subquery(chosen))
        .order_by(Lower("name"), "pk", "programs__order", "programs__name")
        .values(
            "pk",
            "name",
            "slug",
            "in_pipeline_list",
            "programs__pk",
            "programs__name",
            "programs__modality",
            "programs__phase",
            "programs__indication",
        )
    )
    companies = {}
    for row in rows:
        company = companies.setdefault(
            row["pk"], CompanyItem(row["name"], row["slug"], row["in_pipeline_list"])
        )
        if row["programs__pk"]:
            company.programs.append(
                ProgramItem(
                    row["programs__name"],
                    row["programs__modality"],
                    row["programs__phase"],
                    row["programs__indication"],
                )
            )
    more = len(companies) > COUNTRY_COMPANIES
    if more:  # one past the limit came along to tell; drop the last in the choice's order
        last = max(companies.values(), key=lambda c: (not c.in_pipeline_list, c.name.lower()))
        companies = {pk: c for pk, c in companies.items() if c is not last}
    with_programs = [company for company in companies.values() if company.programs]
    without = [company for company in companies.values() if not company.programs]
    return with_programs, without, more


def country_detail(*, slug):
    """One country: its header figures, snapshot, highlights by topic, its companies (with
    their programs, then the rest as a list), and the current event's speakers from there
    (a reverse relation; landscape never imports registration).

    Five queries: the country with its key figures, its highlights with the companies they
    mention, its companies with their programs, and its speakers.
    """
    country = get_object_or_404(
        Country.objects.prefetch_related(
            Prefetch("key_figures", queryset=KeyFigure.objects.order_by("order", "pk"))
        ),
        slug=slug,
    )
    with_programs, without_programs, more_companies = _country_companies(country)
    return {
        "country": country,
        "key_figures": list(country.key_figures.all())[:3],
        "sources": sorted({f.source for f in country.key_figures.all() if f.source}),
        "highlight_groups": _country_highlights_by_topic(country),
        "companies": with_programs,
        "other_companies": without_programs,
        "more_companies": more_companies,
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
    programs = list(company.programs.all())
    return {
        "company": company,
        "program_sources": sorted({program.source for program in programs if program.source}),
        "nothing_else": not (
            programs or company.description or company.highlight_list or company.speaker_list
        ),
    }


EXPLORER_PAGE_SIZE = 24


def company_explorer(*, q=None, country=None, modality=None, phase=None, page=1):
    """One page of companies with their programs, narrowed by a search (company name,
    program name or indication, in the page's language or English) and by any of country
    slug ("global": the global partners), modality and phase, all combined.

    Unknown filter values simply match nothing. Four queries: countries (for the filter
    form), the count, the page of companies, their matching programs.
    """
    program_filter = Q()
    if modality:
        program_filter &= Q(modality=modality)
    if phase:
        program_filter &= Q(phase=phase)

    companies = Company.objects.select_related("country")
    if country == GLOBAL:
        companies = companies.filter(country__isnull=True).exclude(headquarters_en="")
    elif country:
        companies = companies.filter(country__slug=country)
    if modality or phase:
        companies = companies.filter(
            pk__in=Program.objects.filter(program_filter).values("company_id")
        )
    if q:
        matching_programs = Program.objects.filter(
            Q(name__icontains=q) | Q(indication__icontains=q) | Q(indication_en__icontains=q)
        ).values("company_id")
        companies = companies.filter(Q(name__icontains=q) | Q(pk__in=matching_programs))
    companies = companies.prefetch_related(
        Prefetch(
            "programs",
            queryset=Program.objects.filter(program_filter).order_by("order", "name"),
            to_attr="program_list",
        )
    )
    paginator = Paginator(companies, EXPLORER_PAGE_SIZE)
    page_obj = paginator.get_page(page)
    return {
        "countries": list(Country.objects.all()),
        "page_obj": page_obj,
        "companies": list(page_obj.object_list),
    }
