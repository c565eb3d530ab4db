import csv
import io

import pytest
from django.urls import reverse

from registration.models import Registration
from tests.factories import RegistrationFactory, TicketTypeFactory


@pytest.fixture
def ticket(db):
    return TicketTypeFactory(name="Workshop", capacity=2)


CHANGELIST = reverse("admin:registration_registration_changelist")


def act(client, action, registrations):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [r.pk for r in registrations]},
        follow=True,
    )


def test_ticket_type_list_shows_confirmed_capacity_waitlisted(organizer, ticket):
    RegistrationFactory.create_batch(2, ticket_type=ticket)
    RegistrationFactory.create_batch(3, ticket_type=ticket, status="waitlisted")
    response = organizer.get(reverse("admin:registration_tickettype_changelist"))
    [row] = response.context["cl"].result_list
    assert (row.n_confirmed, row.capacity, row.n_waitlisted) == (2, 2, 3)


def test_csv_export_of_selected_registrations(organizer, ticket):
    chosen = RegistrationFactory(ticket_type=ticket, organization="=HYPERLINK(evil)")
    RegistrationFactory(ticket_type=ticket)
    response = act(organizer, "export_csv", [chosen])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == [
        "Reference",
        "Status",
        "Ticket type",
        "Given name",
        "Family name",
        "E-mail",
    ]
    assert len(rows) == 2
    assert rows[1][0] == chosen.reference
    assert rows[1][6] == "'=HYPERLINK(evil)"  # defused for spreadsheets


def test_cancel_action_promotes_and_check_in_action_refuses_the_waitlisted(
    organizer, ticket, deliver
):
    first, second = RegistrationFactory.create_batch(2, ticket_type=ticket)
    waiting = RegistrationFactory(ticket_type=ticket, status="waitlisted")
    with deliver:
        response = act(organizer, "cancel", [first])
    assert "1 promoted from the waiting list" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"

    leftover = RegistrationFactory(ticket_type=ticket, status="waitlisted")
    response = act(organizer, "check_in", [second, leftover])
    assert "1 checked in; 1 refused" in response.content.decode()


def test_resend_action_emails_each_selected(organizer, ticket, mailoutbox, deliver):
    registrations = RegistrationFactory.create_batch(2, ticket_type=ticket)
    with deliver:
        act(organizer, "resend_confirmation", registrations)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.email for r in registrations)


def test_raising_capacity_in_the_admin_promotes_the_waiting_list(
    organizer, ticket, deliver, mailoutbox
):
    RegistrationFactory.create_batch(2, ticket_type=ticket)
    waiting = RegistrationFactory.create_batch(21, ticket_type=ticket, status="waitlisted")
    response = organizer.post(
        reverse("admin:registration_tickettype_change", args=[ticket.pk]),
        {
            "event": ticket.event.pk,
            "name_en": ticket.name,
            "description_en": "",
            "price": "0",
            "currency": "KRW",
            "capacity": "22",
            "order": "0",
            "payment_days": "7",
        },
        follow=True,
    )
    # The page only queued the e-mails: none went out in the request.
    assert "20 people were promoted from the waiting list" in response.content.decode()
    assert mailoutbox == []
    assert ticket.registrations.filter(status="waitlisted").count() == 1
    assert deliver() == 20
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.email for r in waiting[:20])


def test_registration_filters_work(organizer, ticket):
    RegistrationFactory(ticket_type=ticket, status="waitlisted")
    for query in ("status=waitlisted", "checked_in=no", f"ticket_type__id__exact={ticket.pk}"):
        response = organizer.get(f"{CHANGELIST}?{query}")
        assert response.status_code == 200
        assert response.context["cl"].result_count == 1


@pytest.mark.parametrize("size", [1, 50], ids=["1x", "50x"])
def test_registration_changelist_query_count(
    organizer, warm_event, ticket, size, django_assert_num_queries
):
    RegistrationFactory.create_batch(size, ticket_type=ticket, status="waitlisted")
    warm_event()
    # One of them lists the countries people registered from, for the country filter.
    with django_assert_num_queries(11):
        assert organizer.get(CHANGELIST).status_code == 200


def test_organizers_cannot_add_registrations_behind_the_services(organizer):
    assert organizer.get(reverse("admin:registration_registration_add")).status_code == 403
    assert not Registration.objects.exists()


def test_admin_index_shows_counts_per_ticket_type(organizer, ticket):
    RegistrationFactory.create_batch(2, ticket_type=ticket)
    RegistrationFactory(ticket_type=ticket, status="waitlisted")
    RegistrationFactory(ticket_type=ticket, status="cancelled")
    checked = ticket.registrations.filter(status="confirmed").first()
    checked.checked_in_at = checked.created
    checked.save()
    response = organizer.get(reverse("admin:index"))
    text = response.content.decode()
    row = text.split('<th scope="row">Workshop</th>')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]
    assert cells == ["2", "2", "1", "1"]


def test_registrations_cannot_be_deleted_only_anonymized(organizer, ticket, deliver):
    registration = RegistrationFactory(ticket_type=ticket)
    waiting = RegistrationFactory(ticket_type=ticket, status="waitlisted")
    RegistrationFactory(ticket_type=ticket)
    delete_url = reverse("admin:registration_registration_delete", args=[registration.pk])
    assert organizer.get(delete_url).status_code == 403
    with deliver:
        act(organizer, "anonymize", [registration])
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert (registration.given_name, registration.status) == ("", "cancelled")
    assert waiting.status == "confirmed"


def test_editing_an_email_to_one_already_registered_is_a_form_error(organizer, ticket):
    taken = RegistrationFactory(ticket_type=ticket, email="taken@example.com")
    other = RegistrationFactory(ticket_type=ticket)
    response = organizer.post(
        reverse("admin:registration_registration_change", args=[other.pk]),
        {
            "given_name": other.given_name,
            "family_name": other.family_name,
            "email": "TAKEN@example.com",
            "organization": other.organization,
            "job_title": "",
            "country": "KR",
            "sector": "biotech",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "Another active registration for this event uses this e-mail."
    ]
    other.refresh_from_db()
    assert other.email != taken.email


def test_the_admin_never_links_to_the_attendees_secret_page(organizer, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    response = organizer.get(
        reverse("admin:registration_registration_change", args=[registration.pk])
    )
    assert response.status_code == 200
    assert registration.token not in response.content.decode()
    assert "View on site" not in response.content.decode()
