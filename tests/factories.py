import factory
from factory.django import DjangoModelFactory

from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program


class OverviewFactory(DjangoModelFactory):
    class Meta:
        model = Overview

    title = "A regional overview"
    intro = "An introduction."
    growth_drivers = "First driver\nSecond driver"
    closing_remarks = "Closing words."


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country

    name = factory.Sequence(lambda n: f"Country {n}")
    slug = factory.Sequence(lambda n: f"country-{n}")
    iso_code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    order = factory.Sequence(lambda n: n)
    regulatory_progress = "Regulatory text."
    trials_activity = "Trials text."
    growth_indicators = "Growth text."


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    country = factory.SubFactory(CountryFactory)


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"PRG-{n}")
    modality = Program.Modality.CAR_T
    indication = "Lymphoma"
    phase = Program.Phase.PHASE_2


class HighlightFactory(DjangoModelFactory):
    class Meta:
        model = Highlight
        skip_postgeneration_save = True

    country = factory.SubFactory(CountryFactory)
    topic = Highlight.Topic.REGULATORY
    text = factory.Sequence(lambda n: f"Highlight number {n}.")

    @factory.post_generation
    def companies(self, create, extracted, **kwargs):
        if create and extracted:
            self.companies.set(extracted)


class KeyFigureFactory(DjangoModelFactory):
    class Meta:
        model = KeyFigure

    country = factory.SubFactory(CountryFactory)
    metric = KeyFigure.Metric.APPROVED_PRODUCTS
    value = 10
    display = "10"


def build_landscape(scale):
    """Four countries, each with `scale` companies, programs, highlights and key figures."""
    OverviewFactory()
    countries = CountryFactory.create_batch(4)
    metrics = list(KeyFigure.Metric.values)
    for country in countries:
        for metric in metrics[: min(scale, len(metrics))]:
            KeyFigureFactory(country=country, metric=metric, value=scale)
        companies = CompanyFactory.create_batch(scale, country=country)
        for index, company in enumerate(companies):
            ProgramFactory.create_batch(2, company=company, phase=Program.Phase.values[index % 9])
            HighlightFactory(country=country, companies=[company])
    return countries
