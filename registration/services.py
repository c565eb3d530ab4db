"""Writes to the event, speakers and agenda."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from landscape.models import Company, Country
from registration import seed_data
from registration.models import Event, Speaker


@transaction.atomic
def event_seed():
    """Load the event and its speakers from the source, creating only what is missing.

    Side effects: inserts the event, its speakers, and landscape companies that a speaker's
    organization names but the landscape lacks (created under the speaker's country). Rows
    that exist are left exactly as they are. Returns the number of rows created.
    """
    created = 0
    fields = dict(seed_data.EVENT)
    day = timezone.make_aware(datetime(*fields.pop("date")))
    event, was_created = Event.objects.get_or_create(
        slug=fields.pop("slug"), defaults={**fields, "start": day, "end": day + timedelta(days=1)}
    )
    created += was_created

    countries = {country.slug: country for country in Country.objects.all()}
    for order, (name, role, organization, company_name, country_slug) in enumerate(
        seed_data.SPEAKERS, start=1
    ):
        country = countries.get(country_slug)
        company = None
        if company_name:
            company, company_created = Company.objects.get_or_create(
                slug=slugify(company_name), defaults={"name": company_name, "country": country}
            )
            created += company_created
        _speaker, was_created = Speaker.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "event": event,
                "name": name,
                "role": role,
                "organization": organization,
                "company": company,
                "country": country,
                "order": order,
                "featured": True,
            },
        )
        created += was_created
    return created
