"""The shared cache, used so that its failure degrades a feature and never the site: a cache
server that is down or slow makes these reads miss and these writes do nothing, with a log
line, and every caller falls back to the database."""

import logging
import uuid

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
    """Move a generation on: a fresh random value that never expires. Returns it, or None
    when the cache is unavailable."""
    value = uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=None)
    except Exception:
        logger.warning("cache unavailable: %s not bumped", key, exc_info=False)
        return None
    return value


def cache_generation(key):
    """The current generation of `key`, created when missing. A counter that the cache
    evicts (Redis under maxmemory) or culls (the file cache past MAX_ENTRIES) would restart
    at 0 and point again at entries written before later bumps; a fresh random value never
    does. None when the cache is unavailable."""
    try:
        value = cache.get(key)
        if value is None:
            cache.add(key, uuid.uuid4().hex, timeout=None)
            value = cache.get(key)
    except Exception:
        logger.warning("cache unavailable: generation %s unknown", key, exc_info=False)
        return None
    return value
