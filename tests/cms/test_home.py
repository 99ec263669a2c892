"""The home page: hero, latest news, module sections, footer settings, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import Site

from civic.hooks import HOME_SECTIONS, Section
from cms.models import SiteSettings

from .factories import image_create, information_page_create, news_page_create

pytestmark = pytest.mark.django_db


def test_home_shows_the_three_latest_news_newest_first(client, news_index):
    for n in range(1, 6):
        news_page_create(news_index, n)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bienvenue" in html
    shown = [t for t in (f"Actualité {n}" for n in range(1, 6)) if t in html]
    assert shown == ["Actualité 3", "Actualité 4", "Actualité 5"]
    assert html.index("Actualité 5") < html.index("Actualité 4") < html.index("Actualité 3")


def test_home_without_news_has_no_empty_news_section(client, home):
    response = client.get("/")

    assert response.status_code == 200
    assert 'id="home-news"' not in response.content.decode()


def test_module_sections_render_and_empty_ones_leave_no_trace(client, home):
    def filled(request):
        return Section(
            template="includes/breadcrumb.html", context={"current": "Section témoin"}, order=1
        )

    def empty(request):
        return None

    with (
        hooks.register_temporarily(HOME_SECTIONS, filled),
        hooks.register_temporarily(HOME_SECTIONS, empty),
    ):
        response = client.get("/")

    html = response.content.decode()
    assert "Section témoin" in html
    wrappers = html.split('<div class="home-section')[1:]
    assert all(chunk.split(">", 1)[1].strip() for chunk in wrappers)
    assert sum("Section témoin" in chunk for chunk in wrappers) == 1


def _home_queries(client):
    client.get("/")  # warm caches and create image renditions once
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return len(ctx.captured_queries)


def test_home_query_count_does_not_grow_with_the_news(
    client, news_index, django_assert_max_num_queries
):
    image = image_create()
    for n in range(1, 4):
        news_page_create(news_index, n, tags=["Travaux", "Culture"], image=image)
    with_three = _home_queries(client)

    for n in range(4, 21):
        news_page_create(news_index, n, tags=["Travaux"], image=image)
    with_twenty = _home_queries(client)

    assert with_twenty == with_three
    with django_assert_max_num_queries(30):
        client.get("/")


def test_footer_shows_the_site_settings(client, home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.city_name = "Ville d'Exemple"
    settings.contact_phone = "01 02 03 04 05"
    settings.contact_email = "mairie@exemple.fr"
    settings.dpo_name = "Mme Durand"
    settings.dpo_email = "dpo@exemple.fr"
    settings.mastodon_url = "https://mastodon.example/@exemple"
    settings.save()

    html = client.get("/").content.decode()

    footer = html[html.index("<footer") :]
    for expected in ("01 02 03 04 05", "mairie@exemple.fr", "Mme Durand", "dpo@exemple.fr"):
        assert expected in footer
    assert 'href="https://mastodon.example/@exemple"' in footer
    assert 'href="/confidentialite/"' in footer
    assert "Ville d&#x27;Exemple" in html[: html.index("</header>")]


def test_main_menu_lists_menu_pages_and_marks_the_current_section(client, news_index):
    info = information_page_create(news_index.get_parent(), show_in_menus=True)
    information_page_create(
        news_index.get_parent(), title="Page cachée", slug="cachee", show_in_menus=False
    )
    news = news_page_create(news_index, 1)

    html = client.get(news.url).content.decode()

    nav = html[html.index('<nav class="main-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert f'href="{news_index.url}" aria-current="true"' in nav
    assert f'href="{info.url}"' in nav
    assert "Page cachée" not in nav


def test_header_offers_login_or_logout_and_language_switch(client, home, citizen):
    anonymous = client.get("/").content.decode()
    assert "/compte/login/" in anonymous and "/compte/signup/" in anonymous
    assert 'action="/i18n/setlang/"' in anonymous

    client.force_login(citizen)
    logged_in = client.get("/").content.decode()
    assert 'action="/compte/logout/" method="post"' in logged_in
    assert 'href="/mon-espace/"' in logged_in
