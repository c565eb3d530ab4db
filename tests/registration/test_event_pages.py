"""The event's own pages: one page per session, the visitor's saved schedule, the pages
organizers write (venue, about, FAQ, code of conduct), sponsors, and the home page's
countdown and times."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from registration.models import Page, Session, Speaker, Sponsor
from registration.selectors.programme import featured_speakers
from tests.factories import (
    EventFactory,
    PageFactory,
    SessionFactory,
    SpeakerFactory,
    SponsorFactory,
    build_event,
    days_from_today,
    kst,
)
from tests.helpers import image_upload, text_of

# --- one page per session -------------------------------------------------------------------


@pytest.fixture
def panel(seeded):
    event = Speaker.objects.first().event
    session = SessionFactory(
        event=event,
        title="Regulatory pathways compared",
        kind=Session.Kind.PANEL,
        description="MFDS, PMDA, NMPA and TFDA side by side.",
        start=kst(2025, 9, 25, 11, 30),
        end=kst(2025, 9, 25, 12, 30),
        room="",
    )
    session.appearances.create(speaker=Speaker.objects.get(slug="bryan-choi"))
    session.appearances.create(speaker=Speaker.objects.get(slug="james-lin"), role="moderator")
    return session


def test_session_page_shows_time_room_speakers_and_calendar(client, panel):
    response = client.get(panel.get_absolute_url())
    text = text_of(response)
    assert panel.get_absolute_url() == f"/agenda/{panel.pk}/"
    assert "<h1>Regulatory pathways compared</h1>" in text
    assert "25 September 2025, 11:30</time>–" in text
    assert "12:30</time>" in text
    assert "Main hall" in text  # an empty room is the main hall
    assert "MFDS, PMDA, NMPA and TFDA side by side." in text
    assert "/speakers/bryan-choi/" in text
    assert "(Moderator)" in text
    assert reverse("registration:session_ics", kwargs={"pk": panel.pk}) in text
    assert '<meta property="og:title" content="Regulatory pathways compared">' in text
    assert (
        "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver%2Fagenda%2F"
        in text
    )


def test_agenda_and_speaker_pages_link_to_the_session_page(client, panel):
    assert panel.get_absolute_url() in text_of(client.get(reverse("registration:agenda")))
    assert panel.get_absolute_url() in text_of(client.get("/speakers/bryan-choi/"))


def test_unknown_session_is_a_styled_404(client, seeded):
    assert client.get("/agenda/999999/").status_code == 404


# --- agenda filters ---------------------------------------------------------------------------


@pytest.fixture
def two_rooms(db):
    event = EventFactory()
    keynote = SessionFactory(event=event, kind=Session.Kind.KEYNOTE, room="Hall A")
    talk = SessionFactory(event=event, kind=Session.Kind.TALK, room="Hall B")
    panel = SessionFactory(
        event=event, kind=Session.Kind.PANEL, room="Hall B", start=kst(2025, 9, 25, 11)
    )
    return keynote, talk, panel


def shown(response):
    return [session for slot in response.context["slots"] for session in slot.sessions]


def test_agenda_filters_by_room_and_by_kind_together(client, two_rooms):
    keynote, talk, panel = two_rooms
    agenda = reverse("registration:agenda")
    assert shown(client.get(agenda)) == [keynote, talk, panel]
    assert shown(client.get(agenda, {"track": "Hall B"})) == [talk, panel]
    assert shown(client.get(agenda, {"kind": "panel"})) == [panel]
    assert shown(client.get(agenda, {"track": "Hall A", "kind": "panel"})) == []
    response = client.get(agenda, {"track": "Hall A", "kind": "panel"})
    assert "No sessions match" in text_of(response)
    # The filters offer only what the programme has.
    assert response.context["rooms"] == ["Hall A", "Hall B"]
    assert [value for value, _label in response.context["kinds"]] == ["keynote", "talk", "panel"]


@pytest.mark.parametrize("params", [{"track": "x" * 5000}, {"kind": "\x00"}, {"kind": "<b>"}])
def test_agenda_filters_take_anything_without_an_error(client, two_rooms, params):
    response = client.get(reverse("registration:agenda"), params)
    assert response.status_code == 200
    assert shown(response) == []


# --- my schedule ------------------------------------------------------------------------------


def test_my_schedule_lists_the_saved_sessions_in_time_order(client, two_rooms):
    keynote, _talk, panel = two_rooms
    response = client.get(reverse("registration:my_schedule"), {"s": f"{panel.pk},{keynote.pk}"})
    assert response.context["sessions"] == [keynote, panel]
    assert f'href="/my-schedule.ics?s={panel.pk},{keynote.pk}"' in text_of(response)


@pytest.mark.parametrize("value", ["", "abc", "0,,x", "-1", "9" * 50, "１", "1e3", "0x1"])
def test_my_schedule_ignores_what_is_not_a_session_id(client, two_rooms, value):
    response = client.get(reverse("registration:my_schedule"), {"s": value})
    assert response.status_code == 200
    assert response.context["sessions"] == []


def test_my_schedule_keeps_the_good_ids_among_bad_ones(client, two_rooms):
    keynote, _talk, _panel = two_rooms
    value = f"x,{keynote.pk},,-2,{keynote.pk}"
    response = client.get(reverse("registration:my_schedule"), {"s": value})
    assert response.context["sessions"] == [keynote]
    assert response.context["ids"] == str(keynote.pk)


def test_my_schedule_without_saved_sessions_explains_how(client, two_rooms):
    text = text_of(client.get(reverse("registration:my_schedule")))
    assert "No sessions saved yet" in text
    assert "Saving sessions needs JavaScript" in text  # in <noscript>


def test_my_schedule_shows_only_the_current_events_sessions(client, two_rooms):
    old = SessionFactory(event=EventFactory(start=days_from_today(-400)))
    response = client.get(reverse("registration:my_schedule"), {"s": f"{old.pk}"})
    assert response.context["sessions"] == []


def test_my_schedule_ics_holds_exactly_the_saved_sessions(client, two_rooms):
    keynote, _talk, panel = two_rooms
    response = client.get(
        reverse("registration:my_schedule_ics"), {"s": f"{keynote.pk},{panel.pk}"}
    )
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [keynote.title, panel.title]
    assert str(calendar["x-wr-calname"]) == "My schedule"


# --- pages organizers write -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/venue/", "Venue and travel"),
        ("/about/", "About the conference"),
        ("/faq/", "Frequently asked questions"),
        ("/code-of-conduct/", "Code of conduct"),
    ],
)
def test_seeded_pages_are_published_in_every_language(client, seeded, url, heading):
    text = text_of(client.get(url))
    assert f"<h1>{heading}</h1>" in text
    for language in ("ko", "ja", "zh-hans", "zh-hant"):
        with translation.override(language):
            response = client.get(f"/{language}{url}")
        assert response.status_code == 200
        assert f"<h1>{heading}</h1>" not in text_of(response)


def test_venue_page_says_how_to_get_there(client, seeded):
    text = text_of(client.get("/venue/"))
    assert "<h2>From Incheon International Airport</h2>" in text
    assert "123 Central-ro, Yeonsu-gu, Incheon" in text
    assert 'href="https://www.k-eta.go.kr"' in text
    assert "openstreetmap.org/search?query=Songdo+Convensia" in text


def test_a_page_keeps_its_markdown_safe(client, db):
    PageFactory(
        kind=Page.Kind.FAQ,
        body="## Q\n\n<script>alert(1)</script> [x](javascript:alert(1)) "
        "<img src=x onerror=y> **A**",
    )
    text = client.get("/faq/").content.decode()
    assert "<h2>Q</h2>" in text
    assert "<strong>A</strong>" in text
    assert "<script>alert" not in text
    assert "javascript:" not in text
    assert "onerror" not in text


def test_unpublished_or_missing_pages_are_404_and_leave_the_navigation(
    client, seeded, django_capture_on_commit_callbacks
):
    client.get("/")  # fills the navigation's cache
    with django_capture_on_commit_callbacks(execute=True):
        venue = Page.objects.get(kind=Page.Kind.VENUE)
        venue.published = False
        venue.save()
        Page.objects.get(kind=Page.Kind.FAQ).delete()
    assert client.get("/venue/").status_code == 404
    assert client.get("/faq/").status_code == 404
    text = text_of(client.get("/"))
    assert 'href="/venue/"' not in text
    assert 'href="/faq/"' not in text
    assert 'href="/about/"' in text


def test_editing_a_page_shows_at_once_through_the_cache(
    client, seeded, django_capture_on_commit_callbacks
):
    client.get("/about/")  # fills the cache
    page = Page.objects.get(kind=Page.Kind.ABOUT)
    page.title = "Who we are"
    with django_capture_on_commit_callbacks(execute=True):
        page.save()  # the signal moves the cache to a new generation on commit
    assert "<h1>Who we are</h1>" in text_of(client.get("/about/"))


# --- sponsors ---------------------------------------------------------------------------------


def test_sponsors_page_is_404_and_unlinked_without_sponsors(client, upcoming):
    assert client.get("/sponsors/").status_code == 404
    assert 'href="/sponsors/"' not in text_of(client.get("/"))


def test_sponsors_are_grouped_by_tier_on_their_page_and_strip_the_home_page(client, upcoming):
    media = SponsorFactory(event=upcoming, name="Bio Weekly", tier=Sponsor.Tier.MEDIA)
    principal = SponsorFactory(event=upcoming, name="Big Pharma", tier=Sponsor.Tier.PRINCIPAL)
    sponsor = SponsorFactory(event=upcoming, name="Cell Tools", tier=Sponsor.Tier.SPONSOR)
    SponsorFactory(event=EventFactory(start=days_from_today(-400)), name="Last year's")
    response = client.get("/sponsors/")
    assert [(t.tier, t.sponsors) for t in response.context["tiers"]] == [
        ("principal", [principal]),
        ("sponsor", [sponsor]),
        ("media", [media]),
    ]
    home = client.get("/")
    assert home.context["sponsors"] == [principal, sponsor, media]
    assert 'href="/sponsors/"' in text_of(home)  # the navigation links them now
    assert "Last year's" not in text_of(home)


def test_a_new_edition_changes_the_sponsors_link_at_once(
    client, upcoming, django_capture_on_commit_callbacks
):
    SponsorFactory(event=upcoming, name="Big Pharma")
    assert 'href="/sponsors/"' in text_of(client.get("/"))  # the navigation, now cached
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(start=days_from_today(400))  # next year's edition, no sponsors yet
    assert 'href="/sponsors/"' not in text_of(client.get("/"))
    assert client.get("/sponsors/").status_code == 404


def test_a_sponsor_whose_logo_file_is_gone_does_not_break_the_pages(client, upcoming):
    sponsor = SponsorFactory(
        event=upcoming, name="Big Pharma", logo=image_upload("logo.png", "PNG", size=(400, 100))
    )
    sponsor.logo.storage.delete(sponsor.logo.name)
    Sponsor.objects.filter(pk=sponsor.pk).update(logo_width=None, logo_height=None)
    for url in ("/", "/sponsors/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Big Pharma" in text_of(response)
        assert 'width="None"' not in text_of(response)


def test_a_sponsor_logo_is_re_encoded_and_sized(db):
    sponsor = SponsorFactory(logo=image_upload("logo.png", "PNG", size=(2000, 500), mode="RGBA"))
    sponsor.refresh_from_db()
    assert sponsor.logo.name.endswith(".webp")
    assert max(sponsor.logo_width, sponsor.logo_height) <= 800
    assert (sponsor.logo_width, sponsor.logo_height) == (sponsor.logo.width, sponsor.logo.height)


# --- the home page's countdown and times ------------------------------------------------------


def test_home_counts_the_days_to_the_event(client, db):
    EventFactory(start=days_from_today(42))
    assert '<strong class="countdown-number">42</strong> days to go' in text_of(client.get("/"))


def test_home_says_tomorrow_the_day_before(client, db):
    EventFactory(start=days_from_today(1))
    assert "Starts tomorrow" in text_of(client.get("/"))


def test_home_shows_real_times_only_when_organizers_set_them(
    client, db, django_capture_on_commit_callbacks
):
    event = EventFactory(start=days_from_today(30))
    text = text_of(client.get("/"))
    assert "Doors open" not in text
    assert "Programme" not in text
    event.start = event.start + timedelta(hours=9)
    event.end = event.start + timedelta(hours=9)
    event.doors_open = time(8, 30)
    with django_capture_on_commit_callbacks(execute=True):
        event.save()
    text = text_of(client.get("/"))
    assert "Doors open 08:30 · Programme 09:00–18:00 KST" in " ".join(text.split())


# --- Register stays in sight while registration is open ---------------------------------------


PUBLIC = ["/", "/landscape/", "/landscape/south-korea/", "/speakers/", "/speakers/phil-huang/"]


@pytest.mark.parametrize("url", PUBLIC)
def test_open_registration_puts_register_beside_the_menu_and_at_the_end(client, upcoming, url):
    text = text_of(client.get(url))
    assert "register-compact" in text
    assert 'class="register-band' in text


@pytest.mark.parametrize("url", PUBLIC)
def test_closed_registration_hides_every_register_button(client, seeded, url):
    text = text_of(client.get(url))
    assert "register-compact" not in text
    assert 'class="register-band' not in text
    assert 'href="/register/"' not in text


# --- constant query counts at two data sizes --------------------------------------------------


@pytest.fixture(params=[1, 50], ids=["1x", "50x"])
def event(request, db):
    event = build_event(request.param)
    for index in range(request.param):
        SponsorFactory(event=event, tier=Sponsor.Tier.values[index % 5])
    for kind in Page.Kind.values:
        PageFactory(kind=kind)
    return event


def test_a_past_editions_session_has_no_page_here(client, panel):
    old = SessionFactory(event=EventFactory(start=days_from_today(-800)), title="Old talk")
    assert client.get(old.get_absolute_url()).status_code == 404
    assert client.get(f"/agenda/sessions/{old.pk}.ics").status_code == 404
    assert client.get(panel.get_absolute_url()).status_code == 200


def test_session_page_query_count(
    client, page_language, warm_event, event, django_assert_num_queries
):
    session = Session.objects.filter(event=event).last()
    warm_event()
    with translation.override(page_language), django_assert_num_queries(2):
        assert client.get(session.get_absolute_url()).status_code == 200


def test_my_schedule_query_count(
    client, page_language, warm_event, event, django_assert_num_queries
):
    ids = ",".join(str(pk) for pk in Session.objects.values_list("pk", flat=True))
    warm_event()
    with translation.override(page_language), django_assert_num_queries(2):
        response = client.get(reverse("registration:my_schedule"), {"s": ids})
    assert len(response.context["sessions"]) == Session.objects.count()


def test_pages_query_count(client, page_language, warm_event, event, django_assert_num_queries):
    warm_event()
    with translation.override(page_language), django_assert_num_queries(0):
        for kind in Page.Kind.values:
            assert client.get(f"/{kind}/").status_code == 200


def test_sponsors_page_query_count(
    client, page_language, warm_event, event, django_assert_num_queries
):
    warm_event()
    with translation.override(page_language), django_assert_num_queries(1):
        assert client.get("/sponsors/").status_code == 200


def test_home_with_sponsors_query_count(
    client, page_language, warm_event, event, django_assert_num_queries
):
    # Featured speakers, sponsors, and the landscape teaser's three.
    warm_event()
    with translation.override(page_language), django_assert_num_queries(5):
        assert client.get("/").status_code == 200


def test_speaker_featured_limit_reads_a_bounded_batch(db, django_assert_num_queries):
    event = EventFactory()
    SpeakerFactory.create_batch(30, event=event)
    with django_assert_num_queries(1):
        assert len(featured_speakers(event=event, limit=9)) == 9


def test_days_to_go_counts_korean_calendar_days(db):
    event = EventFactory(start=kst(2025, 9, 25))
    # 23:30 UTC on the 23rd is 08:30 KST on the 24th: one day to go in Korea.
    now = datetime(2025, 9, 23, 23, 30, tzinfo=UTC)
    assert event.days_to_go(now) == 1
