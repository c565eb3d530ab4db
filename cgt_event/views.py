from django.conf import settings
from django.db import DatabaseError
from django.db.models import Min
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max

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


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /register/",
        "Disallow: /checkin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that might touch a broken database: render with the bare template.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"site_name": settings.SITE_NAME}), status=500)
