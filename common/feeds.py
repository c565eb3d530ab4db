"""What every public feed (calendar files, schedule JSON and XML, landscape data) sends:
an open CORS header, so a signage screen or a partner's page can fetch it from a browser,
and conditional GET, so an app that polls the schedule gets a 304 while nothing changed.

The feeds hold nothing personal and need no credentials, so ``*`` is the right origin (and
the only one a credential-less request needs). The ETag is a hash of the body, which the
page cache replaces with its own when it keeps the feed; a body must therefore not change
between renders of the same content (a calendar's DTSTAMP comes from the content, not the
clock). A feed that knows when its content last changed sends it (set_last_modified), and
a client's If-Modified-Since is then answered too.

The page cache (cgt_event.pagecache) keeps these headers with the feed and repeats the CORS
header and Last-Modified on its own 304s."""

from functools import wraps

from django.utils.http import http_date
from django.views.decorators.http import conditional_page


def public_feed(view):
    conditional = conditional_page(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def set_last_modified(response, moment):
    """Send `moment` as the feed's Last-Modified. Only for a feed in which every change moves
    that time: a list's newest update time does not move when one of its rows is deleted, so
    a client that asked If-Modified-Since would keep the deleted row; lists rely on their
    ETag alone."""
    response["Last-Modified"] = http_date(moment.timestamp())
    return response
