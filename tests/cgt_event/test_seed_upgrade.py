"""A database seeded before the seed ledger existed, where organizers had already renamed,
re-slugged and deleted seeded rows, upgrades without getting any of them back."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from common.models import SeedRecord
from landscape.models import Company, Country, Highlight
from registration.models import Event, Page, Speaker, TicketType

BEFORE_THE_LEDGER = [
    ("cgt_event", "0001_roles"),
    ("landscape", "0002_validate_logos"),
    ("registration", "0002_tickets_and_registrations"),
    ("common", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.fixture
def upgraded(transactional_db):
    """Seeded as the old seed did (highlights keyed by position), edited by organizers,
    then migrated to today's schema. Leaves the database at today's schema."""
    call_command("seed", verbosity=0)
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE_THE_LEDGER)
    try:
        for highlight in old.get_model("landscape", "Highlight").objects.select_related("country"):
            highlight.seed_key = f"{highlight.country.slug}-{highlight.order}"
            highlight.save()
        old.get_model("registration", "TicketType").objects.update(
            name="Standard pass", price=150000, capacity=300
        )
        old.get_model("registration", "Event").objects.update(slug="cgt-east-asia-2026")
        old.get_model("landscape", "Country").objects.filter(slug="south-korea").update(
            slug="korea"
        )
        old.get_model("landscape", "Company").objects.filter(slug="heartseed").update(
            slug="heartseed-inc"
        )
        old.get_model("landscape", "Highlight").objects.filter(seed_key="japan-2").delete()
        old.get_model("registration", "Speaker").objects.filter(slug="phil-huang").delete()
    finally:
        migrate(leaves)


def test_the_first_seed_after_the_upgrade_brings_nothing_back(upgraded):
    counts = [m.objects.count() for m in (Event, TicketType, Country, Company, Highlight, Speaker)]
    out = StringIO()
    call_command("seed", stdout=out)
    # The only new rows are the site's pages (venue, about, FAQ, code of conduct), which a
    # database from before the ledger never had.
    assert "Seed complete: 4 new rows," in out.getvalue()
    assert sorted(Page.objects.values_list("kind", flat=True)) == [
        "about",
        "code-of-conduct",
        "faq",
        "venue",
    ]
    assert "Skipped" not in out.getvalue()
    after = [m.objects.count() for m in (Event, TicketType, Country, Company, Highlight, Speaker)]
    assert after == counts
    assert list(TicketType.objects.values_list("name", flat=True)) == ["Standard pass"]
    assert list(Event.objects.values_list("slug", flat=True)) == ["cgt-east-asia-2026"]
    assert Event.objects.get().speakers.count() == 9
    assert not Country.objects.filter(slug="south-korea").exists()
    assert not Company.objects.filter(slug="heartseed").exists()
    assert not Highlight.objects.filter(text__startswith="Heartseed is advancing").exists()
    assert not Speaker.objects.filter(slug="phil-huang").exists()


def test_a_seed_that_meets_an_organizers_unique_value_skips_instead_of_failing(seeded):
    """A new seed key whose row would collide with an organizer's row (same ISO code)."""
    SeedRecord.objects.filter(key="landscape.country:south-korea").delete()
    Country.objects.filter(slug="south-korea").update(slug="korea")
    out = StringIO()
    call_command("seed", stdout=out)
    assert "Skipped landscape.country:south-korea" in out.getvalue()
    assert Country.objects.filter(iso_code="KR").count() == 1
