"""Spreadsheets in and out of the admin: every export is safe to open in a spreadsheet
program; every import is bounded and strict, with a clear message on the page."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common.spreadsheets import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, csv_safe, csv_unescape
from landscape.models import Company, Program
from registration.models import Speaker
from tests.factories import RegistrationFactory, TicketTypeFactory

HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_becomes_plain_text_and_comes_back_unchanged(value):
    assert csv_safe(value) == "'" + value
    assert csv_unescape(csv_safe(value)) == value


@pytest.mark.parametrize("value", ["Heartseed", "", "O'Brien", "CGT-7K2QX", 42])
def test_ordinary_values_pass_unchanged(value):
    assert csv_safe(value) == str(value)
    assert csv_unescape(csv_safe(value)) == str(value)


@pytest.mark.parametrize("value", ["'quoted", "'=SUM(A1)", "'+82 32 123 4567", "''"])
def test_a_leading_apostrophe_survives_the_round_trip(value):
    assert csv_unescape(csv_safe(value)) == value


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def export(client, app, model, fields):
    return client.post(
        reverse(f"admin:{app}_{model}_export"),
        {"format": "0", "resource": "0", **{f"{model}resource_{f}": "on" for f in fields}},
    )


@pytest.mark.parametrize("value", HOSTILE)
def test_every_export_neutralises_formulae(organizer, seeded, value):
    company = Company.objects.get(slug="heartseed")
    Company.objects.filter(pk=company.pk).update(description=value)
    Program.objects.filter(company=company).update(status_note=value)
    Speaker.objects.filter(slug="phil-huang").update(role=value)
    registration = RegistrationFactory(ticket_type=TicketTypeFactory(), organization=value)

    exports = {
        "companies": export(organizer, "landscape", "company", ["slug", "description"]),
        "programs": export(organizer, "landscape", "program", ["name", "status_note"]),
        "speakers": export(organizer, "registration", "speaker", ["slug", "role"]),
        "registrations": organizer.post(
            reverse("admin:registration_registration_changelist"),
            {"action": "export_csv", "_selected_action": [registration.pk]},
        ),
    }
    for name, response in exports.items():
        assert response["Content-Type"].startswith("text/csv"), name
        cells = [cell for row in rows_of(response) for cell in row]
        assert "'" + value in cells, name
        assert value not in cells, name


def upload(client, model, content, name="file.csv"):
    app = "registration" if model == "speaker" else "landscape"
    return client.post(
        reverse(f"admin:{app}_{model}_import"),
        {"resource": "0", "format": "0", "import_file": SimpleUploadedFile(name, content)},
    )


def form_errors(response):
    return response.context["form"].errors.get("import_file", [])


COMPANY_HEADER = "slug,name,country,website,description,in_pipeline_list\n"


def test_an_exported_sheet_imports_back_to_the_same_text(organizer, seeded):
    Company.objects.filter(slug="heartseed").update(description="=1+1 is not a formula here")
    sheet = export(
        organizer,
        "landscape",
        "company",
        ["slug", "name", "country", "website", "description", "in_pipeline_list"],
    ).content
    preview = upload(organizer, "company", sheet)
    result = preview.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert result.totals["update"] == 0  # nothing changed: the escape is undone on import
    assert Company.objects.get(slug="heartseed").description == "=1+1 is not a formula here"


def test_a_file_over_the_size_limit_is_refused_with_a_message(organizer, seeded):
    padding = "x" * 1000
    lines = [f"big-{i},Big {i},,,{padding},0" for i in range(MAX_IMPORT_BYTES // 1000 + 10)]
    content = (COMPANY_HEADER + "\n".join(lines)).encode()
    assert len(content) > MAX_IMPORT_BYTES
    response = upload(organizer, "company", content)
    assert response.status_code == 200
    assert form_errors(response) == [
        "This file is 2.1\xa0MB; the limit is 2.0\xa0MB. Split it into smaller files."
    ]
    assert not Company.objects.filter(slug="big-1").exists()


def test_a_file_with_too_many_rows_is_refused_with_a_message(organizer, seeded):
    lines = [f"c{i},C{i},,,,0" for i in range(MAX_IMPORT_ROWS + 1)]
    response = upload(organizer, "company", (COMPANY_HEADER + "\n".join(lines)).encode())
    assert form_errors(response) == [
        f"This file has {MAX_IMPORT_ROWS + 1} rows; the limit is {MAX_IMPORT_ROWS}. Split it "
        "into smaller files."
    ]
    assert not Company.objects.filter(slug="c1").exists()


def test_a_file_with_nul_bytes_is_refused_on_every_database(organizer, seeded):
    content = (COMPANY_HEADER + "nul-bio,Nul\x00Bio,,,,0\n").encode()
    response = upload(organizer, "company", content)
    assert form_errors(response) == [
        "This file contains NUL bytes, so it is not a CSV text file. Export it again as CSV "
        "(UTF-8)."
    ]
    assert not Company.objects.filter(slug="nul-bio").exists()


def test_a_file_that_is_not_utf8_is_refused_with_a_message(organizer, seeded):
    content = (COMPANY_HEADER + "seoul,서울 바이오,,,,0\n").encode("euc-kr")
    assert form_errors(upload(organizer, "company", content)) == [
        "This file is not UTF-8 text. Save it as CSV (UTF-8)."
    ]


def test_two_rows_with_the_same_key_are_row_errors_and_nothing_is_imported(organizer, seeded):
    content = (
        COMPANY_HEADER
        + "twin-bio,Twin Bio,japan,,First,0\n"
        + "other-bio,Other Bio,japan,,,0\n"
        + " twin-bio ,Twin Bio again,japan,,Second,0\n"
    ).encode()
    response = upload(organizer, "company", content)
    result = response.context["result"]
    [invalid] = result.invalid_rows
    assert invalid.number == 3
    assert invalid.error_dict["slug"] == [
        "Row 3 repeats the key of row 1. Each row must have its own slug."
    ]
    assert "confirm_form" not in response.context
    assert not Company.objects.filter(slug__in=["twin-bio", "other-bio"]).exists()


def test_program_rows_repeating_company_name_and_indication_are_row_errors(organizer, seeded):
    content = (
        b"company,name,indication,modality,phase,status_note,source,order\n"
        b"heartseed,HS-009,Heart failure,ipsc,phase-1,,,0\n"
        b"heartseed,HS-009,Heart failure,ipsc,phase-2,,,0\n"
    )
    result = upload(organizer, "program", content).context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    assert not Program.objects.filter(name="HS-009").exists()


def test_keys_that_differ_only_in_case_are_different_rows(organizer, seeded):
    """Slugs compare exactly in the database, so an export holding gc-cell and GC-Cell
    imports back."""
    content = (COMPANY_HEADER + "case-bio,Case Bio,,,,0\nCase-Bio,Case Bio 2,,,,0\n").encode()
    result = upload(organizer, "company", content).context["result"]
    assert not result.has_validation_errors()
    assert result.totals["new"] == 2
