import pytest
from django.urls import reverse
from django.utils import translation

from common.seeding import load_data
from landscape.models import Company, Country, Highlight, KeyFigure, Program
from landscape.selectors import COUNTRY_COMPANIES
from registration.models import Speaker
from tests.factories import (
    CompanyFactory,
    CountryFactory,
    EventFactory,
    SpeakerFactory,
    build_landscape,
    kst,
)
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


def explorer_pages(client, params=None):
    """Every page of the explorer's results, followed through its pagination."""
    first = client.get(reverse("landscape:companies"), params or {})
    pages = [first]
    for number in range(2, first.context["page_obj"].paginator.num_pages + 1):
        pages.append(client.get(reverse("landscape:companies"), {**(params or {}), "page": number}))
    return pages


def test_explorer_lists_every_company_and_program(client, seeded):
    pages = explorer_pages(client)
    assert len(pages) == 3  # 62 companies, 24 a page
    text = "".join(text_of(page) for page in pages)
    for company in Company.objects.all():
        assert company.name in text
    for program in Program.objects.all():
        assert program.name in text
    listed = [company.name for page in pages for company in page.context["companies"]]
    assert len(listed) == len(set(listed)) == Company.objects.count()


def test_company_page_shows_programs_and_the_highlights_naming_it(client, seeded):
    response = client.get(reverse("landscape:company", kwargs={"slug": "helixmith"}))
    text = text_of(response)
    assert response.status_code == 200
    programs = response.context["company"].programs.all()
    assert [p.indication for p in programs] == ["Diabetic complications", "ALS", "Heart disease"]
    assert "FDA RMAT designation" in text
    assert "Helixmith’s gene therapy Engensis (VM202) earns FDA RMAT designation" in text


def charts_of(response):
    return {chart.slug: chart for chart in response.context["charts"]}


def test_overview_charts_are_drawn_from_key_figures_with_text_equivalents(client, seeded):
    response = client.get(reverse("landscape:overview"))
    text = text_of(response)
    approved = charts_of(response)["approved-products"]
    assert approved.summary == "Japan: 21; South Korea: 15."
    assert [(bar.label, bar.display, bar.percent) for bar in approved.bars] == [
        ("Japan", "21", 100.0),
        ("South Korea", "15", 71.4),
    ]
    assert '<rect class="chart-tone-2" width="71.4" height="10"></rect>' in text
    assert "No comparable figure for China, Taiwan." in text
    assert text.count("Source: CGT East Asia 2025 landscape, 2024–2025") == 6  # table, 5 charts


def test_overview_charts_set_no_total_beside_its_parts(client, seeded):
    charts = charts_of(client.get(reverse("landscape:overview")))
    # Each country's headline trial count, side by side; Taiwan's cell and gene therapy
    # trials (parts of its 150+) in a chart of their own.
    assert [(bar.label, bar.display) for bar in charts["trials"].bars] == [
        ("China · Active CAR-T trials", "300+"),
        ("Taiwan · Ongoing CGT trials", "150+"),
    ]
    assert [(bar.label, bar.display) for bar in charts["trials-taiwan"].bars] == [
        ("Cell therapy trials", "102"),
        ("Gene therapy trials", "51"),
    ]


def test_overview_modality_chart_has_no_bar_for_an_unstated_modality(client, seeded):
    response = client.get(reverse("landscape:overview"))
    modality = charts_of(response)["pipeline-modality"]
    assert "Not stated" not in [bar.label for bar in modality.bars]
    unstated = Program.objects.filter(modality=Program.Modality.UNSPECIFIED).count()
    assert unstated == 3
    assert modality.note == "3 programs whose modality is not given are not counted."
    assert sum(bar.value for bar in modality.bars) == Program.objects.count() - unstated


def test_overview_chart_follows_an_edited_figure(client, seeded):
    KeyFigure.objects.filter(country__slug="japan", metric="approved_products").update(
        value=25, display="25"
    )
    response = client.get(reverse("landscape:overview"))
    assert charts_of(response)["approved-products"].summary == "Japan: 25; South Korea: 15."


def test_overview_shows_each_countrys_top_highlight(client, seeded):
    response = client.get(reverse("landscape:overview"))
    text = text_of(response)
    for country in Country.objects.all():
        top = Highlight.objects.filter(country=country).order_by("order", "pk").first()
        assert top.text in text
        assert [c.top_highlight for c in response.context["countries"] if c == country] == [top]


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
    assert "No companies match" in text_of(response)
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
    with translation.override(page_language), django_assert_num_queries(5):
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
    with translation.override(page_language), django_assert_num_queries(4):
        response = client.get(reverse("landscape:companies"), {"country": landscape[0].slug})
    assert response.status_code == 200


def test_explorer_search_query_count(
    client, page_language, warm_event, landscape, django_assert_num_queries
):
    warm_event()
    # A search, a filter and page 2 (the last page at 1×) together.
    params = {"q": "lymphoma", "modality": "car_t", "page": 2}
    with translation.override(page_language), django_assert_num_queries(4):
        response = client.get(reverse("landscape:companies"), params)
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


# --- the explorer as a tool ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("engensis", ["Helixmith"]),  # a program's name, in any case
        ("knee osteoarthritis", ["Medipost"]),  # an indication
        ("HELIX", ["Helixmith"]),  # part of a company's name
    ],
)
def test_explorer_search_finds_a_company_by_name_program_or_indication(
    client, seeded, query, expected
):
    response = client.get(reverse("landscape:companies"), {"q": query})
    assert names_in(response) == expected
    assert f'value="{query}"' in response.content.decode()  # the box keeps what was typed


def test_explorer_search_finds_an_indication_in_the_pages_language(client, seeded):
    indication = Program.objects.get(name="Cartistem®").indication_ko
    assert indication
    with translation.override("ko"):
        response = client.get("/ko/landscape/companies/", {"q": indication})
    assert names_in(response) == ["Medipost"]


def test_explorer_search_combines_with_the_filters(client, seeded):
    response = client.get(reverse("landscape:companies"), {"q": "engensis", "phase": "phase-2"})
    [helixmith] = response.context["companies"]
    assert [p.indication for p in helixmith.program_list] == ["ALS", "Heart disease"]
    response = client.get(reverse("landscape:companies"), {"q": "engensis", "country": "japan"})
    assert names_in(response) == []


@pytest.mark.parametrize("query", ["\x00", "%", "_", "' OR 1=1 --", "🧬" * 30, "x" * 1001])
def test_explorer_search_takes_anything_without_an_error(client, seeded, query):
    response = client.get(reverse("landscape:companies"), {"q": query})
    assert response.status_code == 200
    assert names_in(response) == []


def test_explorer_cuts_an_overlong_search_instead_of_refusing_it(client, seeded):
    response = client.get(reverse("landscape:companies"), {"q": "engensis" + " " * 200 + "x"})
    assert names_in(response) == ["Helixmith"]


def test_a_modality_outside_the_choices_shows_as_stored(client, seeded):
    Program.objects.filter(name__startswith="Engensis").update(modality="exosome")
    response = client.get(reverse("landscape:country", kwargs={"slug": "south-korea"}))
    assert response.status_code == 200
    assert "exosome" in text_of(response)


def test_explorer_global_partners_are_those_based_outside_the_four(client, seeded):
    response = client.get(reverse("landscape:companies"), {"country": "global"})
    assert names_in(response) == [
        "AGC Biologics",
        "Bayer Co.Lab",
        "IDT Biologika",
        "Lonza",
        "MilliporeSigma",
        "Novartis",
        "Thermo Fisher",
    ]
    assert "Global partner · Switzerland" in text_of(response)


def test_explorer_a_filter_chip_removes_that_filter_only(client, seeded):
    response = client.get(
        reverse("landscape:companies"), {"q": "engensis", "phase": "phase-2", "page": "1"}
    )
    chips = {label: url for label, _value, url in response.context["active_filters"]}
    assert chips == {"Search": "?phase=phase-2", "Phase": "?q=engensis"}


def test_explorer_pages_past_the_end_show_the_last_page(client, seeded):
    for page in ("99", "0", "abc", "-1"):
        response = client.get(reverse("landscape:companies"), {"page": page})
        assert response.status_code == 200
        assert response.context["companies"]


def test_explorer_offers_a_table_view_on_every_screen(client, seeded):
    text = text_of(client.get(reverse("landscape:companies"), {"view": "table"}))
    assert 'class="explorer-results is-table"' in text
    assert '<input type="hidden" name="view" value="table">' in text


# --- the landscape as a report ------------------------------------------------------------

SOURCE_VOICE = [
    "eBook",
    "the programs the source names",
    "Not stated in the source",
    "No named programs in the source",
    "The source names no programs",
    "Country not stated",
]


def test_no_landscape_page_speaks_of_its_source_document(client, seeded):
    urls = [reverse("landscape:overview"), reverse("landscape:companies")]
    urls += [country.get_absolute_url() for country in Country.objects.all()]
    urls += [company.get_absolute_url() for company in Company.objects.all()]
    for url in urls:
        text = text_of(client.get(url))
        for phrase in SOURCE_VOICE:
            assert phrase not in text, (url, phrase)


def test_country_page_opens_with_its_figures_and_summary(client, seeded):
    response = client.get(reverse("landscape:country", kwargs={"slug": "japan"}))
    text = text_of(response)
    assert [
        (f.display_text, str(f.get_metric_display())) for f in response.context["key_figures"]
    ] == [
        ("21", "Approved CGT products"),
        ("4", "Approved gene therapy products"),
    ]
    assert Country.objects.get(slug="japan").summary in text
    assert 'class="country-shape country-shape-jp"' in text


def test_country_page_lists_companies_without_programs_plainly(client, seeded):
    response = client.get(reverse("landscape:country", kwargs={"slug": "south-korea"}))
    with_programs = [company.name for company in response.context["companies"]]
    others = [company.name for company in response.context["other_companies"]]
    assert with_programs == ["Helixmith", "Medipost"]
    assert "Alteogen" in others
    assert not set(with_programs) & set(others)
    expected = Company.objects.filter(country__slug="south-korea").count()
    assert len(with_programs) + len(others) == expected


def test_a_country_page_shows_a_bounded_number_of_companies(client, db):
    """6,000 companies cost the country page what 30 do; the explorer lists them all."""
    country = CountryFactory()
    notable = CompanyFactory.create_batch(3, country=country, in_pipeline_list=True, name="Zeta")
    CompanyFactory.create_batch(COUNTRY_COMPANIES + 5, country=country)
    response = client.get(country.get_absolute_url())
    shown = response.context["companies"] + response.context["other_companies"]
    assert len(shown) == COUNTRY_COMPANIES
    assert {company.slug for company in notable} <= {company.slug for company in shown}
    assert "See all companies in" in response.content.decode()

    small = CountryFactory()
    CompanyFactory.create_batch(3, country=small)
    response = client.get(small.get_absolute_url())
    assert len(response.context["companies"] + response.context["other_companies"]) == 3
    assert "Filter the pipeline explorer by" in response.content.decode()
