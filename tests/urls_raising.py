"""A URLconf with a view that fails, to test the 500 handler."""

from django.urls import path

from cgt_event.urls import handler404, handler500
from cgt_event.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("boom/", boom), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
