"""The e-mails attendees receive, as messages: built from the registration as it is when the
worker sends them (registration.services.emails queues and sends them)."""

import logging
from email.message import MIMEPart
from email.utils import formataddr, parseaddr
from io import BytesIO
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.money import format_amount
from registration import calendar
from registration.badges import BadgeFontsMissing
from registration.models import Invoice, Registration
from registration.services.invoices import document_filename, document_pdf, open_invoice

logger = logging.getLogger(__name__)

# E-mails that ask for a bank transfer: they carry the invoice and how to pay it.
PAYMENT_KINDS = {"pending_payment", "hold_offered", "payment_reminder"}


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


def subject_for(kind, registration, announcement=None):
    event = registration.event.name
    if kind == "announcement":
        return f"{announcement.subject} · {registration.event.display_short_name}"
    return {
        "confirmed": _("Your ticket for %(event)s"),
        "waitlisted": _("You are on the waiting list for %(event)s"),
        "already_registered": _("You are already registered for %(event)s"),
        "promoted": _("A seat is yours: your ticket for %(event)s"),
        "cancelled": _("Your registration for %(event)s is cancelled"),
        "pending_payment": _("Your seat is held: your invoice for %(event)s"),
        "hold_offered": _("A seat is held for you: your invoice for %(event)s"),
        "payment_reminder": _("Reminder: your payment for %(event)s"),
        "hold_expired": _("Your held seat for %(event)s has been released"),
        "paid": _("Payment received: your ticket for %(event)s"),
    }[kind] % {"event": event}


def build_message(email):
    """The e-mail one Email row stands for, as an unsent message to its registration."""
    registration, kind = email.registration, email.kind
    with_ticket = registration.status == Registration.Status.CONFIRMED and kind in (
        "confirmed",
        "promoted",
        "already_registered",
        "paid",
    )
    pending = registration.status == Registration.Status.PENDING_PAYMENT
    with_payment = pending and (kind in PAYMENT_KINDS or kind == "already_registered")
    context = {
        "registration": registration,
        # English mail greets by the given name; Korean, Japanese and Chinese mail by the
        # whole name ("김민지 님", "山田太郎様").
        "greeting_name": registration.given_name
        if translation.get_language() == "en"
        else registration.full_name,
        "event": registration.event,
        "kind": kind,
        "announcement": email.announcement,
        "with_ticket": with_ticket,
        "with_payment": with_payment,
        "amount": format_amount(registration.amount, registration.currency),
        "manage_url": absolute(registration.get_absolute_url()),
        "site_url": settings.SITE_URL,
    }
    text = render_to_string("registration/email/registration.txt", context)
    html = render_to_string("registration/email/registration.html", context)
    event = registration.event
    message = EmailMultiAlternatives(
        subject=subject_for(kind, registration, email.announcement),
        body=text,
        from_email=sender(event),
        to=[registration.email],
        reply_to=[event.contact_email] if event.contact_email else None,
        # The same Message-ID on every attempt, so a message a server accepted twice is
        # recognisably one message.
        headers={"Message-ID": f"<{email.pk}@{urlsplit(settings.SITE_URL).hostname}>"},
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
    for name, content in _documents(registration, kind, with_payment):
        message.attach(name, content, "application/pdf")
    if kind not in ("cancelled", "announcement", "hold_expired"):
        message.attach(
            calendar.event_filename(event),
            calendar.event_calendar(event, url=settings.SITE_URL),
            "text/calendar",
        )
    return message


def _documents(registration, kind, with_payment):
    """The PDFs an e-mail carries, as (file name, bytes): the open invoice when it asks for
    payment, the receipt once paid, the credit note when a hold expired. Without the fonts
    to draw them the e-mail goes without: its text says how to pay, and the attendee's page
    offers the documents once the fonts are back."""
    if with_payment:
        wanted = [(open_invoice(registration), None)]
    elif kind == "paid" and registration.paid_at:
        wanted = [(open_invoice(registration), timezone.localdate(registration.paid_at))]
    elif kind == "hold_expired":
        credit_notes = registration.invoices.filter(kind=Invoice.Kind.CREDIT_NOTE)
        wanted = [(credit_notes.order_by("-sequence").first(), None)]
    else:
        wanted = []
    for document, paid_on in wanted:
        if document is None:
            continue
        try:
            pdf = document_pdf(document, receipt_paid_on=paid_on)
        except BadgeFontsMissing:
            logger.error("document %s not attached: the CJK fonts are missing", document.number)
            continue
        yield document_filename(document, receipt=paid_on is not None), pdf
