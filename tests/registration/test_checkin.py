"""The door: the check-in service, the QR link's page and the desk search."""

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.services import checkin
from tests.factories import RegistrationFactory, TicketTypeFactory
from tests.helpers import text_of


@pytest.fixture
def registration(seeded):
    return RegistrationFactory(ticket_type=TicketTypeFactory(capacity=1))


def test_check_in_happens_once_and_reports_the_first_time(db):
    registration = RegistrationFactory()
    first = checkin.attendee_check_in(registration=registration)
    second = checkin.attendee_check_in(registration=registration)
    assert (first.first_time, second.first_time) == (True, False)
    assert second.registration.checked_in_at == first.registration.checked_in_at


@pytest.mark.parametrize("status", ["waitlisted", "cancelled"])
def test_waitlisted_and_cancelled_cannot_check_in(db, status):
    registration = RegistrationFactory(status=status)
    with pytest.raises(checkin.CheckInRefused):
        checkin.attendee_check_in(registration=registration)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def checkin_url(registration):
    return reverse("registration:checkin", kwargs={"token": registration.checkin_token})


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


def test_desk_user_check_in_once_and_see_when_on_the_second_try(client, registration, desk_user):
    client.force_login(desk_user)
    page = text_of(client.get(checkin_url(registration)))
    assert registration.full_name in page
    first = text_of(client.post(checkin_url(registration), follow=True))
    assert f"{registration.full_name} is checked in." in first
    registration.refresh_from_db()
    second = text_of(client.post(checkin_url(registration), follow=True))
    when = timezone.localtime(registration.checked_in_at)
    assert f"Already checked in at {when:%-d %b %Y, %H:%M} KST." in second


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("waitlisted", "This registration is on the waiting list and has no seat."),
        ("cancelled", "This registration was cancelled."),
    ],
)
def test_waitlisted_or_cancelled_cannot_be_checked_in(
    client, registration, desk_user, status, message
):
    registration.status = status
    registration.save()
    client.force_login(desk_user)
    response = client.post(checkin_url(registration), follow=True)
    assert message in text_of(response)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_desk_search_finds_by_name_email_or_reference(client, registration, desk_user):
    client.force_login(desk_user)
    for query in (registration.family_name, registration.email.upper(), registration.reference):
        response = client.get(reverse("registration:checkin_desk"), {"q": query})
        assert [r.pk for r in response.context["results"]] == [registration.pk]
    response = client.get(reverse("registration:checkin_desk"), {"q": "nobody-like-this"})
    assert response.context["results"] == []


@pytest.mark.parametrize("extra", [0, 49], ids=["1x", "50x"])
def test_desk_search_query_count(
    client, warm_event, registration, desk_user, django_assert_num_queries, extra
):
    RegistrationFactory.create_batch(
        extra, ticket_type=registration.ticket_type, status="waitlisted"
    )
    client.force_login(desk_user)
    # The session, the user, their own and their groups' permissions, then the search.
    warm_event()
    with django_assert_num_queries(5):
        client.get(reverse("registration:checkin_desk"), {"q": "Min-ji"})


@pytest.mark.parametrize("query", ["\x00", "x" * 101])
def test_desk_search_refuses_unusable_queries_with_a_message(client, desk_user, query, db):
    client.force_login(desk_user)
    response = client.get(reverse("registration:checkin_desk"), {"q": query})
    assert response.status_code == 200
    assert "That search cannot be run" in text_of(response)
    assert response.context["results"] == []
