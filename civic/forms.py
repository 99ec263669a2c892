"""Pieces of public forms that several apps share: a place given by its coordinates, a photo
kept between the steps of a form, and a service's refusal shown on the form.

An app's form inherits the parts it needs::

    class ProjectSubmitForm(LocationFieldsForm, StagedPhotoForm):
        title = forms.CharField(...)

and its view shows a service's `ValidationError` on the form with `form_add_service_error`.
"""

from collections.abc import Mapping
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civic.photos import photo_limits, photo_validate


def form_add_service_error(
    form: forms.BaseForm, error: ValidationError, *, fields: Mapping[str, str] | None = None
) -> None:
    """Show a service's refusal on `form`, nothing lost: each message about a field under that
    field, the others (and those about fields the form does not have) at the top.

    `fields` maps the service's field names to the form's where they differ
    (`{"followup_status": "status"}`: the service says `followup_status`, the form `status`).
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    fields = fields or {}
    for name, errors in error.error_dict.items():
        name = fields.get(name, name)
        form.add_error(name if name in form.fields else None, errors)


def _coordinate_field(*, label, limit: int, example: str, invalid) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=Decimal(-limit),
        max_value=Decimal(limit),
        localize=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Par exemple %(example)s") % {"example": example},
        error_messages={"invalid": invalid},
    )


class LocationFieldsForm(forms.Form):
    """An optional place, as latitude and longitude in decimal degrees: both or neither."""

    latitude = _coordinate_field(
        label=_("Latitude"),
        limit=90,
        example="47.081234",
        invalid=_("Saisissez une latitude en degrés décimaux, ex. 47.081234."),
    )
    longitude = _coordinate_field(
        label=_("Longitude"),
        limit=180,
        example="2.401234",
        invalid=_("Saisissez une longitude en degrés décimaux, ex. 2.401234."),
    )

    location_fields = ("latitude", "longitude")

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (
            (latitude is None) != (longitude is None)
            and "latitude" not in self.errors
            and "longitude" not in self.errors
        ):
            missing = "longitude" if longitude is None else "latitude"
            self.add_error(missing, _("Indiquez la latitude et la longitude, ou aucune des deux."))
        return cleaned


class StagedPhotoForm(forms.Form):
    """An optional photo that, once valid, travels between the steps as a signed token
    (`photo_token`, see `civic.photos.photo_form_bind`), so it is never asked for twice.

    `kept_photo_name` names the photo already kept; with `photo_removable`, the citizen may
    then tick `photo_remove` to drop it.
    """

    photo_removable = True

    photo = forms.FileField(
        label=_("Choisir une photo"),
        required=False,
        validators=[photo_validate],
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    photo_token = forms.CharField(required=False, widget=forms.HiddenInput)
    photo_remove = forms.BooleanField(label=_("Retirer la photo"), required=False)

    def __init__(self, *args, kept_photo_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_photo_name = kept_photo_name
        if not (kept_photo_name and self.photo_removable):
            del self.fields["photo_remove"]
        limits = photo_limits()
        self.fields["photo"].help_text = _(
            "JPEG, PNG ou WebP, %(mb)s Mo et %(side)s pixels de côté au plus. Nous retirons de "
            "la photo ses données cachées (position GPS, appareil) avant de l'enregistrer."
        ) % {"mb": f"{limits.max_bytes / 1024 / 1024:g}", "side": limits.max_side}
