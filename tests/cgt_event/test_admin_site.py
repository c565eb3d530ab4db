"""The organizers' admin: sections in the order the team works, each person seeing only
what they may, the event's colours and mark, and the defaults of new objects."""

from datetime import timedelta

import pytest
from django.urls import reverse

from registration.models import Session
from tests.factories import EventFactory, days_from_today


def sections(response):
    return [
        (app["app_label"], [model["object_name"] for model in app["models"]])
        for app in response.context["app_list"]
    ]


def test_admin_index_lists_the_event_first_and_security_logs_last(organizer):
    response = organizer.get(reverse("admin:index"))
    assert sections(response) == [
        (
            "registration",
            [
                "Event",
                "TicketType",
                "Registration",
                "Payment",
                "Invoice",
                "Email",
                "Announcement",
                "Session",
                "Speaker",
                "Page",
                "Sponsor",
            ],
        ),
        ("landscape", ["Overview", "Country", "KeyFigure", "Highlight", "Company", "Program"]),
        ("auth", ["User", "Group"]),
        ("axes", ["AccessAttempt", "AccessFailureLog", "AccessLog"]),
        ("django_tasks_database", ["DBTaskResult"]),
    ]


def test_admin_sidebar_follows_the_index_order(organizer):
    response = organizer.get(reverse("admin:registration_event_changelist"))
    assert [app["app_label"] for app in response.context["available_apps"]] == [
        "registration",
        "landscape",
        "auth",
        "axes",
        "django_tasks_database",
    ]


def test_admin_index_keeps_django_permission_filtering(client, editor_user, desk_user):
    client.force_login(editor_user)
    assert sections(client.get(reverse("admin:index"))) == [
        ("registration", ["Event", "Session", "Speaker"]),
        ("landscape", ["Overview", "Country", "KeyFigure", "Highlight", "Company", "Program"]),
    ]
    client.force_login(desk_user)
    assert sections(client.get(reverse("admin:index"))) == [
        ("registration", ["TicketType", "Registration", "Payment", "Invoice", "Email"]),
    ]


def test_admin_header_shows_the_event_mark_and_colours(organizer):
    EventFactory(short_name="CGT East Asia 2025")
    text = organizer.get(reverse("admin:index")).content.decode()
    assert '<img class="site-mark" src="/static/img/logo.svg" alt="" width="32" height="32">' in (
        text
    )
    assert "CGT East Asia 2025 — organizers" in text
    assert text.count('href="/static/css/admin.css"') == 1
    assert " style=" not in text


@pytest.mark.parametrize(
    ("model", "extra"),
    [("speaker", set()), ("tickettype", set()), ("sponsor", set()), ("session", {"start", "end"})],
)
def test_new_objects_start_on_the_current_event(organizer, model, extra):
    EventFactory(start=days_from_today(-300))  # last year's edition
    event = EventFactory()
    response = organizer.get(reverse(f"admin:registration_{model}_add"))
    initial = response.context["adminform"].form.initial
    assert initial["event"] == event.pk
    assert set(initial) - {"event"} == extra


def test_a_new_session_starts_at_the_event_start_in_korea_time_for_an_hour(organizer):
    start = days_from_today(60) + timedelta(hours=8, minutes=30)
    event = EventFactory(start=start, end=start + timedelta(hours=9))
    response = organizer.get(reverse("admin:registration_session_add"))
    form = response.context["adminform"].form
    assert form.initial["start"] == event.start
    assert str(form.initial["start"].tzinfo) == "Asia/Seoul"
    assert form.initial["end"] == event.start + timedelta(hours=1)
    text = response.content.decode()
    assert f'value="{event.start:%Y-%m-%d}"' in text
    assert 'value="08:30:00"' in text


def test_a_new_session_of_an_all_day_event_starts_at_nine_not_midnight(organizer):
    event = EventFactory()  # midnight to midnight: no times set yet
    form = organizer.get(reverse("admin:registration_session_add")).context["adminform"].form
    assert form.initial["start"] == event.start + timedelta(hours=9)
    assert form.initial["end"] == event.start + timedelta(hours=10)


def test_the_query_string_still_chooses_another_event(organizer):
    EventFactory()
    other = EventFactory(start=days_from_today(-300))
    response = organizer.get(reverse("admin:registration_speaker_add") + f"?event={other.pk}")
    assert response.context["adminform"].form.initial["event"] == str(other.pk)


def test_new_objects_have_no_event_before_one_exists(organizer):
    response = organizer.get(reverse("admin:registration_session_add"))
    assert response.context["adminform"].form.initial == {}
    assert not Session.objects.exists()
