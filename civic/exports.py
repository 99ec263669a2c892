"""Spreadsheet exports of the admin listings, readable by the spreadsheet a city agent opens.

Wagtail's `SpreadsheetExportMixin` writes CSV in UTF-8 without a byte order mark, so Excel
reads "déposée" as "dÃ©posÃ©e", and it heads the primary key column "Pk". A listing view
mixes `FrenchSpreadsheetExportMixin` in before Wagtail's view: the CSV starts with the UTF-8
BOM and the id column is headed "N°". Choice fields are exported by their label when
`list_export` names `get_<field>_display` (headed by the field's verbose name).
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

UTF8_BOM = "\ufeff"


ID_HEADING = _("N°")


class FrenchSpreadsheetExportMixin:
    """Before Wagtail's listing view in the bases; the view's own `export_headings` win."""

    def stream_csv(self, queryset):
        yield UTF8_BOM
        yield from super().stream_csv(queryset)

    def get_heading(self, queryset, field):
        if field in self.export_headings:
            return str(self.export_headings[field])
        if field in ("pk", "id"):
            return str(ID_HEADING)
        if field.startswith("get_") and field.endswith("_display"):
            name = field[len("get_") : -len("_display")]
            try:
                return capfirst(str(queryset.model._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                pass
        return super().get_heading(queryset, field)
