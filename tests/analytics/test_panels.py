"""Every panel's figures on the hand-worked town of conftest.py."""

import datetime

import pytest

from civic.analytics import panels, selectors
from civic.analytics.selectors import Period


def _rows(table):
    return [[cell.display for cell in row] for row in table.rows]


@pytest.fixture
def built(town):
    period = Period(town.since, town.until, "week")
    return panels.dashboard_panels(selectors.participation_raw(period), period)


def test_key_figures_with_the_change_against_the_previous_period(built):
    figures = {
        f.label: (f.current.display, f.previous.display, f.change) for f in built["key_figures"]
    }
    assert figures["Participants uniques"] == ("39", "10", "+290 %")
    assert figures["Nouveaux comptes"] == ("39", "10", "+290 %")
    assert figures["Idées"] == ("27", "10", "+170 %")
    assert figures["Soutiens"] == ("12", "0", "nouveau")
    assert figures["Votes"] == ("27", "0", "nouveau")
    assert figures["Commentaires"] == ("0", "0", "=")


def test_time_series_per_week_and_kind_including_empty_weeks(built):
    series = built["series"]
    assert series.columns[:3] == ["Période", "Idées", "Soutiens"]
    rows = {row[0]: row for row in _rows(series)}
    assert list(rows) == [
        "26/10/2026",
        "02/11/2026",
        "09/11/2026",
        "16/11/2026",
        "23/11/2026",
        "30/11/2026",
    ]
    votes = series.columns.index("Votes")
    assert rows["09/11/2026"][1] == "27"
    assert rows["16/11/2026"][2] == "12"
    assert rows["16/11/2026"][votes] == "27"
    assert rows["02/11/2026"][1:] == ["0"] * (len(series.columns) - 1)


def test_daily_series_of_a_short_period(town):
    period = Period(datetime.date(2026, 11, 9), datetime.date(2026, 11, 11), "day")
    series = panels.time_series(selectors.participation_raw(period), period)
    assert [row[:2] for row in _rows(series)] == [
        ["09/11/2026", "0"],
        ["10/11/2026", "27"],
        ["11/11/2026", "0"],
    ]


def test_representativeness_by_district_flags_the_under_represented_district(built):
    districts = built["representativeness"][0]
    assert _rows(districts) == [
        ["Nord", "27", "6\u202f000", "69,2", "1,15"],
        ["Sud", "12", "4\u202f000", "30,8", "0,77 (sous-représenté)"],
        ["Non renseigné", "0", "—", "—", "—"],
    ]
    assert districts.highlight == [False, True, False]


def test_representativeness_by_age_hides_the_small_bracket_and_one_that_would_reveal_it(
    built,
):
    ages = built["representativeness"][1]
    assert _rows(ages) == [
        ["18 à 29 ans", "< 10", "2\u202f000", "—", "—"],
        # Hidden too, else 39 - 13 would give the 3 back; the largest other group is chosen,
        # so that the small groups (the point of the table) stay in view.
        ["30 à 44 ans", "masqué", "4\u202f000", "—", "—"],
        ["45 à 59 ans", "13", "4\u202f000", "33,3", "0,83"],
        ["Non renseigné", "0", "—", "—", "—"],
    ]
    # The unique participants (39) minus the shown cells leaves 26: two hidden cells, not 3.
    assert 39 - 13 == 26
    # The chart shows no index for a hidden bracket either.
    drawn = built["representativeness"][1].figure["data"][0]["x"]
    assert drawn.count(None) == 2


def test_index_maths_share_of_participants_over_share_of_population():
    table = panels._representativeness(
        key="t",
        caption="t",
        first="Groupe",
        unknown=15,
        groups=[("a", "A", 1000), ("b", "B", 3000)],
        counts={"a": 50, "b": 50},
    )
    # A: 50 % of the known participants, 25 % of the population -> 2; B: 50 % / 75 % -> 0.67.
    assert _rows(table)[0][3:] == ["50,0", "2,00"]
    assert _rows(table)[1][3:] == ["50,0", "0,67 (sous-représenté)"]
    assert _rows(table)[2][1] == "15"  # participants whose group is not known: not in the shares


def test_channels(built):
    assert _rows(built["channels"]) == [["Site web", "49", "37"], ["Guichet", "17", "17"]]


def test_campaign_live_turnout_by_district_and_channel_and_projects_by_status(built):
    tables = {t.caption: _rows(t) for t in built["budget"]}
    assert tables["BP 2027 : participation au vote par quartier"] == [
        ["Nord", "15", "6\u202f000", "0,25"],
        ["Sud", "12", "4\u202f000", "0,30"],
        ["Sans quartier", "0", "—", "—"],
    ]
    assert tables["BP 2027 : votants par canal"] == [
        ["En ligne", "12"],
        ["Au guichet (bulletin papier)", "15"],
    ]
    assert tables["BP 2027 : projets par statut"] == [["Recevable", "1"], ["Soumis au vote", "1"]]


def test_turnout_hides_a_district_with_few_voters_and_its_percentage(town):
    from budget.models import VoterRecord

    VoterRecord.objects.filter(district=town.nord).exclude(
        pk__in=VoterRecord.objects.filter(district=town.nord).values("pk")[:4]
    ).delete()
    period = Period(town.since, town.until, "week")
    built = panels.dashboard_panels(selectors.participation_raw(period), period)
    turnout = next(t for t in built["budget"] if "quartier" in t.caption)
    assert _rows(turnout) == [
        ["Nord", "< 10", "6\u202f000", "—"],
        ["Sud", "masqué", "4\u202f000", "—"],  # else 16 voters in all - 12 = 4
        ["Sans quartier", "0", "—", "—"],
    ]


def test_ideas_by_status_and_theme(built):
    tables = {t.caption: _rows(t) for t in built["ideas"]}
    assert tables["Idées déposées sur la période, par statut"] == [["Publiée", "27"]]
    assert tables["Idées déposées sur la période, par thème"] == [["Mobilité", "27", "27"]]


def test_moderation_median_time_to_decision_against_the_promised_delay(town):
    period = Period(town.since, town.until, "week")
    pending, decisions = panels.moderation_tables(selectors.moderation_figures(period))
    assert _rows(decisions) == [["Idées", "3", "20,0", "48"]]
    assert decisions.highlight == [False]


def test_moderation_pending_and_overdue_by_source(town):
    from django.utils import timezone

    from proposals.models import Idea
    from tests.proposals.factories import IdeaFactory

    late = IdeaFactory(status=Idea.Status.SUBMITTED, theme=town.theme)
    IdeaFactory(status=Idea.Status.SUBMITTED, theme=town.theme)
    Idea.objects.filter(pk=late.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    period = Period(town.since, town.until, "week")
    pending, _decisions = panels.moderation_tables(selectors.moderation_figures(period))
    rows = {row[0]: row for row in _rows(pending)}
    assert rows["Idées à modérer"] == ["Idées à modérer", "2", "1", "48"]


def test_the_dashboard_does_not_break_without_any_data(db):
    period = Period.default()
    built = panels.dashboard_panels(selectors.participation_raw(period), period)
    figures = {f.label: f.current.display for f in built["key_figures"]}
    assert figures["Participants uniques"] == "0"
    assert built["budget"] == []
