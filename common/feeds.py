"""What every public feed (calendar files, schedule JSON and XML, landscape data) sends:
an open CORS header, so a signage screen or a partner's page can fetch it from a browser,
and conditional GET, so an app that polls the schedule gets a 304 while nothing changed.

The feeds hold nothing personal and need no credentials, so ``*`` is the right origin (and
the only one a credential-less request needs). The ETag is a hash of the body, which the
page cache replaces with its own when it keeps the feed; a body must therefore not change
between renders of the same content (a calendar's DTSTAMP comes from the content, not the
clock)."""

from functools import wraps

from django.views.decorators.http import conditional_page


def public_feed(view):
    conditional = conditional_page(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper
