"""/confidentialite/ and /mentions-legales/: real pages from the site settings, linked from
every footer and from the forms that collect personal data."""

import pytest
from django.urls import reverse

from cms.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_settings(default_site):
    site_settings = SiteSettings.for_site(default_site)
    site_settings.city_name = "Ville d'Exemple"
    site_settings.contact_address = "1 place de la Mairie\n12345 Exemple"
    site_settings.contact_email = "mairie@exemple.fr"
    site_settings.dpo_name = "Mme Durand"
    site_settings.dpo_email = "dpo@exemple.fr"
    site_settings.save()
    return site_settings


def main_content(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_privacy_page_names_the_city_and_the_dpo_by_default(client, site_settings):
    response = client.get("/confidentialite/")
    assert response.status_code == 200
    main = main_content(response)
    assert "Confidentialité et données personnelles" in main
    assert "Ville d&#x27;Exemple" in main
    assert 'href="mailto:dpo@exemple.fr"' in main and "Mme Durand" in main
    assert "CNIL" in main


def test_privacy_page_writes_to_the_city_when_there_is_no_dpo(client, site_settings):
    site_settings.dpo_email = ""
    site_settings.save()
    main = main_content(client.get("/confidentialite/"))
    assert 'href="mailto:mairie@exemple.fr"' in main


def test_the_citys_own_texts_replace_the_defaults(client, site_settings):
    site_settings.privacy_notice = "<p>Notre politique, rédigée par la ville.</p>"
    site_settings.legal_notice = "<p>Hébergé par Exemple Hébergement SAS.</p>"
    site_settings.save()
    privacy = main_content(client.get("/confidentialite/"))
    legal = main_content(client.get("/mentions-legales/"))
    assert "Notre politique, rédigée par la ville." in privacy
    assert "CNIL" not in privacy
    assert "Hébergé par Exemple Hébergement SAS." in legal


def test_legal_notice_names_the_publisher_and_links_to_the_privacy_page(client, site_settings):
    response = client.get("/mentions-legales/")
    assert response.status_code == 200
    main = main_content(response)
    assert "Mentions légales" in main
    assert "1 place de la Mairie" in main and "mairie@exemple.fr" in main
    assert 'href="/confidentialite/"' in main


def test_head_works_and_writing_is_refused(client, site_settings):
    assert client.head("/confidentialite/").status_code == 200
    assert client.post("/mentions-legales/").status_code == 405


def test_every_footer_links_both_pages(client, site_settings):
    for path in ("/idees/", "/confidentialite/", reverse("account_login")):
        html = client.get(path).content.decode()
        footer = html[html.index("<footer") :]
        assert 'href="/confidentialite/"' in footer, path
        assert 'href="/mentions-legales/"' in footer, path


def test_signup_promises_only_what_exists_and_names_the_dpo(client, site_settings):
    html = client.get(reverse("account_signup")).content.decode()
    assert "télécharger" not in html
    assert "supprimer votre compte depuis" not in html
    assert "écrivez au délégué à la protection des données" in html
    assert 'href="mailto:dpo@exemple.fr"' in html
    assert 'href="/confidentialite/"' in html
