"""The budget's open-data API: campaigns, public projects, results and ballots after
publication, in the common pagination and error format, without personal data."""

import datetime

import pytest
import time_machine

from budget.ballots import ballot_cast
from budget.models import Project
from budget.receipts import receipt_hash
from budget.results import results_publish
from tests.budget.factories import ProjectFactory

API = "/api/v1/campaigns"


def publish(city, agent):
    with time_machine.travel(city.campaign.vote_end + datetime.timedelta(hours=1), tick=False):
        results_publish(actor=agent, campaign=city.campaign)


@pytest.mark.django_db
def test_campaign_list_and_detail(client, city):
    body = client.get(API).json()
    assert body["count"] == 1
    campaign = body["results"][0]
    assert campaign["slug"] == city.campaign.slug
    assert campaign["phase"] == "vote"
    assert campaign["results_published"] is False
    assert {e["name"] for e in campaign["envelopes"]} == {"Toute la ville", "Nord", "Sud"}

    detail = client.get(f"{API}/{city.campaign.slug}").json()
    assert detail["max_choices"] == 3
    assert detail["url"].endswith(f"/budget-participatif/{city.campaign.slug}/")

    missing = client.get(f"{API}/nope")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_projects_are_public_ones_only_with_filters(client, city):
    hidden = ProjectFactory(
        envelope=city.city, title="Pas encore étudié", status=Project.Status.SUBMITTED
    )
    url = f"{API}/{city.campaign.slug}/projects"

    body = client.get(url, {"page_size": 100}).json()
    titles = {p["title"] for p in body["results"]}
    assert body["count"] == 12
    assert hidden.title not in titles
    first = body["results"][0]
    assert "authors" not in first and "internal_note" not in first

    north = client.get(url, {"district": city.north.district.slug}).json()
    assert {p["title"] for p in north["results"]} == {p.title for p in city.north_projects}
    citywide = client.get(url, {"district": "ville"}).json()
    assert citywide["count"] == 5
    by_envelope = client.get(url, {"envelope": city.south.pk}).json()
    assert by_envelope["count"] == 3
    assert client.get(url, {"status": "selected"}).json()["count"] == 0

    refused = client.get(url, {"status": "submitted"})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "invalid"


@pytest.mark.django_db
def test_results_and_ballots_only_after_publication(client, city, make_voter, agent):
    code = ballot_cast(
        campaign=city.campaign,
        voter=make_voter(),
        choices={city.city.pk: [city.city_projects[0].pk]},
    )
    slug = city.campaign.slug
    for path in ("results", "ballots"):
        response = client.get(f"{API}/{slug}/{path}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"

    publish(city, agent)

    results = client.get(f"{API}/{slug}/results").json()
    assert results["rule"] == "greedy"
    assert results["voters"] == 1
    city_result = next(e for e in results["envelopes"] if e["district"] is None)
    assert city_result["selected"] == [city.city_projects[0].pk]
    assert {t["district"]["name"] for t in results["turnout"]} >= {"Nord", "Sud"}

    ballots = client.get(f"{API}/{slug}/ballots").json()
    assert ballots["count"] == 1
    assert ballots["results"][0] == {
        "receipt_hash": receipt_hash(code, city.city.pk),
        "envelope": city.city.pk,
        "projects": [city.city_projects[0].pk],
    }
    selected = client.get(f"{API}/{slug}/projects", {"status": "selected"}).json()
    assert [p["id"] for p in selected["results"]] == [city.city_projects[0].pk]
