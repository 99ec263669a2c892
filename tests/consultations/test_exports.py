"""Staff exports of the answers: no identity in them, human headings, audited."""

import csv
import io

import pytest
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from consultations import services
from tests.factories import CitizenFactory

from .factories import Data, consultation, full_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(default_site):
    page = consultation(default_site)
    people = [
        CitizenFactory(
            email="camille.dupont@example.org", first_name="Camille", last_name="Dupont"
        ),
        CitizenFactory(email="yann.martin@example.org", first_name="Yann", last_name="Martin"),
    ]
    for person in people:
        services.response_submit(actor=person, consultation=page, data=Data(full_answers(page)))
    return page, people


def _url(page, file_format):
    return f"/admin/consultations/{page.pk}/export.{file_format}"


def test_the_csv_has_a_bom_human_headings_and_no_identity(client, answered, agent):
    page, people = answered
    client.force_login(agent)
    response = client.get(_url(page, "csv"))
    assert response.status_code == 200
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0][:5] == ["N°", "Canal", "Quartier", "Tranche d'âge", "Date"]
    assert rows[0][5:] == [q.label for q in page.questions.all()]
    assert len(rows) == 3
    assert rows[1][1] == "En ligne" and rows[1][3] == "30 à 44 ans"
    assert "B > A > C" in rows[1] and "Arbres ; Bancs" in rows[1]
    for person in people:
        for identity in (person.email, person.first_name, person.last_name, person.public_name):
            assert identity not in content
    entry = PageLogEntry.objects.get(action="consultations.response.export")
    assert entry.user == agent and entry.data == {"format": "csv", "rows": 2}


def test_the_xlsx_holds_the_same_lines(client, answered, elected):
    page, people = answered
    client.force_login(elected)
    response = client.get(_url(page, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "N°" and len(values) == 3
    flat = " ".join(str(v) for row in values for v in row)
    assert all(p.email not in flat and p.last_name not in flat for p in people)


def test_citizens_and_moderators_cannot_export(client, answered, citizen, moderator):
    page, _people = answered
    client.force_login(moderator)
    response = client.get(_url(page, "csv"))  # Wagtail sends a refused admin user home
    assert response.status_code == 302 and response["Location"] == "/admin/"
    client.force_login(citizen)
    response = client.get(_url(page, "csv"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not PageLogEntry.objects.filter(action="consultations.response.export").exists()
