"""The seed ships every seeded text in Korean, Japanese, Simplified and Traditional Chinese,
with every number and name of the English kept, and never overwrites an organizer's own
translation."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from modeltranslation.translator import translator

from common.models import SeedRecord
from common.seeding import load_data
from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program
from registration.models import Event, Page, Speaker, TicketType

OTHER = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PROTECTED = re.compile(
    r"\d+(?:[.,]\d+)*%?|Yescarta|Relma-cel|Zolgensma|NR082|SYS6020|HS-001|Cartistem|Engensis|"
    r"VM202|Stemchymal|Magicell-NK|REGENECYTE|CAR-T|CAR-NK|BCMA|iPSC|mRNA-LNP|MSC|RMAT|BLA|GMP|"
    r"CDMO|MHLW|MFDS|TFDA|EMA|FDA|WHO"
)
FILES = [
    (
        "landscape.seed",
        "landscape",
        {
            "overview": Overview,
            "countries": Country,
            "highlights": Highlight,
            "key_figures": KeyFigure,
            "programs": Program,
            "companies": Company,
        },
    ),
    (
        "registration.seed",
        "event",
        {"event": Event, "ticket_types": TicketType, "speakers": Speaker, "pages": Page},
    ),
]


# Proper names, kept as written in every language (the English column shows through).
KEPT_AS_WRITTEN = {("event", "name"), ("event", "short_name"), ("speakers", "organization")}


def english_rows(package, stem):
    """{(kind, key): row} of a seed file's English rows, with the shared `source`."""
    data = load_data(package, f"{stem}.toml")
    rows = {}
    for kind, value in data.items():
        for row in value if isinstance(value, list) else [value] if isinstance(value, dict) else []:
            if "key" in row:
                extra = {"source": data["source"]} if kind in ("key_figures", "programs") else {}
                rows[(kind, row["key"])] = {**row, **extra}
    return rows


@pytest.mark.parametrize("language", OTHER)
@pytest.mark.parametrize(("package", "stem", "models"), FILES, ids=["landscape", "event"])
def test_every_translatable_seeded_field_has_its_translation(language, package, stem, models):
    """Each text the English seed gives a translatable field (django-modeltranslation's
    fields of that model) is given in every language too, and not left empty."""
    translated = load_data(package, f"{stem}.{language}.toml")
    missing = []
    for (kind, key), row in english_rows(package, stem).items():
        if kind not in models:
            continue
        fields = translator.get_options_for_model(models[kind]).get_field_names()
        for name in fields:
            if (kind, name) in KEPT_AS_WRITTEN or not row.get(name):
                continue
            if not translated.get(kind, {}).get(key, {}).get(name, "").strip():
                missing.append(f"{kind}.{key}.{name}")
    assert missing == []


def translated_fields():
    for package, stem, _models in FILES:
        for language in OTHER:
            for kind, rows in load_data(package, f"{stem}.{language}.toml").items():
                for key, fields in rows.items():
                    yield package, stem, language, kind, key, fields


@pytest.mark.parametrize("language", OTHER)
def test_every_seeded_text_is_translated_keeping_numbers_and_names(language):
    english_landscape = load_data("landscape.seed", "landscape.toml")
    english = {
        ("overview", english_landscape["overview"]["key"]): english_landscape["overview"],
        **{("countries", r["key"]): r for r in english_landscape["countries"]},
        **{("highlights", r["key"]): r for r in english_landscape["highlights"]},
        **{
            ("key_figures", r["key"]): {**r, "source": english_landscape["source"]}
            for r in english_landscape["key_figures"]
        },
        **{
            ("programs", r["key"]): {**r, "source": english_landscape["source"]}
            for r in english_landscape["programs"]
        },
    }
    translated = load_data("landscape.seed", f"landscape.{language}.toml")
    for (kind, key), row in english.items():
        for name, text in translated[kind][key].items():
            assert text.strip(), (kind, key, name)
            kept = Counter(PROTECTED.findall(text))
            wanted = Counter(PROTECTED.findall(row[name]))
            assert not wanted - kept, (language, kind, key, name, wanted - kept)
    assert set(translated["highlights"]) == {r["key"] for r in english_landscape["highlights"]}


def test_the_seed_fills_every_language(seeded):
    for language in OTHER:
        with translation.override(language):
            assert Country.objects.get(slug="china").name != "China"
            suffix = language.replace("-", "_")
            assert not Highlight.objects.filter(**{f"text_{suffix}__isnull": True}).exists()
            assert getattr(Event.objects.get(), f"tagline_{suffix}")
            assert not Speaker.objects.filter(**{f"role_{suffix}__isnull": True}).exists()


def test_an_organizers_translation_is_never_overwritten_and_a_cleared_one_stays_cleared(seeded):
    country = Country.objects.get(slug="japan")
    country.name_ko = "일본국"
    country.trials_activity_ja = ""
    country.save()
    # As before the seed translated Japan into Korean:
    SeedRecord.objects.filter(key__startswith="landscape.country:japan:ko:").delete()
    out = StringIO()
    call_command("seed", stdout=out)
    country.refresh_from_db()
    assert country.name_ko == "일본국"  # theirs, although the seed filled the other fields
    assert country.trials_activity_ja == ""  # cleared after the seed translated it: stays
