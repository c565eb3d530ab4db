from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_safe

from landscape import selectors as landscape_selectors


@require_safe
def healthz(request):
    """Liveness for load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def home(request):
    return render(request, "home.html", landscape_selectors.landscape_teaser())


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that might touch a broken database: render with the bare template.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)
