"""The organizers' admin: its sections in the order the team works (the event and its
registrations, then the landscape, then people and security logs, then the rest), and the
team's dashboard. Django's own permission checks decide what each person sees; this only
orders it."""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from registration.views import dashboard

# Apps in the order organizers work; any app not named here comes after them, by name.
APP_ORDER = ["registration", "landscape", "auth", "axes"]

# Models in the order they are used; any model not named here comes after them, by name.
MODEL_ORDER = {
    "registration": [
        "event",
        "tickettype",
        "registration",
        "payment",
        "invoice",
        "email",
        "announcement",
        "session",
        "speaker",
        "page",
        "sponsor",
    ],
    "landscape": ["overview", "country", "keyfigure", "highlight", "company", "program"],
    "auth": ["user", "group"],
}


def _rank(order, key, name):
    return (order.index(key), "") if key in order else (len(order), str(name).lower())


class OrganizersAdminSite(admin.AdminSite):
    # Shown only before an event exists; templates/admin/base_site.html names the event.
    site_header = _("Conference administration")
    site_title = _("Conference administration")
    index_title = _("Content and event administration")

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        app_list.sort(key=lambda app: _rank(APP_ORDER, app["app_label"], app["name"]))
        for app in app_list:
            order = MODEL_ORDER.get(app["app_label"], [])
            app["models"].sort(
                key=lambda model: _rank(order, model["object_name"].lower(), model["name"])
            )
        return app_list

    def get_urls(self):
        return [
            path("dashboard/", self.admin_view(self.dashboard_view), name="dashboard"),
            *super().get_urls(),
        ]

    def dashboard_view(self, request):
        return dashboard.dashboard(request, context=self.each_context(request))
