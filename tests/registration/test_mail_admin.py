"""The desk sees every e-mail a registration caused; organizers resend and announce. The
admin only queues: no page waits on a mail server."""

import pytest
from django.urls import reverse

from registration.models import Announcement, Email
from registration.services.emails import email_queue
from tests.factories import RegistrationFactory, TicketTypeFactory
from tests.helpers import text_of

CHANGELIST = reverse("admin:registration_registration_changelist")


@pytest.fixture
def registration(db):
    return RegistrationFactory(ticket_type=TicketTypeFactory(name="Workshop", capacity=10))


def test_the_desk_sees_each_email_with_its_state_and_last_error(client, desk_user, registration):
    sent = email_queue(registration=registration, kind="confirmed")
    Email.objects.filter(pk=sent.pk).update(state="sent", attempts=1)
    failing = email_queue(registration=registration, kind="promoted")
    Email.objects.filter(pk=failing.pk).update(
        state="retrying", attempts=2, last_error="451 4.3.0 try again later"
    )
    client.force_login(desk_user)
    text = text_of(
        client.get(reverse("admin:registration_registration_change", args=[registration.pk]))
    )
    assert "E-mails sent to this person" in text
    assert "451 4.3.0 try again later" in text
    assert "Retrying" in text
    assert "Sent" in text
    listing = text_of(client.get(reverse("admin:registration_email_changelist")))
    assert registration.reference in listing


def test_a_view_only_desk_user_cannot_resend(client, desk_user, registration, deliver, mailoutbox):
    client.force_login(desk_user)
    offered = dict(client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert "resend_confirmation" not in offered
    client.post(
        CHANGELIST, {"action": "resend_confirmation", "_selected_action": [registration.pk]}
    )
    assert Email.objects.count() == 0
    email = email_queue(registration=registration, kind="confirmed")
    client.post(
        reverse("admin:registration_email_changelist"),
        {"action": "send_again", "_selected_action": [email.pk]},
    )
    assert Email.objects.count() == 1
    deliver()
    assert len(mailoutbox) == 1


def test_organizers_resend_through_the_queue(organizer, registration, deliver, mailoutbox):
    response = organizer.post(
        CHANGELIST,
        {"action": "resend_confirmation", "_selected_action": [registration.pk]},
        follow=True,
    )
    assert "E-mails queued for 1 registrations." in text_of(response)
    assert mailoutbox == []  # queued, not sent in the request
    assert deliver() == 1
    [email] = Email.objects.all()
    response = organizer.post(
        reverse("admin:registration_email_changelist"),
        {"action": "send_again", "_selected_action": [email.pk]},
        follow=True,
    )
    assert "1 e-mail queued to be sent again." in text_of(response)
    assert deliver() == 1
    assert [m.to for m in mailoutbox] == [[registration.email]] * 2


def test_an_announcement_is_previewed_then_sent_once_to_its_audience(
    organizer, registration, deliver, mailoutbox
):
    ticket = registration.ticket_type
    waiting = RegistrationFactory(ticket_type=ticket, status="waitlisted")
    RegistrationFactory(ticket_type=ticket, status="cancelled")
    RegistrationFactory(ticket_type=TicketTypeFactory(event=ticket.event))  # another ticket
    response = organizer.post(
        reverse("admin:registration_announcement_add"),
        {
            "event": ticket.event.pk,
            "subject_en": "Doors open at 08:30",
            "body_en": "Doors open at 08:30.\nBring your QR ticket.",
            "statuses": ["confirmed", "waitlisted"],
            "ticket_types": [ticket.pk],
        },
    )
    announcement = Announcement.objects.get()
    preview_url = reverse("admin:registration_announcement_preview", args=[announcement.pk])
    assert response.url == preview_url
    preview = text_of(organizer.get(preview_url))
    assert "It goes to 2 people now" in preview
    # A stand-in recipient: no attendee's name or secret link on the preview.
    for secret in (registration.token, waiting.token, registration.given_name):
        assert secret not in preview
    assert "Bring your QR ticket." in preview
    assert "Send to 2 people" in preview
    assert mailoutbox == []

    organizer.post(preview_url)
    organizer.post(preview_url)  # a second press sends nothing more
    assert deliver() == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([registration.email, waiting.email])
    [message] = [m for m in mailoutbox if m.to == [registration.email]]
    assert message.subject == f"Doors open at 08:30 · {ticket.event.display_short_name}"
    assert "Bring your QR ticket." in message.body
    assert registration.get_absolute_url() in message.body
    announcement.refresh_from_db()
    assert announcement.recipient_count == 2
    assert announcement.sent_at is not None


def test_content_editors_cannot_announce_or_see_emails(client, editor_user, registration):
    client.force_login(editor_user)
    for name in ("registration_announcement_add", "registration_email_changelist"):
        assert client.get(reverse(f"admin:{name}")).status_code == 403
