"""The dashboard and the report run a fixed number of queries whatever the data size."""

import pytest

from budget.models import Channel, VoterRecord
from civic.accounts.models import AgeBracket
from proposals.models import Idea, Support
from tests.analytics.conftest import at
from tests.factories import CitizenFactory
from tests.proposals.factories import IdeaFactory
from tests.queries import LARGE, SMALL, queries_at_sizes

NOVEMBER = {"du": "2026-11-01", "au": "2026-11-30", "pas": "week"}


@pytest.fixture
def add_participants(town):
    def add(n):
        for i in range(n):
            district = town.nord if i % 2 else town.sud
            person = CitizenFactory(
                profile__district=district, profile__age_bracket=AgeBracket.FROM_18_TO_29
            )
            idea = IdeaFactory(author=person, theme=town.theme)
            Idea.objects.filter(pk=idea.pk).update(created_at=at("2026-11-12"))
            Support.objects.create(user=person, idea=idea)
            VoterRecord.objects.create(
                campaign=town.campaign,
                user=person,
                district=district,
                channel=Channel.WEB,
                cast_at=at("2026-11-21"),
            )

    return add


@pytest.mark.parametrize(
    "url, extra",
    [
        ("/admin/analytics/", {}),
        ("/admin/analytics/rapport/", {"format": "csv"}),
        ("/admin/analytics/rapport/", {"format": "html"}),
    ],
)
def test_query_count_is_flat_in_the_data_size(client, settings, town, add_participants, url, extra):
    settings.CIVIC_ANALYTICS_CACHE_SECONDS = 0
    client.force_login(town.agent)

    def fetch():
        response = client.get(url, {**NOVEMBER, **extra})
        assert response.status_code == 200

    counts = queries_at_sizes(add=add_participants, fetch=fetch)
    assert counts[SMALL] == counts[LARGE], counts


def test_the_dashboard_figures_are_cached_per_period(client, town, add_participants):
    client.force_login(town.agent)
    first = client.get("/admin/analytics/", NOVEMBER).content.decode()
    add_participants(12)
    again = client.get("/admin/analytics/", NOVEMBER).content.decode()
    assert ">39<" in first and ">39<" in again  # the short TTL has not run out
    other = client.get("/admin/analytics/", {**NOVEMBER, "pas": "day"}).content.decode()
    assert ">51<" in other  # another period (step) is computed afresh
