"""Public forms of the participatory budget: project filters, project submission, the ballot,
the receipt check.

They only read and shape what the citizen sent; every rule of the vote is checked by
`budget.ballots` (`ballot_check` before casting, `ballot_cast` when casting).
"""

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from civic.forms import LocationFieldsForm, StagedPhotoForm

from . import receipts
from .models import Envelope, Project
from .selectors import PUBLIC_PROJECT_STATUSES


class ProjectFilterForm(forms.Form):
    """`?enveloppe=<pk>&statut=<status>` on a campaign's page."""

    enveloppe = forms.TypedChoiceField(
        label=_("Enveloppe"), required=False, coerce=int, empty_value=None
    )
    statut = forms.ChoiceField(label=_("Statut"), required=False)

    def __init__(self, *args, envelopes: list[Envelope], **kwargs):
        super().__init__(*args, **kwargs)
        self.envelopes = {envelope.pk: envelope for envelope in envelopes}
        self.fields["enveloppe"].choices = [("", _("Toutes les enveloppes"))] + [
            (envelope.pk, str(envelope)) for envelope in envelopes
        ]
        self.fields["statut"].choices = [("", _("Tous les statuts"))] + [
            (status.value, status.label) for status in PUBLIC_PROJECT_STATUSES
        ]

    def filters(self) -> dict:
        """`{"envelope": Envelope | None, "status": str | None}`; invalid values are ignored."""
        if not self.is_valid():
            return {"envelope": None, "status": None}
        return {
            "envelope": self.envelopes.get(self.cleaned_data["enveloppe"]),
            "status": self.cleaned_data["statut"] or None,
        }


def envelope_field_name(envelope: Envelope) -> str:
    return f"enveloppe-{envelope.pk}"


class BallotForm(forms.Form):
    """One group of checkboxes per envelope the voter votes in (its projects on the ballot).

    Choosing nothing in an envelope is an abstention there; the services say what is valid.
    """

    def __init__(self, *args, envelopes: list[Envelope], projects: list[Project], **kwargs):
        super().__init__(*args, **kwargs)
        self.envelopes = envelopes
        self.projects = {project.pk: project for project in projects}
        for envelope in envelopes:
            self.fields[envelope_field_name(envelope)] = forms.TypedMultipleChoiceField(
                label=str(envelope),
                required=False,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                choices=[
                    (project.pk, project.title)
                    for project in projects
                    if project.envelope_id == envelope.pk
                ],
                error_messages={
                    "invalid_choice": _(
                        "Un des projets choisis n'est plus soumis au vote : vérifiez vos choix."
                    )
                },
            )

    def choices(self) -> dict[int, list[int]]:
        """`{envelope id: [project ids]}` as the services take it (valid form only)."""
        return {
            envelope.pk: sorted(self.cleaned_data.get(envelope_field_name(envelope)) or [])
            for envelope in self.envelopes
        }

    def submitted_choices(self) -> dict[int, list[int]]:
        """What was ticked, even when the form is invalid, keeping only known projects (so that
        nothing the voter chose is lost when the page comes back with a message)."""
        chosen = {}
        for envelope in self.envelopes:
            values = self.data.getlist(self.add_prefix(envelope_field_name(envelope)))
            ids = []
            for value in values:
                try:
                    project_id = int(value)
                except (TypeError, ValueError):
                    continue
                project = self.projects.get(project_id)
                if project is not None and project.envelope_id == envelope.pk:
                    ids.append(project_id)
            chosen[envelope.pk] = sorted(set(ids))
        return chosen


class ReceiptCheckForm(forms.Form):
    code = forms.CharField(
        label=_("Votre code de reçu"),
        max_length=40,
        help_text=_(
            "16 caractères, par exemple K7QD-3MXA-9TZC-PW4H (tirets et casse indifférents)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not receipts.receipt_code_is_well_formed(code):
            raise forms.ValidationError(
                _(
                    "Ce code n'a pas la forme d'un reçu : 16 caractères "
                    "(chiffres et lettres), par exemple K7QD-3MXA-9TZC-PW4H."
                )
            )
        return code


class EurosField(forms.IntegerField):
    """Whole euros; spaces (« 45 000 ») and a trailing « € » are accepted."""

    def to_python(self, value):
        if isinstance(value, str):
            for char in (" ", "\u00a0", "\u202f", "€"):
                value = value.replace(char, "")
        return super().to_python(value)


class ProjectSubmitForm(LocationFieldsForm, StagedPhotoForm):
    """What a citizen types to propose a project; `budget.services.project_submit` decides.

    The photo, once valid, travels as a signed token (`photo_token`) so that it is not asked
    for again when another field needs a correction.
    """

    photo_removable = False

    title = forms.CharField(
        label=_("Titre du projet"),
        max_length=Project._meta.get_field("title").max_length,
        help_text=_("En une phrase : ce que la ville réaliserait (200 caractères au plus)."),
        error_messages={
            "required": _("Donnez un titre à votre projet."),
            "max_length": _(
                "Le titre fait %(show_value)d caractères : raccourcissez-le à %(limit_value)d."
            ),
        },
    )
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=Project._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Deux ou trois phrases montrées sur la liste des projets (400 caractères)."),
        error_messages={
            "required": _("Résumez votre projet en deux ou trois phrases."),
            "max_length": _("Le résumé fait %(show_value)d caractères : %(limit_value)d au plus."),
        },
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Le constat, ce que vous proposez, pour qui, où (10 000 caractères au plus)."),
        error_messages={
            "required": _("Décrivez votre projet."),
            "max_length": _(
                "La description fait %(show_value)d caractères : %(limit_value)d au plus."
            ),
        },
    )
    envelope = forms.ModelChoiceField(
        label=_("Enveloppe"),
        queryset=Envelope.objects.none(),
        empty_label=_("Choisissez une enveloppe"),
        help_text=_("Toute la ville, ou le quartier où le projet serait réalisé."),
        error_messages={
            "required": _("Choisissez l'enveloppe : toute la ville ou un quartier."),
            "invalid_choice": _("Cette enveloppe n'existe pas dans cette campagne."),
        },
    )
    estimated_cost = EurosField(
        label=_("Coût estimé (en euros)"),
        min_value=1,
        max_value=10**12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_(
            "Un ordre de grandeur en euros, sans centimes, par exemple 45000. Les services de "
            "la ville le vérifieront."
        ),
        error_messages={
            "required": _("Indiquez un coût estimé en euros, par exemple 45000."),
            "invalid": _(
                "Indiquez le coût en euros, en chiffres et sans centimes, par exemple 45000."
            ),
            "min_value": _("Le coût estimé doit être d'au moins 1 €."),
            "max_value": _("Ce montant est trop élevé : vérifiez le nombre de zéros."),
        },
    )

    field_order = (
        "title",
        "summary",
        "description",
        "envelope",
        "estimated_cost",
        *LocationFieldsForm.location_fields,
        "photo",
        "photo_token",
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["envelope"].queryset = campaign.envelopes.select_related("district").order_by(
            F("district__name").asc(nulls_first=True)
        )
