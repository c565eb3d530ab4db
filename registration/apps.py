from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_current_event(sender, **kwargs):
    # Models are not loaded when this module is: import when the signal fires.
    from registration.selectors.programme import current_event_forget  # noqa: PLC0415

    transaction.on_commit(current_event_forget)


def _forget_site_content(sender, **kwargs):
    from registration.selectors.content import site_content_forget  # noqa: PLC0415

    transaction.on_commit(site_content_forget)


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Event and registration")

    def ready(self):
        # Cache invalidation is plumbing, not a rule of ours, so it rides on signals: every
        # way an event is saved or deleted (admin, import, shell, seed) clears the cache.
        event = self.get_model("Event")
        post_save.connect(_forget_current_event, sender=event, dispatch_uid="forget-event-save")
        post_delete.connect(_forget_current_event, sender=event, dispatch_uid="forget-event-del")
        # The navigation links to published pages and to the current event's sponsors when
        # there are any: a new or deleted event can change that too.
        for name in ("Page", "Sponsor", "Event"):
            model = self.get_model(name)
            post_save.connect(_forget_site_content, sender=model, dispatch_uid=f"forget-{name}")
            post_delete.connect(
                _forget_site_content, sender=model, dispatch_uid=f"forget-{name}-del"
            )
