"""The participation report for a council meeting: the dashboard's figures as a standalone
HTML page (plotly.js inlined from the vendored file: it opens offline), a CSV (UTF-8 with a
BOM, so that a spreadsheet reads the accents; French headings) or an Excel workbook."""

import csv
import io
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from . import panels, selectors
from .selectors import Period

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PLOTLY_JS = Path(settings.BASE_DIR) / "static" / "vendor" / "plotly" / "plotly.min.js"
CHARTS_JS = Path(settings.BASE_DIR) / "static" / "js" / "charts.js"


def report_tables(period: Period) -> tuple[list[panels.KeyFigure], list[panels.Table]]:
    """The report's figures: the same aggregated, suppressed panels as the dashboard."""
    raw = selectors.participation_raw(period)
    built = panels.dashboard_panels(raw, period)
    tables = [
        built["series"],
        *built["representativeness"],
        built["channels"],
        *built["tables"],
        *panels.moderation_tables(selectors.moderation_figures(period)),
    ]
    return built["key_figures"], tables


def _key_table(key_figures) -> panels.Table:
    return panels.Table(
        key="key",
        caption=_("Chiffres clés"),
        columns=[_("Indicateur"), _("Période"), _("Période précédente"), _("Évolution")],
        rows=[
            [panels.Cell(None, f.label), f.current, f.previous, panels.Cell(None, f.change)]
            for f in key_figures
        ],
    )


def filename(period: Period, format: str) -> str:
    return f"rapport-participation-{period.since}-{period.until}.{format}"


def render(period: Period, format: str) -> bytes:
    key_figures, tables = report_tables(period)
    if format == "csv":
        return _csv([_key_table(key_figures), *tables])
    if format == "xlsx":
        return _xlsx([_key_table(key_figures), *tables], period)
    return _html(period, key_figures, tables)


def _csv(tables) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for table in tables:
        writer.writerow([table.caption])
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow([cell.display for cell in row])
        writer.writerow([])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(tables, period: Period) -> bytes:
    """One sheet per table: numbers as numbers, hidden cells as the text "< 10"."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for i, table in enumerate(tables, start=1):
        title = f"{i} {table.caption}"[:31].translate(str.maketrans("[]:*?/\\", "       "))
        while title in used:
            title = title[:-1]
        used.add(title)
        sheet = book.create_sheet(title)
        sheet.append([table.caption])
        sheet["A1"].font = Font(bold=True)
        sheet.append(
            [
                _("Du %(since)s au %(until)s")
                % {
                    "since": period.since.strftime("%d/%m/%Y"),
                    "until": period.until.strftime("%d/%m/%Y"),
                }
            ]
        )
        sheet.append(table.columns)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(
                [
                    cell.value
                    if isinstance(cell.value, int | float) and not cell.hidden
                    else cell.display
                    for cell in row
                ]
            )
        sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _html(period: Period, key_figures, tables) -> bytes:
    return render_to_string(
        "analytics/report.html",
        {
            "period": period,
            "key_figures": key_figures,
            "tables": tables,
            "generated_at": timezone.localtime(),
            "plotly_js": PLOTLY_JS.read_text(encoding="utf-8"),
            "charts_js": CHARTS_JS.read_text(encoding="utf-8"),
        },
    ).encode("utf-8")
