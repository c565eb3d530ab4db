"""The door: staff with the check-in permission check attendees in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from registration.forms import CheckInSearchForm
from registration.selectors import attendance
from registration.services import checkin as checkin_service

staff_only = permission_required("registration.check_in", raise_exception=True)


@never_cache
@login_required
@staff_only
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request, token):
    registration = attendance.registration_for_checkin(token=token)
    if request.method == "POST":
        try:
            result = checkin_service.attendee_check_in(registration=registration)
        except checkin_service.CheckInRefused as refusal:
            messages.error(request, str(refusal))
        else:
            when = formats.date_format(
                timezone.localtime(result.registration.checked_in_at), "SHORT_DATETIME_FORMAT"
            )
            if result.first_time:
                messages.success(
                    request,
                    _("%(name)s is checked in.") % {"name": result.registration.full_name},
                )
            else:
                messages.warning(
                    request,
                    _("Already checked in at %(when)s KST.") % {"when": when},
                )
        return redirect("registration:checkin", token=token)
    return render(request, "registration/checkin.html", {"registration": registration})


@never_cache
@login_required
@staff_only
@require_safe
def checkin_desk(request):
    form = CheckInSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = attendance.checkin_search(query=query) if query else []
    return render(
        request,
        "registration/checkin_desk.html",
        {"form": form, "query": query, "results": results},
    )
