from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from landscape.models import Company
from tests.factories import CompanyFactory


def png(size, mode="RGBA"):
    buffer = BytesIO()
    Image.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


def add_company(client, logo):
    return client.post(
        reverse("admin:landscape_company_add"),
        {
            "name": "Example Bio",
            "slug": "example-bio",
            "logo": logo,
            "description_en": "",
            "website": "",
            "programs-TOTAL_FORMS": "0",
            "programs-INITIAL_FORMS": "0",
            "programs-MIN_NUM_FORMS": "0",
            "programs-MAX_NUM_FORMS": "1000",
        },
    )


def test_a_logo_is_re_encoded_and_resized(organizer):
    response = add_company(organizer, SimpleUploadedFile("logo.png", png((1200, 600))))
    assert response.status_code == 302
    company = Company.objects.get()
    with Image.open(company.logo.path) as logo:
        assert (logo.format, logo.size, logo.mode) == ("WEBP", (320, 160), "RGBA")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "Upload a valid image."),
        ("bomb.png", png((20000, 20000), mode="1"), "Upload a valid image."),
        ("big.png", png((6000, 5000), mode="1"), "at most 25 megapixels"),
    ],
    ids=["svg", "decompression-bomb", "too-many-pixels"],
)
def test_bad_logos_get_a_clear_form_error(organizer, name, content, message):
    response = add_company(organizer, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["logo"]
    assert message in error
    assert not Company.objects.exists()


@pytest.mark.parametrize("size", [1, 50], ids=["1x", "50x"])
def test_company_changelist_query_count(organizer, warm_event, size, django_assert_num_queries):
    CompanyFactory.create_batch(size)
    warm_event()
    with django_assert_num_queries(7):
        assert organizer.get(reverse("admin:landscape_company_changelist")).status_code == 200
