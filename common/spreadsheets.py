"""Spreadsheets in and out of the admin: CSV export that no spreadsheet program will run as
a formula, and CSV import (django-import-export) that is bounded, strict and all-or-nothing.

Every export goes through `csv_safe`: the registrations' CSV action and the import-export
resources alike.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from import_export.forms import ImportForm
from import_export.resources import ModelResource

# A cell that starts with one of these is run as a formula by Excel, LibreOffice or
# Google Sheets (OWASP "CSV injection"); a leading apostrophe makes it plain text. A value
# that already starts with an apostrophe gets one more, so import can always remove one.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPED = (*FORMULA_TRIGGERS, "'")

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000


def csv_safe(value):
    """A cell value as text that no spreadsheet program will evaluate."""
    if value is None:
        return ""
    value = str(value)
    return "'" + value if value.startswith(ESCAPED) else value


def csv_unescape(value):
    """Undo csv_safe on import, so an exported sheet imports back to the same text."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(ESCAPED):
        return value[1:]
    return value


def csv_response(filename, *, header, rows):
    """An attachment of CSV rows, every cell made safe, with a BOM so spreadsheet programs
    read UTF-8 (CJK names included) correctly."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return response


class SafeModelResource(ModelResource):
    """A resource whose export is formula-safe and whose import reports rows that repeat a
    key as row errors (instead of silently keeping the last one)."""

    def export_field(self, field, instance, **kwargs):
        return csv_safe(super().export_field(field, instance, **kwargs))

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._first_row_with_key = {}

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        for name in row:
            row[name] = csv_unescape(row[name])
        id_fields = self.get_import_id_fields()
        # Compared as the database compares them: exactly, but for surrounding spaces.
        key = tuple(str(row.get(name) or "").strip() for name in id_fields)
        number = kwargs.get("row_number")
        first = self._first_row_with_key.setdefault(key, number)
        if first != number:
            raise ValidationError(
                {
                    id_fields[0]: _(
                        "Row %(row)s repeats the key of row %(first)s. Each row must have "
                        "its own %(columns)s."
                    )
                    % {"row": number, "first": first, "columns": ", ".join(id_fields)}
                }
            )


class BoundedImportForm(ImportForm):
    """The import form, refusing files that are too big, too long or not plain text before
    any row is read into the database."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                _("This file is %(size)s; the limit is %(limit)s. Split it into smaller files."),
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(MAX_IMPORT_BYTES),
                },
            )
        content = upload.read()
        upload.seek(0)
        if b"\x00" in content:
            raise ValidationError(
                _(
                    "This file contains NUL bytes, so it is not a CSV text file. Export it again "
                    "as CSV (UTF-8)."
                )
            )
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("This file is not UTF-8 text. Save it as CSV (UTF-8).")
            ) from error
        try:
            rows = sum(1 for _row in csv.reader(io.StringIO(text))) - 1  # the header
        except csv.Error as error:
            raise ValidationError(
                _("This file cannot be read as CSV: %(error)s"), params={"error": error}
            ) from error
        if rows > MAX_IMPORT_ROWS:
            raise ValidationError(
                ngettext(
                    "This file has %(rows)d row; the limit is %(limit)d. Split it into smaller "
                    "files.",
                    "This file has %(rows)d rows; the limit is %(limit)d. Split it into smaller "
                    "files.",
                    rows,
                )
                % {"rows": rows, "limit": MAX_IMPORT_ROWS}
            )
        return upload


class SpreadsheetAdminMixin(ImportExportMixin):
    """CSV import and export in the admin. Import shows a preview with row-level errors; a
    file with any bad row imports nothing, even if the data changed between preview and
    confirmation."""

    formats = [CSV]
    import_form_class = BoundedImportForm

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}
