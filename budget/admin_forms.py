"""Forms of the budget's Wagtail admin pages: paper ballots at the counter, the CSV import
of paper ballots, the withdrawal of results, and the follow-up of winning projects.

Forms only collect and shape input; the services in `budget.ballots`, `budget.paper`,
`budget.results` and `budget.services` decide and say why they refuse.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser

from .models import Campaign, Project


class CitizenLookupForm(forms.Form):
    q = forms.CharField(
        label=_("Adresse e-mail ou nom du votant"),
        min_length=3,  # a name search lists people: not everyone for one letter
        max_length=200,
        help_text=_(
            "L'adresse de son compte, ou son nom et prénom s'il n'a pas d'adresse e-mail "
            "(personne inscrite au guichet)."
        ),
    )


class CounterIdentityForm(forms.Form):
    """The agent attests that the person present showed an identity document: only then does
    the counter say whether they may vote (and open the booth), so that an agent cannot
    look up who has voted without leaving, in the audit log, an attestation per person."""

    citizen = forms.IntegerField(widget=forms.HiddenInput)
    identity_checked = forms.BooleanField(
        label=_("J'ai vérifié l'identité de la personne (pièce d'identité présentée)"),
        help_text=_("Obligatoire : le vote au guichet remplace la vérification de l'e-mail."),
    )


class PaperImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV des bulletins papier"),
        help_text=_("Encodé en UTF-8, séparateur virgule ou point-virgule ; format ci-dessous."),
    )


class ResultsWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Raison du retrait"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Conservée au journal avec les résultats retirés."),
    )


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Avancement"), choices=Project.FollowUp.choices)
    progress = forms.IntegerField(
        label=_("Avancement (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Pour un projet en cours. « Programmé » vaut 0 %, « Livré » 100 %."),
    )
    reason = forms.CharField(
        label=_("Raison de l'abandon"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Obligatoire pour un projet abandonné ; publiée avec le projet."),
    )


class MilestoneForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label=_("Texte"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    photo = forms.ModelChoiceField(
        label=_("Photo"),
        queryset=get_image_model().objects.all(),
        required=False,
        widget=AdminImageChooser,
    )


# An amount no city budget reaches, far below what the database column holds.
MAX_AMOUNT = 10**12


class _CorrectionForm(forms.Form):
    """A correction during the vote: the new values, prefilled with the current ones, and the
    reason, kept in the log with the values before and after."""

    reason = forms.CharField(
        label=_("Raison de la correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Obligatoire ; conservée au journal avec les valeurs avant et après."),
    )

    def _model_field(self, model, name: str, value, **kwargs):
        field = model._meta.get_field(name).formfield(**kwargs)
        field.initial = value
        return field

    def _move_reason_last(self) -> None:
        self.fields["reason"] = self.fields.pop("reason")


class ProjectCorrectForm(_CorrectionForm):
    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"] = self._model_field(Project, "title", project.title)
        self.fields["envelope"] = forms.ModelChoiceField(
            label=_("Enveloppe"),
            queryset=project.campaign.envelopes.select_related("district"),
            initial=project.envelope_id,
        )
        self.fields["estimated_cost"] = self._model_field(
            Project, "estimated_cost", project.estimated_cost
        )
        self.fields["validated_cost"] = self._model_field(
            Project, "validated_cost", project.validated_cost
        )
        self._move_reason_last()

    def changes(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("title", "envelope", "estimated_cost", "validated_cost")
        }


CORRECTABLE_FIELDS = (
    "total_amount",
    "tally_rule",
    "tally_threshold",
    "equal_shares_completion",
    "greedy_completion",
)


class CampaignCorrectForm(_CorrectionForm):
    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CORRECTABLE_FIELDS:
            self.fields[name] = self._model_field(Campaign, name, getattr(campaign, name))
        self.envelopes = list(campaign.envelopes.select_related("district"))
        for envelope in self.envelopes:
            self.fields[f"envelope_{envelope.pk}"] = forms.IntegerField(
                label=_("Montant de l'enveloppe « %(envelope)s » (€)") % {"envelope": envelope},
                min_value=0,
                max_value=MAX_AMOUNT,
                initial=envelope.amount,
            )
        self._move_reason_last()

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in CORRECTABLE_FIELDS}

    def envelope_amounts(self) -> dict[int, int]:
        return {e.pk: self.cleaned_data[f"envelope_{e.pk}"] for e in self.envelopes}
