"""Editors can open every CMS page type and the site settings in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from .factories import information_page_create, news_page_create

pytestmark = pytest.mark.django_db


def test_editor_forms_open_for_each_page_type_and_the_settings(client, news_index, administrator):
    home = news_index.get_parent()
    pages = [home, news_index, news_page_create(news_index, 1), information_page_create(home)]
    client.force_login(administrator)

    for page in pages:
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    site = Site.objects.get(is_default_site=True)
    response = client.get(reverse("wagtailsettings:edit", args=["cms", "sitesettings", site.pk]))
    assert response.status_code == 200
    assert "DPO" in response.content.decode()
