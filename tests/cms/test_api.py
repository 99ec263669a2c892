"""`/api/v1/news`: item format, order, pagination and the common error format."""

import pytest

from .factories import image_create, news_page_create

pytestmark = pytest.mark.django_db


def test_news_items_carry_what_a_reuser_needs(client, news_index):
    news_page_create(news_index, 1, tags=["Travaux", "Culture"], image=image_create())
    news_page_create(news_index, 2)

    body = client.get("/api/v1/news").json()

    assert body["count"] == 2
    newest, oldest = body["results"]
    assert newest["title"] == "Actualité 2"
    assert set(newest) == {"id", "title", "date", "intro", "url", "tags", "image_url"}
    assert newest["image_url"] is None
    assert oldest["date"] == "2026-01-02"
    assert oldest["url"] == "http://testserver/actualites/actualite-1/"
    assert oldest["tags"] == ["Culture", "Travaux"]
    assert oldest["image_url"].startswith("http://testserver/")


def test_one_news_item_and_unknown_or_draft_ones(client, news_index):
    news = news_page_create(news_index, 1)
    draft = news_page_create(news_index, 2)
    draft.unpublish()

    assert client.get(f"/api/v1/news/{news.pk}").json()["title"] == "Actualité 1"
    for pk in (draft.pk, 999999):
        response = client.get(f"/api/v1/news/{pk}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_pages_of_news(client, news_index):
    for n in range(1, 6):
        news_page_create(news_index, n)

    body = client.get("/api/v1/news", {"page": 3, "page_size": 2}).json()

    assert [item["title"] for item in body["results"]] == ["Actualité 1"]
    assert body["next"] is None
    assert body["previous"] == "http://testserver/api/v1/news?page=2&page_size=2"
    assert client.get("/api/v1/news", {"page": 4, "page_size": 2}).status_code == 404
