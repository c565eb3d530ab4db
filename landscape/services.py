"""Writes to the landscape."""

from django.db import transaction
from django.utils.text import slugify

from landscape import seed_data
from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program


@transaction.atomic
def landscape_seed():
    """Load the eBook's landscape, creating only what is missing.

    Side effects: inserts rows into every landscape table. A row that already exists (matched
    by its natural key: slug, country and metric, company/name/indication, or the highlight's
    seed key) is left exactly as it is, so organizers' edits survive any number of reseeds.
    Returns the number of rows created.
    """
    created = 0

    if not Overview.objects.exists():
        Overview.objects.create(**seed_data.OVERVIEW)
        created += 1

    countries = {}
    for row in seed_data.COUNTRIES:
        fields = dict(row)
        slug = fields.pop("slug")
        countries[slug], was_created = Country.objects.get_or_create(slug=slug, defaults=fields)
        created += was_created

    companies = {}
    pipeline = [
        (name, country_slug, True)
        for country_slug, names in seed_data.PIPELINE_COMPANIES.items()
        for name in names
    ]
    other = [(name, country_slug, False) for name, country_slug in seed_data.OTHER_COMPANIES]
    for name, country_slug, in_pipeline_list in pipeline + other:
        companies[name], was_created = Company.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "country": countries.get(country_slug),
                "in_pipeline_list": in_pipeline_list,
            },
        )
        created += was_created

    per_country_order = {}
    for country_slug, topic, text, company_names in seed_data.HIGHLIGHTS:
        order = per_country_order.get(country_slug, 0) + 1
        per_country_order[country_slug] = order
        highlight, was_created = Highlight.objects.get_or_create(
            seed_key=f"{country_slug}-{order}",
            defaults={
                "country": countries[country_slug],
                "topic": topic,
                "text": text,
                "order": order,
            },
        )
        if was_created:
            highlight.companies.set([companies[name] for name in company_names])
            created += 1

    for order, (country_slug, metric, value, display, as_of) in enumerate(
        seed_data.KEY_FIGURES, start=1
    ):
        _figure, was_created = KeyFigure.objects.get_or_create(
            country=countries[country_slug],
            metric=metric,
            defaults={
                "value": value,
                "display": display,
                "as_of": as_of,
                "source": seed_data.SOURCE,
                "order": order,
            },
        )
        created += was_created

    for order, (company_name, name, modality, indication, phase, note) in enumerate(
        seed_data.PROGRAMS, start=1
    ):
        _program, was_created = Program.objects.get_or_create(
            company=companies[company_name],
            name=name,
            indication=indication,
            defaults={
                "modality": modality,
                "phase": phase,
                "status_note": note,
                "source": seed_data.SOURCE,
                "order": order,
            },
        )
        created += was_created

    return created
