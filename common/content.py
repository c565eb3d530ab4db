"""The content version: one value in the shared cache that changes whenever organizers
change anything the public pages show. Cached pages are keyed by it, so a save anywhere
(admin, import, shell, seed) retires every cached page at once, in every process.

Each process re-reads the version at most once a second, so a hit costs no trip to the
shared cache; a process that bumps the version knows the new one at once. When the shared
cache is unavailable the version is None, and callers render afresh rather than risk
serving a page that an edit has retired.
"""

import logging
import threading
import time
import uuid

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

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
        try:
            value = cache.get(VERSION_KEY)
            if value is None:  # first use, or the cache was emptied
                cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
                value = cache.get(VERSION_KEY)
        except Exception:  # the cache server is down or slow: no version, no cached pages
            logger.warning("cache unavailable: content version unknown", exc_info=False)
            value = None
        with self._lock:
            if self._read_at > now:
                # Another thread bumped the version while this one read: keep the newer one.
                return self._value
            self._value, self._read_at = value, now
        return value

    def bump(self):
        """A new version for every process. Setting a fresh random value rather than
        incrementing works on every backend (the file cache has no atomic increment) and
        two bumps at once still both retire the old version."""
        value = uuid.uuid4().hex
        try:
            cache.set(VERSION_KEY, value, timeout=None)
        except Exception:
            logger.warning("cache unavailable: content version not bumped", exc_info=False)
            value = None  # this process stops serving cached pages until the cache is back
        with self._lock:
            self._value, self._read_at = value, time.monotonic()

    def forget(self):
        """Re-read on next use (tests, and a cache that was cleared)."""
        with self._lock:
            self._value, self._read_at = None, float("-inf")


version = ContentVersion()


def content_version():
    return version.current()


def content_changed(sender=None, **kwargs):
    """A signal receiver for content models: bump the version once the change is
    committed, so no request can fill the new version with the old content."""
    transaction.on_commit(version.bump)
