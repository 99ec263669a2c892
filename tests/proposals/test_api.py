from decimal import Decimal

import pytest

from proposals.models import Idea
from tests.factories import CitizenFactory, DistrictFactory
from tests.proposals.factories import IdeaFactory, SupportFactory, ThemeFactory

pytestmark = pytest.mark.django_db
S = Idea.Status


def test_list_returns_public_ideas_paginated_without_personal_data(client):
    author = CitizenFactory(email="marie.curie@example.org", profile__display_name="Marie C.")
    idea = IdeaFactory(author=author, title="Arceaux vélo")
    SupportFactory(idea=idea)
    IdeaFactory(status=S.SUBMITTED, title="En attente")
    IdeaFactory(status=S.REJECTED, title="Refusée")

    response = client.get("/api/v1/ideas")

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 1 and body["page"] == 1 and body["next"] is None
    [item] = body["results"]
    assert item["id"] == idea.pk and item["title"] == "Arceaux vélo"
    assert item["author"] == "Marie C." and item["supports_count"] == 1
    assert item["url"].endswith(f"/idees/{idea.pk}/")
    assert "marie.curie" not in response.content.decode()
    assert "Curie" not in response.content.decode()


def test_list_filters(client):
    theme = ThemeFactory(slug="sport")
    district = DistrictFactory(name="Le Port", slug="le-port")
    wanted = IdeaFactory(theme=theme, district=district, status=S.UNDER_STUDY, title="Agrès")
    IdeaFactory(theme=theme, title="Agrès aussi")
    IdeaFactory(district=district, status=S.UNDER_STUDY)

    response = client.get(
        "/api/v1/ideas",
        {"theme": "sport", "district": "le-port", "status": "under_study", "q": "agrès"},
    )

    assert [i["id"] for i in response.json()["results"]] == [wanted.pk]


def test_pagination_links(client):
    IdeaFactory.create_batch(3)
    body = client.get("/api/v1/ideas", {"page_size": 2}).json()
    assert body["pages"] == 2 and "page=2" in body["next"]
    assert client.get("/api/v1/ideas", {"page": 3, "page_size": 2}).status_code == 404


def test_detail_of_a_public_idea(client):
    idea = IdeaFactory(latitude=Decimal("47.08"), longitude=Decimal("2.4"), official_answer="Oui")
    body = client.get(f"/api/v1/ideas/{idea.pk}").json()
    assert body["location"] == {"latitude": 47.08, "longitude": 2.4}
    assert body["official_answer"] == "Oui" and body["status_label"] == "Publiée"


@pytest.mark.parametrize("status", [S.SUBMITTED, S.REJECTED])
def test_detail_of_a_hidden_idea_is_a_404_in_the_api_format(client, status):
    idea = IdeaFactory(status=status)
    response = client.get(f"/api/v1/ideas/{idea.pk}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_geojson_feed(client):
    located = IdeaFactory(latitude=Decimal("47.081"), longitude=Decimal("2.402"))
    IdeaFactory()
    IdeaFactory(status=S.SUBMITTED, latitude=Decimal("47.08"), longitude=Decimal("2.40"))

    body = client.get("/api/v1/ideas/geojson").json()

    assert body["type"] == "FeatureCollection"
    [feature] = body["features"]
    assert feature["geometry"]["coordinates"] == [2.402, 47.081]
    assert feature["properties"]["id"] == located.pk


def test_openapi_schema_lists_the_idea_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/ideas", "/api/v1/ideas/{idea_id}", "/api/v1/ideas/geojson"} <= set(paths)


def test_a_status_that_is_not_public_is_a_422(client):
    response = client.get("/api/v1/ideas", {"status": "submitted"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
