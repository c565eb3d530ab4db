"""The door: the check-in service and its record, the QR link's page, the desk's search,
its one-state outcome, undo, the scanner's JSON answers and the live count."""

import json
import re
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.models import CheckIn, Registration
from registration.selectors import attendance
from registration.services import checkin, privacy
from tests.factories import EventFactory, RegistrationFactory, TicketTypeFactory, days_from_today
from tests.helpers import text_of


@pytest.fixture
def ticket(db):
    return TicketTypeFactory(name="Conference pass", capacity=10)


@pytest.fixture
def registration(ticket):
    return RegistrationFactory(ticket_type=ticket)


def checkin_url(registration):
    return reverse("registration:checkin", kwargs={"token": registration.checkin_token})


def desk(client, **params):
    return client.get(reverse("registration:checkin_desk"), params)


def visible(response):
    """The page's text without the scanner's <template> (a blank panel for its script)."""
    return re.sub(r"<template.*?</template>", "", text_of(response), flags=re.DOTALL)


def outcome_panels(response):
    return visible(response).count('id="door-outcome"')


# The service ----------------------------------------------------------------------------


def test_check_in_happens_once_and_reports_the_first_time(registration, desk_user):
    first = checkin.attendee_check_in(registration=registration, by=desk_user)
    second = checkin.attendee_check_in(registration=registration, by=desk_user)
    assert (first.first_time, second.first_time) == (True, False)
    assert second.registration.checked_in_at == first.registration.checked_in_at
    assert second.registration.checked_in_by == desk_user
    assert list(registration.checkins.values_list("action", "by_name")) == [("check_in", "desk")]


@pytest.mark.parametrize("status", ["waitlisted", "cancelled"])
def test_waitlisted_and_cancelled_cannot_check_in(ticket, status):
    registration = RegistrationFactory(ticket_type=ticket, status=status)
    with pytest.raises(checkin.CheckInRefused):
        checkin.attendee_check_in(registration=registration)
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert not registration.checkins.exists()


def test_undo_clears_the_check_in_and_keeps_who_and_when(registration, desk_user, superuser):
    checkin.attendee_check_in(registration=registration, by=desk_user)
    current, undone = checkin.attendee_check_in_undo(registration=registration, by=superuser)
    assert undone is True
    assert (current.checked_in_at, current.checked_in_by) == (None, None)
    records = list(registration.checkins.order_by("at", "pk").values_list("action", "by_name"))
    assert records == [("check_in", "desk"), ("undo", superuser.username)]
    _current, again = checkin.attendee_check_in_undo(registration=registration, by=superuser)
    assert again is False
    assert checkin.attendee_check_in(registration=registration, by=desk_user).first_time


def test_the_record_outlives_the_desk_account(registration, desk_user):
    checkin.attendee_check_in(registration=registration, by=desk_user)
    desk_user.delete()
    record = CheckIn.objects.get(registration=registration)
    assert (record.by, record.by_name) == (None, "desk")


# The QR link's page ---------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in_and_see_nothing(client, registration):
    response = client.get(checkin_url(registration))
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/?next=/checkin/")
    assert client.post(checkin_url(registration)).status_code == 302
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_staff_without_the_permission_get_403_without_personal_data(
    client, registration, django_user_model
):
    client.force_login(django_user_model.objects.create_user("editor", password="x" * 20))
    response = client.get(checkin_url(registration))
    assert response.status_code == 403
    assert registration.family_name.encode() not in response.content


def test_a_check_in_shows_one_green_state_then_one_amber_state(client, registration, desk_user):
    client.force_login(desk_user)
    page = text_of(client.get(checkin_url(registration)))
    assert registration.full_name in page
    assert ">Check in</button>" in page
    first = client.post(checkin_url(registration), follow=True)
    registration.refresh_from_db()
    clock = f"{timezone.localtime(registration.checked_in_at):%H:%M}"
    assert outcome_panels(first) == 1
    assert "door-outcome-ok" in text_of(first)
    assert f"Checked in {clock}" in text_of(first)
    assert "Already checked in" not in text_of(first)
    second = client.post(checkin_url(registration), follow=True)
    assert outcome_panels(second) == 1
    assert "door-outcome-warn" in text_of(second)
    assert f"Already checked in at {clock} by desk" in text_of(second)
    assert "Checked in " + clock not in text_of(second).replace("Already checked in", "")
    # Reloading the page does not repeat the green state: it says where things stand.
    assert "door-outcome-warn" in text_of(client.get(checkin_url(registration)))


@pytest.mark.parametrize(
    ("status", "headline"), [("waitlisted", "Waiting list, no seat"), ("cancelled", "Cancelled")]
)
def test_waitlisted_or_cancelled_show_one_red_state(client, ticket, desk_user, status, headline):
    registration = RegistrationFactory(ticket_type=ticket, status=status)
    client.force_login(desk_user)
    response = client.post(checkin_url(registration), follow=True)
    assert outcome_panels(response) == 1
    assert "door-outcome-stop" in text_of(response)
    assert headline in text_of(response)
    assert ">Check in</button>" not in text_of(response)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_undo_from_the_page_returns_to_it_with_the_history(client, registration, desk_user):
    client.force_login(desk_user)
    client.post(checkin_url(registration))
    undo = reverse("registration:checkin_undo", kwargs={"token": registration.checkin_token})
    response = client.post(undo, {"next": checkin_url(registration)}, follow=True)
    assert response.redirect_chain[-1][0] == checkin_url(registration)
    page = text_of(response)
    assert "Check-in undone" in page
    assert "History at the door" in page
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_next_must_stay_on_this_site(client, registration, desk_user):
    client.force_login(desk_user)
    response = client.post(checkin_url(registration), {"next": "https://evil.example/"})
    assert response.url == checkin_url(registration)


def test_the_scanner_gets_json_with_the_state_and_the_count(client, ticket, desk_user):
    first, second = RegistrationFactory.create_batch(2, ticket_type=ticket)
    RegistrationFactory(ticket_type=ticket, status="waitlisted")
    client.force_login(desk_user)
    answers = [
        client.post(checkin_url(person), headers={"accept": "application/json"}).json()
        for person in (first, second, second)
    ]
    assert [(a["kind"], a["state"]) for a in answers] == [
        ("checked_in", "ok"),
        ("checked_in", "ok"),
        ("already", "warn"),
    ]
    assert answers[0]["name"] == first.full_name
    assert [a["counts"]["checked_in"] for a in answers] == [1, 2, 2]
    assert answers[-1]["counts"]["by_ticket"] == [
        {"name": "Conference pass", "checked_in": 2, "confirmed": 2}
    ]
    # The scanner's POSTs leave no outcome behind for the next page load.
    assert outcome_panels(desk(client)) == 0


def test_the_count_endpoint_counts_the_current_event_only(client, ticket, desk_user):
    RegistrationFactory.create_batch(3, ticket_type=ticket)
    done = RegistrationFactory(ticket_type=ticket)
    checkin.attendee_check_in(registration=done)
    RegistrationFactory(ticket_type=ticket, status="cancelled", checked_in_at=timezone.now())
    older = EventFactory(start=ticket.event.start - timezone.timedelta(days=365))
    RegistrationFactory(ticket_type=TicketTypeFactory(event=older))
    client.force_login(desk_user)
    counts = json.loads(client.get(reverse("registration:checkin_counts")).content)
    assert (counts["checked_in"], counts["confirmed"]) == (1, 4)


# The desk -------------------------------------------------------------------------------


def test_desk_check_in_returns_to_an_empty_search_with_one_state(client, registration, desk_user):
    client.force_login(desk_user)
    response = client.post(
        checkin_url(registration), {"next": reverse("registration:checkin_desk")}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("registration:checkin_desk")
    assert outcome_panels(response) == 1
    assert "door-outcome-ok" in text_of(response)
    assert response.context["query"] == ""
    assert outcome_panels(desk(client)) == 0  # shown once


def names(response):
    return [registration.full_name for registration, _state in response.context["results"]]


@pytest.mark.parametrize(
    "query",
    [
        "josé",
        "JOSE",
        "jose garcia",
        "garcia, josé",
        "Jose-Garcia@Example.org",
        "Ｊｏｓｅ",  # full-width, as some CJK keyboards type
        "Biolabs Madrid",
        "biolabs",
    ],
)
def test_desk_search_ignores_case_accents_width_and_punctuation(client, ticket, desk_user, query):
    RegistrationFactory(
        ticket_type=ticket,
        given_name="José",
        family_name="García",
        email="jose-garcia@example.org",
        organization="BioLabs Madrid",
    )
    RegistrationFactory(ticket_type=ticket, given_name="Maria", family_name="Lopez")
    client.force_login(desk_user)
    assert names(desk(client, q=query)) == ["José García"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("이헌주", ["이헌주"]),
        ("헌주", ["이헌주"]),
        ("이 헌주", ["이헌주"]),
        ("Heon-Ju", ["이헌주"]),
        ("heonju lee", ["이헌주"]),
        ("山田", ["山田太郎"]),
        ("山田太郎", ["山田太郎"]),
        ("やまだ", ["やまだたろう"]),
        ("ヤマダ", ["やまだたろう"]),
        ("ﾔﾏﾀﾞ", ["やまだたろう"]),  # half-width katakana
        ("张伟", ["张伟"]),
        ("張偉", ["張偉"]),
    ],
)
def test_desk_search_finds_cjk_names_as_typed(client, ticket, desk_user, query, found):
    RegistrationFactory(
        ticket_type=ticket, given_name="헌주", family_name="이", latin_name="Heon-Ju Lee"
    )
    RegistrationFactory(ticket_type=ticket, given_name="太郎", family_name="山田")
    RegistrationFactory(ticket_type=ticket, given_name="たろう", family_name="やまだ")
    RegistrationFactory(ticket_type=ticket, given_name="伟", family_name="张")
    RegistrationFactory(ticket_type=ticket, given_name="偉", family_name="張")
    client.force_login(desk_user)
    assert names(desk(client, q=query)) == found


def test_desk_search_by_reference_in_any_case_with_or_without_the_dash(
    client, registration, desk_user
):
    client.force_login(desk_user)
    code = registration.reference.removeprefix("CGT-")
    for query in (registration.reference, registration.reference.lower(), f"cgt{code}", code):
        assert names(desk(client, q=query)) == [registration.full_name], query


def test_desk_search_never_finds_deleted_personal_data(client, registration, desk_user):
    privacy.registration_anonymize(registration=registration)
    client.force_login(desk_user)
    assert names(desk(client, q="Min-ji")) == []
    assert Registration.objects.get(pk=registration.pk).search_text == ""


def test_desk_results_show_each_state_and_the_right_button(client, ticket, desk_user):
    waiting = RegistrationFactory(ticket_type=ticket, family_name="Park", status="waitlisted")
    inside = RegistrationFactory(ticket_type=ticket, family_name="Park")
    checkin.attendee_check_in(registration=inside, by=desk_user)
    fresh = RegistrationFactory(ticket_type=ticket, family_name="Park")
    client.force_login(desk_user)
    response = desk(client, q="park")
    states = {r.pk: (s["kind"] if s else None) for r, s in response.context["results"]}
    assert states == {waiting.pk: "waitlisted", inside.pk: "already", fresh.pk: None}
    page = visible(response)
    assert page.count(">Check in</button>") == 1
    assert page.count(">Undo check-in</button>") == 1


@pytest.mark.parametrize("extra", [0, 49], ids=["1x", "50x"])
def test_desk_search_query_count(
    client, warm_event, ticket, desk_user, django_assert_num_queries, extra
):
    RegistrationFactory.create_batch(extra + 1, ticket_type=ticket)
    client.force_login(desk_user)
    warm_event()
    # The session, the user, their own and their groups' permissions, the door's event,
    # the search, the count.
    with django_assert_num_queries(7):
        desk(client, q="Min-ji")


def test_desk_search_at_5000_registrations_is_one_query(ticket, django_assert_num_queries):
    people = [
        Registration(
            event=ticket.event,
            ticket_type=ticket,
            given_name=f"Given{n}",
            family_name=f"Family{n}",
            email=f"person{n}@example.com",
            organization=f"Org {n % 300}",
            country="KR",
            sector="biotech",
            status="confirmed",
            reference=f"CGT-{n:05d}"[:9],
            token=f"t{n:030d}",
            checkin_token=f"c{n:030d}",
        )
        for n in range(5000)
    ]
    for person in people:
        person.search_text = person.build_search_text()
    Registration.objects.bulk_create(people, batch_size=500)
    started = time.perf_counter()
    with django_assert_num_queries(1):
        found = attendance.checkin_search(query="family4321")
    elapsed = time.perf_counter() - started
    assert [r.family_name for r in found] == ["Family4321"]
    print(f"search over 5,000 registrations: {elapsed * 1000:.1f} ms")  # for the note, -s


@pytest.mark.parametrize("query", ["\x00", "x" * 101])
def test_desk_search_refuses_unusable_queries_with_a_message(client, desk_user, query, db):
    client.force_login(desk_user)
    response = desk(client, q=query)
    assert response.status_code == 200
    assert "That search cannot be run" in text_of(response)
    assert response.context["results"] == []


def test_the_desk_page_may_compile_webassembly_and_nothing_else_is_relaxed(client, desk_user):
    client.force_login(desk_user)
    policy = desk(client)["Content-Security-Policy"]
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy
    assert "unsafe-inline" not in policy
    assert "'unsafe-eval'" not in policy
    public = client.get(reverse("home"))["Content-Security-Policy"]
    assert "wasm-unsafe-eval" not in public


# Which event the door is for ---------------------------------------------------------------


@pytest.fixture
def last_year(ticket):
    start = days_from_today(-365)
    return TicketTypeFactory(event=EventFactory(start=start, end=start + timedelta(days=1)))


def test_the_door_is_for_the_first_event_not_over_even_if_next_year_exists(ticket):
    next_year = EventFactory(start=days_from_today(400), end=days_from_today(401))
    assert attendance.door_event() == ticket.event
    assert next_year.pk != ticket.event.pk


def test_last_years_ticket_is_refused_at_this_years_door(client, ticket, last_year, desk_user):
    old = RegistrationFactory(ticket_type=last_year)
    RegistrationFactory(ticket_type=ticket)
    client.force_login(desk_user)
    answer = client.post(checkin_url(old), headers={"accept": "application/json"}).json()
    assert (answer["kind"], answer["state"]) == ("other_event", "stop")
    assert answer["headline"].startswith("Ticket for another event")
    assert (answer["counts"]["checked_in"], answer["counts"]["confirmed"]) == (0, 1)
    old.refresh_from_db()
    assert old.checked_in_at is None
    page = text_of(client.get(checkin_url(old)))
    assert "Ticket for another event" in page
    assert ">Check in</button>" not in page


def test_the_desk_searches_the_door_event_only(client, ticket, last_year, desk_user):
    RegistrationFactory(ticket_type=last_year, family_name="Zebulon")
    here = RegistrationFactory(ticket_type=ticket, family_name="Zebulon")
    client.force_login(desk_user)
    assert [r.pk for r, _state in desk(client, q="zebulon").context["results"]] == [here.pk]


def test_a_stored_outcome_yields_to_what_another_desk_did_since(client, registration, desk_user):
    client.force_login(desk_user)
    client.post(checkin_url(registration), {"next": reverse("registration:checkin_desk")})
    checkin.attendee_check_in_undo(registration=registration)  # another desk, meanwhile
    page = visible(desk(client))
    assert "Checked in " not in page
    assert "door-outcome-ok" not in page


@pytest.mark.parametrize("query", ["|", "CGT-", "cgt", "-", "..."])
def test_punctuation_or_the_ticket_prefix_alone_match_nobody(ticket, query):
    RegistrationFactory(ticket_type=ticket, family_name="Lee")
    RegistrationFactory(ticket_type=ticket, family_name="Park")
    assert attendance.checkin_search(query=query) == []


def test_the_desk_says_when_there_are_more_matches_than_it_shows(client, ticket, desk_user):
    RegistrationFactory.create_batch(31, ticket_type=ticket, organization="Samsung Biologics")
    client.force_login(desk_user)
    response = desk(client, q="samsung")
    assert len(response.context["results"]) == 30
    assert "More than 30 matches: type more of the name." in text_of(response)


def test_after_an_undo_the_page_offers_check_in_again(client, registration, desk_user):
    client.force_login(desk_user)
    client.post(checkin_url(registration))
    undo = reverse("registration:checkin_undo", kwargs={"token": registration.checkin_token})
    page = visible(client.post(undo, {"next": checkin_url(registration)}, follow=True))
    assert "Check-in undone" in page
    assert ">Check in</button>" in page
