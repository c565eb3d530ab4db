"""The content version: one value in the shared cache that changes whenever organizers
change anything the public pages show. Cached pages are keyed by it, so a save anywhere
(admin, import, shell, seed) retires every cached page at once, in every process.

Each process re-reads the version at most once a second, so a hit costs no trip to the
shared cache; a process that bumps the version knows the new one at once. When the shared
cache is unavailable the version is None, and callers render afresh rather than risk
serving a page that an edit has retired.
"""

import functools
import threading
import time

from django.db import transaction

from common.cache import cache_bump, cache_generation

VERSION_KEY = "content:version"
# How long a process trusts the version it read last.
REREAD_AFTER = 1.0  # seconds


class ContentVersion:
    def __init__(self):
        self._lock = threading.Lock()
        self._value = None
        self._read_at = float("-inf")

    def current(self):
        """The version, from this process's memory when read less than a second ago."""
        now = time.monotonic()
        if now - self._read_at < REREAD_AFTER:
            return self._value
        # None when the cache server is down or slow: no version, no cached pages.
        value = cache_generation(VERSION_KEY)
        with self._lock:
            if self._read_at > now:
                # Another thread bumped the version while this one read: keep the newer one.
                return self._value
            self._value, self._read_at = value, now
        return value

    def bump(self):
        """A new version for every process (a fresh random value: see cache_bump)."""
        # None when the cache is down: this process serves no kept page until it is back.
        value = cache_bump(VERSION_KEY)
        with self._lock:
            self._value, self._read_at = value, time.monotonic()

    def forget(self):
        """Re-read on next use (tests, and a cache that was cleared)."""
        with self._lock:
            self._value, self._read_at = None, float("-inf")


version = ContentVersion()


def content_version():
    return version.current()


def per_content_version(timeout):
    """Keep a function's result in this process while the content version stays the same,
    and at most `timeout` seconds (the backstop for a change no signal reports, such as
    QuerySet.update()). The layout's reads (the current event, which pages exist) then cost
    no trip to the shared cache on each request; saving content retires them in every
    process within the version's re-read interval, as it retires cached pages. Without a
    version (the shared cache is down) the function is called each time."""

    def decorator(function):
        # (version, read at, result): replaced whole, so a thread sees one entry or the next.
        entry = (None, float("-inf"), None)

        @functools.wraps(function)
        def wrapper():
            nonlocal entry
            current = version.current()
            if current is None:
                return function()
            kept_version, read_at, result = entry
            now = time.monotonic()
            if kept_version != current or now - read_at >= timeout:
                result = function()
                entry = (current, now, result)
            return result

        def forget():
            """Call the function on next use (this process changed what it reads)."""
            nonlocal entry
            entry = (None, float("-inf"), None)

        wrapper.forget = forget
        return wrapper

    return decorator


def content_changed(sender=None, **kwargs):
    """A signal receiver for content models: bump the version once the change is
    committed, so no request can fill the new version with the old content."""
    transaction.on_commit(version.bump)
