"""The open-data API of consultations: aggregates only, the platform's formats."""

import json

import pytest
import time_machine

from consultations import services
from tests.factories import CitizenFactory

from .factories import Data, consultation, full_answers

pytestmark = pytest.mark.django_db


def test_the_list_is_paginated_like_every_list(client, default_site):
    consultation(default_site, title="Ouverte")
    consultation(default_site, title="Brouillon", live=False)
    body = client.get("/api/v1/consultations").json()
    assert [item["title"] for item in body["results"]] == ["Ouverte"]
    assert body["count"] == 1
    assert body["results"][0]["phase"] == "open"


def test_results_are_aggregates_and_404_before_they_are_visible(client, default_site):
    page = consultation(default_site, results_visibility="after_closing")
    person = CitizenFactory(email="secret.person@example.org")
    services.response_submit(actor=person, consultation=page, data=Data(full_answers(page)))
    response = client.get(f"/api/v1/consultations/{page.slug}/results")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    with time_machine.travel(page.closes_at, tick=False):
        body = client.get(f"/api/v1/consultations/{page.slug}/results").json()
    assert body["participants"] == 1
    ranking = next(q for q in body["questions"] if q["kind"] == "ranking")
    assert ranking["rows"][0] == {"label": "B", "points": 2, "first": 1, "mean_rank": 1.0}
    text = json.dumps(body, ensure_ascii=False)
    assert "secret.person" not in text and "user" not in text
    assert body["by_district"] == [{"label": person.profile.district.name, "count": "< 10"}]


def test_a_draft_is_404_in_the_api(client, default_site):
    consultation(default_site, title="Brouillon", slug="brouillon", live=False)
    assert client.get("/api/v1/consultations/brouillon").status_code == 404
    assert client.get("/api/v1/consultations/brouillon/results").status_code == 404
