from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from common.spreadsheets import SpreadsheetAdminMixin
from landscape.models import Company, Country, Highlight, KeyFigure, Overview, Program
from landscape.resources import CompanyResource, ProgramResource


@admin.register(Overview)
class OverviewAdmin(TabbedTranslationAdmin):
    list_display = ["title", "as_of", "updated"]
    fieldsets = [
        (None, {"fields": ["title", "intro", "as_of"]}),
        (_("Growth drivers"), {"fields": ["drivers_intro", "growth_drivers"]}),
        (_("Closing"), {"fields": ["closing_remarks"]}),
    ]

    def has_add_permission(self, request):
        # The overview is a single row: add only when none exists.
        return super().has_add_permission(request) and not Overview.objects.exists()


class KeyFigureInline(TranslationTabularInline):
    model = KeyFigure
    extra = 0
    fields = ["metric", "value", "display", "as_of", "source", "order"]


class HighlightInline(TranslationStackedInline):
    model = Highlight
    extra = 0
    fields = [("topic", "order"), "text", "companies", "source_url"]
    autocomplete_fields = ["companies"]


@admin.register(Country)
class CountryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "iso_code", "order", "company_count", "highlight_count"]
    list_editable = ["order"]
    search_fields = ["name", "iso_code"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "iso_code", "order", "summary"]}),
        (
            _("Regional snapshot"),
            {"fields": ["regulatory_progress", "trials_activity", "growth_indicators"]},
        ),
    ]
    inlines = [KeyFigureInline, HighlightInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_companies=Count("companies", distinct=True),
                n_highlights=Count("highlights", distinct=True),
            )
        )

    @admin.display(description=_("companies"), ordering="n_companies")
    def company_count(self, obj):
        return obj.n_companies

    @admin.display(description=_("highlights"), ordering="n_highlights")
    def highlight_count(self, obj):
        return obj.n_highlights


@admin.register(KeyFigure)
class KeyFigureAdmin(TabbedTranslationAdmin):
    list_display = ["country", "metric", "display_text", "value", "as_of"]
    list_filter = ["country", "metric"]
    list_select_related = ["country"]
    search_fields = ["country__name", "display", "source"]
    autocomplete_fields = ["country"]


@admin.register(Highlight)
class HighlightAdmin(TabbedTranslationAdmin):
    list_display = ["short_text", "country", "topic", "order"]
    list_display_links = ["short_text"]
    list_editable = ["order"]
    list_filter = ["country", "topic"]
    list_select_related = ["country"]
    search_fields = ["text", "companies__name"]
    autocomplete_fields = ["country", "companies"]
    fields = ["country", "topic", "text", "companies", "order", "source_url"]

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"


class ProgramInline(TranslationTabularInline):
    model = Program
    extra = 0
    fields = ["name", "modality", "indication", "phase", "status_note", "order"]


@admin.register(Company)
class CompanyAdmin(SpreadsheetAdminMixin, TabbedTranslationAdmin):
    resource_classes = [CompanyResource]
    list_display = [
        "logo_thumbnail",
        "name",
        "country",
        "headquarters",
        "in_pipeline_list",
        "program_count",
    ]
    list_display_links = ["logo_thumbnail", "name"]
    list_filter = ["country", "in_pipeline_list"]
    list_select_related = ["country"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    readonly_fields = ["logo_preview"]
    fields = [
        "name",
        "slug",
        ("country", "headquarters"),
        "website",
        ("logo", "logo_preview"),
        "description",
        "in_pipeline_list",
    ]
    inlines = [ProgramInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_programs=Count("programs"))

    @admin.display(description=_("programs"), ordering="n_programs")
    def program_count(self, obj):
        return obj.n_programs

    @admin.display(description=_("logo"))
    def logo_thumbnail(self, obj):
        if not obj.logo:
            return "—"
        return format_html(
            '<img src="{}" alt="" class="admin-logo-thumb" width="40" height="40">',
            obj.logo.url,
        )

    @admin.display(description=_("preview"))
    def logo_preview(self, obj):
        if not obj.logo:
            return _("No logo uploaded.")
        return format_html(
            '<img src="{}" alt="{}" class="admin-logo-preview" width="160">',
            obj.logo.url,
            obj.name,
        )


@admin.register(Program)
class ProgramAdmin(SpreadsheetAdminMixin, TabbedTranslationAdmin):
    resource_classes = [ProgramResource]
    list_display = ["name", "company", "modality", "indication", "phase"]
    list_filter = ["phase", "modality", "company__country"]
    list_select_related = ["company"]
    search_fields = ["name", "indication", "company__name"]
    autocomplete_fields = ["company"]
