"""`cms.demo.seed`: Ingeville's site, built once however many times it runs."""

from io import StringIO

import pytest
from wagtail.models import Page, Site

from cms import demo
from cms.models import HomePage, InformationPage, NewsPage, SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(demo_transaction, django_db_blocker):
    """The site demo, seeded once for the module."""
    with django_db_blocker.unblock():
        demo.seed(stdout=StringIO())


def test_seed_builds_the_ingeville_site_once(seeded, client):
    counts = (Page.objects.count(), NewsPage.objects.count(), InformationPage.objects.count())
    demo.seed(stdout=StringIO())

    assert (
        Page.objects.count(),
        NewsPage.objects.count(),
        InformationPage.objects.count(),
    ) == counts
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.site_name == "Ingeville"
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    assert counts[1:] == (8, 5)
    assert SiteSettings.for_site(site).city_name == "Ville d'Ingeville"
    assert NewsPage.objects.exclude(image=None).count() >= 3

    html = client.get("/").content.decode()
    assert "Ingeville" in html and 'href="/actualites/"' in html
    assert client.get("/votre-ville-en-bref/").status_code == 200
