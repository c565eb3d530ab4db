from django.http import HttpResponse
from django.test import RequestFactory

from common.feeds import public_feed


@public_feed
def feed(request):
    return HttpResponse(b"BEGIN:VCALENDAR", content_type="text/calendar")


def test_a_feed_is_open_to_every_origin_and_answers_a_repeat_with_304():
    first = feed(RequestFactory().get("/agenda.ics", HTTP_ORIGIN="https://signage.example"))
    assert first.status_code == 200
    assert first["Access-Control-Allow-Origin"] == "*"
    etag = first["ETag"]
    again = feed(RequestFactory().get("/agenda.ics", HTTP_IF_NONE_MATCH=etag))
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    changed = feed(RequestFactory().get("/agenda.ics", HTTP_IF_NONE_MATCH='"other"'))
    assert changed.status_code == 200
