"""Load the landscape from its seed data (landscape.toml), creating only rows never seeded."""

from django.conf import settings
from django.db import transaction

from common.seeding import Ledger, load_data, load_translations, translate_rows
from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program


@transaction.atomic
def landscape_seed(ledger=None):
    """Load the eBook's landscape into an empty or already seeded database.

    Side effects: inserts rows into every landscape table and records their keys in the
    seed ledger. A key seeded before is left alone, whatever became of its row (edited,
    renamed, re-slugged or deleted). Fills each seeded row's empty columns in the other
    languages from landscape.<language>.toml, and fields added to the seed since a row was
    created (a company's home country), once per row, field and language. Returns the
    number of rows created.
    """
    ledger = ledger or Ledger.load()
    data = load_data("landscape.seed", "landscape.toml")
    source = data["source"]
    created_before = ledger.created

    overview = dict(data["overview"])
    ledger.ensure(Overview, overview.pop("key"), lookup={}, defaults=overview)

    countries = {}
    for row in data["countries"]:
        fields = dict(row)
        key = fields.pop("key")
        countries[key] = ledger.ensure(
            Country, key, lookup={"slug": fields.pop("slug")}, defaults=fields
        )
        # Fields the seed learnt after its first release reach older databases once.
        ledger.fill(Country, key, {"summary": fields.get("summary", "")})

    companies = {}
    for row in data["companies"]:
        companies[row["key"]] = ledger.ensure(
            Company,
            row["key"],
            lookup={"slug": row["key"]},
            defaults={
                "name": row["name"],
                "country": countries.get(row.get("country")),
                "headquarters": row.get("headquarters", ""),
                "in_pipeline_list": row["in_pipeline_list"],
            },
        )
        home = {"country": countries.get(row.get("country"))}
        if not home["country"]:
            home = {"headquarters": row.get("headquarters", "")}
        ledger.fill(Company, row["key"], home)

    for row in data["highlights"]:
        if countries.get(row["country"]) is None:
            continue  # its country was deleted: the highlight has nowhere to go

        def mention(highlight, names=row["companies"]):
            highlight.companies.set([companies[n] for n in names if companies.get(n)])

        ledger.ensure(
            Highlight,
            row["key"],
            lookup=None,
            defaults={
                "country": countries[row["country"]],
                "topic": row["topic"],
                "text": row["text"],
                "order": row["order"],
            },
            after_create=mention,
        )

    for row in data["key_figures"]:
        country = countries.get(row["country"])
        if country is None:
            continue
        ledger.ensure(
            KeyFigure,
            row["key"],
            lookup={"country": country, "metric": row["metric"]},
            defaults={
                "value": row["value"],
                "display": row["display"],
                "as_of": row["as_of"],
                "source": source,
                "order": row["order"],
            },
        )

    for row in data["programs"]:
        company = companies.get(row["company"])
        if company is None:
            continue
        ledger.ensure(
            Program,
            row["key"],
            lookup={"company": company, "name": row["name"], "indication": row["indication"]},
            defaults={
                "modality": row["modality"],
                "phase": row["phase"],
                "status_note": row["status_note"],
                "source": source,
                "order": row["order"],
            },
        )

    ledger.flush()
    translate_rows(
        ledger,
        {
            "overview": Overview,
            "countries": Country,
            "companies": Company,
            "highlights": Highlight,
            "key_figures": KeyFigure,
            "programs": Program,
        },
        load_translations("landscape.seed", "landscape", [code for code, _ in settings.LANGUAGES]),
    )
    return ledger.created - created_before
