"""Who may open what: every admin changelist, the check-in pages, the CSV export, the
team's dashboard and the attendee pages, for each kind of person. Allowed exactly where
intended."""

from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from cgt_event.roles import CONTENT_EDITORS, REGISTRATION_DESK
from tests.factories import RegistrationFactory

PEOPLE = ["anonymous", "editor", "desk", "superuser"]

LANDSCAPE = {"overview", "country", "keyfigure", "highlight", "company", "program"}
CONTENT = LANDSCAPE | {"event", "speaker", "session"}
DESK = {"registration", "tickettype", "email", "payment", "invoice"}


@pytest.fixture
def people(db, django_user_model):
    def staff(name, group):
        user = django_user_model.objects.create_user(name, password="x" * 20, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "anonymous": None,
        "editor": staff("editor", CONTENT_EDITORS),
        "desk": staff("desk", REGISTRATION_DESK),
        "superuser": django_user_model.objects.create_superuser("root", "", "x" * 20),
    }


def as_person(client, people, person):
    if people[person] is not None:
        client.force_login(people[person])
    return client


def registered_models():
    return sorted((model._meta.app_label, model._meta.model_name) for model in admin.site._registry)


def expected_changelist(person, model):
    if person == "superuser":
        return True
    if person == "editor":
        return model in CONTENT
    if person == "desk":
        return model in DESK
    return False


@pytest.mark.parametrize("person", PEOPLE)
def test_admin_changelists(client, people, person):
    as_person(client, people, person)
    outcomes = {}
    for app, model in registered_models():
        if app in ("auth", "axes"):
            continue  # users, groups and login records: superusers only, by Django's rules
        response = client.get(reverse(f"admin:{app}_{model}_changelist"))
        outcomes[model] = response.status_code == 200
        if not outcomes[model]:
            assert response.status_code in (302, 403), (model, response.status_code)
    assert outcomes == {model: expected_changelist(person, model) for model in outcomes}
    assert set(outcomes) >= CONTENT | DESK


@pytest.mark.parametrize(
    ("person", "allowed"),
    [("anonymous", False), ("editor", False), ("desk", True), ("superuser", True)],
)
def test_check_in_pages(client, people, person, allowed):
    registration = RegistrationFactory(family_name="Secretname")
    as_person(client, people, person)
    for url in (
        reverse("registration:checkin_desk") + "?q=Secretname",
        reverse("registration:checkin", kwargs={"token": registration.checkin_token}),
    ):
        response = client.get(url)
        assert (response.status_code == 200) is allowed, (url, response.status_code)
        assert (b"Secretname" in response.content) is allowed
    response = client.post(
        reverse("registration:checkin", kwargs={"token": registration.checkin_token})
    )
    registration.refresh_from_db()
    assert (registration.checked_in_at is not None) is allowed
    counts = client.get(reverse("registration:checkin_counts"))
    assert (counts.status_code == 200) is allowed
    assert (counts.get("Content-Type") == "application/json") is allowed
    client.post(reverse("registration:checkin_undo", kwargs={"token": registration.checkin_token}))
    registration.refresh_from_db()
    assert registration.checked_in_at is None  # undone by those allowed, never set by others
    assert registration.checkins.count() == (2 if allowed else 0)


@pytest.mark.parametrize(
    ("person", "allowed"),
    [("anonymous", False), ("editor", False), ("desk", False), ("superuser", True)],
)
def test_csv_export(client, people, person, allowed):
    registration = RegistrationFactory(family_name="Secretname")
    as_person(client, people, person)
    response = client.post(
        reverse("admin:registration_registration_changelist"),
        {"action": "export_csv", "_selected_action": [registration.pk]},
    )
    is_csv = response.get("Content-Type", "").startswith("text/csv")
    assert is_csv is allowed
    assert (b"Secretname" in response.content) is allowed


@pytest.mark.parametrize("person", PEOPLE)
def test_attendee_pages_open_with_the_token_alone(client, people, person):
    registration = RegistrationFactory(family_name="Secretname")
    as_person(client, people, person)
    for name in ("manage", "manage_cancel", "manage_delete", "manage_calendar", "manage_qr"):
        url = reverse(f"registration:{name}", kwargs={"token": registration.token})
        assert client.get(url).status_code == 200, name
    wrong = reverse("registration:manage", kwargs={"token": "x" * 43})
    assert client.get(wrong).status_code == 404


@pytest.mark.parametrize(
    ("person", "sees_attendance"),
    [("editor", False), ("desk", True), ("superuser", True)],
)
def test_only_registration_staff_see_attendance_on_the_admin_index(
    client, people, person, sees_attendance
):
    ticket = RegistrationFactory(family_name="Secretname").ticket_type
    ticket.name = "Workshop pass"
    ticket.save()
    as_person(client, people, person)
    text = client.get(reverse("admin:index")).content.decode()
    # The counts table names ticket types; the model list links the registrations.
    assert ('class="module registration-summary"' in text) is sees_attendance
    assert ("Workshop pass" in text) is sees_attendance
    assert (reverse("admin:registration_registration_changelist") in text) is sees_attendance
    assert (reverse("admin:dashboard") in text) is sees_attendance
    assert "Secretname" not in text  # the index shows counts, never a person


@pytest.mark.parametrize(
    ("person", "status"),
    [("anonymous", 302), ("editor", 403), ("desk", 200), ("superuser", 200)],
)
def test_team_dashboard_and_its_csv(client, people, person, status):
    registration = RegistrationFactory(
        family_name="Secretname", email="secret@example.com", organization="Secret Bio"
    )
    ticket = registration.ticket_type
    ticket.name = "Workshop pass"
    ticket.save()
    as_person(client, people, person)
    for url in (reverse("admin:dashboard"), reverse("admin:dashboard") + "?format=csv"):
        response = client.get(url)
        text = response.content.decode("utf-8-sig")
        assert response.status_code == status, url
        if status == 302:
            assert response["Location"] == "/admin/login/?next=" + quote(url, safe="/")
        # Counts for the desk and superusers only; a person's data for nobody.
        assert ("Workshop pass" in text) is (status == 200), url
        for personal in ("Secretname", "secret@example.com", "Secret Bio"):
            assert personal not in text, (url, personal)
