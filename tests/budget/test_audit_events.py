"""The counter's look-ups and the ballot downloads are in the audit log (issue #8, point 4)."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

pytestmark = pytest.mark.django_db


def test_a_counter_look_up_is_logged_without_the_email(client, agent, city, voter):
    client.force_login(agent)
    url = reverse("budget_admin:paper_ballot", args=[city.campaign.pk])
    assert client.get(url, {"q": voter.email}).status_code == 200
    assert client.get(url, {"q": "absent@example.org"}).status_code == 200
    entries = ModelLogEntry.objects.for_instance(city.campaign).filter(
        action="budget.campaign.counter_lookup"
    )
    assert sorted((e.data["found"], e.data["citizens"]) for e in entries) == [
        (False, []),
        (True, [voter.pk]),
    ]
    assert all("example.org" not in str(e.data) for e in entries)
