"""Load the event, its ticket and its speakers from their seed data (event.toml), creating
only rows never seeded."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.seeding import Ledger, load_data, load_translations, translate_rows
from landscape.models import Company, Country
from registration.models import Event, Page, Speaker, TicketType


@transaction.atomic
def event_seed(ledger=None):
    """Load the event and its speakers into an empty or already seeded database.

    Side effects: inserts the event, its ticket type, its speakers, the landscape
    companies speakers come from and the site's pages (venue, about, FAQ, code of
    conduct), and records their keys in the seed ledger. A key seeded before is left
    alone, whatever became of its row. Countries and companies are found by
    the landscape's keys, so run landscape_seed first. Returns the number of rows created.
    """
    ledger = ledger or Ledger.load()
    data = load_data("registration.seed", "event.toml")
    created_before = ledger.created

    fields = dict(data["event"])
    key = fields.pop("key")
    day = timezone.make_aware(datetime.combine(fields.pop("date"), time(0)))
    event = ledger.ensure(
        Event,
        key,
        lookup={"slug": fields.pop("slug")},
        defaults={**fields, "start": day, "end": day + timedelta(days=1)},
    )
    for row in data["pages"]:
        fields = dict(row)
        ledger.ensure(Page, fields.pop("key"), lookup={"kind": fields.pop("kind")}, defaults=fields)
    if event is None:
        # Organizers deleted the seeded event: its tickets and speakers have nowhere to go.
        return ledger.created - created_before

    for row in data["ticket_types"]:
        ledger.ensure(
            TicketType,
            row["key"],
            lookup={"event": event, "name": row["name"]},
            defaults={"price": Decimal(row["price"]), "currency": row["currency"]},
        )

    for row in data["companies"]:
        ledger.ensure(
            Company,
            row["key"],
            lookup={"slug": row["key"]},
            defaults={"name": row["name"], "country": ledger.get(Country, row["country"])},
        )

    for row in data["speakers"]:
        ledger.ensure(
            Speaker,
            row["key"],
            lookup={"slug": row["key"]},
            defaults={
                "event": event,
                "name": row["name"],
                "role": row["role"],
                "organization": row["organization"],
                "company": ledger.get(Company, row["company"]) if "company" in row else None,
                "country": ledger.get(Country, row["country"]),
                "order": row["order"],
                "featured": row["featured"],
            },
        )
    translate_rows(
        ledger,
        {"event": Event, "ticket_types": TicketType, "speakers": Speaker, "pages": Page},
        load_translations("registration.seed", "event", [code for code, _ in settings.LANGUAGES]),
    )
    return ledger.created - created_before
