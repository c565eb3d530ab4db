import pytest
from django.urls import reverse
from django.utils import translation

from common.seeding import load_data
from landscape.models import Company, Country, Highlight, KeyFigure, Program
from registration.models import Speaker
from tests.factories import EventFactory, SpeakerFactory, build_landscape, kst
from tests.helpers import text_of

SEED = load_data("landscape.seed", "landscape.toml")


# --- every fact of the source is on a public page ---------------------------------------


def test_overview_shows_the_snapshot_table_drivers_and_closing(client, seeded):
    text = text_of(client.get(reverse("landscape:overview")))
    for row in SEED["countries"]:
        for column in ("regulatory_progress", "trials_activity", "growth_indicators"):
            assert row[column] in text
    for driver in SEED["overview"]["growth_drivers"].splitlines():
        assert driver in text
    assert SEED["overview"]["closing_remarks"] in text
    assert SEED["overview"]["intro"] in text


def test_country_pages_show_every_highlight_under_its_topic(client, seeded):
    for country in Country.objects.all():
        text = text_of(client.get(country.get_absolute_url()))
        for highlight in Highlight.objects.filter(country=country):
            assert highlight.text in text
            assert str(highlight.get_topic_display()) in text


def test_explorer_lists_every_company_and_program(client, seeded):
    text = text_of(client.get(reverse("landscape:companies")))
    for company in Company.objects.all():
        assert company.name in text
    for program in Program.objects.all():
        assert program.name in text


def test_company_page_shows_programs_and_the_highlights_naming_it(client, seeded):
    response = client.get(reverse("landscape:company", kwargs={"slug": "helixmith"}))
    text = text_of(response)
    assert response.status_code == 200
    programs = response.context["company"].programs.all()
    assert [p.indication for p in programs] == ["Diabetic complications", "ALS", "Heart disease"]
    assert "FDA RMAT designation" in text
    assert "Helixmith’s gene therapy Engensis (VM202) earns FDA RMAT designation" in text


def test_overview_charts_are_drawn_from_key_figures_with_text_equivalents(client, seeded):
    text = text_of(client.get(reverse("landscape:overview")))
    assert '<desc id="chart-approved-products-desc">Japan: 21; South Korea: 15.</desc>' in text
    assert "Not stated in the source for: China, Taiwan." in text


def test_overview_chart_follows_an_edited_figure(client, seeded):
    KeyFigure.objects.filter(country__slug="japan", metric="approved_products").update(
        value=25, display="25"
    )
    text = text_of(client.get(reverse("landscape:overview")))
    assert "Japan: 25; South Korea: 15." in text


def test_home_page_teases_the_landscape(client, seeded):
    text = text_of(client.get(reverse("home")))
    assert "Cell & Gene Therapy East Asia 2025" in text
    assert "400+" in text
    assert reverse("landscape:country", kwargs={"slug": "south-korea"}) in text


# --- the explorer's filters ------------------------------------------------------------


def names_in(response):
    return [company.name for company in response.context["companies"]]


def test_explorer_filters_by_country(client, seeded):
    response = client.get(reverse("landscape:companies"), {"country": "taiwan"})
    assert names_in(response) == sorted(
        Company.objects.filter(country__slug="taiwan").values_list("name", flat=True),
        key=str.lower,
    )


def test_explorer_filters_by_modality_and_phase_together(client, seeded):
    response = client.get(
        reverse("landscape:companies"), {"modality": "car_t", "phase": "approved"}
    )
    assert names_in(response) == ["Fosun Kite Biotechnology", "JW Therapeutics"]


def test_explorer_shows_only_matching_programs_of_a_company(client, seeded):
    response = client.get(reverse("landscape:companies"), {"phase": "phase-3"})
    [helixmith] = response.context["companies"]
    assert [p.indication for p in helixmith.program_list] == ["Diabetic complications"]


@pytest.mark.parametrize(
    "params",
    [
        {"country": "atlantis"},
        {"phase": "phase-9"},
        {"modality": "<script>alert(1)</script>"},
        {"country": "x" * 5000},
        {"phase": "\x00"},
    ],
)
def test_explorer_unknown_filter_values_give_a_friendly_empty_result(client, seeded, params):
    response = client.get(reverse("landscape:companies"), params)
    assert response.status_code == 200
    assert response.context["companies"] == []
    assert "No companies match these filters" in text_of(response)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_explorer_works_without_javascript_through_plain_links(client, seeded):
    text = text_of(client.get(reverse("landscape:country", kwargs={"slug": "japan"})))
    assert f"{reverse('landscape:companies')}?country=japan" in text


# --- unknown slugs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/landscape/atlantis/", "/landscape/companies/no-such-company/", "/landscape/%E2%9C%93/"],
)
def test_unknown_slugs_are_styled_404s(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We couldn't find that page" in text_of(response)


def test_landscape_pages_read_well_without_content(client, db):
    for url in [reverse("landscape:overview"), reverse("landscape:companies"), reverse("home")]:
        assert client.get(url).status_code == 200


def test_landscape_pages_refuse_posts(client, seeded):
    assert client.post(reverse("landscape:overview")).status_code == 405


# --- constant query counts at two data sizes --------------------------------------------


@pytest.fixture(params=[1, 50], ids=["1x", "50x"])
def landscape(request, db):
    return build_landscape(request.param)


def test_overview_query_count(
    client, page_language, warm_event, landscape, django_assert_num_queries
):
    warm_event()
    with translation.override(page_language), django_assert_num_queries(4):
        assert client.get(reverse("landscape:overview")).status_code == 200


def test_country_query_count(
    client, page_language, warm_event, landscape, django_assert_num_queries
):
    warm_event()
    with translation.override(page_language), django_assert_num_queries(5):
        assert client.get(landscape[0].get_absolute_url()).status_code == 200


def test_explorer_query_count(
    client, page_language, warm_event, landscape, django_assert_num_queries
):
    warm_event()
    with translation.override(page_language), django_assert_num_queries(3):
        response = client.get(reverse("landscape:companies"), {"country": landscape[0].slug})
    assert response.status_code == 200


def test_company_query_count(
    client, page_language, warm_event, landscape, django_assert_num_queries
):
    company = Company.objects.first()
    company.highlights.set(Highlight.objects.all())
    warm_event()
    with translation.override(page_language), django_assert_num_queries(4):
        assert client.get(company.get_absolute_url()).status_code == 200


def test_home_query_count(client, page_language, warm_event, landscape, django_assert_num_queries):
    # The event (none here) and the three of the landscape teaser.
    warm_event()
    with translation.override(page_language), django_assert_num_queries(3):
        assert client.get(reverse("home")).status_code == 200


def test_landscape_pages_show_only_the_current_events_speakers(client, seeded):
    """A past edition's speakers stay in the database but not on company and country
    pages, which reach speakers through reverse relations."""
    current = Speaker.objects.get(slug="phil-huang")
    past = EventFactory(start=kst(2024, 9, 26), end=kst(2024, 9, 27))
    SpeakerFactory(
        event=past, name="Past Edition Speaker", company=current.company, country=current.country
    )
    for url in (current.company.get_absolute_url(), current.country.get_absolute_url()):
        text = text_of(client.get(url))
        assert "Phil Huang" in text, url
        assert "Past Edition Speaker" not in text, url
