"""Consultations on the shared pages: home (days left), menu, site search."""

import pytest
from django.core.cache import cache

from cms.models import HomePage

from .factories import consultation, index_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_site(default_site):
    """A site whose root is a real HomePage (the home page collects the sections)."""
    root = default_site.root_page
    home = HomePage(title="Accueil", slug="accueil-test")
    root.get_parent().add_child(instance=home)
    home.save_revision().publish()
    default_site.root_page = home
    default_site.save()
    yield default_site
    cache.clear()  # Wagtail caches the sites' root paths across the rollback


def test_the_home_page_lists_open_consultations_with_days_left(client, home_site):
    consultation(home_site, title="Ouverte", closes_in_days=5)
    consultation(home_site, title="Future", opens_in_days=3)
    html = client.get("/").content.decode()
    assert "Consultations ouvertes" in html
    assert "Ouverte" in html and "Future" not in html
    assert "Plus que 4 jours" in html or "Plus que 5 jours" in html


def test_menu_and_search(client, default_site):
    index_page(default_site)
    consultation(default_site, title="Horaires de la médiathèque")
    html = client.get("/recherche/?q=mediatheque").content.decode()
    assert "Horaires de la médiathèque" in html
    assert 'href="/consultations/"' in client.get("/recherche/").content.decode()
