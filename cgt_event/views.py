from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_safe

from landscape import selectors as landscape_selectors
from registration.selectors import programme


@require_safe
def healthz(request):
    """Liveness for load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def home(request):
    event = programme.current_event()
    context = {
        "event": event,
        "speakers": programme.featured_speakers(event=event),
        **landscape_selectors.landscape_teaser(),
    }
    return render(request, "home.html", context)


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
