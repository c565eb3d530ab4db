from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from registration.models import Speaker
from tests.factories import EventFactory
from tests.helpers import image_upload


def add_speaker(client, photo):
    event = EventFactory()
    return client.post(
        reverse("admin:registration_speaker_add"),
        {
            "event": event.pk,
            "name": "Ada Park",
            "slug": "ada-park",
            "role_en": "CSO",
            "organization_en": "Example Bio",
            "photo": photo,
            "bio_en": "",
            "order": 0,
        },
    )


def test_a_photo_is_re_encoded_without_exif_and_gets_a_thumbnail(organizer):
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Maker"
    exif[0x8825] = {2: (37, 27, 0)}  # GPS latitude
    response = add_speaker(organizer, image_upload(exif=exif.tobytes()))

    assert response.status_code == 302
    speaker = Speaker.objects.get(slug="ada-park")
    assert speaker.photo.name.endswith(".webp")
    with Image.open(speaker.photo.path) as photo:
        assert photo.format == "WEBP"
        assert photo.size == (600, 400)
        assert not photo.getexif()
    with Image.open(speaker.photo_thumbnail.path) as thumbnail:
        assert thumbnail.size == (240, 240)


def test_a_large_photo_is_resized_for_the_pages(organizer):
    add_speaker(organizer, image_upload(image_format="PNG", name="big.png", size=(3000, 2000)))
    with Image.open(Speaker.objects.get().photo.path) as photo:
        assert photo.size == (800, 533)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("cv.jpg", b"%PDF-1.4 not an image at all"),
            "Upload a valid image.",
        ),
        (
            SimpleUploadedFile(
                "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'
            ),
            "Upload a valid image.",
        ),
        (
            image_upload(name="anim.gif", image_format="GIF", mode="P"),
            "GIF images are not accepted. Upload a JPEG, PNG or WebP image.",
        ),
        (
            image_upload(name="huge.png", image_format="PNG", size=(6000, 5000), mode="L"),
            "The photo is 6000×5000 pixels; at most 25 megapixels, please.",
        ),
    ],
    ids=["not-an-image", "svg", "gif", "too-many-pixels"],
)
def test_bad_uploads_get_a_clear_form_error_and_create_nothing(organizer, upload, message):
    response = add_speaker(organizer, upload)
    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors["photo"][0]
    assert not Speaker.objects.exists()


def test_an_oversized_file_gets_a_clear_form_error(organizer):
    noise = Image.effect_noise((1800, 1800), 100).convert("RGB")
    buffer = BytesIO()
    noise.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 5 * 1024 * 1024
    response = add_speaker(organizer, SimpleUploadedFile("noise.png", buffer.getvalue()))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["photo"]
    assert error.startswith("The photo is ")
    assert error.endswith("; the limit is 5.0\xa0MB.")
    assert not Speaker.objects.exists()


def test_admin_speaker_list_shows_initials_without_a_photo(organizer, seeded):
    response = organizer.get(reverse("admin:registration_speaker_changelist"))
    assert response.status_code == 200
    assert "PH" in response.content.decode()


@pytest.mark.parametrize(
    ("end_day", "end_time", "error"),
    [
        ("2025-09-25", "09:00:00", "A session must end after it starts."),
        # Longer than a day: the agenda draws days, and schedule.xml's durations stop at 99:59.
        (
            "2025-09-29",
            "18:00:00",
            "A session lasts at most a day: enter one session for each day.",
        ),
    ],
)
def test_session_admin_rejects_an_end_before_the_start_or_days_later(
    organizer, seeded, end_day, end_time, error
):
    event = Speaker.objects.first().event
    response = organizer.post(
        reverse("admin:registration_session_add"),
        {
            "event": event.pk,
            "title_en": "Backwards",
            "kind": "talk",
            "start_0": "2025-09-25",
            "start_1": "10:00:00",
            "end_0": end_day,
            "end_1": end_time,
            "room_en": "",
            "description_en": "",
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
            "appearances-MIN_NUM_FORMS": "0",
            "appearances-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["end"] == [error]
