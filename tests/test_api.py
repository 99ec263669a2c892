"""The open-data API: one schema, one pagination, one error format for every endpoint."""

import datetime

import pytest
from django.conf import settings
from wagtail.models import Site

from cms.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_items():
    """Five published news items, one a day, the newest last created."""
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=NewsIndexPage(title="Actualités", slug="actualites-api"))
    items = []
    for day in range(1, 6):
        items.append(
            index.add_child(
                instance=NewsPage(
                    title=f"Nouvelle {day}",
                    slug=f"nouvelle-{day}",
                    date=datetime.date(2026, 11, day),
                    intro=f"Résumé {day}",
                )
            )
        )
    return items


def test_schema_documents_the_news_endpoints(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/news" in schema["paths"]
    assert "/api/v1/news/{news_id}" in schema["paths"]
    page_schema = schema["components"]["schemas"]["PagedNewsOut"]
    assert set(page_schema["properties"]) == {
        "count", "page", "pages", "next", "previous", "results"
    }  # fmt: skip
    params = {p["name"] for p in schema["paths"]["/api/v1/news"]["get"]["parameters"]}
    assert {"page", "page_size"} <= params


def test_first_page_links_to_the_next_one(client, news_items):
    response = client.get("/api/v1/news", {"page_size": 2})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    assert body["page"] == 1
    assert body["pages"] == 3
    assert body["previous"] is None
    assert body["next"] == "http://testserver/api/v1/news?page=2&page_size=2"
    assert [item["title"] for item in body["results"]] == ["Nouvelle 5", "Nouvelle 4"]


def test_last_page_links_back_and_keeps_other_parameters(client, news_items):
    body = client.get("/api/v1/news", {"page": 3, "page_size": 2}).json()

    assert body["next"] is None
    assert body["previous"] == "http://testserver/api/v1/news?page=2&page_size=2"
    assert [item["title"] for item in body["results"]] == ["Nouvelle 1"]


def test_default_page_size_comes_from_settings(client, news_items):
    body = client.get("/api/v1/news").json()

    assert settings.CIVIC_API_PAGE_SIZE >= 5
    assert len(body["results"]) == 5
    assert body["pages"] == 1
    assert body["next"] is None


def test_empty_list_is_one_empty_page(client):
    body = client.get("/api/v1/news").json()

    assert body == {
        "count": 0,
        "page": 1,
        "pages": 1,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_page_past_the_last_is_a_404_in_the_error_format(client, news_items):
    response = client.get("/api/v1/news", {"page": 4, "page_size": 2})

    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "params",
    [
        {"page_size": 0},
        {"page_size": settings.CIVIC_API_MAX_PAGE_SIZE + 1},
        {"page_size": "beaucoup"},
        {"page": "deux"},
        {"page": 0},
        {"page": -1},
    ],
)
def test_invalid_parameters_are_a_422_naming_the_field(client, params):
    response = client.get("/api/v1/news", params)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["status"] == 422
    assert error["code"] == "invalid"
    assert error["message"]
    (field,) = params
    assert any(field in detail["loc"] for detail in error["details"])


def test_unknown_news_is_a_404_in_the_error_format(client):
    response = client.get("/api/v1/news/999999")

    assert response.status_code == 404
    assert set(response.json()["error"]) == {"status", "code", "message", "details"}


def test_interactive_docs_are_served_by_the_platform_itself(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
