"""Seeding that never fights the organizer: every seeded row has a stable key written in the
seed data, and the ledger (common.models.SeedRecord) remembers each key once created.

A loader asks `ledger.ensure(...)` for each row of its data. A key seen before yields the
row as it is now (or None if an organizer deleted it) and changes nothing. A new key adopts
a row that already matches its natural key (databases seeded before the ledger existed, or
a row an organizer made by hand), or else creates the row; either way the key is recorded.
"""

import tomllib
from dataclasses import dataclass, field
from importlib.resources import files

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from common.models import SeedRecord


def load_data(package, name):
    """A seed data file (TOML) shipped inside `package`, parsed."""
    return tomllib.loads(files(package).joinpath(name).read_text(encoding="utf-8"))


def load_translations(package, stem, languages):
    """{language: {kind: {key: {field: text}}}} from `<stem>.<language>.toml` files."""
    return {
        language: load_data(package, f"{stem}.{language}.toml")
        for language in languages
        if files(package).joinpath(f"{stem}.{language}.toml").is_file()
    }


@dataclass
class Ledger:
    """The seed ledger, read once per seed run."""

    records: dict = field(default_factory=dict)
    created: int = 0
    translated: int = 0
    skipped: list = field(default_factory=list)
    pending: list = field(default_factory=list)

    @classmethod
    def load(cls):
        return cls(
            {
                record.key: (record.content_type_id, record.object_id)
                for record in SeedRecord.objects.all()
            }
        )

    @staticmethod
    def full_key(model, key):
        return f"{model._meta.label_lower}:{key}"

    def get(self, model, key):
        """The row recorded under `key`, or None when it was never seeded or was deleted."""
        record = self.records.get(self.full_key(model, key))
        if record is None or not record[1]:
            return None
        return model._default_manager.filter(pk=record[1]).first()

    def ensure(self, model, key, *, lookup, defaults, after_create=None):
        """The row for `key`: untouched if the key is known, else adopted or created.

        `lookup` is the natural key used to adopt an existing row (None: never adopt; {}: adopt
        any row, for single-row tables); `defaults` fills the rest
        of a new row; `after_create(row)` sets what needs the row saved first (many-to-many
        relations). Returns the row, or None when the key is known and its row deleted.
        """
        full_key = self.full_key(model, key)
        if full_key in self.records:
            return self.get(model, key)
        row = model._default_manager.filter(**lookup).first() if lookup is not None else None
        if row is None:
            try:
                with transaction.atomic():
                    row = model._default_manager.create(**(lookup or {}), **defaults)
                    if after_create is not None:
                        after_create(row)
            except IntegrityError:
                # An organizer's row holds a unique value this one needs (a re-slugged
                # country keeps its ISO code): leave theirs alone and say so; a later seed
                # tries again.
                self.skipped.append(full_key)
                return None
            self.created += 1
        self._record(full_key, model, row)
        return row

    def _record(self, full_key, model, row, *, later=False):
        record = SeedRecord(
            key=full_key,
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(row.pk),
        )
        if later:
            self.pending.append(record)
        else:
            record.save()
        self.records[full_key] = (record.content_type_id, record.object_id)

    def flush(self):
        """Write the records fill() collected, in one statement."""
        SeedRecord.objects.bulk_create(self.pending, batch_size=500)
        self.pending = []

    def fill(self, model, key, values, *, language=None):
        """Fill a seeded row's empty fields from the seed, once per field.

        For fields the seed learnt after the row was created (a company's home country) and
        for translations (`language`: django-modeltranslation's `<field>_<language>`
        columns). A field an organizer has set stands; the ledger remembers each field it
        has seen, so one an organizer cleared stays cleared. Returns whether anything was
        written.
        """
        row = None
        changed = []
        suffix = f"_{language.replace('-', '_')}" if language else ""
        for name, value in values.items():
            full_key = f"{self.full_key(model, key)}:{language or ''}:{name}"
            if full_key in self.records:
                continue
            row = row or self.get(model, key)
            if row is None:
                return False
            column = f"{name}{suffix}"
            if value not in (None, "") and not getattr(row, column, None):
                setattr(row, column, value)
                changed.append(column)
            self._record(full_key, model, row, later=True)
        if changed:
            row.save(update_fields=changed)
            if language:
                self.translated += 1
        return bool(changed)

    def translate(self, model, key, language, values):
        """Fill a seeded row's columns for `language` from the seed's translations: see
        fill()."""
        return self.fill(model, key, values, language=language)


def translate_rows(ledger, models_by_kind, translations):
    """Apply load_translations() output: each kind's rows, by key, in each language."""
    for language, kinds in translations.items():
        for kind, rows in kinds.items():
            for key, values in rows.items():
                ledger.translate(models_by_kind[kind], key, language, values)
    ledger.flush()
