"""Site-wide views: search, robots.txt, sitemap.xml, the 404 and 500 pages."""

import xml.etree.ElementTree as ET

import pytest
from django.template import loader
from wagtail.models import Site

from .factories import information_page_create, news_page_create

pytestmark = pytest.mark.django_db


def test_search_finds_a_live_page(client, news_index):
    home = news_index.get_parent().specific
    home.hero_intro = "Bienvenue : la déchetterie ouvre le dimanche."
    home.save_revision().publish()
    information_page_create(
        news_index.get_parent(),
        title="Déchets et propreté",
        slug="dechets",
        intro="Jours de collecte et déchetterie.",
    )
    news_page_create(news_index, 1, title="Marché de Noël")

    response = client.get("/recherche/", {"q": "déchetterie"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/dechets/"' in html
    assert "la déchetterie ouvre le dimanche" in html
    assert "Marché de Noël" not in html
    assert "2 résultats" in html


def test_search_without_query_or_without_match_says_so(client, home):
    assert client.get("/recherche/").status_code == 200
    html = client.get("/recherche/", {"q": "zzzxxy"}).content.decode()
    assert "Aucun résultat" in html


def test_robots_txt_keeps_crawlers_out_of_private_areas(client, home):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    for path in ("/admin/", "/compte/", "/mon-espace/"):
        assert f"Disallow: {path}" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_live_pages(client, news_index):
    news = news_page_create(news_index, 1)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", ns)}
    root_url = Site.objects.get(is_default_site=True).root_url
    assert f"{root_url}/" in urls
    assert f"{root_url}{news.url}" in urls


def test_unknown_page_gets_the_friendly_404(client, home):
    response = client.get("/cette-page-nexiste-pas/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Page introuvable" in html
    assert 'action="/recherche/"' in html
    assert '<footer class="site-footer">' in html


def test_500_page_renders_without_context_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render({})
    assert "Un problème technique est survenu" in html
