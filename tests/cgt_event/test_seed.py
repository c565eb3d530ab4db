"""`manage.py seed` runs on every `make run`: it must never fight an organizer. Whatever they
did to a seeded row of any kind (renamed it, re-slugged it, deleted it), reseeding leaves it
so, and creates nothing twice."""

from io import StringIO

import pytest
from django.core.management import call_command

from common.models import SeedRecord
from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program
from registration.models import Event, Page, Speaker, TicketType

MODELS = [
    Overview,
    Country,
    Company,
    Highlight,
    KeyFigure,
    Program,
    Event,
    TicketType,
    Speaker,
    Page,
]


def rows_recorded():
    """Ledger entries for rows ("model:key"), leaving out those for a field filled later or
    translated ("model:key:language:field")."""
    return SeedRecord.objects.exclude(key__regex=r":.*:").count()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def reseed():
    out = StringIO()
    call_command("seed", stdout=out)
    return out.getvalue()


def test_every_seeded_row_is_recorded_in_the_ledger(seeded):
    assert rows_recorded() == sum(counts().values())
    assert "0 new rows" in reseed()


# (model, how to find one seeded row, the organizer's edit)
EDITS = [
    (Overview, {}, {"title": "Our own title"}),
    (Country, {"slug": "japan"}, {"name": "Nippon", "slug": "nippon"}),
    (Company, {"slug": "heartseed"}, {"name": "Heartseed Inc.", "slug": "heartseed-inc"}),
    (Highlight, {"text__startswith": "Heartseed is advancing"}, {"text": "Rewritten."}),
    (KeyFigure, {"country__slug": "japan", "metric": "approved_products"}, {"value": 22}),
    (Program, {"name": "HS-001"}, {"name": "HS-001 (renamed)", "indication": "HF"}),
    (Event, {}, {"name": "CGT East Asia 2026", "slug": "cgt-east-asia-2026"}),
    (TicketType, {}, {"name": "Standard pass", "price": 150000}),
    (Speaker, {"slug": "phil-huang"}, {"name": "Dr Phil Huang", "slug": "dr-phil-huang"}),
    (Page, {"kind": "venue"}, {"title": "Getting here", "body": ""}),
]


@pytest.mark.parametrize(("model", "lookup", "edit"), EDITS, ids=[m.__name__ for m, *_ in EDITS])
def test_a_renamed_or_re_slugged_row_stays_as_the_organizer_left_it(seeded, model, lookup, edit):
    row = model.objects.get(**lookup)
    for field, value in edit.items():
        setattr(row, field, value)
    row.save()
    before = counts()

    assert "0 new rows" in reseed()

    assert counts() == before
    row.refresh_from_db()
    assert {field: getattr(row, field) for field in edit} == edit


# Deleting a row of a kind; rows it cascades to are gone too, and none come back.
DELETIONS = [
    (Overview, {}),
    (Country, {"slug": "taiwan"}),
    (Company, {"slug": "stemcyte"}),
    (Highlight, {"text__startswith": "Heartseed is advancing"}),
    (KeyFigure, {"country__slug": "japan", "metric": "approved_products"}),
    (Program, {"name": "HS-001"}),
    (TicketType, {}),
    (Speaker, {"slug": "phil-huang"}),
    (Page, {"kind": "faq"}),
    (Event, {}),
]


@pytest.mark.parametrize(("model", "lookup"), DELETIONS, ids=[m.__name__ for m, _ in DELETIONS])
def test_a_deleted_row_does_not_come_back(seeded, model, lookup):
    if model is Event:
        TicketType.objects.all().delete()  # registrations protect it; there are none here
    model.objects.filter(**lookup).delete()
    before = counts()

    assert "0 new rows" in reseed()

    assert counts() == before
    assert not model.objects.filter(**lookup).exists()


def test_the_renamed_free_pass_does_not_come_back_on_sale(seeded):
    """The issue's case: an organizer turns the free pass into a paid one."""
    TicketType.objects.update(name="Standard pass", price=150000, capacity=300)
    reseed()
    assert list(TicketType.objects.values_list("name", "price", "capacity")) == [
        ("Standard pass", 150000, 300)
    ]


def test_a_database_seeded_before_the_ledger_is_adopted_not_doubled(seeded):
    """Rows that match the seed's natural keys (slugs, country and metric, ...) but are not
    in the ledger, as in a database seeded before it existed, are recorded, not recreated."""
    highlights = {h.pk for h in Highlight.objects.all()}
    SeedRecord.objects.exclude(key__startswith="landscape.highlight:").exclude(
        key__regex=r":(ko|ja|zh-hans|zh-hant)$"
    ).delete()
    before = counts()

    assert "0 new rows" in reseed()

    assert counts() == before
    assert {h.pk for h in Highlight.objects.all()} == highlights
    assert rows_recorded() == sum(before.values())
