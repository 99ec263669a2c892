"""Page builders for the CMS tests: a home page at the site root, a news index, news items."""

import datetime

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from cms.models import HomePage, InformationPage, NewsIndexPage, NewsPage


def home_page_create(**fields) -> HomePage:
    """A HomePage under the tree root, made the default site's root (as the demo does)."""
    root = Page.get_first_root_node()
    fields = {"title": "Accueil", "slug": "accueil", "hero_title": "Bienvenue", **fields}
    home = root.add_child(instance=HomePage(**fields))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


def news_index_create(home, **fields) -> NewsIndexPage:
    fields = {"title": "Actualités", "slug": "actualites", "show_in_menus": True, **fields}
    return home.add_child(instance=NewsIndexPage(**fields))


def news_page_create(index, n: int, *, tags=(), image=None, body=None, **fields) -> NewsPage:
    fields = {
        "title": f"Actualité {n}",
        "slug": f"actualite-{n}",
        "date": datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
        "intro": f"Chapô de l'actualité {n}.",
        **fields,
    }
    page = NewsPage(image=image, body=body or [], **fields)
    page.tags.add(*tags)
    return index.add_child(instance=page)


def information_page_create(parent, **fields) -> InformationPage:
    fields = {"title": "Votre ville en bref", "slug": "votre-ville-en-bref", **fields}
    return parent.add_child(instance=InformationPage(**fields))


def image_create(title="Photo"):
    return get_image_model().objects.create(title=title, file=get_test_image_file())
