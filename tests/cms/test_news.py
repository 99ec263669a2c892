"""News: the paginated, filterable index, a news item, and the RSS feed."""

import xml.etree.ElementTree as ET

import pytest

from .factories import news_page_create

pytestmark = pytest.mark.django_db


def test_index_lists_ten_news_per_page_newest_first(client, news_index):
    for n in range(1, 13):
        news_page_create(news_index, n)

    first = client.get("/actualites/").content.decode()
    second = client.get("/actualites/", {"page": 2}).content.decode()

    assert "Actualité 12" in first and "Actualité 3" in first
    assert "Actualité 2<" not in first
    assert "Actualité 2<" in second and "Actualité 1<" in second
    assert "Actualité 12" not in second
    assert 'aria-current="page"><span class="sr-only">Page </span>2' in second


def test_bad_page_numbers_fall_back_instead_of_failing(client, news_index):
    news_page_create(news_index, 1)

    assert client.get("/actualites/", {"page": "abc"}).status_code == 200
    assert client.get("/actualites/", {"page": 99}).status_code == 200


def test_tag_filter_keeps_only_tagged_news(client, news_index):
    news_page_create(news_index, 1, tags=["Travaux"])
    news_page_create(news_index, 2, tags=["Culture"])
    news_page_create(news_index, 3, tags=["Travaux", "Mobilité"])

    html = client.get("/actualites/", {"tag": "travaux"}).content.decode()

    assert "Actualité 1<" in html and "Actualité 3<" in html
    assert "Actualité 2<" not in html
    assert "« travaux »" in html


def test_news_page_shows_its_body_and_links_its_tags(client, news_index):
    body = [
        ("paragraph", "<p>Le chantier commence lundi.</p>"),
        ("heading", "Ce qui change"),
        ("quote", {"text": "Une rue plus sûre.", "author": "La maire"}),
    ]
    page = news_page_create(news_index, 1, tags=["Travaux"], body=body)

    response = client.get(page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Actualité 1</h1>" in html
    assert "Le chantier commence lundi." in html
    assert "<h2>Ce qui change</h2>" in html
    assert "Une rue plus sûre." in html
    assert 'href="/actualites/?tag=travaux"' in html
    assert "2 janvier 2026" in html


def test_rss_feed_is_valid_xml_with_the_twenty_latest_items(client, news_index):
    for n in range(1, 23):
        news_page_create(news_index, n, tags=["Vie municipale"])

    response = client.get("/actualites/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert len(titles) == 20
    assert titles[0] == "Actualité 22"
    assert "Actualité 2" not in titles and "Actualité 1" not in titles
    first = channel.find("item")
    assert first.findtext("link") == "http://testserver/actualites/actualite-22/"
    assert first.findtext("category") == "Vie municipale"


def test_unpublished_news_stay_out_of_lists_and_feed(client, news_index):
    news_page_create(news_index, 1)
    draft = news_page_create(news_index, 2, title="Brouillon secret")
    draft.unpublish()

    assert "Brouillon secret" not in client.get("/actualites/").content.decode()
    assert "Brouillon secret" not in client.get("/actualites/rss/").content.decode()
    assert "Brouillon secret" not in client.get("/").content.decode()
