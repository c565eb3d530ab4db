"""Spreadsheet (CSV) import and export of companies and programs, for the admin.

Rows are matched on natural keys (slugs, and company/name/indication for programs), so a
sheet exported, edited and imported again updates rows instead of duplicating them. Every
row is validated like an admin form; one bad row stops the whole import.
"""

from import_export import fields, widgets

from common.spreadsheets import SafeModelResource
from landscape.models import Company, Country, Program


class CompanyResource(SafeModelResource):
    country = fields.Field(
        attribute="country",
        column_name="country",
        widget=widgets.ForeignKeyWidget(Country, field="slug"),
    )

    class Meta:
        model = Company
        fields = (
            "slug",
            "name",
            "country",
            "headquarters",
            "website",
            "description",
            "in_pipeline_list",
        )
        export_order = fields
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False


class ProgramResource(SafeModelResource):
    company = fields.Field(
        attribute="company",
        column_name="company",
        widget=widgets.ForeignKeyWidget(Company, field="slug"),
    )

    class Meta:
        model = Program
        fields = (
            "company",
            "name",
            "indication",
            "modality",
            "phase",
            "status_note",
            "source",
            "order",
        )
        export_order = fields
        import_id_fields = ("company", "name", "indication")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False
