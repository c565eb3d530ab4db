from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CgtEventConfig(AppConfig):
    name = "cgt_event"
    verbose_name = _("Site")

    def ready(self):
        from cgt_event import checks  # noqa: F401, PLC0415 — registers the deploy checks


class OrganizersAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site: sections in the organizers' order and their dashboard."""

    default = False  # "cgt_event" in INSTALLED_APPS still means CgtEventConfig
    default_site = "cgt_event.admin_site.OrganizersAdminSite"
