"""Who may move the event: the dates decide when attendees' data is erased, and the contact
e-mail is where their replies go, so content editors edit the rest but not these."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.models import Event


@pytest.fixture
def event(seeded):
    return Event.objects.get()


def change(client, event, **fields):
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    data = {
        "name_en": event.name,
        "short_name_en": event.short_name,
        "slug": event.slug,
        "tagline_en": event.tagline,
        "description_en": "",
        "venue_en": event.venue,
        "city_en": event.city,
        "country_en": event.country,
        "start_0": start.date().isoformat(),
        "start_1": "00:00:00",
        "end_0": end.date().isoformat(),
        "end_1": "00:00:00",
        "contact_email": "",
        "organizer_name": "",
        "organizer_address": "",
        "next_edition_url": "",
        "vat_rate": "0",
        **fields,
    }
    return client.post(reverse("admin:registration_event_change", args=[event.pk]), data)


def test_content_editors_edit_the_text_but_not_the_dates_or_contact(client, editor_user, event):
    client.force_login(editor_user)
    form = client.get(reverse("admin:registration_event_change", args=[event.pk]))
    assert 'name="start_0"' not in form.content.decode()
    response = change(
        client,
        event,
        tagline_en="A new tagline",
        start_0="2020-01-01",
        end_0="2020-01-02",
        contact_email="attacker@example.com",
    )
    assert response.status_code == 302
    moved = Event.objects.get()
    assert moved.tagline == "A new tagline"
    assert (moved.start, moved.end, moved.contact_email) == (event.start, event.end, "")
    assert client.get(reverse("admin:registration_event_add")).status_code == 403


def test_organizers_with_the_schedule_permission_move_the_event(organizer, event):
    response = change(
        organizer, event, start_0="2026-10-14", end_0="2026-10-15", contact_email="hi@example.com"
    )
    assert response.status_code == 302
    moved = Event.objects.get()
    assert timezone.localtime(moved.start).date().isoformat() == "2026-10-14"
    assert moved.contact_email == "hi@example.com"
    assert moved.end - moved.start == timedelta(days=1)
