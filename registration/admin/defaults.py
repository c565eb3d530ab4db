"""What a new object in the admin starts with: the event the site is about, so organizers
do not pick it from a list for every speaker, session, ticket type and sponsor; and the
admin of records nobody edits by hand."""

from datetime import timedelta

from django.contrib import admin
from django.utils import timezone

from registration.selectors.programme import current_event


class CurrentEventDefaultsMixin:
    """Preselects the current event on the add form; a value in the query string wins."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        event = current_event()
        if event is not None:
            initial.setdefault("event", event.pk)
        return initial


class SessionDefaultsMixin(CurrentEventDefaultsMixin):
    """A new session also starts on the event's day (Korea time) and lasts an hour: at the
    event's start when organizers set a time, else at 09:00, not at midnight."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        event = current_event()
        if event is not None and "start" not in initial:
            start = timezone.localtime(event.start)
            if event.is_all_day:
                start = start.replace(hour=9, minute=0, second=0, microsecond=0)
            initial["start"] = start
            initial.setdefault("end", start + timedelta(hours=1))
        return initial


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the services only (e-mails, documents, money): listed and shown,
    never added, changed or deleted by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
