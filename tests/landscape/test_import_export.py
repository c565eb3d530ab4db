import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from landscape.models import Company, Program
from registration.models import Speaker


def upload(client, model, text):
    app = "registration" if model == "speaker" else "landscape"
    return client.post(
        reverse(f"admin:{app}_{model}_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile(f"{model}s.csv", text.encode()),
        },
    )


def confirm(client, model, preview):
    app = "registration" if model == "speaker" else "landscape"
    form = preview.context["confirm_form"]
    return client.post(
        reverse(f"admin:{app}_{model}_process_import"),
        {name: form.initial[name] for name in form.initial},
        follow=True,
    )


def test_companies_import_with_a_preview_then_create_and_update(organizer, seeded):
    text = (
        "slug,name,country,website,description,in_pipeline_list\n"
        "new-bio,New Bio,japan,https://new.example,,0\n"
        "heartseed,Heartseed,japan,https://heartseed.example,Updated,1\n"
    )
    preview = upload(organizer, "company", text)
    result = preview.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert (result.totals["new"], result.totals["update"]) == (1, 1)
    assert not Company.objects.filter(slug="new-bio").exists()  # a preview writes nothing

    confirm(organizer, "company", preview)
    assert Company.objects.get(slug="new-bio").country.slug == "japan"
    assert Company.objects.get(slug="heartseed").description == "Updated"


def test_a_file_with_bad_rows_shows_them_and_imports_nothing(organizer, seeded):
    before = list(Program.objects.values_list("pk", "phase"))
    text = (
        "company,name,indication,modality,phase,status_note,source,order\n"
        "heartseed,HS-002,Heart failure,ipsc,phase-1,,,0\n"
        "no-such-company,X-1,,car_t,phase-1,,,0\n"
        "heartseed,HS-003,,car_t,phase-9,,,0\n"
    )
    preview = upload(organizer, "program", text)
    result = preview.context["result"]
    assert result.has_validation_errors() or result.has_errors()
    # The unknown company is a row error; the unknown phase fails model validation.
    assert [number for number, _errors in result.row_errors()] == [2]
    assert "Company matching query does not exist" in str(result.row_errors()[0][1][0].error)
    [invalid] = result.invalid_rows
    assert invalid.number == 3
    assert "is not a valid choice" in str(invalid.error_dict["phase"])
    assert "confirm_form" not in preview.context
    assert list(Program.objects.values_list("pk", "phase")) == before
    assert not Program.objects.filter(name="HS-002").exists()


def test_speakers_import_links_company_and_country_by_slug(organizer, seeded):
    text = (
        "slug,name,event,role,organization,company,country,bio,featured,order\n"
        "ada-park,Ada Park,cgt-east-asia-2025,CSO,Example Bio,stemcyte,taiwan,,0,20\n"
    )
    preview = upload(organizer, "speaker", text)
    confirm(organizer, "speaker", preview)
    speaker = Speaker.objects.get(slug="ada-park")
    assert (speaker.company.slug, speaker.country.slug) == ("stemcyte", "taiwan")


def test_companies_export_as_csv(organizer, seeded):
    response = organizer.post(
        reverse("admin:landscape_company_export"),
        {
            "format": "0",
            "resource": "0",
            **{
                f"companyresource_{f}": "on"
                for f in ("slug", "name", "country", "website", "description", "in_pipeline_list")
            },
        },
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == Company.objects.count()
    heartseed = next(row for row in rows if row["slug"] == "heartseed")
    assert heartseed["country"] == "japan"


def test_content_editors_may_import_but_the_desk_may_not(client, seeded, editor_user, desk_user):
    for user, allowed in ((editor_user, True), (desk_user, False)):
        client.force_login(user)
        status = client.get(reverse("admin:landscape_company_import")).status_code
        assert (status == 200) is allowed, (user, status)
