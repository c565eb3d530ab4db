from datetime import timedelta

import pytest
from django import forms
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from common.widgets import QuickSelect
from registration.models import Registration, TicketType
from tests.factories import RegistrationFactory, TicketTypeFactory, kst
from tests.helpers import text_of

REGISTER = "/register/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def ticket(upcoming):
    return TicketType.objects.get(name="Conference pass")


def valid_data(ticket, **overrides):
    return {
        "given_name": "Ada",
        "family_name": "Park",
        "email": "ada@example.com",
        "organization": "Example Bio",
        "job_title": "CSO",
        "country": "KR",
        "sector": "biotech",
        "ticket_type": ticket.pk,
        "consent_privacy": "on",
        **overrides,
    }


def test_register_form_has_labelled_fields_and_east_asia_first(client, ticket):
    text = text_of(client.get(REGISTER))
    assert 'for="id_given_name"' in text
    assert 'for="id_email"' in text
    options = text.split('id="id_country"')[1].split("</select>")[0]
    first = [part.split('"')[1] for part in options.split("<option value=")[1:6]]
    assert first == ["", "KR", "JP", "CN", "TW"]
    assert 'href="/privacy/"' in text
    assert "Conference pass (free)" in text


def test_registering_lands_on_the_same_check_your_email_page(client, ticket, mailoutbox, deliver):
    with deliver:
        response = client.post(REGISTER, valid_data(ticket), follow=True)
    assert response.redirect_chain == [(reverse("registration:register_done"), 302)]
    assert "Check your e-mail" in text_of(response)
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.consent_privacy
    [message] = mailoutbox
    assert message.to == ["ada@example.com"]


def test_registering_a_known_address_shows_the_identical_page(client, ticket, mailoutbox, deliver):
    with deliver:
        first = client.post(REGISTER, valid_data(ticket), follow=True)
        again = client.post(REGISTER, valid_data(ticket, given_name="Eve"), follow=True)
    assert first.content == again.content
    assert first.redirect_chain == again.redirect_chain
    assert Registration.objects.count() == 1
    assert Registration.objects.get().given_name == "Ada"
    assert mailoutbox[1].subject.startswith("You are already registered")


def test_a_full_ticket_says_you_join_the_waiting_list(client, ticket):
    ticket.capacity = 1
    ticket.save()
    RegistrationFactory(ticket_type=ticket)
    text = text_of(client.get(REGISTER))
    assert "Conference pass (free) — full: you will join the waiting list" in text
    client.post(REGISTER, valid_data(ticket))
    assert Registration.objects.get(email="ada@example.com").status == "waitlisted"


@pytest.mark.parametrize(
    ("capacity", "taken", "label"),
    [
        (None, 40, "Conference pass (free)</label>"),
        (100, 89, "Conference pass (free) — seats available"),
        (100, 90, "Conference pass (free) — few seats left"),
        (100, 99, "Conference pass (free) — few seats left"),
        (3, 2, "Conference pass (free) — few seats left"),
        (3, 3, "Conference pass (free) — full: you will join the waiting list"),
    ],
)
def test_availability_is_told_in_words_never_as_a_count(client, ticket, capacity, taken, label):
    """An exact count that moved when a new address registered, and stayed when a known one
    did, would tell anyone whether an address is registered."""
    ticket.capacity = capacity
    ticket.save()
    RegistrationFactory.create_batch(taken, ticket_type=ticket)
    text = text_of(client.get(REGISTER))
    assert label in text
    assert "seat left" not in text
    assert "seats left" not in text or "few seats left" in text


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"given_name": ""}, "given_name", "This field is required."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"email": "a@" + "b" * 300 + ".com"}, "email", "Enter a valid email address."),
        ({"given_name": "x" * 101}, "given_name", "Ensure this value has at most 100 characters"),
        ({"organization": "x" * 5000}, "organization", "at most 200 characters"),
        ({"country": "XX"}, "country", "Select a valid choice."),
        ({"sector": "spy"}, "sector", "Select a valid choice."),
        ({"ticket_type": "999999"}, "ticket_type", "That ticket is not on sale."),
        ({"ticket_type": "abc"}, "ticket_type", "That ticket is not on sale."),
        ({"ticket_type": ""}, "ticket_type", "Choose a ticket."),
        ({"consent_privacy": ""}, "consent_privacy", "Please agree to the privacy notice"),
    ],
)
def test_bad_input_gets_a_clear_message_and_creates_nothing(
    client, ticket, overrides, field, message
):
    data = valid_data(ticket, **overrides)
    data = {key: value for key, value in data.items() if value != ""}
    response = client.post(REGISTER, data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert "Please correct the following:" in text_of(response)
    assert Registration.objects.count() == 0
    # What the person typed is kept.
    if field != "email":
        assert 'value="ada@example.com"' in response.content.decode()


def test_a_ticket_of_another_event_or_off_sale_is_refused(client, ticket):
    # A past edition's ticket (the current event is the one that starts last).
    other_event_ticket = TicketTypeFactory(event__start=kst(2024, 9, 1), event__end=kst(2024, 9, 2))
    off_sale = TicketTypeFactory(
        event=ticket.event, on_sale_until=timezone.now() - timedelta(days=1)
    )
    for forged in (other_event_ticket, off_sale):
        response = client.post(REGISTER, valid_data(ticket, ticket_type=forged.pk))
        assert "That ticket is not on sale." in response.context["form"].errors["ticket_type"][0]
    assert Registration.objects.count() == 0


def test_markup_in_fields_is_never_reflected(client, ticket):
    response = client.post(
        REGISTER, valid_data(ticket, email="<script>alert(1)</script>", given_name="<b>x</b>")
    )
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "<b>x</b>" not in body


def test_the_honeypot_pretends_success_and_creates_nothing(client, ticket):
    response = client.post(REGISTER, valid_data(ticket, website="http://spam.example"))
    assert response.status_code == 302
    assert response.url == reverse("registration:register_done")
    assert Registration.objects.count() == 0


def test_forged_posts_without_csrf_token_are_refused(ticket):
    response = Client(enforce_csrf_checks=True).post(REGISTER, valid_data(ticket))
    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_double_submit_registers_once(client, ticket):
    client.post(REGISTER, valid_data(ticket))
    client.post(REGISTER, valid_data(ticket))
    assert Registration.objects.count() == 1


def test_rate_limit_gives_a_clear_page(client, ticket, settings):
    settings.REGISTRATION_RATE_LIMIT = "3/m"
    for index in range(3):
        client.post(REGISTER, valid_data(ticket, email=f"p{index}@example.com"))
    response = client.post(REGISTER, valid_data(ticket, email="p4@example.com"))
    assert response.status_code == 429
    assert "Too many attempts from your connection" in text_of(response)
    assert Registration.objects.count() == 3
    # Another client is not affected.
    response = client.post(
        REGISTER, valid_data(ticket, email="other@example.com"), REMOTE_ADDR="10.9.8.7"
    )
    assert response.status_code == 302


def test_closed_registration_gets_a_clear_page(client, ticket):
    event = ticket.event
    event.registration_closes = timezone.now() - timedelta(hours=1)
    event.save()
    response = client.get(REGISTER)
    assert "Registration has closed" in text_of(response)
    client.post(REGISTER, valid_data(ticket))
    assert Registration.objects.count() == 0


def test_registration_not_yet_open_says_when(client, ticket):
    event = ticket.event
    event.registration_opens = timezone.now() + timedelta(days=3)
    event.save()
    text = text_of(client.get(REGISTER))
    assert "Registration is not open yet" in text
    assert "It opens on" in text


def test_no_event_at_all_is_not_an_error(client, db):
    assert client.get(REGISTER).status_code == 200


def test_home_page_links_to_register(client, upcoming):
    assert 'href="/register/"' in client.get("/").content.decode()


@pytest.mark.parametrize("extra_tickets", [0, 49], ids=["1x", "50x"])
def test_register_page_query_count(
    client, page_language, warm_event, ticket, django_assert_num_queries, extra_tickets
):
    TicketTypeFactory.create_batch(extra_tickets, event=ticket.event, capacity=5)
    warm_event()
    with translation.override(page_language), django_assert_num_queries(1):
        assert client.get(REGISTER).status_code == 200


def test_a_look_alike_address_cannot_register_twice_or_tell_what_is_known(
    client, ticket, mailoutbox, deliver
):
    with deliver:
        first = client.post(REGISTER, valid_data(ticket, email="kim@example.com"))
        # U+212A KELVIN SIGN looks like K, lowercases to k, but uppercases to itself.
        again = client.post(REGISTER, valid_data(ticket, email="\u212aim@example.com"))
    assert (first.status_code, again.status_code) == (302, 302)
    assert first.url == again.url
    assert Registration.objects.count() == 1
    assert mailoutbox[-1].subject.startswith("You are already registered")


def test_the_quick_select_writes_what_djangos_template_writes(db):
    """The country list is written in Python for speed; its markup must stay Django's."""
    choices = [("", "Pick <one>"), ("Asia", [("KR", "Korea & Co"), ("JP", 'Japan "JP"')])]
    attrs = {"id": "id_x", "required": True, "disabled": False, "data-x": "a<b"}
    quick = QuickSelect(choices=choices).render("x", "KR", attrs)
    django = forms.Select(choices=choices).render("x", "KR", attrs)

    def squeeze(html):
        return " ".join(html.split()).replace("> <", "><")

    assert squeeze(quick) == squeeze(django)
    assert "Korea &amp; Co" in quick


def test_the_quick_select_keeps_each_languages_labels_apart(db):
    """The options' markup is kept between renders, per list of labels: the same lazy
    choices write each language's labels, and only the chosen option is selected."""
    choices = [("", gettext_lazy("Select your country")), ("KR", "Korea")]
    widget = QuickSelect(choices=choices)
    english = widget.render("country", "KR", {})
    with translation.override("ko"):
        korean = widget.render("country", "", {})
    assert '<option value="">Select your country</option>' in english
    assert '<option value="KR" selected>Korea</option>' in english
    assert '<option value="" selected>국가를 선택해 주세요</option>' in korean
    assert '<option value="KR">Korea</option>' in korean
    assert widget.render("country", "KR", {}) == english
