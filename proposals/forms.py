"""The idea submission form (citizens), its on-behalf part (agents) and the author's edit form.

The title and description keep their `maxlength` in the HTML (a counter script,
`static/js/ideas-counter.js`, reads it) and are checked on the server against the model's
limits: an overlong text is refused with its length, never cut.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from civic.accounts.models import District
from civic.forms import LocationFieldsForm, StagedPhotoForm

from .models import Idea, Theme


class CountedCharField(forms.CharField):
    """A text counted as the citizen sees it: a browser sends each line break as two
    characters (CR LF) but counts it as one, so line breaks are normalised before the limit
    is checked."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class IdeaFieldsForm(LocationFieldsForm):
    """The words and place of an idea: what its author types, on submission and on edit."""

    title = CountedCharField(
        label=_("Titre de votre idée"),
        max_length=Idea.TITLE_MAX_LENGTH,
        help_text=_("En une phrase : ce que vous proposez (120 caractères au plus)."),
        error_messages={
            "required": _("Donnez un titre à votre idée."),
            "max_length": _(
                "Le titre fait %(show_value)d caractères : raccourcissez-le à %(limit_value)d."
            ),
        },
    )
    body = CountedCharField(
        label=_("Description"),
        max_length=Idea.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Le constat, ce que vous proposez, à qui cela profiterait (5 000 caractères au plus). "
            "Texte simple : les liens sont rendus cliquables."
        ),
        error_messages={
            "required": _("Décrivez votre idée en quelques lignes."),
            "max_length": _(
                "La description fait %(show_value)d caractères : %(limit_value)d au plus."
            ),
        },
    )
    theme = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.all(),
        empty_label=_("Choisissez un thème"),
        error_messages={
            "required": _("Choisissez le thème le plus proche de votre idée."),
            "invalid_choice": _("Ce thème n'existe plus : choisissez-en un autre."),
        },
    )
    district = forms.ModelChoiceField(
        label=_("Quartier concerné"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("Toute la ville"),
    )

    idea_fields = ("title", "body", "theme", "district")
    field_order = (*idea_fields, *LocationFieldsForm.location_fields)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read by the counter script; the server check above stays the rule.
        for name in ("title", "body"):
            self.fields[name].widget.attrs["data-char-counter"] = ""


class IdeaEditForm(IdeaFieldsForm):
    """The author's corrections to an idea still waiting for moderation (no photo change)."""


class IdeaForm(IdeaFieldsForm, StagedPhotoForm):
    """What a citizen types. The photo travels between the steps as a signed token
    (`photo_token`), so it is never asked for twice; a kept photo may be removed."""

    # Fields shown, in order, by the template (the on-behalf ones come first for agents).
    field_order = (
        *IdeaFieldsForm.idea_fields,
        *LocationFieldsForm.location_fields,
        "photo",
        "photo_token",
        "photo_remove",
    )


class OnBehalfIdeaForm(IdeaForm):
    """For agents: the idea of a citizen met at the counter, on the phone or by mail."""

    channel = forms.ChoiceField(
        label=_("Pour qui déposez-vous cette idée ?"),
        choices=[
            (Idea.Channel.WEB, _("En mon nom")),
            (Idea.Channel.COUNTER, _("Pour un citoyen reçu au guichet")),
            (Idea.Channel.PHONE, _("Pour un citoyen au téléphone")),
            (Idea.Channel.MAIL, _("Pour un citoyen qui a écrit un courrier")),
        ],
        initial=Idea.Channel.WEB,
        widget=forms.RadioSelect,
    )
    author_email = forms.EmailField(
        label=_("E-mail du citoyen"),
        required=False,
        help_text=_(
            "Son compte est retrouvé par cet e-mail ; s'il n'en a pas, un compte est créé (il "
            "pourra l'activer avec « mot de passe oublié »). Il reçoit l'accusé de réception."
        ),
        error_messages={"invalid": _("Saisissez une adresse e-mail valide, ex. nom@exemple.fr.")},
    )
    author_display_name = forms.CharField(
        label=_("Pseudonyme public du citoyen"),
        required=False,
        max_length=60,
        help_text=_("Seulement pour un nouveau compte : le nom affiché à côté de l'idée."),
    )

    def clean(self):
        cleaned = super().clean()
        on_behalf = cleaned.get("channel") and cleaned["channel"] != Idea.Channel.WEB
        if on_behalf and not cleaned.get("author_email") and not self.errors.get("author_email"):
            self.add_error(
                "author_email", _("Indiquez l'e-mail du citoyen pour qui vous déposez l'idée.")
            )
        return cleaned

    @property
    def on_behalf(self) -> bool:
        return self.cleaned_data.get("channel", Idea.Channel.WEB) != Idea.Channel.WEB
