"""Defects found reviewing the page cache (cgt_event/pagecache.py, common/content.py)."""

import gc
import tracemalloc
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client

from cgt_event import pagecache
from common import content
from registration.selectors.content import SITE_CONTENT_GENERATION, site_content
from registration.selectors.programme import CURRENT_EVENT_GENERATION, current_event
from tests.factories import EventFactory, PageFactory


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_TIMEOUT = 60


@pytest.fixture
def visitor():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


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

    monkeypatch.setattr(content, "cache", ReadDuringABump())
    content.version.current()
    monkeypatch.setattr(content, "cache", cache)
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
