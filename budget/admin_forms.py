"""Forms of the budget's Wagtail admin pages: paper ballots at the counter, the CSV import
of paper ballots, the withdrawal of results, and the follow-up of winning projects.

Forms only collect and shape input; the services in `budget.ballots`, `budget.paper`,
`budget.results` and `budget.services` decide and say why they refuse.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser

from civic.formats import euros

from . import selectors
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


class PaperBallotForm(forms.Form):
    """The citizen's choices, envelope by envelope (the city and their district)."""

    citizen = forms.IntegerField(widget=forms.HiddenInput)
    identity_checked = forms.BooleanField(
        label=_("J'ai vérifié l'identité de la personne (pièce d'identité présentée)"),
        help_text=_("Obligatoire : le vote au guichet remplace la vérification de l'e-mail."),
    )

    def __init__(self, *args, campaign: Campaign, citizen, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.envelopes = selectors.voter_envelopes(campaign=campaign, user=citizen)
        projects = list(selectors.campaign_ballot_projects(campaign=campaign))
        self.projects = {}
        for envelope in self.envelopes:
            self.projects[envelope.pk] = [p for p in projects if p.envelope_id == envelope.pk]
            self.fields[self.field_name(envelope)] = forms.TypedMultipleChoiceField(
                label=_("Enveloppe « %(envelope)s » (%(amount)s)")
                % {"envelope": envelope, "amount": euros(envelope.amount)},
                choices=[
                    (p.pk, f"{p.title} — {euros(p.cost)}") for p in self.projects[envelope.pk]
                ],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        # The identity check comes last, next to the button that records the ballot.
        self.fields["identity_checked"] = self.fields.pop("identity_checked")

    @staticmethod
    def field_name(envelope) -> str:
        return f"envelope_{envelope.pk}"

    def envelope_rows(self) -> list[dict]:
        """Per envelope: its field, its projects with whether each is ticked, and the total
        ticked against the amount (the running total without JavaScript)."""
        rows = []
        for envelope in self.envelopes:
            bound = self[self.field_name(envelope)]
            ticked = {str(value) for value in (bound.value() or [])}
            projects = [(p, str(p.pk) in ticked) for p in self.projects[envelope.pk]]
            total = sum(p.cost for p, checked in projects if checked)
            rows.append(
                {
                    "envelope": envelope,
                    "field": bound,
                    "projects": projects,
                    "count": sum(1 for _p, checked in projects if checked),
                    "total": total,
                    "over": total > envelope.amount,
                }
            )
        return rows

    def choices(self) -> dict[int, list[int]]:
        return {
            envelope.pk: self.cleaned_data.get(self.field_name(envelope)) or []
            for envelope in self.envelopes
        }


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
