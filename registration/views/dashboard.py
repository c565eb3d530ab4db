"""The registration team's dashboard in the admin: counts for the current event, as charts
and tables, and the same numbers as one CSV file."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from common.spreadsheets import csv_response
from registration.selectors import dashboard as selectors
from registration.selectors.programme import current_event


def dashboard(request, *, context):
    """`context` is the admin site's own (each_context); the site wraps this view in its
    admin_view, which sends anonymous people to the login page."""
    # Counts of attendees are attendance data: for the registration desk and superusers.
    if not request.user.has_perm("registration.view_registration"):
        raise PermissionDenied
    board = selectors.registration_dashboard(event=current_event())
    if request.GET.get("format") == "csv":
        rows = selectors.dashboard_csv_rows(board) if board else []
        return csv_response(
            "registration-dashboard.csv",
            header=[_("Section"), _("Label"), _("Count")],
            rows=rows,
        )
    return TemplateResponse(
        request,
        "admin/dashboard.html",
        {**context, "title": _("Registration dashboard"), "subtitle": None, "board": board},
    )
