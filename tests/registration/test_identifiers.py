import uuid

import pytest

from registration import identifiers
from registration.models import Event

pytestmark = pytest.mark.django_db


def _event(slug, start="2025-09-25T09:00+09:00"):
    return Event.objects.create(
        name=slug,
        slug=slug,
        venue="Songdo Convensia",
        city="Incheon",
        country="South Korea",
        start=start,
        end="2025-09-25T18:00+09:00",
    )


def test_each_event_gets_a_uuid_of_its_own():
    first, second = _event("first"), _event("second")
    assert isinstance(first.uid, uuid.UUID)
    assert first.uid != second.uid
    first.refresh_from_db()
    assert identifiers.event_guid(first) == first.uid


def test_a_session_keeps_its_guid_and_another_event_never_shares_it():
    first, second = _event("first"), _event("second")
    guid = identifiers.session_guid(first, 7)
    assert guid == identifiers.session_guid(Event.objects.get(pk=first.pk), 7)
    assert guid.version == 5
    assert guid != identifiers.session_guid(first, 8)
    assert guid != identifiers.session_guid(second, 7)
    assert guid != identifiers.speaker_guid(first, 7)
    assert identifiers.calendar_uid(guid) == str(guid)
