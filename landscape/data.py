"""The landscape as open data (/landscape/data.json): what the pages show, for partner sites
and anyone who charts the region, in the language of the address it is read at."""

from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils.translation import get_language

from common.urls import reverse_cached
from landscape.models import Company, Country, KeyFigure, Overview, Program


def _number(value):
    """A key figure's value as a JSON number: 300, not "300.00"."""
    return int(value) if value == value.to_integral_value() else float(value)


def _key_figure(figure):
    return {
        "metric": figure.metric,
        "metric_label": figure.get_metric_display(),
        "value": _number(figure.value),
        "display": figure.display_text,
        "as_of": figure.as_of,
        "source": figure.source,
    }


def _country(country, absolute):
    return {
        "name": country.name,
        "slug": country.slug,
        "iso_code": country.iso_code,
        "url": absolute(country.get_absolute_url()),
        "summary": country.summary,
        "snapshot": {
            "regulatory_progress": country.regulatory_progress,
            "trials_activity": country.trials_activity,
            "growth_indicators": country.growth_indicators,
        },
        "key_figures": [_key_figure(figure) for figure in country.key_figure_list],
    }


def _program(program):
    return {
        "name": program.name,
        "modality": program.modality,
        "modality_label": program.get_modality_display(),
        "indication": program.indication,
        "phase": program.phase,
        "phase_label": program.get_phase_display(),
        "status_note": program.status_note,
        "source": program.source,
    }


def _company(company, absolute):
    return {
        "name": company.name,
        "slug": company.slug,
        "country": company.country.slug if company.country else None,
        "website": company.website,
        "url": absolute(company.get_absolute_url()),
        "in_pipeline_list": company.in_pipeline_list,
        "programs": [_program(program) for program in company.program_list],
    }


def landscape_data(*, absolute):
    """The overview's title and as-of date, the countries with their snapshot and key
    figures, and every company with its programs, as a JSON-ready dict; `absolute` turns a
    path into an address. Texts and links are in the active language (English where a
    translation is empty), codes (metric, modality, phase) are the same in every language.

    Five queries whatever the size of the landscape: the overview, the countries, their key
    figures, the companies (with their country), their programs. No side effects.
    """
    overview = Overview.objects.first()
    countries = Country.objects.prefetch_related(
        Prefetch(
            "key_figures",
            queryset=KeyFigure.objects.order_by("order", "pk"),
            to_attr="key_figure_list",
        )
    )
    companies = (
        Company.objects.select_related("country")
        .order_by(Lower("name"), "pk")
        .prefetch_related(
            Prefetch(
                "programs",
                queryset=Program.objects.order_by("order", "name", "pk"),
                to_attr="program_list",
            )
        )
    )
    return {
        "title": overview.title if overview else None,
        "as_of": overview.as_of if overview else None,
        "language": get_language(),
        "url": absolute(reverse_cached("landscape:overview")),
        "countries": [_country(country, absolute) for country in countries],
        "companies": [_company(company, absolute) for company in companies],
    }
