"""The programme in the admin: the event, speakers and sessions."""

from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from common.spreadsheets import SpreadsheetAdminMixin
from registration.admin.defaults import CurrentEventDefaultsMixin, SessionDefaultsMixin
from registration.models import Event, Session, SessionSpeaker, Speaker
from registration.resources import SpeakerResource

# The fields that decide when attendees' data is erased and where their replies go: only
# organizers with the schedule permission change them, not content editors.
SCHEDULE_FIELDS = ["start", "end", "registration_opens", "registration_closes", "contact_email"]
# Where attendees send money and what invoices print: superusers only (a changed bank account
# would redirect every transfer).
INVOICE_FIELDS = ["business_number", "bank_details", "vat_rate", "invoice_prefix"]


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    list_display = ["name", "start", "venue", "city"]
    search_fields = ["name", "venue", "city"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "tagline", "description"]}),
        (
            _("Where and when (Korea time)"),
            {"fields": ["venue", "city", "country", "start", "end", "doors_open"]},
        ),
        (
            _("Registration"),
            {"fields": ["registration_opens", "registration_closes", "contact_email"]},
        ),
        (
            _("Organizer"),
            {"fields": ["organizer_name", "organizer_address", "next_edition_url"]},
        ),
        (_("Invoices"), {"fields": INVOICE_FIELDS}),
    ]

    def _may_change_schedule(self, request):
        return request.user.has_perm("registration.change_event_schedule")

    def get_readonly_fields(self, request, obj=None):
        readonly = [*self.readonly_fields]
        if not self._may_change_schedule(request):
            readonly += SCHEDULE_FIELDS
        if not request.user.is_superuser:
            # Where attendees send money: only the organizers who run everything change it.
            readonly += INVOICE_FIELDS
        elif obj is not None and obj.invoice_count:
            readonly.append("invoice_prefix")  # numbers issued: the series keeps its prefix
        return readonly

    def has_add_permission(self, request):
        # A new event needs its dates.
        return super().has_add_permission(request) and self._may_change_schedule(request)


@admin.register(Speaker)
class SpeakerAdmin(CurrentEventDefaultsMixin, SpreadsheetAdminMixin, TabbedTranslationAdmin):
    resource_classes = [SpeakerResource]
    list_display = ["avatar", "name", "role", "organization", "country", "featured", "order"]
    list_display_links = ["avatar", "name"]
    list_editable = ["featured", "order"]
    list_filter = ["event", "featured", "country"]
    list_select_related = ["country"]
    search_fields = ["name", "organization", "role"]
    ordering = ["order", "name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["company", "country"]
    readonly_fields = ["photo_preview"]
    fields = [
        "event",
        "name",
        "slug",
        "role",
        "organization",
        "company",
        "country",
        ("photo", "photo_preview"),
        "bio",
        ("featured", "order"),
    ]

    @admin.display(description=_("photo"))
    def avatar(self, obj):
        if not obj.photo_thumbnail:
            return obj.initials
        return format_html(
            '<img src="{}" alt="" class="admin-speaker-thumb" width="40" height="40">',
            obj.photo_thumbnail.url,
        )

    @admin.display(description=_("preview"))
    def photo_preview(self, obj):
        if not obj.photo:
            return _("No photo: the pages show the speaker's initials.")
        return format_html(
            '<img src="{}" alt="{}" class="admin-speaker-preview" width="160">',
            obj.photo_thumbnail.url if obj.photo_thumbnail else obj.photo.url,
            obj.name,
        )


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    extra = 2
    autocomplete_fields = ["speaker"]
    fields = ["speaker", "role", "order"]


@admin.register(Session)
class SessionAdmin(SessionDefaultsMixin, TabbedTranslationAdmin):
    list_display = ["title", "kind", "starts", "room", "speaker_count"]
    list_filter = ["event", "kind", "room"]
    list_select_related = ["event"]
    search_fields = ["title", "description", "speakers__name"]
    date_hierarchy = "start"
    fields = ["event", "title", "kind", ("start", "end"), "room", "language", "description"]
    inlines = [SessionSpeakerInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_speakers=Count("appearances"))

    @admin.display(description=_("starts (KST)"), ordering="start")
    def starts(self, obj):
        return timezone.localtime(obj.start).strftime("%Y-%m-%d %H:%M")

    @admin.display(description=_("speakers"), ordering="n_speakers")
    def speaker_count(self, obj):
        return obj.n_speakers
