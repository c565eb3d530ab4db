"""The pages organizers write and the event's sponsors, in the admin."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from registration.admin.defaults import CurrentEventDefaultsMixin
from registration.models import Page, Sponsor


@admin.register(Page)
class PageAdmin(TabbedTranslationAdmin):
    list_display = ["title", "kind", "published", "updated"]
    list_filter = ["published"]
    fields = ["kind", "title", "summary", "body", "published"]

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(Sponsor)
class SponsorAdmin(CurrentEventDefaultsMixin, TabbedTranslationAdmin):
    list_display = ["logo_thumbnail", "name", "tier", "event", "order"]
    list_display_links = ["logo_thumbnail", "name"]
    list_editable = ["order"]
    list_filter = ["event", "tier"]
    list_select_related = ["event"]
    search_fields = ["name"]
    readonly_fields = ["logo_preview"]
    fields = ["event", "name", "tier", ("logo", "logo_preview"), "website", "description", "order"]

    @admin.display(description=_("logo"))
    def logo_thumbnail(self, obj):
        if not obj.logo:
            return "—"
        return format_html(
            '<img src="{}" alt="" class="admin-logo-thumb" width="40" height="40">', obj.logo.url
        )

    @admin.display(description=_("preview"))
    def logo_preview(self, obj):
        if not obj.logo:
            return _("No logo uploaded.")
        return format_html(
            '<img src="{}" alt="{}" class="admin-logo-preview" width="160">', obj.logo.url, obj.name
        )
