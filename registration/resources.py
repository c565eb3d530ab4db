"""Spreadsheet (CSV) import and export of speakers, for the admin (photos stay in the admin)."""

from import_export import fields, widgets

from common.spreadsheets import SafeModelResource
from landscape.models import Company, Country
from registration.models import Event, Speaker


class SpeakerResource(SafeModelResource):
    event = fields.Field(
        attribute="event", column_name="event", widget=widgets.ForeignKeyWidget(Event, "slug")
    )
    company = fields.Field(
        attribute="company",
        column_name="company",
        widget=widgets.ForeignKeyWidget(Company, "slug"),
    )
    country = fields.Field(
        attribute="country",
        column_name="country",
        widget=widgets.ForeignKeyWidget(Country, "slug"),
    )

    class Meta:
        model = Speaker
        fields = (
            "slug",
            "name",
            "event",
            "role",
            "organization",
            "company",
            "country",
            "bio",
            "featured",
            "order",
        )
        export_order = fields
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False
