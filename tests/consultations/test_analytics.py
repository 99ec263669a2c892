"""Consultations on the participation dashboard, through the ANALYTICS_FIGURES seam."""

import datetime

import pytest
from django.utils import timezone

from civic.analytics import panels, selectors
from civic.analytics.selectors import Period
from consultations import services
from consultations.models import Channel
from tests.factories import CitizenFactory

from .factories import Data, consultation, full_answers

pytestmark = pytest.mark.django_db


def _period():
    today = timezone.localdate()
    return Period(today - datetime.timedelta(days=6), today, "day")


def test_responses_count_as_participation_with_their_channel_and_completion(default_site, agent):
    page = consultation(default_site)
    remark = page.questions.get(label="Remarque")
    for _ in range(11):
        services.response_submit(
            actor=CitizenFactory(), consultation=page, data=Data(full_answers(page))
        )
    for _ in range(12):  # twelve by phone, one question left blank: not complete
        services.response_submit(
            actor=agent,
            consultation=page,
            data=Data(full_answers(page, **{f"q{remark.pk}": ""})),
            channel=Channel.PHONE,
            age_bracket="75+",
        )
    built = panels.dashboard_panels(selectors.participation_raw(_period()), _period())

    figures = {figure.label: figure.current.display for figure in built["key_figures"]}
    assert figures["Réponses aux consultations"] == "23"
    channels = {row[0].display: row[1].display for row in built["channels"].rows}
    assert channels["Téléphone"] == "12"
    [table] = built["consultations"]
    assert [[cell.display for cell in row] for row in table.rows] == [
        [page.title, "23", "11", "47,80"]
    ]


def test_a_consultation_with_fewer_than_ten_responses_hides_its_counts(default_site):
    page = consultation(default_site)
    for _ in range(3):
        services.response_submit(
            actor=CitizenFactory(), consultation=page, data=Data(full_answers(page))
        )
    built = panels.dashboard_panels(selectors.participation_raw(_period()), _period())
    [table] = built["consultations"]
    [row] = table.rows
    assert row[1].display == "< 10"
    assert "3" not in [cell.display for cell in row[1:]]
