"""`/admin/analytics/`: who sees what, the period form, and the report's downloads."""

import datetime
import io
import re

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from civic.analytics.models import ParticipationReport

URL = "/admin/analytics/"
NOVEMBER = {"du": "2026-11-01", "au": "2026-11-30", "pas": "week"}


def test_the_url_is_the_one_the_design_card_promises():
    assert reverse("analytics:dashboard") == URL


@pytest.mark.parametrize("role", ["agent", "elected", "administrator"])
def test_staff_officials_and_administrators_see_every_panel(client, town, role):
    client.force_login(getattr(town, role))
    page = client.get(URL, NOVEMBER)
    assert page.status_code == 200
    html = page.content.decode()
    for heading in (
        "Chiffres clés",
        "Représentativité par quartier",
        "Participation par canal",
        "BP 2027 : participation au vote par quartier",
        "Idées par statut et par thème",
        "Modération",
        "Télécharger le rapport",
    ):
        assert heading in html
    assert "0,77 (sous-représenté)" in html


def test_moderators_see_the_moderation_panel_only(client, town):
    client.force_login(town.moderator)
    page = client.get(URL, NOVEMBER)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Délai médian de décision" in html
    assert "Représentativité par quartier" not in html
    assert "Chiffres clés" not in html
    assert "Télécharger le rapport" not in html
    refused = client.get(reverse("analytics:report"), {"format": "csv"})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's refusal
    assert not ParticipationReport.objects.exists()


def test_citizens_are_refused(client, town):
    client.force_login(town.citizen)
    page = client.get(URL, NOVEMBER)
    assert page.status_code == 302  # Wagtail sends people without admin access to its login
    assert "Représentativité" not in page.content.decode()
    assert client.get(reverse("analytics:report"), {"format": "csv"}).status_code == 302
    assert not ParticipationReport.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, town):
    page = client.get(URL)
    assert page.status_code == 302
    assert "/login/" in page["Location"]


def test_the_menu_entry_is_shown_to_the_roles_that_see_the_dashboard(client, town):
    client.force_login(town.agent)
    assert URL in client.get("/admin/").content.decode()


def test_an_inverted_period_is_explained_on_the_form(client, town):
    client.force_login(town.agent)
    page = client.get(URL, {"du": "2026-11-30", "au": "2026-11-01"})
    assert page.status_code == 200
    assert "La date de début doit précéder la date de fin." in page.content.decode()


def test_the_period_form_shows_the_dates_of_the_period_in_use(client, town):
    client.force_login(town.agent)
    with time_machine.travel(datetime.datetime(2026, 12, 2, 10, tzinfo=datetime.UTC), tick=False):
        html = client.get(URL).content.decode()
        only_the_step = client.get(URL, {"pas": "week"}).content.decode()
    assert "Du 03/11/2026 au 02/12/2026" in html
    for page in (html, only_the_step):
        assert re.search(r'<input[^>]*name="du"[^>]*value="2026-11-03"', page)
        assert re.search(r'<input[^>]*name="au"[^>]*value="2026-12-02"', page)
    chosen = client.get(URL, NOVEMBER).content.decode()
    assert re.search(r'<input[^>]*name="du"[^>]*value="2026-11-01"', chosen)


def test_a_malformed_date_is_explained_and_a_nul_byte_refused(client, town):
    client.force_login(town.agent)
    page = client.get(URL, {"du": "pas une date"})
    assert page.status_code == 200
    assert "Saisissez une date valide." in page.content.decode()
    assert client.get(URL, {"du": "2026-11-01\x00"}).status_code == 400


def _download(client, format, **extra):
    return client.get(reverse("analytics:report"), {**NOVEMBER, "format": format, **extra})


def test_csv_report_is_utf8_with_a_bom_and_human_headings(client, town):
    client.force_login(town.agent)
    response = _download(client, "csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(
        'rapport-participation-2026-11-01-2026-11-30.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert "Participants uniques;39;10;+290 %" in text
    assert (
        "Quartier;Participants;Population;Part des participants (%);Indice de représentativité"
        in text
    )
    assert "18 à 29 ans;< 10;" in text


def test_xlsx_report_opens_with_openpyxl_and_holds_the_figures(client, town):
    client.force_login(town.elected)
    response = _download(client, "xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    key = book[book.sheetnames[0]]
    rows = list(key.iter_rows(values_only=True))
    assert rows[0][0] == "Chiffres clés"
    assert ("Participants uniques", 39, 10, "+290 %") in rows
    districts = next(book[name] for name in book.sheetnames if "quartier" in name.lower())
    values = list(districts.iter_rows(values_only=True))
    sud = next(row for row in values if row[0] == "Sud")
    assert sud[1] == 12 and sud[2] == 4000
    assert sud[3] == pytest.approx(30.77, abs=0.01)


def test_html_report_is_standalone_and_contains_the_figures(client, town):
    client.force_login(town.agent)
    response = _download(client, "html")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Participants uniques" in html and ">39<" in html
    assert "0,77 (sous-représenté)" in html
    # plotly.js is inlined: no script, style or image fetched from anywhere.
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert "Plotly" in html and 'data-chart="analytics-districts-chart"' in html


def test_every_download_is_audited(client, town):
    client.force_login(town.agent)
    _download(client, "csv")
    _download(client, "xlsx")
    reports = list(ParticipationReport.objects.order_by("created_at"))
    assert [r.format for r in reports] == ["csv", "xlsx"]
    entries = ModelLogEntry.objects.filter(action="analytics.report.download").order_by("timestamp")
    assert [e.user_id for e in entries] == [town.agent.pk, town.agent.pk]
    assert entries[0].data == {"format": "csv", "since": "2026-11-01", "until": "2026-11-30"}


def test_an_unknown_format_is_a_clear_400(client, town):
    client.force_login(town.agent)
    response = _download(client, "pdf")
    assert response.status_code == 400
    assert "Format ou période invalide" in response.content.decode()
    assert not ParticipationReport.objects.exists()


def test_a_report_prepared_in_the_background_shows_its_progress_then_downloads(
    client, town, django_capture_on_commit_callbacks
):
    client.force_login(town.agent)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("analytics:report_request"), {**NOVEMBER, "format": "xlsx"})
    response = client.get(response["Location"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le rapport est en préparation" in html
    report = ParticipationReport.objects.get()
    # The immediate backend of the tests ran the task at once.
    assert (report.status, report.progress) == ("done", 100)
    assert 'value="100"' in html and "Prêt" in html
    fetched = client.get(reverse("analytics:report_fetch", args=[report.pk]))
    book = load_workbook(io.BytesIO(fetched.content))
    assert book.sheetnames[0].startswith("1 Chiffres")
    actions = list(
        ModelLogEntry.objects.filter(action__startswith="analytics.report.")
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    assert actions == ["analytics.report.request", "analytics.report.download"]


def test_someone_else_s_report_is_not_found(client, town, django_capture_on_commit_callbacks):
    client.force_login(town.agent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("analytics:report_request"), {**NOVEMBER, "format": "csv"})
    report = ParticipationReport.objects.get()
    client.force_login(town.elected)
    assert client.get(reverse("analytics:report_fetch", args=[report.pk])).status_code == 404
