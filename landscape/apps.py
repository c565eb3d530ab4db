from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

from common.content import content_changed


class LandscapeConfig(AppConfig):
    name = "landscape"
    verbose_name = _("East Asia CGT landscape")

    def ready(self):
        # Everything in the landscape is public: any change retires the cached pages
        # (common.content), whichever way it is made (admin, import, shell, seed).
        for model in self.get_models():
            uid = f"content-{model._meta.label_lower}"
            post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
        companies = self.get_model("Highlight").companies.through
        m2m_changed.connect(content_changed, sender=companies, dispatch_uid="content-highlight")
