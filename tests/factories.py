from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program
from registration.models import (
    Event,
    Page,
    Registration,
    Session,
    SessionSpeaker,
    Speaker,
    Sponsor,
    TicketType,
)


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


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    name = "Cell & Gene Therapy East Asia 2025"
    slug = factory.Sequence(lambda n: f"event-{n}")
    tagline = "Powering Innovation in Cell & Gene Therapy Across East Asia"
    venue = "Songdo Convensia"
    city = "Incheon"
    country = "South Korea"
    # An upcoming event, so registration is open unless a test says otherwise.
    start = factory.LazyFunction(lambda: days_from_today(60))
    end = factory.LazyAttribute(lambda event: event.start + timedelta(days=1))


class SpeakerFactory(DjangoModelFactory):
    class Meta:
        model = Speaker

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    role = "CEO"
    organization = "Company"
    featured = True


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    kind = Session.Kind.TALK
    start = factory.LazyFunction(lambda: kst(2025, 9, 25, 9, 30))
    end = factory.LazyAttribute(lambda session: session.start + timedelta(minutes=30))
    room = "Hall A"


def kst(*parts):
    """An aware datetime in Korea time."""
    return datetime(*parts, tzinfo=ZoneInfo("Asia/Seoul"))


def days_from_today(days):
    """Midnight in Korea time, `days` days from today (negative: in the past)."""
    today = timezone.localdate()
    return kst(today.year, today.month, today.day) + timedelta(days=days)


def build_event(scale):
    """An event with `scale` speakers, each on two sessions in two rooms, plus `scale` companies
    and countries for them to belong to."""
    event = EventFactory()
    countries = CountryFactory.create_batch(2)
    # Companies have several speakers each once there are enough speakers.
    companies = [CompanyFactory(country=countries[i % 2]) for i in range(max(scale // 5, 1))]
    speakers = [
        SpeakerFactory(
            event=event,
            country=countries[index % 2],
            company=companies[index % len(companies)],
        )
        for index in range(scale)
    ]
    for index, speaker in enumerate(speakers):
        start = kst(2025, 9, 25, 9) + timedelta(minutes=30 * index)
        for room in ("Hall A", "Hall B"):
            session = SessionFactory(event=event, start=start, room=room)
            session.appearances.create(speaker=speaker)
            if scale > 1:
                session.appearances.create(
                    speaker=speakers[(index + 1) % scale], role=SessionSpeaker.Role.PANELIST
                )
    return event


class TicketTypeFactory(DjangoModelFactory):
    class Meta:
        model = TicketType

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Pass {n}")
    capacity = None


class RegistrationFactory(DjangoModelFactory):
    """A registration made directly, bypassing the services: for arranging data only."""

    class Meta:
        model = Registration

    ticket_type = factory.SubFactory(TicketTypeFactory)
    event = factory.SelfAttribute("ticket_type.event")
    given_name = "Min-ji"
    family_name = factory.Sequence(lambda n: f"Kim{n}")
    email = factory.Sequence(lambda n: f"attendee{n}@example.com")
    organization = "Example Bio"
    country = "KR"
    sector = Registration.Sector.BIOTECH
    consent_privacy = True
    status = Registration.Status.CONFIRMED


class SponsorFactory(DjangoModelFactory):
    class Meta:
        model = Sponsor

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Sponsor {n}")
    tier = Sponsor.Tier.SPONSOR
    website = "https://example.com/"


class PageFactory(DjangoModelFactory):
    class Meta:
        model = Page
        django_get_or_create = ("kind",)

    kind = Page.Kind.ABOUT
    title = factory.LazyAttribute(lambda page: str(Page.Kind(page.kind).label))
    summary = "A summary."
    body = "## A heading\n\nA paragraph with [a link](https://example.com/)."
