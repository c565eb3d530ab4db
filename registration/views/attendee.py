"""Registering, and the attendee's own page behind their secret link."""

import logging

from django.conf import settings
from django.contrib import messages
from django.db import OperationalError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from common.money import format_amount
from registration import badges, calendar, emails, ratelimit
from registration.forms import RegistrationForm
from registration.models import Registration
from registration.selectors import attendance, programme
from registration.services import privacy, registrations
from registration.services.invoices import document_filename, document_pdf

logger = logging.getLogger(__name__)

# PostgreSQL's lock_not_available and query_canceled (statement_timeout).
BUSY_SQLSTATES = {"55P03", "57014"}


def is_busy(error):
    """A database that was only too busy: SQLite still locked after its timeout, or a
    PostgreSQL lock or statement timeout."""
    if getattr(error.__cause__, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    message = str(error).lower()
    return "database is locked" in message or "database table is locked" in message


BUSY_MESSAGE = _(
    "So many people are registering right now that we could not save yours. Nothing was "
    "saved and nothing is lost: check what you typed and send the form again in a moment."
)


def _private(response):
    """Pages behind a secret link: never cached, never indexed."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def register(request):
    event = programme.current_event()
    ticket_types = attendance.ticket_types_on_sale(event=event)
    window = attendance.registration_window(event=event, ticket_types=ticket_types)
    if window.state != "open":
        return render(
            request, "registration/register_closed.html", {"event": event, "window": window}
        )

    if request.method == "POST":
        if ratelimit.hit(request, "register", settings.REGISTRATION_RATE_LIMIT):
            return render(request, "registration/rate_limited.html", status=429)
        form = RegistrationForm(request.POST, ticket_types=ticket_types)
        if form.is_bot():
            # Look exactly like success, so the bot learns nothing.
            return redirect("registration:register_done")
        if form.is_valid():
            data = form.cleaned_data
            try:
                registrations.registration_create(
                    event=event,
                    ticket_type=data["ticket_type"],
                    given_name=data["given_name"],
                    family_name=data["family_name"],
                    email=data["email"],
                    organization=data["organization"],
                    job_title=data["job_title"],
                    country=data["country"],
                    sector=data["sector"],
                    consent_marketing=data["consent_marketing"],
                    latin_name=data.get("latin_name", ""),
                    language=translation.get_language(),
                    billing_address=data.get("billing_address", ""),
                    billing_business_number=data.get("billing_business_number", ""),
                )
            except registrations.RegistrationClosed:
                # The window closed, or the ticket went off sale, while the form was open.
                window = attendance.RegistrationWindow("closed", closes=timezone.now())
                return render(
                    request,
                    "registration/register_closed.html",
                    {"event": event, "window": window},
                )
            except OperationalError as error:
                if not is_busy(error):
                    raise  # a real fault (a missing table, a lost connection): the 500 page
                # The database stayed locked (SQLite) or timed out (PostgreSQL): nothing was
                # saved. Say so and keep everything the person typed, to send again.
                logger.warning("registration not saved, database busy: %s", error)
                form.add_error(None, BUSY_MESSAGE)
                response = render(
                    request,
                    "registration/register.html",
                    {"event": event, "form": form, "busy": True},
                    status=503,
                )
                response["Retry-After"] = "10"
                return response
            return redirect("registration:register_done")
    else:
        form = RegistrationForm(ticket_types=ticket_types)
    return render(
        request,
        "registration/register.html",
        {"event": event, "form": form},
    )


@require_safe
def register_done(request):
    # The same page whatever happened, so it never tells whether an address is known.
    return render(request, "registration/register_done.html")


@never_cache
@require_safe
def manage(request, token):
    registration = attendance.registration_for_attendee(token=token)
    context = {
        "registration": registration,
        "amount": format_amount(registration.amount, registration.currency),
        "documents": attendance.attendee_documents(registration=registration),
    }
    return _private(render(request, "registration/manage.html", context))


def _document_response(request, registration, invoice, *, receipt_paid_on=None):
    try:
        pdf = document_pdf(invoice, receipt_paid_on=receipt_paid_on)
    except badges.BadgeFontsMissing:
        logger.error("document %s: the CJK fonts are missing", invoice.number)
        messages.error(
            request,
            _("Your document cannot be made right now. Please try again later, or write to us."),
        )
        return redirect(registration)
    filename = document_filename(invoice, receipt=receipt_paid_on is not None)
    return _private(badges.pdf_response(pdf, filename))


@require_safe
def manage_document(request, token, number):
    """An invoice or credit note issued to the registration, as PDF."""
    registration = attendance.registration_for_attendee(token=token)
    invoice = get_object_or_404(registration.invoices.select_related("event"), number=number)
    return _document_response(request, registration, invoice)


@require_safe
def manage_receipt(request, token, number):
    """The receipt for a paid invoice, as PDF."""
    registration = attendance.registration_for_attendee(token=token)
    invoice = get_object_or_404(
        registration.invoices.select_related("event"), number=number, kind="invoice"
    )
    if registration.paid_at is None:
        raise Http404
    paid_on = timezone.localdate(registration.paid_at)
    return _document_response(request, registration, invoice, receipt_paid_on=paid_on)


@require_safe
def manage_qr(request, token):
    registration = attendance.registration_for_attendee(token=token)
    if registration.status != Registration.Status.CONFIRMED:
        return _private(HttpResponse(status=404))
    svg = emails.qr_svg(request.build_absolute_uri(registration.checkin_url()))
    return _private(HttpResponse(svg, content_type="image/svg+xml"))


@require_safe
def manage_calendar(request, token):
    registration = attendance.registration_for_attendee(token=token)
    content = calendar.event_calendar(registration.event, url=request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    filename = calendar.event_filename(registration.event)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_cancel(request, token):
    registration = attendance.registration_for_attendee(token=token)
    if not registration.is_active:
        messages.info(request, _("This registration is already cancelled."))
        return redirect(registration)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm that you want to cancel."))
            return redirect("registration:manage_cancel", token=token)
        registrations.registration_cancel(registration=registration)
        messages.success(
            request, _("Your registration is cancelled. We have sent you an e-mail to confirm.")
        )
        return redirect(registration)
    return _private(
        render(request, "registration/manage_cancel.html", {"registration": registration})
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_delete(request, token):
    registration = attendance.registration_for_attendee(token=token)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm that you want your data deleted."))
            return redirect("registration:manage_delete", token=token)
        privacy.registration_anonymize(registration=registration)
        return redirect("registration:deleted")
    return _private(
        render(request, "registration/manage_delete.html", {"registration": registration})
    )


@require_safe
def registration_deleted(request):
    return render(request, "registration/deleted.html", {"now": timezone.now()})
