"""The demo's dashboard tells its story: every panel has figures, the campaign being voted
has a live turnout, and Les Hauts de Ville and the 18-29 are clearly under-represented."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from civic.accounts import roles
from civic.analytics import panels, selectors
from civic.analytics.selectors import Period
from civic.hooks import demo_seeders_collect
from tests.factories import CitizenFactory


@pytest.fixture(scope="module")
def demo(demo_transaction, django_db_blocker):
    with django_db_blocker.unblock():
        for seeder in demo_seeders_collect():
            seeder.seed(stdout=io.StringIO(), size="small")


@pytest.fixture
def built(demo, db):
    today = timezone.localdate()
    period = Period(today - timedelta(days=364), today, "month")
    return panels.dashboard_panels(selectors.participation_raw(period), period)


def _index(table, label):
    row = next(row for row in table.rows if row[0].display == label)
    return row[-1].value


def test_the_demo_under_represents_one_district_and_the_18_29(built):
    districts, ages = built["representativeness"]
    assert _index(districts, "Les Hauts de Ville") < 0.8
    assert _index(ages, "18 à 29 ans") < 0.8
    others = [
        row[-1].value for row in districts.rows[:-1] if row[0].display != "Les Hauts de Ville"
    ]
    assert all(index is None or index >= 0.8 for index in others)


def test_every_panel_of_the_demo_dashboard_has_figures(built, client):
    figures = {f.label: f.current.display for f in built["key_figures"]}
    for kind in ("Participants uniques", "Idées", "Soutiens", "Commentaires", "Votes"):
        assert figures[kind] != "0", kind  # a figure, or "< 10" (a few comments)
    turnout = [t for t in built["budget"] if "participation au vote par quartier" in t.caption]
    assert turnout, "the campaign being voted has a live turnout"
    assert any(cell.value for row in turnout[0].rows for cell in row[1:2])
    assert any("équité" in t.caption for t in built["budget"])
    assert built["ideas"] and all(t.rows for t in built["ideas"])
    agent = CitizenFactory(groups=[roles.STAFF])
    client.force_login(agent)
    assert client.get("/admin/analytics/").status_code == 200
