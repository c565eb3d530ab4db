"""Small helpers the tests share (fixtures live in conftest.py)."""

import html
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def text_of(response):
    """A response's HTML as the text a person reads (entities decoded)."""
    return html.unescape(response.content.decode())


def subjects(mailoutbox):
    """(recipient, subject) of each e-mail sent, in order."""
    return [(message.to[0], message.subject) for message in mailoutbox]


def image_upload(name="photo.jpg", image_format="JPEG", size=(600, 400), mode="RGB", **save):
    """An uploaded image file of the given format and size."""
    buffer = BytesIO()
    Image.new(mode, size, "teal").save(buffer, format=image_format, **save)
    return SimpleUploadedFile(name, buffer.getvalue())


def admin_log_in(page, url, username, password):
    """Log in through the admin's own form in a browser; `url` is the login page (with its
    ?next=, if any)."""
    page.goto(url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
