"""CSV import/export in the admin (django-import-export), all-or-nothing."""

from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV


class SpreadsheetAdminMixin(ImportExportMixin):
    """Import shows a preview with row-level errors; a file with any bad row imports
    nothing, even if the data changed between preview and confirmation."""

    formats = [CSV]

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}
