"""The citizen dashboard `/mon-espace/` makes as many queries for 15 rows of each section
(ideas, supported ideas, projects, votes) as for 3."""

import pytest

from budget.models import Channel
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory, DistrictFactory
from tests.proposals.factories import IdeaFactory, SupportFactory, ThemeFactory
from tests.queries import LARGE, SMALL, ok, queries_at_sizes

pytestmark = pytest.mark.django_db


def test_dashboard(client):
    citizen = CitizenFactory()
    client.force_login(citizen)
    shown = []

    def add(n):
        for _ in range(n):
            mine = IdeaFactory(author=citizen, theme=ThemeFactory(), district=DistrictFactory())
            supported = IdeaFactory(theme=ThemeFactory(), district=DistrictFactory())
            SupportFactory(idea=supported, user=citizen)
            envelope = EnvelopeFactory(campaign=CampaignFactory(), district=DistrictFactory())
            project = ProjectFactory(envelope=envelope, authors=[citizen, CitizenFactory()])
            voted = CampaignFactory()
            voted.voter_records.create(user=citizen, channel=Channel.WEB, cast_at=voted.vote_start)
            shown[:] = [mine.title, supported.title, project.title, voted.title]

    counts = queries_at_sizes(add=add, fetch=lambda: ok(client.get("/mon-espace/"), *shown))
    assert counts[SMALL] == counts[LARGE], counts
