"""`/plan-du-site/`: an HTML page for people listing the page tree and the apps' sections."""

import pytest
from django.urls import reverse

from .factories import information_page_create, news_page_create

pytestmark = pytest.mark.django_db


def test_site_map_lists_pages_nested_and_the_apps_sections(client, news_index):
    home = news_index.get_parent()
    info = information_page_create(home, title="Démarches", slug="demarches")
    information_page_create(info, title="État civil", slug="etat-civil")
    news_page_create(news_index, 1)

    response = client.get(reverse("sitemap_html"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    # Nested: the sub-page sits in its parent's list.
    assert html.index("Démarches") < html.index("État civil")
    assert html.count('class="sitemap__list"') >= 3
    # The apps' sections through civic.hooks.menu_items_collect.
    assert f'href="{reverse("proposals:idea_list")}"' in html
    assert f'href="{reverse("budget:campaign_list")}"' in html
    # News items are left to the news index.
    assert news_index.title in html
    assert "Actualité 1" not in html


def test_unpublished_pages_are_not_listed(client, home):
    draft = information_page_create(home, title="Brouillon secret", slug="brouillon")
    draft.unpublish()

    html = client.get(reverse("sitemap_html")).content.decode()

    assert "Brouillon secret" not in html


def test_footer_links_to_the_html_site_map(client, home):
    html = client.get("/").content.decode()
    assert f'<a href="{reverse("sitemap_html")}">Plan du site</a>' in html


def test_site_map_queries_do_not_grow_with_the_pages(client, home):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(n):
        for i in range(n):
            information_page_create(home, title=f"Page {n}-{i}", slug=f"page-{n}-{i}")
        client.get(reverse("sitemap_html"))  # warm caches (site, locale)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("sitemap_html"))
        return len(queries)

    assert count(2) == count(6)
