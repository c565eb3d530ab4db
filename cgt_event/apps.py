from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CgtEventConfig(AppConfig):
    name = "cgt_event"
    verbose_name = _("Site")

    def ready(self):
        from cgt_event import checks  # noqa: F401, PLC0415 — registers the deploy checks
