"""The event knows its calendar: registration closes when it ends, and the home and register
pages speak before, on and after the day."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from registration.models import Event, Registration, Session, TicketType
from registration.selectors.programme import current_event_forget
from registration.services import registrations
from tests.helpers import text_of


def move(event, *, start, end=None):
    event.start = start
    event.end = end or start + timedelta(days=1)
    event.save()
    current_event_forget()  # what the commit does; a test's transaction never commits


def talk(event, title, start, end):
    Session.objects.create(event=event, title=title, start=start, end=end)


@pytest.fixture
def event(seeded):
    return Event.objects.get()


def form_data(ticket, email="ada@example.com"):
    return {
        "given_name": "Ada",
        "family_name": "Park",
        "email": email,
        "organization": "Example Bio",
        "country": "KR",
        "sector": "biotech",
        "ticket_type": ticket.pk,
        "consent_privacy": "on",
    }


def test_the_seeded_2025_edition_is_over_and_takes_no_registration(client, event, deliver):
    ticket = TicketType.objects.get()
    text = text_of(client.get("/register/"))
    assert "Registration has closed" in text
    assert "took place on 25 September 2025" in text
    client.post("/register/", form_data(ticket))
    assert Registration.objects.count() == 0
    with pytest.raises(registrations.RegistrationClosed):
        registrations.registration_create(
            event=event,
            ticket_type=ticket,
            given_name="Ada",
            family_name="Park",
            email="ada@example.com",
            organization="Example Bio",
            country="KR",
            sector="biotech",
        )
    assert deliver() == 0


def test_an_empty_closing_date_means_the_events_end(client, event):
    now = timezone.now()
    move(event, start=now - timedelta(hours=10), end=now + timedelta(minutes=5))
    assert "Register for" in text_of(client.get("/register/"))
    move(event, start=now - timedelta(hours=10), end=now - timedelta(minutes=5))
    assert "Registration has closed" in text_of(client.get("/register/"))


def test_organizers_dates_override_the_default(client, event):
    now = timezone.now()
    move(event, start=now + timedelta(days=30))
    event.registration_closes = now - timedelta(days=1)
    event.save()
    current_event_forget()
    text = text_of(client.get("/register/"))
    assert "Online registration for this event is closed." in text


def test_a_form_opened_before_closing_and_sent_after_gets_the_closed_page(client, event):
    now = timezone.now()
    move(event, start=now + timedelta(days=30))
    ticket = TicketType.objects.get()
    client.get("/register/")
    event.registration_closes = now - timedelta(seconds=1)
    event.save()
    current_event_forget()
    response = client.post("/register/", form_data(ticket))
    assert "Registration has closed" in text_of(response)
    assert Registration.objects.count() == 0


def test_before_the_event_the_home_page_invites_to_register(client, event):
    move(event, start=timezone.now() + timedelta(days=30))
    text = text_of(client.get("/"))
    assert 'href="/register/"' in text
    assert "Who you will hear" in text
    assert "Took place" not in text


def test_on_the_day_the_home_page_shows_now_and_next(client, event):
    now = timezone.now()
    move(event, start=now - timedelta(hours=2), end=now + timedelta(hours=8))
    Session.objects.create(
        event=event,
        title="Running talk",
        start=now - timedelta(minutes=10),
        end=now + timedelta(minutes=20),
    )
    Session.objects.create(
        event=event,
        title="Next panel",
        start=now + timedelta(minutes=30),
        end=now + timedelta(hours=1),
    )
    Session.objects.create(
        event=event,
        title="Later talk",
        start=now + timedelta(hours=2),
        end=now + timedelta(hours=3),
    )
    Session.objects.create(
        event=event,
        title="Finished talk",
        start=now - timedelta(hours=1),
        end=now - timedelta(minutes=20),
    )
    text = text_of(client.get("/"))
    assert "Now and next" in text
    assert "Running talk" in text
    assert "Next panel" in text
    assert "Later talk" not in text
    assert "Finished talk" not in text


def test_after_the_event_the_home_page_thanks_and_points_to_the_next_edition(client, event):
    event.next_edition_url = "https://cgt-eastasia.example/2026/"
    event.save()
    text = text_of(client.get("/"))
    assert "Took place on 25 September 2025 at Songdo Convensia, Incheon." in text
    assert "Thank you to every speaker and attendee" in text
    assert "Who spoke" in text
    assert "Who you will hear" not in text
    assert 'href="/register/"' not in text  # no Register button, in the page or the navbar
    assert 'href="https://cgt-eastasia.example/2026/"' in text
    closed = text_of(client.get("/register/"))
    assert 'href="https://cgt-eastasia.example/2026/"' in closed
    assert "Meet the speakers" in closed


@pytest.mark.parametrize(("size"), [1, 50], ids=["1x", "50x"])
def test_home_query_count_on_the_day(
    client, page_language, event, warm_event, django_assert_num_queries, size
):
    now = timezone.now()
    move(event, start=now - timedelta(hours=2), end=now + timedelta(hours=8))
    Session.objects.bulk_create(
        Session(
            event=event,
            title=f"Talk {i}",
            start=now + timedelta(minutes=i),
            end=now + timedelta(minutes=i + 30),
        )
        for i in range(size)
    )
    warm_event()
    # Featured speakers, overview, countries, key figures, and today's sessions.
    with translation.override(page_language), django_assert_num_queries(5):
        assert client.get(reverse("home")).status_code == 200


def test_late_on_day_one_next_is_not_tomorrows_first_session(client, event):
    now = timezone.localtime()
    start = now.replace(hour=9, minute=0, second=0, microsecond=0)
    move(event, start=start - timedelta(days=1), end=start + timedelta(days=2))
    talk(event, "Evening talk", now - timedelta(minutes=30), now + timedelta(minutes=30))
    tomorrow = start + timedelta(days=1)
    talk(event, "Tomorrow's keynote", tomorrow, tomorrow + timedelta(hours=1))
    text = text_of(client.get("/"))
    assert "Evening talk" in text
    assert "Tomorrow's keynote" not in text
