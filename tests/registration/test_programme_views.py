import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from registration import identifiers
from registration.models import Page, Speaker
from registration.selectors.content import site_content_forget
from registration.selectors.programme import SPEAKERS_PAGE_SIZE, agenda_slots
from registration.templatetags.event_tags import event_dates
from tests.factories import EventFactory, SessionFactory, SpeakerFactory, build_event, kst
from tests.helpers import text_of

# --- home and speakers ------------------------------------------------------------------


def test_home_names_the_event_date_and_venue(client, upcoming):
    text = text_of(client.get(reverse("home")))
    assert '<h1 class="display-5 fw-bold">Cell & Gene Therapy East Asia 2025</h1>' in text
    assert event_dates(upcoming) in text
    assert "Songdo Convensia, Incheon, South Korea" in text
    # The venue page (seeded) says how to get there; without it, the map.
    assert '<a class="link-light" href="/venue/">Getting to Songdo Convensia</a>' in text
    Page.objects.filter(kind=Page.Kind.VENUE).update(published=False)
    site_content_forget()
    text = text_of(client.get(reverse("home")))
    assert "openstreetmap.org/search?query=Songdo+Convensia" in text


def test_home_features_the_first_eight_featured_speakers(client, seeded):
    response = client.get(reverse("home"))
    featured = Speaker.objects.filter(featured=True).order_by("order", "name")
    assert response.context["speakers"] == list(featured[:8])
    assert "See every speaker" in text_of(response)
    Speaker.objects.exclude(pk__in=[s.pk for s in featured[:3]]).update(featured=False)
    response = client.get(reverse("home"))
    assert response.context["speakers"] == list(featured[:3])
    assert "See every speaker" not in text_of(response)


def test_speaker_list_shows_all_ten(client, seeded):
    response = client.get(reverse("registration:speakers"))
    assert [s.name for s in response.context["speakers"]] == list(
        Speaker.objects.order_by("order").values_list("name", flat=True)
    )


def test_every_speaker_has_a_page_linking_company_and_country(client, seeded):
    for speaker in Speaker.objects.select_related("company", "country"):
        response = client.get(speaker.get_absolute_url())
        text = text_of(response)
        assert response.status_code == 200
        assert speaker.name in text
        assert speaker.role in text
        assert speaker.country.get_absolute_url() in text
        if speaker.company:
            assert speaker.company.get_absolute_url() in text


def test_speaker_page_without_photo_shows_initials(client, seeded):
    text = text_of(client.get(reverse("registration:speaker", kwargs={"slug": "james-lin"})))
    assert '<span class="avatar avatar-xl avatar-tone-' in text
    assert ">JL</span>" in text


def test_speaker_page_lists_their_sessions_in_kst(client, keynote):
    text = text_of(client.get(reverse("registration:speaker", kwargs={"slug": "phil-huang"})))
    assert "Opening keynote" in text
    assert '<time datetime="2025-09-25T09:30:00+09:00">25 September, 09:30</time>–10:15 KST' in text
    assert "Moderator" in text


def test_company_and_country_pages_list_their_speakers(client, seeded):
    company_page = text_of(client.get("/landscape/companies/stemcyte/"))
    assert "Phil Huang" in company_page
    country_page = text_of(client.get("/landscape/taiwan/"))
    assert "Speakers from Taiwan" in country_page
    for name in ("James Lin", "Cheng-Yi Jerry Kuo", "Phil Huang"):
        assert name in country_page


@pytest.mark.parametrize(
    "url",
    ["/speakers/nobody/", "/speakers/%E2%9C%93/", "/speakers/a..b/", "/agenda/sessions/999.ics"],
)
def test_malformed_or_unknown_addresses_are_404s(client, seeded, url):
    assert client.get(url).status_code == 404


# --- agenda -------------------------------------------------------------------------------


def response_cards(text):
    return [part.split("</article>")[0] for part in text.split('<article class="session-card')[1:]]


def test_agenda_without_sessions_says_to_be_announced(client, seeded):
    text = text_of(client.get(reverse("registration:agenda")))
    assert "Agenda to be announced" in text


def test_agenda_without_any_event_reads_well(client, db):
    for name in ("registration:agenda", "registration:speakers", "registration:agenda_json"):
        assert client.get(reverse(name)).status_code == 200
    assert Calendar.from_ical(client.get(reverse("registration:agenda_ics")).content)


def test_session_at_0930_kst_appears_at_0930_on_the_agenda(client, keynote):
    text = text_of(client.get(reverse("registration:agenda")))
    assert '<time datetime="2025-09-25T09:30:00+09:00">09:30</time>' in text
    # The time once, beside the slot; the room always.
    assert '<time datetime="2025-09-25T10:15:00+09:00">10:15</time>' in text
    [card] = response_cards(text)
    assert "09:30" not in card
    assert '<span class="session-room">Grand Ballroom</span>' in card


def test_agenda_ics_carries_the_0930_kst_start(client, keynote):
    response = client.get(reverse("registration:agenda_ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    [entry] = calendar.walk("VEVENT")
    start = entry.decoded("dtstart")
    assert str(start.tzinfo) == "Asia/Seoul"
    assert (start.hour, start.minute) == (9, 30)
    assert start.isoformat() == "2025-09-25T09:30:00+09:00"
    assert entry["summary"] == "Opening keynote"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Seoul"]


def test_session_ics_holds_just_that_session(client, keynote):
    response = client.get(reverse("registration:session_ics", kwargs={"pk": keynote.pk}))
    [entry] = Calendar.from_ical(response.content).walk("VEVENT")
    assert entry.decoded("dtend").isoformat() == "2025-09-25T10:15:00+09:00"
    assert "Bryan Choi, Phil Huang" in entry["description"]


def test_agenda_json_gives_times_with_their_offset(client, keynote):
    data = json.loads(client.get(reverse("registration:agenda_json")).content)
    [session] = data["sessions"]
    assert list(session) == [
        "id",
        "guid",
        "title",
        "kind",
        "description",
        "start",
        "end",
        "room",
        "language",
        "url",
        "ics",
        "speakers",
    ]
    assert session["guid"] == str(identifiers.session_guid(keynote.event, keynote.pk))
    assert session["start"] == "2025-09-25T09:30:00+09:00"
    assert session["room"] == "Grand Ballroom"
    assert [(s["name"], s["role"]) for s in session["speakers"]] == [
        ("Bryan Choi", "speaker"),
        ("Phil Huang", "moderator"),
    ]
    assert data["event"]["timezone"] == "Asia/Seoul"


def test_agenda_slots_put_parallel_sessions_side_by_side(db):
    first = SessionFactory(room="Hall A")
    second = SessionFactory(event=first.event, room="Hall B", start=first.start)
    later = SessionFactory(event=first.event, start=first.start + timedelta(hours=1))
    slots = agenda_slots([first, second, later], now=kst(2025, 1, 1))
    assert [[s.pk for s in slot.sessions] for slot in slots] == [
        [first.pk, second.pk],
        [later.pk],
    ]
    assert not any(slot.is_current or slot.is_next for slot in slots)


def test_agenda_marks_the_current_and_next_slot_on_the_day(db):
    first = SessionFactory(start=kst(2025, 9, 25, 9), end=kst(2025, 9, 25, 10))
    second = SessionFactory(event=first.event, start=kst(2025, 9, 25, 10), end=kst(2025, 9, 25, 11))
    third = SessionFactory(event=first.event, start=kst(2025, 9, 25, 11), end=kst(2025, 9, 25, 12))
    slots = agenda_slots([first, second, third], now=kst(2025, 9, 25, 9, 45))
    assert [(slot.is_current, slot.is_next) for slot in slots] == [
        (True, False),
        (False, True),
        (False, False),
    ]


def test_agenda_page_marks_a_running_session(client, db):
    now = timezone.now()
    SessionFactory(start=now - timedelta(minutes=5), end=now + timedelta(minutes=25))
    text = text_of(client.get(reverse("registration:agenda")))
    assert '<span class="badge slot-badge slot-badge-now">Now</span>' in text


# --- sharing and discovery ----------------------------------------------------------------


def test_pages_carry_open_graph_tags(client, seeded):
    text = text_of(client.get(reverse("registration:speaker", kwargs={"slug": "phil-huang"})))
    assert '<meta property="og:title" content="Phil Huang · StemCyte">' in text
    assert '<meta property="og:type" content="profile">' in text
    assert (
        '<meta property="og:image" content="http://testserver/og/speakers/phil-huang.png?v=' in text
    )
    assert (
        '<meta property="og:image:alt" content="Phil Huang — Technical Director, StemCyte — '
        in text
    )


def test_sitemap_lists_speakers_countries_and_companies(client, seeded):
    text = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/speakers/phil-huang/</loc>" in text
    assert "<loc>http://testserver/landscape/taiwan/</loc>" in text
    assert "<loc>http://testserver/landscape/companies/stemcyte/</loc>" in text
    assert "<loc>http://testserver/agenda/</loc>" in text


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Disallow: /register/*/" in text
    assert "Disallow: /register/\n" not in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


# --- constant query counts at two data sizes ------------------------------------------------


@pytest.fixture(params=[1, 50], ids=["1x", "50x"])
def event(request, db):
    return build_event(request.param)


def test_speaker_list_query_count(
    client, page_language, warm_event, event, django_assert_num_queries
):
    warm_event()
    with translation.override(page_language), django_assert_num_queries(2):  # count, page
        assert client.get(reverse("registration:speakers")).status_code == 200


def test_the_speakers_page_lists_them_a_page_at_a_time(client, db, warm_event):
    """500 speakers cost what 60 do: the page shows one page of them and links the rest."""
    event = EventFactory()
    SpeakerFactory.create_batch(SPEAKERS_PAGE_SIZE * 2 + 10, event=event)
    warm_event()
    first = client.get(reverse("registration:speakers"))
    assert len(first.context["speakers"]) == SPEAKERS_PAGE_SIZE
    html = first.content.decode()
    assert 'aria-current="page">1</a>' in html
    assert 'href="?page=2" rel="next"' in html
    last = client.get(reverse("registration:speakers"), {"page": "3"})
    assert len(last.context["speakers"]) == 10
    for page in ("999", "x", "-1"):  # out of range or not a number: a page, never an error
        assert client.get(reverse("registration:speakers"), {"page": page}).status_code == 200


def test_speaker_page_query_count(
    client, page_language, warm_event, event, django_assert_num_queries
):
    speaker = event.speakers.first()
    warm_event()
    with translation.override(page_language), django_assert_num_queries(2):
        assert client.get(speaker.get_absolute_url()).status_code == 200


def test_agenda_query_count(client, page_language, warm_event, event, django_assert_num_queries):
    warm_event()
    with translation.override(page_language), django_assert_num_queries(2):
        assert client.get(reverse("registration:agenda")).status_code == 200


def test_agenda_feeds_query_count(
    client, page_language, warm_event, event, django_assert_num_queries
):
    for name in ("registration:agenda_ics", "registration:agenda_json"):
        warm_event()
        with translation.override(page_language), django_assert_num_queries(2):
            assert client.get(reverse(name)).status_code == 200


def test_home_query_count(client, page_language, warm_event, event, django_assert_num_queries):
    warm_event()
    with translation.override(page_language), django_assert_num_queries(4):
        assert client.get(reverse("home")).status_code == 200


def test_company_page_with_speakers_query_count(
    client, page_language, warm_event, event, django_assert_num_queries
):
    company = event.speakers.first().company
    warm_event()
    with translation.override(page_language), django_assert_num_queries(4):
        assert client.get(company.get_absolute_url()).status_code == 200


def test_country_page_with_speakers_query_count(
    client, page_language, warm_event, event, django_assert_num_queries
):
    country = event.speakers.first().country
    warm_event()
    with translation.override(page_language), django_assert_num_queries(5):
        assert client.get(country.get_absolute_url()).status_code == 200
