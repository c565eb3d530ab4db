"""The public feeds open to every origin and answer conditional GETs, whether the view or
the page cache answers; the attendee's own calendar file does neither."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import http_date

from registration.models import Event, Session, Speaker
from tests.factories import RegistrationFactory, TicketTypeFactory


@pytest.fixture(params=[False, True], ids=["view", "page-cache"])
def page_cache(request, settings):
    settings.PAGE_CACHE = request.param
    settings.PAGE_CACHE_TIMEOUT = 60
    return request.param


@pytest.fixture
def visitor():
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def public_feeds(keynote):
    return [
        reverse("registration:agenda_ics"),
        reverse("registration:session_ics", kwargs={"pk": keynote.pk}),
        reverse("registration:my_schedule_ics") + f"?s={keynote.pk}",
        reverse("registration:agenda_json"),
        reverse("landscape:data"),
        "/ko" + reverse("landscape:data"),
    ]


def test_every_public_feed_is_open_to_every_origin_and_answers_304(visitor, keynote, page_cache):
    for url in public_feeds(keynote):
        first = visitor.get(url, HTTP_ORIGIN="https://partner.example")
        assert (first.status_code, first["Access-Control-Allow-Origin"]) == (200, "*"), url
        again = visitor.get(url, HTTP_ORIGIN="https://partner.example")
        assert again["Access-Control-Allow-Origin"] == "*", url
        assert again.content == first.content, url
        if page_cache:
            assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit"), url
        not_modified = visitor.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert not_modified.status_code == 304, url
        assert not_modified["Access-Control-Allow-Origin"] == "*", url
        assert not_modified["ETag"] == first["ETag"], url
        assert visitor.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200, url


def test_a_sessions_file_says_when_it_last_changed(visitor, keynote, page_cache):
    url = reverse("registration:session_ics", kwargs={"pk": keynote.pk})
    response = visitor.get(url)
    # The newest of the session, its event and its speaker.
    revised = max(
        keynote.updated, keynote.event.updated, Speaker.objects.get(slug="bryan-choi").updated
    )
    assert response["Last-Modified"] == http_date(revised.timestamp())
    since = visitor.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    assert since["Access-Control-Allow-Origin"] == "*"
    assert since["Last-Modified"] == response["Last-Modified"]
    earlier = http_date(revised.timestamp() - 60)
    assert visitor.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_lists_send_no_last_modified_a_deletion_would_not_move(visitor, keynote):
    """A deleted session leaves every remaining update time as it was: a client asking
    If-Modified-Since would keep it. Lists rely on their ETag."""
    for url in public_feeds(keynote):
        if "/sessions/" not in url:
            assert "Last-Modified" not in visitor.get(url), url


def test_an_edit_changes_the_etag(visitor, keynote):
    url = reverse("registration:agenda_ics")
    etag = visitor.get(url)["ETag"]
    keynote.title = "Opening keynote: the year in CAR-T"
    keynote.save()
    changed = visitor.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert b"the year in CAR-T" in changed.content


def test_the_attendees_own_calendar_file_stays_private(visitor, seeded, page_cache):
    registration = RegistrationFactory(ticket_type=TicketTypeFactory())
    url = reverse("registration:manage_calendar", kwargs={"token": registration.token})
    for _ in range(2):
        response = visitor.get(url, HTTP_ORIGIN="https://partner.example")
        assert response.status_code == 200
        assert "Access-Control-Allow-Origin" not in response
        assert "private" in response["Cache-Control"]
        assert "X-Cache" not in response  # never kept by the page cache


@pytest.mark.parametrize(
    "remove",
    [
        pytest.param(lambda session, speaker: session.appearances.all().delete(), id="row"),
        pytest.param(lambda session, speaker: speaker.delete(), id="speaker-deleted"),
        pytest.param(lambda session, speaker: session.speakers.remove(speaker), id="m2m"),
        pytest.param(lambda session, speaker: speaker.sessions.clear(), id="m2m-reverse"),
    ],
)
def test_a_speaker_leaving_a_session_moves_its_last_modified(
    visitor, keynote, remove, django_capture_on_commit_callbacks, page_cache
):
    """Who speaks is part of the session's file: a client asking If-Modified-Since after a
    speaker was taken off (or deleted) gets the file without them, not a 304."""
    url = reverse("registration:session_ics", kwargs={"pk": keynote.pk})
    speaker = Speaker.objects.get(slug="bryan-choi")
    first = visitor.get(url)
    assert speaker.name.encode() in first.content
    earlier = http_date(keynote.updated.timestamp() - 5)
    Session.objects.filter(pk=keynote.pk).update(updated=keynote.updated - timedelta(seconds=10))
    Speaker.objects.filter(pk=speaker.pk).update(updated=speaker.updated - timedelta(seconds=10))
    Event.objects.filter(pk=keynote.event_id).update(
        updated=keynote.event.updated - timedelta(seconds=10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        remove(keynote, speaker)
    since = visitor.get(url, HTTP_IF_MODIFIED_SINCE=earlier)
    assert since.status_code == 200
    assert speaker.name.encode() not in since.content
