from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Helpers both apps use: images, spreadsheets, rich text, the client's address, the
    seed ledger. It imports neither app."""

    name = "common"
    verbose_name = _("Site tools")
