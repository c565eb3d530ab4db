"""The page cache (cgt_event/pagecache.py): what it keeps, what it never keeps, and that any
change to content retires what it kept."""

import gc
import gzip
import tracemalloc
from urllib.parse import urlsplit

import brotli
import pytest
from django.core.cache import cache
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client
from django.urls import reverse

from cgt_event import pagecache
from common import cache as shared_cache
from common import content
from landscape.models import Company
from registration.models import Registration
from registration.selectors.content import SITE_CONTENT_GENERATION, site_content
from registration.selectors.programme import CURRENT_EVENT_GENERATION, current_event
from tests.factories import (
    CompanyFactory,
    EventFactory,
    HighlightFactory,
    PageFactory,
    RegistrationFactory,
    SessionFactory,
    SpeakerFactory,
    TicketTypeFactory,
)
from tests.landscape.test_import_export import confirm, upload


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_TIMEOUT = 60


@pytest.fixture
def visitor():
    """A browser with no session: what the public sees."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def company(db):
    return CompanyFactory(name="Curocell", description="CAR-T in Daejeon.")


def company_url(company, language=None):
    prefix = f"/{language}" if language else ""
    return f"{prefix}/landscape/companies/{company.slug}/"


def test_a_second_visit_is_served_from_memory(visitor, company):
    first = visitor.get(company_url(company))
    second = visitor.get(company_url(company))
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Length"] == str(len(first.content))
    # The strict CSP and the other page headers are kept with the page.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"
    assert second["Content-Language"] == "en"


def test_each_language_address_host_and_query_is_its_own_page(visitor, company):
    english = visitor.get(company_url(company))
    korean = visitor.get(company_url(company, "ko"))
    assert korean["X-Cache"] == "miss"
    assert korean["Content-Language"] == "ko"
    assert korean.content != english.content
    # The canonical address carries the host, so another host is another page.
    other_host = visitor.get(company_url(company), HTTP_HOST="localhost")
    assert other_host["X-Cache"] == "miss"
    assert b"http://localhost/" in other_host.content
    assert visitor.get(company_url(company) + "?a=1")["X-Cache"] == "miss"
    assert visitor.get(company_url(company) + "?a=1")["X-Cache"] == "hit"


def test_a_visitor_who_prefers_korean_is_still_sent_to_the_korean_page(visitor, company):
    visitor.get(company_url(company))
    assert visitor.get(company_url(company))["X-Cache"] == "hit"
    response = visitor.get(company_url(company), HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == company_url(company, "ko")
    visitor.cookies["language"] = "ja"
    response = visitor.get(company_url(company))
    assert response["Location"] == company_url(company, "ja")


def test_unprefixed_pages_say_they_vary_on_the_language_choice(visitor, company):
    visitor.get(company_url(company))
    hit = visitor.get(company_url(company))
    vary = {v.strip() for v in hit["Vary"].split(",")}
    assert {"Accept-Language", "Cookie", "Accept-Encoding"} <= vary
    korean = visitor.get(company_url(company, "ko"))
    assert "Cookie" not in korean["Vary"]


def test_a_conditional_get_is_answered_304(visitor, company):
    page = visitor.get(company_url(company))
    etag = page["ETag"]
    assert etag.startswith('W/"')
    assert page["Cache-Control"] == "no-cache"
    for if_none_match in (etag, etag.removeprefix("W/"), f'"other", {etag}', "*"):
        response = visitor.get(company_url(company), HTTP_IF_NONE_MATCH=if_none_match)
        assert response.status_code == 304, if_none_match
        assert response.content == b""
        assert response["ETag"] == etag
    assert visitor.get(company_url(company), HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_the_etag_names_the_content_not_the_render(
    visitor, company, django_capture_on_commit_callbacks
):
    """The same content gives the same ETag after the page expires and in another worker,
    so browsers keep getting 304s; changed content gives another."""
    first = visitor.get(company_url(company))["ETag"]
    pagecache.store.clear()
    assert visitor.get(company_url(company))["ETag"] == first
    with django_capture_on_commit_callbacks(execute=True):
        Company.objects.get(pk=company.pk).save()  # saved, but nothing changed
    assert visitor.get(company_url(company))["ETag"] == first
    with django_capture_on_commit_callbacks(execute=True):
        company.description = "CAR-T, now in Seoul too."
        company.save()
    assert visitor.get(company_url(company))["ETag"] != first


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=1.0", "gzip"),
        ("identity", None),
        ("", None),
    ],
)
def test_pages_are_sent_compressed_when_the_browser_accepts_it(visitor, company, accept, coding):
    plain = visitor.get(company_url(company)).content
    response = visitor.get(company_url(company), HTTP_ACCEPT_ENCODING=accept)
    assert response.get("Content-Encoding") == coding
    assert "Accept-Encoding" in response["Vary"]
    body = response.content
    if coding == "br":
        body = brotli.decompress(body)
    elif coding == "gzip":
        body = gzip.decompress(body)
    assert body == plain
    assert response["Content-Length"] == str(len(response.content))


def test_head_is_answered_from_the_kept_page(visitor, company):
    page = visitor.get(company_url(company))
    head = visitor.head(company_url(company))
    assert head.status_code == 200
    assert head["X-Cache"] == "hit"
    assert head.content == b""
    assert head["Content-Length"] == str(len(page.content))


def test_a_head_first_keeps_nothing(visitor, company):
    visitor.head(company_url(company))
    assert visitor.get(company_url(company))["X-Cache"] == "miss"


def test_staff_with_a_session_always_get_a_fresh_page(client, superuser, company):
    client.force_login(superuser)
    client.get(company_url(company))
    assert "X-Cache" not in client.get(company_url(company))
    assert len(pagecache.store) == 0


def test_a_pending_message_skips_the_cache(visitor, company):
    visitor.get(company_url(company))
    visitor.cookies["messages"] = "anything"
    assert "X-Cache" not in visitor.get(company_url(company))


@pytest.mark.parametrize(
    "path",
    [
        "/register/",  # the form's CSRF token makes it vary on Cookie
        "/admin/login/",
        "/healthz",
        "/readyz",  # a load balancer must see the database go away at once
        "/lang/ko/?next=/ko/",  # sets the language cookie
        "/landscape/companies/no-such-company/",  # 404s are not kept
    ],
)
def test_pages_that_may_be_personal_or_live_are_never_kept(visitor, db, path):
    TicketTypeFactory(event=EventFactory())
    visitor.get(path)
    response = visitor.get(path)
    assert "X-Cache" not in response, path
    assert len(pagecache.store) == 0


def test_posts_are_never_answered_from_memory(visitor, company):
    EventFactory()
    visitor.get("/register/")
    response = visitor.post("/register/", {})
    assert "X-Cache" not in response


def test_when_the_cache_server_is_down_pages_are_rendered_afresh(visitor, company, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        }
    }
    content.version.forget()
    for _ in range(2):
        response = visitor.get(company_url(company))
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert b"Curocell" in response.content


def test_pages_expire_so_that_the_clock_shows(visitor, company, settings):
    settings.PAGE_CACHE_TIMEOUT = 0
    visitor.get(company_url(company))
    assert visitor.get(company_url(company))["X-Cache"] == "miss"


def test_the_cache_keeps_to_its_memory_budget(visitor, company, settings):
    page = len(visitor.get(company_url(company)).content)
    settings.PAGE_CACHE_MAX_BYTES = 5 * page
    for n in range(40):  # a crawler inventing query strings
        visitor.get(f"{company_url(company)}?n={n}")
    assert 1 <= len(pagecache.store) < 5
    assert pagecache.store._bytes <= settings.PAGE_CACHE_MAX_BYTES
    # The most recent pages are the ones kept.
    assert visitor.get(f"{company_url(company)}?n=39")["X-Cache"] == "hit"
    assert visitor.get(f"{company_url(company)}?n=0")["X-Cache"] == "miss"


def test_another_process_changing_content_is_seen_within_a_second(visitor, company, monkeypatch):
    visitor.get(company_url(company))
    cache.set(content.VERSION_KEY, "set-by-another-process", timeout=None)
    assert visitor.get(company_url(company))["X-Cache"] == "hit"  # read less than 1 s ago
    monkeypatch.setattr(content, "REREAD_AFTER", 0)
    assert visitor.get(company_url(company))["X-Cache"] == "miss"


def test_the_page_is_disabled_by_the_setting(visitor, company, settings):
    settings.PAGE_CACHE = False
    visitor.get(company_url(company))
    assert "X-Cache" not in visitor.get(company_url(company))


def test_an_admin_edit_shows_on_the_next_request(
    organizer, visitor, company, django_capture_on_commit_callbacks
):
    languages = [None, "ko", "ja", "zh-hans", "zh-hant"]
    for language in languages:
        visitor.get(company_url(company, language))
        assert visitor.get(company_url(company, language))["X-Cache"] == "hit"
    change = reverse("admin:landscape_company_change", args=[company.pk])
    form = {
        "name": "Curocell",
        "slug": company.slug,
        "description_en": "Edited in English.",
        "description_ko": "한국어로 고쳤습니다.",
        "description_ja": "日本語で編集しました。",
        "description_zh_hans": "已用简体中文编辑。",
        "description_zh_hant": "已用繁體中文編輯。",
        "website": "",
        "programs-TOTAL_FORMS": "0",
        "programs-INITIAL_FORMS": "0",
        "programs-MIN_NUM_FORMS": "0",
        "programs-MAX_NUM_FORMS": "1000",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer.post(change, form)
    assert response.status_code == 302, response.context["adminform"].errors
    expected = [form[f"description_{code}"] for code in ("en", "ko", "ja", "zh_hans", "zh_hant")]
    for language, text in zip(languages, expected, strict=True):
        response = visitor.get(company_url(company, language))
        assert response["X-Cache"] == "miss"
        assert text in response.content.decode()


def save(instance):
    instance.save()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda objs: CompanyFactory(), id="add a company"),
        pytest.param(lambda objs: objs["company"].delete(), id="delete a company"),
        pytest.param(lambda objs: objs["highlight"].companies.clear(), id="unlink a highlight"),
        pytest.param(lambda objs: save(objs["event"]), id="save the event"),
        pytest.param(lambda objs: SpeakerFactory(event=objs["event"]), id="add a speaker"),
        pytest.param(
            lambda objs: objs["session"].speakers.add(SpeakerFactory(event=objs["event"])),
            id="add a speaker to a session",
        ),
        pytest.param(lambda objs: save(objs["ticket"]), id="change a ticket type"),
    ],
)
def test_every_content_change_retires_the_pages(
    visitor, db, change, django_capture_on_commit_callbacks
):
    event = EventFactory()
    objs = {
        "event": event,
        "company": CompanyFactory(),
        "highlight": HighlightFactory(companies=[CompanyFactory()]),
        "session": SessionFactory(event=event),
        "ticket": TicketTypeFactory(event=event),
    }
    visitor.get("/")
    assert visitor.get("/")["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        change(objs)
    assert visitor.get("/")["X-Cache"] == "miss"


def test_an_attendee_registering_retires_nothing(visitor, db, django_capture_on_commit_callbacks):
    event = EventFactory()
    ticket = TicketTypeFactory(event=event)
    visitor.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        registration = RegistrationFactory(event=event, ticket_type=ticket)
        registration.status = Registration.Status.CANCELLED
        registration.save()
    assert visitor.get("/")["X-Cache"] == "hit"


def test_a_rolled_back_change_retires_nothing(visitor, db, django_capture_on_commit_callbacks):
    EventFactory()
    visitor.get("/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CompanyFactory()
    assert callbacks  # the bump waits for a commit that, here, never comes
    assert visitor.get("/")["X-Cache"] == "hit"


def test_a_spreadsheet_import_retires_the_pages(
    organizer, visitor, seeded, django_capture_on_commit_callbacks
):
    url = "/landscape/companies/heartseed/"
    visitor.get(url)
    assert visitor.get(url)["X-Cache"] == "hit"
    text = "slug,name,country,website,description,in_pipeline_list\n"
    text += "heartseed,Heartseed,japan,https://heartseed.example,Imported text,1\n"
    preview = upload(organizer, "company", text)
    with django_capture_on_commit_callbacks(execute=True):
        confirm(organizer, "company", preview)
    response = visitor.get(url)
    assert response["X-Cache"] == "miss"
    assert "Imported text" in response.content.decode()


def response_with(**headers):
    response = HttpResponse("<p>page</p>")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


@pytest.mark.parametrize(
    ("make", "kept"),
    [
        pytest.param(lambda: response_with(), True, id="plain 200"),
        pytest.param(lambda: response_with(Vary="Accept-Language"), True, id="vary language"),
        pytest.param(
            lambda: response_with(Vary="Accept-Language, Cookie"), False, id="vary cookie"
        ),
        pytest.param(lambda: response_with(Vary="*"), False, id="vary star"),
        pytest.param(lambda: response_with(Cache_Control="private"), False, id="private"),
        pytest.param(
            lambda: response_with(Cache_Control="max-age=0, no-store"), False, id="no-store"
        ),
        pytest.param(lambda: response_with(Cache_Control='no-cache="x"'), False, id="no-cache"),
        pytest.param(lambda: response_with(Content_Encoding="gzip"), False, id="encoded"),
        pytest.param(
            lambda: response_with(Cache_Control="public, max-age=86400"), False, id="own lifetime"
        ),
    ],
)
def test_what_a_response_must_be_to_be_kept(rf, make, kept):
    assert pagecache.storable(rf.get("/"), make()) is kept


def test_responses_that_set_cookies_are_not_kept(rf):
    response = HttpResponse("page")
    response.set_cookie("anything", "1")
    assert not pagecache.storable(rf.get("/"), response)
    assert not pagecache.storable(rf.get("/"), HttpResponse("gone", status=404))
    assert not pagecache.storable(rf.get("/"), StreamingHttpResponse(iter([b"a"])))
    assert not pagecache.storable(rf.get("/"), HttpResponse(b"x" * (pagecache.MAX_BODY + 1)))
    assert not pagecache.storable(rf.head("/"), HttpResponse("page"))


def test_the_memory_budget_counts_what_a_page_really_costs(visitor, db, settings):
    """A crawler (or an attacker) inventing long query strings on a small page: every
    address is kept, and the address itself was not counted against the budget."""
    settings.PAGE_CACHE_MAX_BYTES = 2 * 1024 * 1024
    visitor.get("/robots.txt")
    tracemalloc.start()
    try:
        urlsplit.cache_clear()
        gc.collect()
        before = tracemalloc.take_snapshot()
        for n in range(1500):
            visitor.get(f"/robots.txt?n{n}={'x' * 3000}")
        urlsplit.cache_clear()  # it keeps the last addresses parsed: not the page cache's
        gc.collect()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    used = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert pagecache.store._bytes <= settings.PAGE_CACHE_MAX_BYTES
    assert used < 1.25 * settings.PAGE_CACHE_MAX_BYTES, (used, len(pagecache.store))


def test_a_bump_during_another_threads_read_is_not_lost(monkeypatch):
    """runserver's threads (or gunicorn's gthread): one thread re-reads the version from the
    shared cache while another commits an edit and bumps it. The slower read must not put
    the retired version back, or the process that made the edit serves the old page."""
    content.version.current()
    retired = cache.get(content.VERSION_KEY)
    monkeypatch.setattr(content, "REREAD_AFTER", 0)

    class ReadDuringABump:
        def __getattr__(self, name):
            return getattr(cache, name)

        def get(self, key, default=None):
            value = cache.get(key, default)  # the old version, read ...
            content.version.bump()  # ... while another thread commits an edit
            return value

    monkeypatch.setattr(shared_cache, "cache", ReadDuringABump())
    content.version.current()
    monkeypatch.setattr(shared_cache, "cache", cache)
    monkeypatch.setattr(content, "REREAD_AFTER", 1.0)
    assert content.version.current() != retired


@pytest.fixture
def edit(django_capture_on_commit_callbacks):
    def edit(instance, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            for name, value in fields.items():
                setattr(instance, name, value)
            instance.save()

    return edit


def test_an_evicted_generation_does_not_bring_back_an_old_page_text(visitor, db, edit):
    """The production default is now a file cache, which culls a third of its files at random
    once it holds 300 (the registration rate limit writes one per address); Redis evicts
    under maxmemory. When the site-content generation goes, readers fell back to generation
    0, whose entry may still hold the text from before an edit: the edit vanished from the
    public page for up to SITE_CONTENT_TIMEOUT (300 s), in every worker."""
    page = PageFactory(published=True, body="The old text.")
    assert "The old text." in visitor.get("/about/").content.decode()
    edit(page, body="The new text.")
    assert "The new text." in visitor.get("/about/").content.decode()
    cache.delete(SITE_CONTENT_GENERATION)  # culled or evicted
    pagecache.store.clear()  # another worker, or the page expired
    assert "The new text." in visitor.get("/about/").content.decode()
    assert site_content().page("about").body == "The new text."


def test_an_evicted_generation_does_not_bring_back_an_old_event(visitor, db, edit):
    event = EventFactory(name="Old name")
    assert current_event().name == "Old name"
    edit(event, name="New name")
    assert current_event().name == "New name"
    cache.delete(CURRENT_EVENT_GENERATION)
    assert current_event().name == "New name"
