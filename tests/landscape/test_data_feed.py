"""/landscape/data.json: the landscape as open data, in the address's language, at a constant
number of queries."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from common.seeding import load_data
from landscape.models import Company, Country, Program
from tests.factories import build_landscape

SEED = load_data("landscape.seed", "landscape.toml")


def data(client, prefix=""):
    response = client.get(prefix + reverse("landscape:data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_the_feed_holds_every_country_company_and_program(client, seeded):
    feed = data(client)
    assert feed["title"] == SEED["overview"]["title"]
    assert feed["as_of"] == SEED["overview"]["as_of"]
    assert feed["language"] == "en"
    assert feed["url"] == "http://testserver/landscape/"
    assert [c["slug"] for c in feed["countries"]] == [c["slug"] for c in SEED["countries"]]
    assert {c["slug"] for c in feed["companies"]} == set(
        Company.objects.values_list("slug", flat=True)
    )
    assert sum(len(c["programs"]) for c in feed["companies"]) == Program.objects.count()


def test_a_country_carries_its_snapshot_and_key_figures(client, seeded):
    korea = next(c for c in data(client)["countries"] if c["slug"] == "south-korea")
    seed = next(c for c in SEED["countries"] if c["slug"] == "south-korea")
    assert korea["name"] == "South Korea"
    assert korea["iso_code"] == "KR"
    assert korea["url"] == "http://testserver/landscape/south-korea/"
    assert korea["snapshot"] == {
        "regulatory_progress": Country.objects.get(slug="south-korea").regulatory_progress,
        "trials_activity": seed["trials_activity"],
        "growth_indicators": seed["growth_indicators"],
    }
    china = next(c for c in data(client)["countries"] if c["slug"] == "china")
    [pipeline] = [f for f in china["key_figures"] if f["metric"] == "car_t_pipeline"]
    assert pipeline == {
        "metric": "car_t_pipeline",
        "metric_label": "CAR-T therapies in the pipeline",
        "value": 400,
        "display": "400+",
        "as_of": "2024",
        "source": SEED["source"],
    }


def test_a_company_carries_its_programs(client, seeded):
    [jw] = [c for c in data(client)["companies"] if c["slug"] == "jw-therapeutics"]
    assert jw["name"] == "JW Therapeutics"
    assert jw["country"] == "china"
    assert jw["url"] == "http://testserver/landscape/companies/jw-therapeutics/"
    assert jw["website"] == Company.objects.get(slug="jw-therapeutics").website
    assert jw["in_pipeline_list"] is Company.objects.get(slug="jw-therapeutics").in_pipeline_list
    relma = next(p for p in jw["programs"] if p["name"] == "Relma-cel")
    assert relma == {
        "name": "Relma-cel",
        "modality": "car_t",
        "modality_label": "CAR-T",
        "indication": "",
        "phase": "approved",
        "phase_label": "Approved",
        "status_note": "Approved in China.",
        "source": SEED["source"],
    }


def test_the_feed_speaks_the_language_of_its_address(client, seeded):
    feed = data(client, "/ko")
    assert feed["language"] == "ko"
    assert feed["url"] == "http://testserver/ko/landscape/"
    korea = next(c for c in feed["countries"] if c["slug"] == "south-korea")
    with translation.override("ko"):
        expected_name = Country.objects.get(slug="south-korea").name
        approved = str(Program.Phase.APPROVED.label)
    assert korea["name"] == expected_name != "South Korea"
    assert korea["url"] == "http://testserver/ko/landscape/south-korea/"
    [jw] = [c for c in feed["companies"] if c["slug"] == "jw-therapeutics"]
    relma = next(p for p in jw["programs"] if p["name"] == "Relma-cel")
    assert (relma["phase"], relma["phase_label"]) == ("approved", approved)
    assert approved != "Approved"


def test_the_feed_reads_well_without_content(client, db):
    assert data(client) == {
        "title": None,
        "as_of": None,
        "language": "en",
        "url": "http://testserver/landscape/",
        "countries": [],
        "companies": [],
    }


def test_the_feed_refuses_posts(client, db):
    assert client.post(reverse("landscape:data")).status_code == 405


@pytest.fixture(params=[1, 50], ids=["1x", "50x"])
def landscape(request, db):
    return build_landscape(request.param)


def test_data_feed_query_count(
    client, page_language, warm_event, landscape, django_assert_num_queries
):
    warm_event()
    # The overview, the countries, their key figures, the companies, their programs.
    with translation.override(page_language), django_assert_num_queries(5):
        response = client.get(reverse("landscape:data"))
    assert response.status_code == 200
    assert len(json.loads(response.content)["companies"]) == Company.objects.count()
