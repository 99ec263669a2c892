"""Project form templates: every field has its label, required marker, help and errors tied."""

from django import forms


class ExampleForm(forms.Form):
    title = forms.CharField(label="Titre", help_text="Soyez bref.", max_length=10)
    notes = forms.CharField(label="Remarques", required=False)
    accept = forms.BooleanField(label="J'accepte")


def test_field_has_label_required_marker_and_help_tied_to_the_input():
    html = str(ExampleForm()["title"].as_field_group())

    assert '<label class="field__label" for="id_title">Titre' in html
    assert 'class="field__required" aria-hidden="true"' in html
    assert 'id="id_title_helptext"' in html
    assert 'aria-describedby="id_title_helptext"' in html
    assert "required" in html


def test_errors_are_tied_to_the_field_and_mark_it_invalid():
    form = ExampleForm(data={"title": "beaucoup trop long", "accept": ""})
    assert not form.is_valid()

    html = str(form)

    assert 'id="id_title_error"' in html
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'aria-invalid="true"' in html
    assert "field--error" in html
    assert 'value="beaucoup trop long"' in html  # what was typed is kept
    optional = str(form["notes"].as_field_group())
    assert "field__required" not in optional


def test_checkbox_label_follows_the_box():
    html = str(ExampleForm()["accept"].as_field_group())

    assert html.index('type="checkbox"') < html.index("<label")
