"""The e-mails attendees receive, sent through Django's tasks framework after commit."""

from email.message import MIMEPart
from email.utils import formataddr, parseaddr
from io import BytesIO

import segno
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from registration import calendar
from registration.models import Registration

KINDS = ("confirmed", "waitlisted", "already_registered", "promoted", "cancelled")


def qr_png(data):
    buffer = BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def qr_svg(data):
    buffer = BytesIO()
    segno.make(data, error="m").save(
        buffer, kind="svg", scale=8, border=2, xmldecl=False, svgns=True, title=_("QR ticket")
    )
    return buffer.getvalue()


def sender(event):
    """The configured address, under the event's name: "Cell & Gene Therapy East Asia 2025
    <noreply@…>"."""
    return formataddr((event.name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def subject_for(kind, registration):
    event = registration.event.name
    return {
        "confirmed": _("Your ticket for %(event)s"),
        "waitlisted": _("You are on the waiting list for %(event)s"),
        "already_registered": _("You are already registered for %(event)s"),
        "promoted": _("A seat is yours: your ticket for %(event)s"),
        "cancelled": _("Your registration for %(event)s is cancelled"),
    }[kind] % {"event": event}


def build_message(registration, kind):
    """The e-mail for one registration and one event in its life, as an unsent message."""
    with_ticket = registration.status == Registration.Status.CONFIRMED and kind != "cancelled"
    context = {
        "registration": registration,
        "event": registration.event,
        "kind": kind,
        "with_ticket": with_ticket,
        "manage_url": absolute(registration.get_absolute_url()),
        "site_url": settings.SITE_URL,
    }
    text = render_to_string("registration/email/registration.txt", context)
    html = render_to_string("registration/email/registration.html", context)
    message = EmailMultiAlternatives(
        subject=subject_for(kind, registration),
        body=text,
        from_email=sender(registration.event),
        to=[registration.email],
        reply_to=[registration.event.contact_email] if registration.event.contact_email else None,
    )
    message.attach_alternative(html, "text/html")
    if with_ticket:
        qr = MIMEPart()
        qr.set_content(
            qr_png(absolute(registration.checkin_url())),
            maintype="image",
            subtype="png",
            disposition="inline",
            filename=f"ticket-{registration.reference}.png",
            cid="<qr-ticket>",
        )
        message.attach(qr)
    if kind != "cancelled":
        message.attach(
            calendar.event_filename(registration.event),
            calendar.event_calendar(registration.event, url=settings.SITE_URL),
            "text/calendar",
        )
    return message


@task
def send_registration_email(*, registration_id, kind):
    """Send one registration e-mail; runs after the transaction that caused it commits."""
    registration = Registration.objects.select_related("event", "ticket_type").get(
        pk=registration_id
    )
    with translation.override(settings.LANGUAGE_CODE):
        build_message(registration, kind).send()
