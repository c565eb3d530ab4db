import functools

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.db import DatabaseError
from django.db.models import Min
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max

from cgt_event import cards
from cgt_event.sitemaps import SITEMAPS
from common.cache import cache_get, cache_set
from landscape import selectors as landscape_selectors
from registration.selectors import content, programme
from registration.selectors.content import site_content


@never_cache
@require_safe
def healthz(request):
    """Liveness for load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


# Never from the page cache: a load balancer must see the database go away.
@never_cache
@require_safe
def readyz(request):
    """Readiness: the database answers, and the task worker keeps up (no task has been
    waiting to start for longer than TASK_QUEUE_MAX_WAIT). 503 with the reason otherwise."""
    checks, ready = {}, True
    try:
        waiting = task_queue_wait()
    except DatabaseError:
        checks["database"] = "unavailable"
        return JsonResponse({"ready": False, "checks": checks}, status=503)
    checks["database"] = "ok"
    if waiting is not None and waiting > settings.TASK_QUEUE_MAX_WAIT:
        checks["tasks"] = f"stuck: the oldest task has waited {int(waiting)} s"
        ready = False
    else:
        checks["tasks"] = "ok"
    return JsonResponse({"ready": ready, "checks": checks}, status=200 if ready else 503)


def task_queue_wait(now=None):
    """Seconds the longest-waiting task has been due to run, or None when none is due."""
    now = now or timezone.now()
    due = DBTaskResult.objects.ready()
    oldest_plain = due.filter(run_after=get_date_max()).aggregate(t=Min("enqueued_at"))["t"]
    oldest_deferred = due.exclude(run_after=get_date_max()).aggregate(t=Min("run_after"))["t"]
    oldest = min((t for t in (oldest_plain, oldest_deferred) if t is not None), default=None)
    return None if oldest is None else (now - oldest).total_seconds()


@require_safe
def home(request):
    """Before the event: register. On the day: what is on now and next. After: thanks, the
    speakers and the landscape stay, and the next edition if organizers set one."""
    event = programme.current_event()
    now = timezone.now()
    speakers = programme.featured_speakers(event=event, limit=HOME_SPEAKERS + 1)
    context = {
        "event": event,
        "phase": event.phase(now) if event else None,
        "days_to_go": event.days_to_go(now) if event else None,
        "speakers": speakers[:HOME_SPEAKERS],
        "more_speakers": len(speakers) > HOME_SPEAKERS,
        "on_air": programme.now_and_next(event=event, now=now),
        "sponsors": content.sponsor_strip() if site_content().has_sponsors else [],
        **landscape_selectors.landscape_teaser(),
    }
    return render(request, "home.html", context)


# The home page shows this many featured speakers, then "all speakers".
HOME_SPEAKERS = 8


@require_safe
def privacy(request):
    return render(
        request,
        "privacy.html",
        {
            "event": programme.current_event(),
            "retention_days": settings.PERSONAL_DATA_RETENTION_DAYS,
        },
    )


def robots_rules():
    """(directive, path) pairs for every crawler: the sign-up form, its thanks page and
    every public page may be crawled; the attendee's pages behind a secret token
    (/register/<token>/...), the check-in desk and the admin may not, in every language.

    A token cannot be spelled in robots.txt, so the rule is /register/*/ (any address one
    level or more below /register/), with the two public addresses down there allowed by a
    longer, more specific rule (Google and Bing: the longest match wins). /register/ itself
    has nothing after it and stays allowed. The thanks and deleted pages carry noindex
    instead: crawlers may fetch them and learn not to list them."""
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES[1:]]
    rules = []
    for prefix in prefixes:
        rules += [
            ("Allow", f"{prefix}/register/$"),
            ("Allow", f"{prefix}/register/thanks/$"),
            ("Allow", f"{prefix}/register/deleted/$"),
            ("Disallow", f"{prefix}/register/*/"),
            ("Disallow", f"{prefix}/checkin/"),
            ("Disallow", f"{prefix}/admin/"),
        ]
    return rules


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"{directive}: {path}" for directive, path in robots_rules()]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def sitemap_xml(request):
    """The sitemap, each entry with its lastmod, but without the Last-Modified that Django
    sends for the whole when every entry has one: that is the newest entry's time, which a
    deleted speaker, session or company does not move, so a crawler's If-Modified-Since
    (answered by the page cache) would get a 304 for a sitemap that changed."""
    response = sitemap(request, sitemaps=SITEMAPS)
    response.headers.pop("Last-Modified", None)
    return response


# Browsers and crawlers keep a card this long before asking again; an edit changes the page's
# og:image address (?v=), so a new share shows the new card at once.
CARD_MAX_AGE = 60 * 60 * 24
# The shared cache keeps a drawn card this long (drawing one takes about 20 ms, warm fonts).
CARD_CACHE_TIMEOUT = 60 * 60 * 24 * 7


@require_safe
def og_card(request, kind, key=""):
    """The share card of a page (its og:image), in the page's language.

    Kept in the shared cache (Redis in production), not the page cache: one drawing serves
    every app server, and an edit elsewhere on the site, which retires every kept page,
    leaves the cards alone. The key is a hash of what the card shows (its text, the
    language's face, the drawing's version), so any change to the text, the object's or
    the translation's, draws a new card, and an unchanged card is never drawn twice. One
    query (the object), the same on a hit; none for the event's card. Without the fonts,
    the static share image."""
    card = cards.load_card(kind, key)
    language = translation.get_language()
    digest = card.digest(language)
    etag = f'"{digest}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _public(not_modified, CARD_MAX_AGE)
    cache_key = f"og-card:{digest}"
    png = cache_get(cache_key, None)
    if png is None:
        try:
            png = cards.draw_card(card, language)
        except cards.CardFontsMissing:
            return redirect(static("img/og-image.png"))
        cache_set(cache_key, png, CARD_CACHE_TIMEOUT)
    response = HttpResponse(png, content_type="image/png")
    response["ETag"] = etag
    return _public(response, CARD_MAX_AGE)


FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"
# /favicon.ico cannot carry a content hash in its name as the other static files do: a week.
FAVICON_MAX_AGE = 60 * 60 * 24 * 7


@functools.cache
def _favicon_bytes():
    return FAVICON.read_bytes()


@require_safe
def favicon(request):
    """The site's icon where browsers and crawlers look for it first (the pages also name
    the SVG icon, which browsers prefer)."""
    response = HttpResponse(_favicon_bytes(), content_type="image/vnd.microsoft.icon")
    return _public(response, FAVICON_MAX_AGE)


def _public(response, max_age):
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that might touch a broken database: render with the bare template.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"site_name": settings.SITE_NAME}), status=500)
