"""A per-client fixed-window rate limit kept in the cache (shared by every app server)."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """'10/m' -> (10, 60)."""
    try:
        count, period = rate.split("/")
        return int(count), PERIODS[period.strip().lower()[:1]]
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(f"A rate looks like '10/m', not {rate!r}.") from error


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the one the trusted proxies recorded; None when
    the request has neither (django-axes stores it in an IP address column)."""
    proxies = settings.DJANGO_NUM_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def hit(request, scope, rate):
    """Count one request; True when this one is over the limit."""
    limit, period = parse_rate(rate)
    window = int(timezone.now().timestamp()) // period
    key = f"ratelimit:{scope}:{client_ip(request) or 'unknown'}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    return count > limit
