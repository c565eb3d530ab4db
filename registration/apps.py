from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

from common.content import content_changed

# Attendees' data, the mail sent to them and their money: none of it shows on a public page.
PERSONAL = {"Registration", "CheckIn", "Announcement", "Email", "Invoice", "Payment"}


def _forget_current_event(sender, **kwargs):
    # Models are not loaded when this module is: import when the signal fires.
    from registration.selectors.programme import current_event_forget  # noqa: PLC0415

    transaction.on_commit(current_event_forget)


def _forget_site_content(sender, **kwargs):
    from registration.selectors.content import site_content_forget  # noqa: PLC0415

    transaction.on_commit(site_content_forget)


def _touch_sessions(session_ids):
    """Move the sessions' update time: who speaks is part of what a session shows (its
    calendar entry's speakers, its Last-Modified and DTSTAMP, the sitemap's lastmod), but a
    speaker added, removed or deleted writes only the through row."""
    from django.utils import timezone  # noqa: PLC0415

    from registration.models import Session  # noqa: PLC0415

    ids = {pk for pk in session_ids if pk is not None}
    if ids:
        Session.objects.filter(pk__in=ids).update(updated=timezone.now())


def _appearance_changed(sender, instance, **kwargs):
    _touch_sessions([instance.session_id])


def _speakers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse and action in ("post_add", "post_remove", "post_clear"):
        _touch_sessions([instance.pk])
    elif reverse and action in ("post_add", "post_remove"):
        _touch_sessions(pk_set or ())
    elif reverse and action == "pre_clear":
        _touch_sessions(instance.sessions.values_list("pk", flat=True))


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
        appearance = self.get_model("SessionSpeaker")
        post_save.connect(_appearance_changed, sender=appearance, dispatch_uid="touch-save")
        post_delete.connect(_appearance_changed, sender=appearance, dispatch_uid="touch-del")
        m2m_changed.connect(_speakers_changed, sender=appearance, dispatch_uid="touch-m2m")
        # Everything else shows on public pages (the programme, tickets, pages, sponsors):
        # a change retires the cached pages. Connected last, so that on commit the caches
        # above are cleared before any process renders a page under the new version.
        for model in self.get_models():
            if model.__name__ in PERSONAL:
                continue
            uid = f"content-{model._meta.label_lower}"
            post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
        # Session.speakers.add() writes the through rows in bulk, without post_save.
        m2m_changed.connect(
            content_changed, sender=self.get_model("SessionSpeaker"), dispatch_uid="content-m2m"
        )
