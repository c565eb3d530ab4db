"""The registrations list for the desk: status early, the facts the desk filters by as
columns and filters, and a reference found however it is typed."""

from django.urls import reverse

from tests.factories import RegistrationFactory, TicketTypeFactory

CHANGELIST = reverse("admin:registration_registration_changelist")


def test_registration_list_columns_put_status_third(organizer):
    response = organizer.get(CHANGELIST)
    assert response.context["cl"].list_display == [
        "action_checkbox",
        "reference",
        "full_name",
        "status",
        "payment",
        "ticket_type",
        "organization",
        "country",
        "sector",
        "language",
        "checked_in_at",
        "created",
    ]


def test_registration_list_filters_by_country_sector_ticket_type_and_language(organizer, db):
    ticket = TicketTypeFactory(name="Full pass")
    RegistrationFactory(ticket_type=ticket, country="JP", sector="academia", language="ja")
    match = RegistrationFactory(
        ticket_type=ticket, country="KR", sector="investor", language="ko", family_name="Match"
    )
    RegistrationFactory(country="KR", sector="investor", language="ko")  # another ticket type
    response = organizer.get(
        CHANGELIST,
        {
            "country": "KR",
            "sector": "investor",
            "language": "ko",
            "ticket_type__id__exact": ticket.pk,
        },
    )
    assert list(response.context["cl"].result_list) == [match]
    titles = [str(spec.title) for spec in response.context["cl"].filter_specs]
    assert titles == [
        "status",
        "ticket type",
        "country",
        "sector",
        "language",
        "checked in",
        "event",
    ]


def test_country_filter_offers_only_countries_people_registered_from(organizer, db):
    RegistrationFactory(country="JP")
    RegistrationFactory(country="KR")
    response = organizer.get(CHANGELIST)
    [country] = [
        s
        for s in response.context["cl"].filter_specs
        if getattr(s, "field_path", None) == "country"
    ]
    assert [choice["display"] for choice in country.choices(response.context["cl"])] == [
        "All",
        "South Korea",  # East Asia first, as on the registration form (COUNTRIES_FIRST)
        "Japan",
    ]


def test_registration_search_finds_a_reference_in_any_case(organizer, db):
    wanted = RegistrationFactory(reference="CGT-7K2QX")
    RegistrationFactory(reference="CGT-ABCDE")
    for query in ("cgt-7k2qx", "CGT-7K2QX", "7k2qx", " Cgt-7K2qx "):
        response = organizer.get(CHANGELIST, {"q": query})
        assert list(response.context["cl"].result_list) == [wanted], query


def test_registration_search_still_finds_an_email_without_its_column(organizer, db):
    wanted = RegistrationFactory(email="minji.kim@example.com")
    RegistrationFactory(email="other@example.com")
    response = organizer.get(CHANGELIST, {"q": "MINJI.KIM@example.com"})
    assert list(response.context["cl"].result_list) == [wanted]
    assert "minji.kim@example.com" not in response.content.decode()
