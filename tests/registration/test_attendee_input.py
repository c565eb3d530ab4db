"""One address is one person, whatever invisible or look-alike characters it carries; an
address no server delivers to is refused at the form; names stay plain text on one line."""

import pytest
from django.urls import reverse

from common.text import normalize_email
from registration.models import Registration
from tests.factories import RegistrationFactory
from tests.helpers import text_of

REGISTER = "/register/"


@pytest.fixture
def ticket(upcoming):
    return upcoming.ticket_types.get()


def post(client, ticket, **fields):
    data = {
        "given_name": "Carol",
        "family_name": "Lee",
        "email": "carol@example.com",
        "organization": "Example Bio",
        "country": "KR",
        "sector": "biotech",
        "ticket_type": ticket.pk,
        "consent_privacy": "on",
        **fields,
    }
    return client.post(REGISTER, data)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("carol@exam\u00adple.com", "carol@example.com"),  # soft hyphen
        ("car\u200bol@example.com", "carol@example.com"),  # zero-width space
        ("carol\u200d@example.com", "carol@example.com"),  # zero-width joiner
        ("\ufeffcarol@example.com", "carol@example.com"),  # byte order mark
        ("ｃａｒｏｌ＠ｅｘａｍｐｌｅ．ｃｏｍ", "carol@example.com"),  # full width
        ("carol@EXAMPLE.com", "carol@example.com"),
        ("carol@bücher.example", "carol@xn--bcher-kva.example"),  # IDNA
        ("carol@ＢÜCHER.example", "carol@xn--bcher-kva.example"),
    ],
)
def test_addresses_are_normalized(typed, stored):
    assert normalize_email(typed) == stored


def test_invisible_characters_cannot_make_one_person_two(client, ticket, deliver, mailoutbox):
    post(client, ticket, email="carol@example.com")
    post(client, ticket, email="carol@exam\u00adple.com")
    post(client, ticket, email="ｃａｒｏｌ＠ｅｘａｍｐｌｅ．ｃｏｍ")
    assert list(Registration.objects.values_list("email", flat=True)) == ["carol@example.com"]
    deliver()
    assert [m.subject.split(" for ")[0] for m in mailoutbox] == [
        "Your ticket",
        "You are already registered",
        "You are already registered",
    ]


def test_a_full_width_address_is_normalized_not_refused(client, ticket):
    response = post(client, ticket, email="ｃａｒｏｌ＠ｅｘａｍｐｌｅ．ｃｏｍ")
    assert response.status_code == 302
    assert Registration.objects.get().email == "carol@example.com"


@pytest.mark.parametrize("address", ["bıll@example.com", "jürgen@example.com", "홍길동@example.kr"])
def test_an_address_no_mail_server_takes_is_refused_with_a_message(client, ticket, address):
    response = post(client, ticket, email=address)
    assert response.status_code == 200
    [error] = response.context["form"].errors["email"]
    assert error.startswith("Mail servers cannot deliver to an address with “")
    assert "Check the address, or use another one." in error
    assert not Registration.objects.exists()
    assert f'value="{address}"' in response.content.decode()  # what was typed is kept


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_name", "Carol\nPay the fee", "no line breaks or control characters"),
        ("family_name", "Lee\r\nBcc: x", "no line breaks or control characters"),
        ("organization", "Bio\u202eevil", "no line breaks or control characters"),
        ("given_name", "Carol, pay the fee at https://evil.example/pay", "Web and e-mail"),
        ("job_title", "CEO www.evil.example", "Web and e-mail"),
        ("organization", "see evil.example/pay", "Web and e-mail"),
        ("given_name", "Dear Claim your refund at evil-pay.com", "Web and e-mail addresses"),
        ("family_name", "bob@evil.com", "Web and e-mail addresses"),
        ("given_name", "https\u200b://evil.com", "Web and e-mail addresses"),
        ("organization", "ｗｗｗ.evil.com", "Web and e-mail addresses"),
        ("organization", "Booking.com", "Web and e-mail addresses"),
    ],
)
def test_names_refuse_line_breaks_controls_and_urls(client, ticket, field, value, message):
    response = post(client, ticket, **{field: value})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "name", ["이헌주", "山田 太郎", "Zoë O'Brien-Núñez", "St.Mary's Hospital", "Dr. Kim, PhD"]
)
def test_real_names_and_organizations_pass(client, ticket, name):
    response = post(client, ticket, given_name=name, organization=name)
    assert response.status_code == 302, text_of(response)


def test_the_admin_refuses_the_same_input(organizer, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    response = organizer.post(
        reverse("admin:registration_registration_change", args=[registration.pk]),
        {
            "given_name": "Carol\nhttps://evil.example",
            "family_name": "Lee",
            "email": "bıll@example.com",
            "organization": "Example Bio",
            "job_title": "",
            "country": "KR",
            "sector": "biotech",
            "emails-TOTAL_FORMS": "0",
            "emails-INITIAL_FORMS": "0",
            "emails-MIN_NUM_FORMS": "0",
            "emails-MAX_NUM_FORMS": "1000",
        },
    )
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"given_name", "email"}
