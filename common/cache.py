"""The shared cache, used so that its failure degrades a feature and never the site: a cache
server that is down or slow makes these reads miss and these writes do nothing, with a log
line, and every caller falls back to the database."""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

MISSING = object()


def cache_get(key, default=MISSING):
    try:
        return cache.get(key, default)
    except Exception:  # any backend error (connection refused, timeout, bad data)
        logger.warning("cache unavailable: get %s missed", key, exc_info=False)
        return default


def cache_set(key, value, timeout):
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("cache unavailable: set %s skipped", key, exc_info=False)


def cache_bump(key):
    """Increment a counter that never expires, creating it; returns the new value or None
    when the cache is unavailable."""
    try:
        cache.add(key, 0, timeout=None)
        try:
            return cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=None)
            return 1
    except Exception:
        logger.warning("cache unavailable: %s not bumped", key, exc_info=False)
        return None
