"""Account forms: the profile part of signup, and the profile page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .models import AgeBracket, District, Profile

PREFER_NOT_TO_SAY = _("Je préfère ne pas le dire")

DISPLAY_NAME_HELP = _(
    "C'est le seul renseignement affiché publiquement, à côté de vos idées, "
    "votes de soutien et commentaires. Choisissez un pseudonyme si vous préférez : "
    "votre adresse e-mail n'est jamais montrée."
)
DISTRICT_HELP = _(
    "Sert à vous proposer ce qui concerne votre quartier et, de façon anonyme "
    "et agrégée, à vérifier que tous les quartiers participent. Sans cette information, "
    "vous ne pourrez pas voter dans un budget participatif réservé aux habitants d'un quartier."
)
AGE_BRACKET_HELP = _(
    "Une tranche, jamais une date de naissance. Sert uniquement aux statistiques "
    "anonymes de participation par âge. Sans cette information, vous ne pourrez pas voter "
    "dans un budget participatif dont la participation est soumise à un âge minimum."
)


def _display_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Nom public (pseudonyme)"),
        max_length=60,
        help_text=DISPLAY_NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )


def _clean_display_name(value: str) -> str:
    value = value.strip()
    if "@" in value:
        raise forms.ValidationError(
            _("Votre nom public ne doit pas être une adresse e-mail : elle resterait visible.")
        )
    return value


class ProfileFieldsMixin:
    """Choices for the district and the age bracket, with an explicit way to refuse."""

    def _set_profile_choices(self):
        self.fields["district"].queryset = selectors.district_list()
        self.fields["district"].empty_label = PREFER_NOT_TO_SAY
        self.fields["age_bracket"].choices = [("", PREFER_NOT_TO_SAY), *AgeBracket.choices]

    def clean_display_name(self):
        return _clean_display_name(self.cleaned_data["display_name"])


PROFILE_FIELD_NAMES = ("display_name", "district", "age_bracket")


class SignupProfileForm(ProfileFieldsMixin, forms.Form):
    """The profile part of allauth's signup form (ACCOUNT_SIGNUP_FORM_CLASS).

    allauth builds its signup form on top of this class and calls `signup()` once the user
    is saved.
    """

    field_order = ["email", "password1", "password2", "display_name", "district", "age_bracket"]

    display_name = _display_name_field()
    district = forms.ModelChoiceField(
        label=_("Quartier de résidence (facultatif)"),
        queryset=District.objects.none(),
        required=False,
        help_text=DISTRICT_HELP,
    )
    age_bracket = forms.ChoiceField(
        label=_("Tranche d'âge (facultatif)"), required=False, help_text=AGE_BRACKET_HELP
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_profile_choices()

    def account_fields(self):
        """The fields of the account itself (email, password), for the first fieldset."""
        return [f for f in self.visible_fields() if f.name not in PROFILE_FIELD_NAMES]

    def profile_fields(self):
        """The profile fields, for the second fieldset with its explanation."""
        return [self[name] for name in PROFILE_FIELD_NAMES]

    def signup(self, request, user):
        services.profile_create(
            user=user,
            display_name=self.cleaned_data["display_name"],
            district=self.cleaned_data.get("district"),
            age_bracket=self.cleaned_data.get("age_bracket") or "",
            language=getattr(request, "LANGUAGE_CODE", None),
        )


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    """What a citizen can change on /mon-espace/profil/."""

    display_name = _display_name_field()

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "district",
            "age_bracket",
            "language",
            "notify_status_changes",
            "notify_comments",
            "notify_followed",
        ]
        labels = {
            "district": _("Quartier de résidence (facultatif)"),
            "age_bracket": _("Tranche d'âge (facultatif)"),
            "language": _("Langue des e-mails"),
            "notify_status_changes": _("Quand une de mes contributions change de statut"),
            "notify_comments": _("Quand on commente mes contributions ou me répond"),
            "notify_followed": _("Des nouvelles de ce que je suis"),
        }
        help_texts = {
            "district": DISTRICT_HELP,
            "age_bracket": AGE_BRACKET_HELP,
            "language": _("La langue dans laquelle la plateforme vous écrit."),
            "notify_status_changes": _(
                "Par exemple : votre idée est publiée, retenue pour étude ou réalisée."
            ),
            "notify_comments": _("Un e-mail par nouveau commentaire ou réponse."),
            "notify_followed": _("Les étapes des idées, projets et consultations que vous suivez."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_profile_choices()
        self.fields["display_name"].required = True


class AssistedCitizenForm(ProfileFieldsMixin, forms.Form):
    """At the counter: a citizen without an email address, registered by an agent.

    The name lets the agent find the person again; it is never shown publicly (the public
    name is the pseudonym, by default the first name and the initial of the last name).
    """

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    display_name = forms.CharField(
        label=_("Nom public (pseudonyme, facultatif)"),
        max_length=60,
        required=False,
        help_text=_("Par défaut : le prénom et l'initiale du nom."),
    )
    district = forms.ModelChoiceField(
        label=_("Quartier de résidence"), queryset=District.objects.none(), required=False
    )
    age_bracket = forms.ChoiceField(label=_("Tranche d'âge"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_profile_choices()
        self.fields["district"].empty_label = _("Non renseigné")
        self.fields["age_bracket"].choices = [("", _("Non renseignée")), *AgeBracket.choices]

    def clean_display_name(self):
        value = self.cleaned_data.get("display_name") or ""
        return _clean_display_name(value) if value else ""


class AssistedProfileForm(ProfileFieldsMixin, forms.Form):
    """At the counter: the district or the age bracket a citizen had not given, completed
    by the agent with them (`services.profile_complete_assisted`)."""

    district = forms.ModelChoiceField(
        label=_("Quartier de résidence"), queryset=District.objects.none(), required=False
    )
    age_bracket = forms.ChoiceField(label=_("Tranche d'âge"), required=False)

    def __init__(self, *args, profile: Profile | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_profile_choices()
        self.fields["district"].empty_label = _("Choisir…")
        self.fields["age_bracket"].choices = [("", _("Choisir…")), *AgeBracket.choices]
        # Only what is missing is offered: the rest is the citizen's to change.
        if profile is not None and profile.district_id:
            del self.fields["district"]
        if profile is not None and profile.age_bracket:
            del self.fields["age_bracket"]
