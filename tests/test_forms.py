"""The form pieces every app shares (civic/forms.py)."""

from django import forms
from django.core.exceptions import ValidationError

from civic.forms import LocationFieldsForm, form_add_service_error


class PlaceForm(LocationFieldsForm):
    title = forms.CharField(required=False)
    status = forms.CharField(required=False)


def bound(**data):
    form = PlaceForm(data)
    form.is_valid()
    return form


def test_a_service_refusal_about_a_field_is_shown_beside_it():
    form = bound(title="Un banc")
    form_add_service_error(form, ValidationError({"title": "Ce titre existe déjà."}))
    assert form.errors["title"] == ["Ce titre existe déjà."]
    assert form.non_field_errors() == []


def test_a_refusal_about_no_field_of_the_form_is_shown_at_the_top():
    form = bound(title="Un banc")
    form_add_service_error(
        form,
        ValidationError({"envelope": "Enveloppe close.", "__all__": "Dépôt fermé."}),
    )
    assert sorted(form.non_field_errors()) == ["Dépôt fermé.", "Enveloppe close."]

    form = bound(title="Un banc")
    form_add_service_error(form, ValidationError(["Le vote est clos.", "Réessayez demain."]))
    assert form.non_field_errors() == ["Le vote est clos.", "Réessayez demain."]


def test_a_service_field_name_can_be_mapped_to_the_form_s():
    form = bound(status="abandoned")
    form_add_service_error(
        form,
        ValidationError({"followup_status": "Donnez le motif de l'abandon."}),
        fields={"followup_status": "status"},
    )
    assert form.errors["status"] == ["Donnez le motif de l'abandon."]


def test_a_place_is_both_coordinates_or_none():
    assert bound(latitude="", longitude="").is_valid()
    assert bound(latitude="47.081234", longitude="2.401234").is_valid()

    only_latitude = bound(latitude="47.081234", longitude="")
    assert only_latitude.errors == {
        "longitude": ["Indiquez la latitude et la longitude, ou aucune des deux."]
    }
    only_longitude = bound(latitude="", longitude="2.4")
    assert list(only_longitude.errors) == ["latitude"]


def test_a_wrong_coordinate_is_reported_once_on_its_field():
    form = bound(latitude="nord", longitude="2.4")
    assert form.errors == {
        "latitude": ["Saisissez une latitude en degrés décimaux, ex. 47.081234."]
    }
    assert list(bound(latitude="91", longitude="2.4").errors) == ["latitude"]
