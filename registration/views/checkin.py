"""The door: staff with the check-in permission check attendees in, from the desk's search,
its camera scanner, or the QR link a phone camera opens.

After every action the desk shows exactly one state (checked in, already checked in,
cancelled, waiting list, undone), kept in the session for the page the POST redirects to
(POST/redirect/GET), or returned as JSON to the scanner.
"""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.db import OperationalError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.csp import CSP
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from registration import badges
from registration.forms import CheckInSearchForm
from registration.models import Registration
from registration.selectors import attendance
from registration.services import checkin as checkin_service
from registration.views.attendee import is_busy

logger = logging.getLogger(__name__)

staff_only = permission_required("registration.check_in", raise_exception=True)


def door_view(view):
    """Every door page: staff with the check-in permission only, never cached."""
    return never_cache(login_required(staff_only(view)))


SESSION_KEY = "door_outcome"
SEARCH_LIMIT = 30

# The desk's scanner falls back to a WebAssembly QR reader (zxing, from npm) where the
# browser has no BarcodeDetector: this page alone may compile WebAssembly. Still no eval,
# no inline script.
DESK_CSP = {**settings.SECURE_CSP, "script-src": [CSP.SELF, CSP.WASM_UNSAFE_EVAL]}


def _clock(moment):
    """ "09:12", or with the date when it was not today (Korea time)."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return formats.time_format(local, "H:i")
    return formats.date_format(local, "SHORT_DATETIME_FORMAT")


def door_outcome(kind, registration):
    """What the desk shows after an action: one state, a headline, the person."""
    state, headline = "ok", ""
    if kind == "checked_in":
        headline = _("Checked in %(time)s") % {"time": _clock(registration.checked_in_at)}
    elif kind == "already":
        state = "warn"
        by = registration.checked_in_by
        when = _clock(registration.checked_in_at)
        headline = (
            _("Already checked in at %(time)s by %(name)s")
            % {"time": when, "name": by.get_username()}
            if by is not None
            else _("Already checked in at %(time)s") % {"time": when}
        )
    elif kind == "cancelled":
        state, headline = "stop", _("Cancelled")
    elif kind == "waitlisted":
        state, headline = "stop", _("Waiting list, no seat")
    elif kind == "unpaid":
        state, headline = "stop", _("Not paid yet: no ticket")
    elif kind == "other_event":
        state = "stop"
        headline = _("Ticket for another event: %(event)s") % {
            "event": registration.event.display_short_name
        }
    elif kind == "undone":
        state, headline = "info", _("Check-in undone")
    elif kind == "busy":
        state, headline = "stop", _("Not saved: the system is busy. Press the button again.")
    return {
        "kind": kind,
        "state": state,
        "headline": headline,
        "name": registration.full_name,
        "latin_name": registration.latin_name,
        "organization": registration.organization,
        "ticket": registration.ticket_type.name,
        "reference": registration.reference,
        "token": registration.checkin_token,
        "badge_url": (
            registration.badge_url()
            if registration.checked_in_at is not None and kind != "undone"
            else ""
        ),
        "undo_url": (
            registration.undo_checkin_url() if registration.checked_in_at is not None else ""
        ),
    }


def _counts_payload(event):
    by_ticket = [
        {"name": ticket.name, "checked_in": ticket.n_checked_in, "confirmed": ticket.n_confirmed}
        for ticket in attendance.checkin_counts(event=event)
    ]
    return {
        "checked_in": sum(ticket["checked_in"] for ticket in by_ticket),
        "confirmed": sum(ticket["confirmed"] for ticket in by_ticket),
        "by_ticket": by_ticket,
    }


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _back(request, registration):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(registration.checkin_url())


def _done(request, kind, registration):
    """Answer an action: JSON for the scanner, else remember the outcome and redirect."""
    outcome = door_outcome(kind, registration)
    if _wants_json(request):
        return JsonResponse({**outcome, "counts": _counts_payload(attendance.door_event())})
    request.session[SESSION_KEY] = {"kind": kind, "token": registration.checkin_token}
    return _back(request, registration)


def _pop_outcome(request):
    """The outcome of the action that redirected here, once; None otherwise. When another
    desk has changed the row since (an undo, a check-in), the row's state wins."""
    stored = request.session.pop(SESSION_KEY, None)
    if not stored:
        return None
    registration = (
        Registration.objects.filter(checkin_token=stored["token"])
        .select_related("event", "ticket_type", "checked_in_by")
        .first()
    )
    if registration is None:
        return None
    checked_in = registration.checked_in_at is not None
    if stored["kind"] in ("checked_in", "already") and not checked_in:
        return current_state(registration)
    if stored["kind"] == "undone" and checked_in:
        return current_state(registration)
    return door_outcome(stored["kind"], registration)


def current_state(registration, door=None):
    """The state a registration is in at the door, before anyone acts."""
    if door is not None and registration.event_id != door.pk:
        return door_outcome("other_event", registration)
    if registration.status == Registration.Status.WAITLISTED:
        return door_outcome("waitlisted", registration)
    if registration.status == Registration.Status.PENDING_PAYMENT:
        return door_outcome("unpaid", registration)
    if registration.status != Registration.Status.CONFIRMED:
        return door_outcome("cancelled", registration)
    if registration.checked_in_at is not None:
        return door_outcome("already", registration)
    return None


@door_view
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request, token):
    """The page a QR code opens on a phone: the person, their state, one big button. A
    POST checks them in (the desk's buttons and scanner post here too)."""
    registration = attendance.registration_for_checkin(token=token)
    door = attendance.door_event()
    if request.method == "POST":
        return _check_in(request, registration, door)
    outcome = _pop_outcome(request)
    if outcome is None or outcome["token"] != registration.checkin_token:
        outcome = current_state(registration, door)
    return render(
        request,
        "registration/checkin.html",
        {
            "registration": registration,
            "outcome": outcome,
            "history": registration.checkins.select_related("by")[:10],
            "door": _counts_payload(door),
        },
    )


def _busy(request, registration, error):
    """The database stayed locked or timed out: nothing changed. Say so, and offer the same
    button again, instead of the error page."""
    if not is_busy(error):
        raise error  # a real fault, not a busy moment: the error page
    logger.warning("door action not saved, database busy: %s", registration.reference)
    if _wants_json(request):
        response = JsonResponse({"kind": "busy"}, status=503)
    else:
        response = render(
            request,
            "registration/checkin.html",
            {"registration": registration, "outcome": door_outcome("busy", registration)},
            status=503,
        )
    response["Retry-After"] = "5"
    return response


def _check_in(request, registration, door):
    try:
        result = checkin_service.attendee_check_in(
            registration=registration, by=request.user, event=door
        )
    except checkin_service.CheckInRefused as refusal:
        return _done(request, refusal.kind, registration)
    except OperationalError as error:
        return _busy(request, registration, error)
    return _done(request, "checked_in" if result.first_time else "already", result.registration)


@door_view
@require_POST
def checkin_undo(request, token):
    registration = attendance.registration_for_checkin(token=token)
    try:
        current, _undone = checkin_service.attendee_check_in_undo(
            registration=registration, by=request.user
        )
    except OperationalError as error:
        return _busy(request, registration, error)
    return _done(request, "undone", current)


@door_view
@require_safe
@csp_override(DESK_CSP)
def checkin_desk(request):
    door = attendance.door_event()
    form = CheckInSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = attendance.checkin_search(query=query, event=door) if query and door else []
    results, more = found[:SEARCH_LIMIT], len(found) > SEARCH_LIMIT
    return render(
        request,
        "registration/checkin_desk.html",
        {
            "form": form,
            "query": query,
            "results": [(registration, current_state(registration)) for registration in results],
            "more": more,
            "limit": SEARCH_LIMIT,
            "outcome": _pop_outcome(request),
            "door": _counts_payload(door),
        },
    )


@door_view
@require_safe
def checkin_counts(request):
    """Checked in / confirmed, for the desk to refresh its count while other desks work."""
    return JsonResponse(_counts_payload(attendance.door_event()))


@door_view
@require_safe
def checkin_badge(request, token):
    """One A6 name badge, printed at the desk as the person checks in."""
    registration = attendance.registration_for_badge(token=token)
    try:
        pdf = badges.badges_pdf(
            registrations=[registration],
            layout="a6",
            url_for=lambda person: request.build_absolute_uri(person.checkin_url()),
        )
    except badges.BadgeFontsMissing:
        return render(request, "registration/badge_unavailable.html", status=503)
    return badges.pdf_response(pdf, f"badge-{registration.reference}.pdf")
