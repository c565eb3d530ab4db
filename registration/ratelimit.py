"""A per-client fixed-window rate limit kept in the cache (shared by every app server)."""

import logging

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from common.client import client_ip

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """'10/m' -> (10, 60)."""
    try:
        count, period = rate.split("/")
        return int(count), PERIODS[period.strip().lower()[:1]]
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(f"A rate looks like '10/m', not {rate!r}.") from error


def hit(request, scope, rate):
    """Count one request; True when this one is over the limit.

    Fails open: with the cache down nothing is counted and nobody is refused (the form
    still has its honeypot and CSRF check), rather than every registration failing.
    """
    limit, period = parse_rate(rate)
    window = int(timezone.now().timestamp()) // period
    key = f"ratelimit:{scope}:{client_ip(request) or 'unknown'}:{window}"
    try:
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period + 1)
            count = 1
    except Exception:  # the cache server is down or slow
        logger.warning("cache unavailable: rate limit %s not counted", scope)
        return False
    return count > limit
