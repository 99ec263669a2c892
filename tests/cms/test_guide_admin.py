"""Issue #12, point 1: editors keep the facilities in the Wagtail admin; invalid opening
hours are refused at the field with where the mistake is; the week preview under the field
(the saved hours without JavaScript, the typed ones through the preview endpoint)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cms.models import Alert, Event, EventCategory, Facility, FacilityCategory, PharmacyDuty
from tests.cms.guide_factories import category_create, facility_create

pytestmark = pytest.mark.django_db


def form_data(category, **overrides):
    data = {
        "name": "Piscine des Ondines",
        "slug": "piscine-des-ondines",
        "category": category.pk,
        "is_published": "on",
        "opening_hours": "Mo-Fr 12:00-14:00; Jul-Aug 10:00-19:30; PH off",
        "closures-TOTAL_FORMS": "0",
        "closures-INITIAL_FORMS": "0",
        "closures-MIN_NUM_FORMS": "0",
        "closures-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_an_elected_official_creates_a_facility(client, elected):
    category = category_create("piscines", "Piscines", icon="piscine")
    client.force_login(elected)
    url = reverse("wagtailsnippets_cms_facility:add")
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(category))
    assert response.status_code == 302
    facility = Facility.objects.get(slug="piscine-des-ondines")
    assert facility.opening_hours.startswith("Mo-Fr 12:00-14:00")


def said(response) -> list[str]:
    """The messages' sentences (Wagtail appends its "Modifier" button's HTML to them)."""
    return [str(message).split("\n")[0] for message in get_messages(response.wsgi_request)]


def test_the_success_messages_name_the_facility_in_french(client, elected):
    category = category_create("piscines", "Piscines", icon="piscine")
    client.force_login(elected)
    created = client.post(reverse("wagtailsnippets_cms_facility:add"), form_data(category))
    assert said(created) == ["Équipement « Piscine des Ondines » créé."]
    facility = Facility.objects.get(slug="piscine-des-ondines")
    updated = client.post(
        reverse("wagtailsnippets_cms_facility:edit", args=[facility.pk]),
        form_data(category, name="Piscine Les Ondines"),
    )
    assert said(updated) == [  # the first one was never shown: no page was opened between
        "Équipement « Piscine des Ondines » créé.",
        "Équipement « Piscine Les Ondines » enregistré.",
    ]


def test_the_guide_snippets_have_french_names():
    names = {
        model.__name__: (model._meta.verbose_name, model._meta.verbose_name_plural)
        for model in (Facility, FacilityCategory, PharmacyDuty, Event, EventCategory, Alert)
    }
    assert names == {
        "Facility": ("équipement", "équipements"),
        "FacilityCategory": ("catégorie d'équipement", "catégories d'équipements"),
        "PharmacyDuty": ("garde de pharmacie", "gardes de pharmacie"),
        "Event": ("événement", "événements"),
        "EventCategory": ("catégorie d'événement", "catégories d'événements"),
        "Alert": ("alerte", "alertes"),
    }


def test_invalid_hours_are_refused_at_the_field_and_what_was_typed_is_kept(client, elected):
    category = category_create()
    client.force_login(elected)
    response = client.post(
        reverse("wagtailsnippets_cms_facility:add"),
        form_data(category, opening_hours="Mo-Fr 08:30-12:00,13:30-1x:30"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Horaires illisibles au caractère 25" in page
    assert "Mo-Fr 08:30-12:00,13:30-1x:30" in page  # the field keeps the typed text
    assert not Facility.objects.exists()


def test_the_edit_form_shows_the_week_of_the_saved_hours(client, elected):
    facility = facility_create("Hôtel de ville", hours="Mo-Su 09:00-17:00")
    client.force_login(elected)
    page = client.get(reverse("wagtailsnippets_cms_facility:edit", args=[facility.pk]))
    html = page.content.decode()
    assert "Aperçu des sept prochains jours" in html
    assert "9 h – 17 h" in html
    assert "js/cms-hours-preview.js" in html


def test_the_preview_endpoint_renders_the_typed_hours_or_the_error(client, elected):
    client.force_login(elected)
    url = reverse("cms_hours_preview")
    week = client.get(url, {"expression": "Mo-Su 10:00-18:30"}).content.decode()
    assert week.count("10 h – 18 h 30") == 7
    error = client.get(url, {"expression": "Mo-Fx 10:00"}).content.decode()
    assert "Horaires invalides" in error and "au caractère 4" in error
    assert client.get(url, {"expression": "x" * 1000}).status_code == 400


def test_the_preview_is_for_the_admin_only(client, citizen):
    url = reverse("cms_hours_preview")
    assert client.get(url, {"expression": "24/7"}).status_code == 302  # to the login
    client.force_login(citizen)
    response = client.get(url, {"expression": "24/7"})
    assert "24 h/24" not in response.content.decode()


def test_the_listing_shows_published_as_an_icon_not_the_word_true(client, elected):
    category = category_create("piscines", "Piscines", icon="piscine")
    facility_create(category=category, name="Piscine des Ondines")
    client.force_login(elected)
    page = client.get(reverse("wagtailsnippets_cms_facility:list")).content.decode()
    assert "Piscine des Ondines" in page
    row = page.split("Piscine des Ondines", 1)[1].split("</tr>", 1)[0]  # the facility's row
    assert "True" not in row
    assert '<use href="#icon-check">' in row
    assert "Oui" in row  # what a screen reader says beside the tick
