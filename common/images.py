"""Uploaded images (speaker photos, company logos): checked with Pillow, re-encoded, and
resized to the sizes the pages use. Re-encoding drops EXIF and anything else a file hid."""

import contextlib
from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000
PHOTO_SIZE = 800  # the speaker page shows it at up to 400 CSS px, sharp on 2x screens
THUMBNAIL_SIZE = 240  # square, for lists and cards at up to 120 CSS px
LOGO_SIZE = 320  # company pages show logos at 64 CSS px; admin previews at 160


def validate_photo(upload):
    """Refuse anything but a sane JPEG, PNG or WebP, with a message a person understands."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The photo is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("The photo is %(width)s×%(height)s pixels; at most 25 megapixels, please."),
                    code="too_many_pixels",
                    params={"width": width, "height": height},
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise ValidationError(
            _("This file is not a photo we can read. Upload a JPEG, PNG or WebP image."),
            code="invalid_image",
        ) from error
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted. Upload a JPEG, PNG or WebP image."),
            code="invalid_format",
            params={"format": image_format},
        )


def _encode(image):
    buffer = BytesIO()
    image.save(buffer, format="WEBP", quality=85, method=4)
    return ContentFile(buffer.getvalue())


def process_logo(upload):
    """Re-encode a logo as WebP at most LOGO_SIZE pixels wide or high, keeping transparency."""
    upload.seek(0)
    with Image.open(upload) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    image.thumbnail((LOGO_SIZE, LOGO_SIZE), Image.Resampling.LANCZOS)
    logo = _encode(image)
    logo.name = f"{PurePath(upload.name).stem[:80] or 'logo'}.webp"
    return logo


def process_photo(upload):
    """Re-encode an upload as WebP (dropping EXIF and anything else it carried) and make a
    square thumbnail. Returns (photo, thumbnail) as unsaved files named after the upload."""
    upload.seek(0)
    with Image.open(upload) as original:
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    stem = PurePath(upload.name).stem[:80] or "photo"

    photo = image.copy()
    photo.thumbnail((PHOTO_SIZE, PHOTO_SIZE), Image.Resampling.LANCZOS)
    thumbnail = ImageOps.fit(image, (THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.LANCZOS)

    photo_file, thumbnail_file = _encode(photo), _encode(thumbnail)
    photo_file.name = f"{stem}.webp"
    thumbnail_file.name = f"{stem}-{THUMBNAIL_SIZE}.webp"
    return photo_file, thumbnail_file


class SizedImageField(models.ImageField):
    """An ImageField that stores its width and height, and whose row still loads when the
    file is gone: Django opens the file to fill an empty size as each row loads, and a
    missing file would make every page listing the row fail. The size then stays empty."""

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        with contextlib.suppress(OSError, ValueError):
            super().update_dimension_fields(instance, force, *args, **kwargs)
