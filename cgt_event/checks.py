"""Deployment checks of our own, run by `manage.py check --deploy`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    host = urlsplit(settings.SITE_URL).hostname or ""
    if host in ("localhost", "127.0.0.1", "::1") or host.endswith(".localhost"):
        return [
            checks.Warning(
                f"DJANGO_SITE_URL is {settings.SITE_URL}: links in attendees' e-mails would "
                "point at the server itself.",
                hint="Set DJANGO_SITE_URL to the site's public address, e.g. "
                "https://cgt-eastasia.example.",
                id="cgt_event.W001",
            )
        ]
    return []


@checks.register(checks.Tags.caches, deploy=True)
def cache_is_shared(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in PER_PROCESS_CACHES:
        return [
            checks.Warning(
                "The cache is kept in each process: every gunicorn worker counts the "
                "registration rate limit on its own and serves pages that edits made "
                "through another worker have retired.",
                hint="Set CACHE_URL to a shared cache: redis://… (several servers) or "
                "filecache:///path (one server).",
                id="cgt_event.W002",
            )
        ]
    return []
