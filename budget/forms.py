"""Public forms of the participatory budget: project filters, the ballot, the receipt check.

They only read and shape what the citizen sent; every rule of the vote is checked by
`budget.ballots` (`ballot_check` before casting, `ballot_cast` when casting).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

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
