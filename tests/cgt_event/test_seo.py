"""What search engines and shared links see: robots.txt, the sitemap, each page's
description and share card, and /favicon.ico."""

import html
import io
import re
import time
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from PIL import Image

from cgt_event import cards
from cgt_event.views import robots_rules
from common.text import summarize
from landscape.models import Company, Country
from registration.models import Page, Session, Speaker
from tests.factories import (
    CompanyFactory,
    CountryFactory,
    EventFactory,
    OverviewFactory,
    SessionFactory,
    SpeakerFactory,
    build_event,
)
from tests.helpers import text_of
from tests.servers import free_port

# --- robots.txt ------------------------------------------------------------------------------


def robots_allows(rules, path):
    """Google's documented matching (developers.google.com/search/docs/crawling-indexing/
    robots/robots_txt): among the rules whose pattern matches the path from its start, the
    longest pattern wins; on a tie, Allow wins; `*` is any run of characters and a final `$`
    anchors the end. No matching rule: allowed."""
    best = None
    for directive, pattern in rules:
        anchored = pattern.endswith("$")
        body = pattern[:-1] if anchored else pattern
        regex = "".join(".*" if ch == "*" else re.escape(ch) for ch in body)
        if not re.match(regex + ("$" if anchored else ""), path):
            continue
        rank = (len(pattern), directive == "Allow")
        if best is None or rank > best[0]:
            best = (rank, directive)
    return best is None or best[1] == "Allow"


def parsed_robots(text):
    return [
        tuple(part.strip() for part in line.split(":", 1))
        for line in text.splitlines()
        if line.startswith(("Allow:", "Disallow:"))
    ]


def test_the_matcher_follows_googles_examples():
    # The precedence examples of Google's robots.txt documentation.
    assert robots_allows([("Allow", "/p"), ("Disallow", "/")], "/page")
    assert robots_allows([("Allow", "/folder"), ("Disallow", "/folder")], "/folder/page")
    assert not robots_allows([("Allow", "/page"), ("Disallow", "/*.htm")], "/page.htm")
    assert robots_allows([("Allow", "/$"), ("Disallow", "/")], "/")
    assert not robots_allows([("Allow", "/$"), ("Disallow", "/")], "/page.htm")


TOKEN = "k3J9xQ2m_Vb7-Yt5Lr8Wp4Zs"
PREFIXES = ["", "/ko", "/ja", "/zh-hans", "/zh-hant"]


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/", True),
        ("/register/", True),
        ("/register/thanks/", True),
        ("/register/deleted/", True),
        ("/speakers/phil-huang/", True),
        ("/agenda/3/", True),
        ("/og/speakers/phil-huang.png", True),
        (f"/register/{TOKEN}/", False),
        (f"/register/{TOKEN}/ticket.svg", False),
        (f"/register/{TOKEN}/event.ics", False),
        (f"/register/{TOKEN}/cancel/", False),
        (f"/register/{TOKEN}/documents/CGT-1.pdf", False),
        ("/checkin/", False),
        (f"/checkin/{TOKEN}/", False),
        ("/admin/", False),
        ("/admin/login/", False),
    ],
)
def test_robots_txt_keeps_crawlers_out_of_private_pages_only(client, db, prefix, path, allowed):
    text = client.get("/robots.txt").content.decode()
    assert robots_allows(parsed_robots(text), prefix + path) is allowed


def test_robots_txt_names_the_sitemap_and_every_language(client, db):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert text.startswith("User-agent: *\n")
    assert text.endswith("\nSitemap: http://testserver/sitemap.xml\n")
    assert parsed_robots(text) == [(d, p) for d, p in robots_rules()]
    assert len(robots_rules()) == 6 * len(PREFIXES)


def test_private_pages_say_noindex_themselves(client, db):
    EventFactory()
    for name in ("registration:register_done", "registration:deleted"):
        assert '<meta name="robots" content="noindex">' in text_of(client.get(reverse(name)))
    assert '<meta name="robots"' not in text_of(client.get(reverse("registration:register")))


# --- the sitemap -----------------------------------------------------------------------------

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = {}
    for url in root.iter(f"{SITEMAP}url"):
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        lastmod = url.find(f"{SITEMAP}lastmod")
        entries[url.find(f"{SITEMAP}loc").text] = (
            None if lastmod is None else lastmod.text,
            alternates,
        )
    return entries


def test_sitemap_lists_every_public_page_with_its_alternates(client, seeded):
    Page.objects.filter(kind=Page.Kind.FAQ).update(published=False)
    session = SessionFactory(event=Speaker.objects.get(slug="phil-huang").event)
    entries = sitemap_entries(client)
    base = "http://testserver"
    for path in (
        "/",
        "/register/",
        "/privacy/",
        "/venue/",
        "/about/",
        "/code-of-conduct/",
        "/agenda/",
        f"/agenda/{session.pk}/",
        "/speakers/phil-huang/",
        "/landscape/taiwan/",
        "/landscape/companies/stemcyte/",
    ):
        for prefix in PREFIXES:
            assert base + prefix + path in entries
    assert base + "/faq/" not in entries  # unpublished
    assert base + "/sponsors/" not in entries  # no sponsors
    _lastmod, alternates = entries[f"{base}/ko/speakers/phil-huang/"]
    assert alternates == {
        "en": f"{base}/speakers/phil-huang/",
        "ko": f"{base}/ko/speakers/phil-huang/",
        "ja": f"{base}/ja/speakers/phil-huang/",
        "zh-hans": f"{base}/zh-hans/speakers/phil-huang/",
        "zh-hant": f"{base}/zh-hant/speakers/phil-huang/",
        "x-default": f"{base}/speakers/phil-huang/",
    }


def test_sitemap_lastmod_is_when_the_content_changed(client, db):
    long_ago = timezone.now() - timedelta(days=40)
    event = EventFactory()
    country = CountryFactory()
    company = CompanyFactory(country=country)
    speaker = SpeakerFactory(event=event)
    session = SessionFactory(event=event)
    # auto_now sets "now" on save; an update() leaves other times as they were.
    for model, obj in ((Country, country), (Company, company), (Speaker, speaker)):
        model.objects.filter(pk=obj.pk).update(updated=long_ago)
    Session.objects.filter(pk=session.pk).update(updated=long_ago - timedelta(days=1))
    type(event).objects.filter(pk=event.pk).update(updated=long_ago - timedelta(days=2))
    cache.clear()
    day = long_ago.date().isoformat()
    entries = sitemap_entries(client)
    base = "http://testserver"
    assert entries[f"{base}/landscape/{country.slug}/"][0].startswith(day)
    assert entries[f"{base}/ko/landscape/companies/{company.slug}/"][0].startswith(day)
    assert entries[f"{base}/speakers/{speaker.slug}/"][0].startswith(day)
    assert entries[f"{base}/agenda/{session.pk}/"][0].startswith(
        (long_ago - timedelta(days=1)).date().isoformat()
    )
    # The agenda changed when its newest session did; registration when the event did.
    assert entries[f"{base}/agenda/"][0] == entries[f"{base}/agenda/{session.pk}/"][0]
    assert entries[f"{base}/register/"][0].startswith(
        (long_ago - timedelta(days=2)).date().isoformat()
    )
    Speaker.objects.get(pk=speaker.pk).save()  # an edit moves it to today
    assert sitemap_entries(client)[f"{base}/speakers/{speaker.slug}/"][0].startswith(
        timezone.now().date().isoformat()
    )


def test_sitemap_sends_no_last_modified_a_deletion_would_not_move(
    client, db, settings, django_capture_on_commit_callbacks
):
    """Every entry has a lastmod, so Django would send the newest as the sitemap's
    Last-Modified; deleting a company leaves that time as it was, and the page cache would
    answer a crawler's If-Modified-Since with a 304 for a sitemap that lost an entry."""
    settings.PAGE_CACHE = True
    event = EventFactory()
    SpeakerFactory(event=event)
    SessionFactory(event=event)
    OverviewFactory()
    gone, _kept = CompanyFactory(), CompanyFactory()
    first = client.get("/sitemap.xml")
    assert gone.slug in first.content.decode()
    assert "Last-Modified" not in first
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    since = client.get("/sitemap.xml", HTTP_IF_MODIFIED_SINCE=http_date(time.time() + 60))
    assert since.status_code == 200
    assert gone.slug not in since.content.decode()


@pytest.fixture(params=[1, 50], ids=["1x", "50x"])
def event(request, db):
    return build_event(request.param)


def test_sitemap_query_count(client, event, warm_event, django_assert_num_queries):
    warm_event()
    # Four aggregates for the fixed pages, one a kind: countries, companies, speakers,
    # sessions.
    with django_assert_num_queries(9):
        assert client.get("/sitemap.xml").status_code == 200


# --- descriptions ----------------------------------------------------------------------------


def meta(text, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', text)
    return html.unescape(match.group(1)) if match else None


def descriptions_of(client, url):
    text = text_of(client.get(url))
    description = meta(text, "name", "description")
    assert meta(text, "property", "og:description") == description
    return description


HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize(
    "url",
    [
        "/speakers/phil-huang/",
        "/landscape/companies/stemcyte/",
        "/landscape/south-korea/",
        "/landscape/japan/",
        "session",
    ],
)
@pytest.mark.parametrize("language", ["en", "ko"])
def test_object_pages_describe_themselves_in_their_language(client, seeded, url, language):
    if url == "session":
        session = SessionFactory(
            event=Speaker.objects.get(slug="phil-huang").event, kind=Session.Kind.PANEL
        )
        session.appearances.create(speaker=Speaker.objects.get(slug="phil-huang"))
        url = f"/agenda/{session.pk}/"
    prefix = "" if language == "en" else f"/{language}"
    description = descriptions_of(client, prefix + url)
    assert 50 <= len(description) <= 160, description
    assert bool(HANGUL.search(description)) is (language == "ko"), description


def test_a_speaker_description_names_who_where_and_when(client, seeded):
    assert descriptions_of(client, "/speakers/phil-huang/").startswith(
        "Phil Huang (Technical Director, StemCyte) speaks at Cell & Gene Therapy East Asia "
        "2025 in Incheon on 25 September 2025."
    )


def test_a_long_session_description_is_cut_at_a_word(client, db):
    session = SessionFactory(title="Panel", description="Manufacturing " * 40)
    description = descriptions_of(client, f"/agenda/{session.pk}/")
    assert len(description) <= 160
    assert description.endswith("Manufacturing…")


def test_the_home_page_description_fits(client, seeded):
    for prefix in PREFIXES:
        description = descriptions_of(client, prefix + "/")
        assert 50 <= len(description) <= 160, description
        assert not description.endswith("…"), description  # says all it means to


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short enough.", 20, "Short enough."),
        ("Cell and gene therapy in Korea", 20, "Cell and gene…"),
        ("One sentence. And another one", 16, "One sentence."),
        ("One sentence. And another one", 20, "One sentence. And…"),
        ("Supercalifragilisticexpialidocious", 10, "Supercali…"),
        ("韓国の細胞・遺伝子治療：規制の進展", 10, "韓国の細胞・遺伝子…"),
        ("한국의 세포 유전자치료 규제 현황", 15, "한국의 세포 유전자치료…"),
        ("  spaced\n\tout  ", 20, "spaced out"),
    ],
)
def test_summaries_cut_at_word_boundaries_in_every_script(text, limit, expected):
    assert summarize(text, limit) == expected
    assert len(summarize(text, limit)) <= limit


# --- share cards -----------------------------------------------------------------------------


# Not "page": that is pytest-playwright's fixture, and its browser parameter would pull the
# browser tests in among these, where their database flushes take the roles away.
@pytest.mark.parametrize(
    ("path", "card"),
    [
        ("/speakers/phil-huang/", "/og/speakers/phil-huang.png"),
        ("/ko/speakers/phil-huang/", "/ko/og/speakers/phil-huang.png"),
        ("/landscape/companies/stemcyte/", "/og/companies/stemcyte.png"),
        ("/landscape/taiwan/", "/og/countries/taiwan.png"),
        ("/", "/og/event.png"),
        ("/register/", "/og/event.png"),
        ("/ja/agenda/", "/ja/og/event.png"),
    ],
)
def test_each_page_names_its_card(client, seeded, path, card):
    text = text_of(client.get(path))
    image = meta(text, "property", "og:image")
    assert re.fullmatch(rf"http://testserver{re.escape(card)}\?v=[0-9a-f]{{12}}", image), image
    assert meta(text, "property", "og:image:type") == "image/png"
    assert meta(text, "property", "og:image:width") == "1200"
    assert meta(text, "property", "og:image:height") == "630"
    assert meta(text, "name", "twitter:card") == "summary_large_image"
    assert meta(text, "property", "og:image:alt")
    assert client.get(image).status_code == 200


def test_a_session_page_names_its_card(client, db):
    session = SessionFactory(title="Scaling CAR-T manufacturing", room="Hall A")
    text = text_of(client.get(f"/agenda/{session.pk}/"))
    assert meta(text, "property", "og:image").startswith(
        f"http://testserver/og/sessions/{session.pk}.png?v="
    )
    assert meta(text, "property", "og:image:alt").startswith("Scaling CAR-T manufacturing — ")
    assert "Hall A" in meta(text, "property", "og:image:alt")


def test_the_cards_address_changes_with_what_it_shows_and_only_then(client, db):
    """Sites keep a shared image by its address: an edit the card shows gives a new one;
    a save that changes nothing on the card (or a language) keeps it, so the page's ETag
    holds too."""
    session = SessionFactory(title="Scaling CAR-T manufacturing", room="Hall A")

    def address(prefix=""):
        return meta(text_of(client.get(f"{prefix}/agenda/{session.pk}/")), "property", "og:image")

    first = address()
    Session.objects.get(pk=session.pk).save()
    assert address() == first
    session.description = "Not on the card."
    session.save()
    assert address() == first
    session.room = "Hall B"
    session.save()
    assert address() != first
    assert address("/ko").split("?v=")[1] != address().split("?v=")[1]


def png_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    return image


def test_a_card_is_a_1200_by_630_png_that_browsers_may_keep(client, seeded):
    response = client.get("/og/speakers/phil-huang.png")
    assert png_of(response).size == (1200, 630)
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["ETag"]
    again = client.get("/og/speakers/phil-huang.png", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_a_korean_name_is_drawn(client, db):
    speaker = SpeakerFactory(name="김민지", role="대표", organization="셀진바이오")
    english = png_of(client.get(f"/og/speakers/{speaker.slug}.png"))
    korean = png_of(client.get(f"/ko/og/speakers/{speaker.slug}.png"))
    assert english.size == korean.size == (1200, 630)
    # The name's glyphs are drawn: the text area has white pixels.
    for image in (english, korean):
        colours = image.convert("RGB").crop((80, 100, 860, 420)).getcolors(maxcolors=1 << 20)
        assert (255, 255, 255) in {colour for _count, colour in colours}


def test_cards_of_every_kind(client, db):
    event = EventFactory()
    country = CountryFactory(name="Japan")
    company = CompanyFactory(country=country)
    session = SessionFactory(event=event, title="日本の再生医療 " * 12)
    for url in (
        "/og/event.png",
        f"/og/countries/{country.slug}.png",
        f"/og/companies/{company.slug}.png",
        f"/ja/og/sessions/{session.pk}.png",
        f"/zh-hant/og/sessions/{session.pk}.png",
    ):
        assert png_of(client.get(url)).size == (1200, 630)


@pytest.mark.parametrize(
    "url",
    [
        "/og/speakers/nobody.png",
        "/og/companies/nobody.png",
        "/og/countries/atlantis.png",
        "/og/sessions/999999.png",
        "/ko/og/speakers/nobody.png",
    ],
)
def test_an_unknown_object_has_no_card(client, db, url):
    EventFactory()
    assert client.get(url).status_code == 404


def test_a_card_is_drawn_once_and_then_read_from_the_cache(
    client, seeded, django_assert_num_queries
):
    url = "/ko/og/companies/stemcyte.png"
    first = client.get(url)
    keys = [key for key in cache._cache if "og-card:" in key]  # the local-memory backend
    assert len(keys) == 1
    # What the cache holds is what is served: a stand-in proves the second answer came
    # from it, not from a new drawing.
    cache.set(keys[0].split(":", 2)[-1], b"kept", 60)
    with django_assert_num_queries(1):  # the company, to know what its card shows
        second = client.get(url)
    assert first.content != second.content == b"kept"


def test_an_edit_draws_a_new_card(client, seeded):
    first = client.get("/og/companies/stemcyte.png").content
    company = Company.objects.get(slug="stemcyte")
    company.name = "StemCyte International"
    company.save()
    assert client.get("/og/companies/stemcyte.png").content != first


@pytest.mark.parametrize("kind", ["speaker", "company", "country", "session"])
def test_card_query_count(client, event, warm_event, kind, django_assert_num_queries):
    warm_event()
    url = {
        "speaker": lambda: f"/og/speakers/{Speaker.objects.first().slug}.png",
        "company": lambda: f"/og/companies/{Company.objects.first().slug}.png",
        "country": lambda: f"/og/countries/{Country.objects.first().slug}.png",
        "session": lambda: f"/og/sessions/{Session.objects.first().pk}.png",
    }[kind]()
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


def test_without_the_fonts_the_static_share_image_is_served(client, db, tmp_path):
    cards._font.cache_clear()
    try:
        with override_settings(BADGE_FONT_DIR=str(tmp_path)):
            response = client.get("/og/event.png")
    finally:
        cards._font.cache_clear()
    assert response.status_code == 302
    assert "/static/img/og-image" in response["Location"]


def test_cards_are_not_kept_by_the_page_cache(client, seeded, settings):
    settings.PAGE_CACHE = True
    client.get("/og/event.png")
    assert "X-Cache" not in client.get("/og/event.png")


def test_card_text_follows_the_language(db):
    speaker = SpeakerFactory(role="Chief Scientific Officer", organization="Acme")
    with translation.override("ko"):
        card = cards.speaker_card(speaker)
    assert card.eyebrow == "연사"
    assert card.subtitle == "Chief Scientific Officer, Acme"


# --- favicon ---------------------------------------------------------------------------------


def test_favicon_ico_is_served_at_the_root(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response["Cache-Control"] == "public, max-age=604800"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])


@pytest.fixture
def fresh_fonts():
    """The card fonts are loaded once per process: forget them around a test that moves them."""
    cards._font.cache_clear()
    yield
    cards._font.cache_clear()


def test_without_the_fonts_a_card_is_the_static_share_image(
    client, seeded, settings, tmp_path, fresh_fonts
):
    settings.BADGE_FONT_DIR = str(tmp_path)  # no Noto Sans CJK there
    cache.clear()
    response = client.get("/ko/og/speakers/phil-huang.png")
    assert response.status_code == 302
    assert response["Location"].endswith(".png")
    assert "og-image" in response["Location"]
    # The page still names its card and renders.
    assert client.get("/ko/speakers/phil-huang/").status_code == 200


def test_with_the_cache_server_down_a_card_is_still_drawn(client, seeded, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
        }
    }
    assert png_of(client.get("/og/companies/stemcyte.png")).size == (1200, 630)
