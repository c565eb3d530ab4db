"""The registration team's dashboard: counts of the current event's registrations per day,
ticket type, country, sector and status, check-ins per quarter-hour, and all of it as CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from registration.models import Registration
from tests.factories import EventFactory, RegistrationFactory, TicketTypeFactory, kst

DASHBOARD = reverse("admin:dashboard")


@pytest.fixture
def event(db):
    return EventFactory(
        short_name="CGT East Asia 2025", start=kst(2025, 9, 25, 9), end=kst(2025, 9, 25, 18)
    )


def register(ticket, *, on, checked_in_at=None, **fields):
    registration = RegistrationFactory(ticket_type=ticket, checked_in_at=checked_in_at, **fields)
    # `created` is auto_now_add: set the day after the fact.
    Registration.objects.filter(pk=registration.pk).update(created=on)
    return registration


@pytest.fixture
def registrations(event):
    full = TicketTypeFactory(event=event, name="Full pass", order=1)
    expo = TicketTypeFactory(event=event, name="Expo pass", order=2)
    TicketTypeFactory(event=event, name="Speaker pass", order=3)
    # 23:30 UTC on 1 Sept is 08:30 on 2 Sept in Korea.
    register(full, on=kst(2025, 9, 1, 10), country="KR", checked_in_at=kst(2025, 9, 25, 8, 50))
    register(full, on=kst(2025, 9, 2, 8, 30), country="JP", checked_in_at=kst(2025, 9, 25, 9, 5))
    register(full, on=kst(2025, 9, 2, 9), country="JP", sector="academia")
    register(
        expo,
        on=kst(2025, 9, 4, 12),
        country="KR",
        checked_in_at=kst(2025, 9, 25, 8, 59),
    )
    register(expo, on=kst(2025, 9, 4, 13), country="TW", status="waitlisted")
    register(expo, on=kst(2025, 9, 4, 14), country="CN", status="cancelled")


def table(response, slug):
    [found] = [t for t in response.context["board"].tables if t.slug == slug]
    return [(row.label, row.count) for row in found.rows]


def test_dashboard_counts_per_day_in_korea_time_with_quiet_days(organizer, registrations):
    response = organizer.get(DASHBOARD)
    assert response.status_code == 200
    assert table(response, "per-day") == [
        ("2025-09-01", 1),
        ("2025-09-02", 2),
        ("2025-09-03", 0),
        ("2025-09-04", 3),
    ]


def test_dashboard_counts_active_registrations_by_ticket_country_and_sector(
    organizer, registrations
):
    response = organizer.get(DASHBOARD)
    assert table(response, "ticket-type") == [
        ("Full pass", 3),
        ("Expo pass", 2),
        ("Speaker pass", 0),
    ]
    assert table(response, "country") == [("Japan", 2), ("South Korea", 2), ("Taiwan", 1)]
    assert table(response, "sector") == [
        ("Biotech or pharma company", 4),
        ("University or research institute", 1),
    ]
    assert table(response, "status") == [
        ("Confirmed", 4),
        ("On the waiting list", 1),
        ("Cancelled", 1),
    ]


def test_dashboard_counts_check_ins_per_quarter_hour(organizer, registrations):
    response = organizer.get(DASHBOARD)
    assert table(response, "checkins") == [("08:45", 2), ("09:00", 1)]


def test_dashboard_draws_the_days_as_columns_and_keeps_the_numbers_in_tables(
    organizer, registrations
):
    text = organizer.get(DASHBOARD).content.decode()
    assert 'viewBox="0 0 40 100"' in text
    assert '<rect x="1" y="66.7" width="8" height="33.3"></rect>' in text
    assert '<rect x="31" y="0.0" width="8" height="100.0"></rect>' in text
    assert "CGT East Asia 2025: 6 registrations so far." in text
    assert " style=" not in text
    assert "<script>" not in text


def test_dashboard_csv_has_every_table_as_section_label_count(organizer, registrations):
    response = organizer.get(DASHBOARD + "?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Label", "Count"]
    assert rows[1:6] == [
        ["Registrations per day", "2025-09-01", "1"],
        ["Registrations per day", "2025-09-02", "2"],
        ["Registrations per day", "2025-09-03", "0"],
        ["Registrations per day", "2025-09-04", "3"],
        ["By ticket type", "Full pass", "3"],
    ]
    assert rows[-2:] == [
        ["Check-ins per quarter-hour", "08:45", "2"],
        ["Check-ins per quarter-hour", "09:00", "1"],
    ]
    assert len(rows) == 1 + 4 + 3 + 3 + 2 + 3 + 2


def test_dashboard_counts_only_the_current_event(organizer, registrations):
    last_year = EventFactory(start=kst(2024, 9, 25, 9), end=kst(2024, 9, 25, 18))
    register(TicketTypeFactory(event=last_year), on=kst(2024, 9, 1, 10))
    response = organizer.get(DASHBOARD)
    assert response.context["board"].total == 6


def test_dashboard_without_registrations_says_so(organizer, event):
    text = organizer.get(DASHBOARD).content.decode()
    assert "No registrations yet." in text
    assert "<table" not in text.split('id="content-main"')[1]


def test_dashboard_without_an_event_says_so(organizer):
    response = organizer.get(DASHBOARD)
    assert response.status_code == 200
    assert "There is no event yet" in response.content.decode()
    assert organizer.get(DASHBOARD + "?format=csv").content.decode("utf-8-sig") == (
        "Section,Label,Count\r\n"
    )


@pytest.mark.parametrize("size", [5, 250], ids=["5", "250"])
def test_dashboard_query_count(organizer, warm_event, event, size, django_assert_num_queries):
    tickets = TicketTypeFactory.create_batch(3, event=event)
    countries = ["KR", "JP", "CN", "TW", "US", "SG"]
    for index in range(size):
        register(
            tickets[index % 3],
            on=kst(2025, 8, 1) + timedelta(hours=7 * index),
            country=countries[index % 6],
            sector=list(Registration.Sector)[index % 9],
            checked_in_at=kst(2025, 9, 25, 8) + timedelta(minutes=3 * index) if index % 2 else None,
        )
    warm_event()
    with django_assert_num_queries(7):
        assert organizer.get(DASHBOARD).status_code == 200
    with django_assert_num_queries(7):
        assert organizer.get(DASHBOARD + "?format=csv").status_code == 200
