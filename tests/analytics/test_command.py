"""`participation_report`: the staff report from the command line, in each format."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry


@pytest.mark.parametrize("format", ["html", "csv", "xlsx"])
def test_the_command_writes_the_report(tmp_path, town, format):
    out = tmp_path / f"rapport.{format}"
    stdout = io.StringIO()
    call_command(
        "participation_report",
        str(out),
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-30",
        "--format",
        format,
        stdout=stdout,
    )
    assert "du 01/11/2026 au 30/11/2026" in stdout.getvalue()
    content = out.read_bytes()
    if format == "xlsx":
        book = load_workbook(io.BytesIO(content))
        rows = list(book[book.sheetnames[0]].iter_rows(values_only=True))
        assert ("Participants uniques", 39, 10, "+290 %") in rows
    else:
        text = content.decode("utf-8-sig")
        assert "Participants uniques" in text and "39" in text
    entry = ModelLogEntry.objects.get(action="analytics.report.download")
    assert entry.user_id is None and entry.data["format"] == format


def test_a_bad_date_is_a_clear_error(tmp_path, db):
    with pytest.raises(CommandError, match="Date invalide"):
        call_command("participation_report", str(tmp_path / "r.csv"), "--since", "hier")
