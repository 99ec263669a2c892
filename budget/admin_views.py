"""Wagtail admin forms and views of the budget: the campaign form, the review of a project,
the counter (identity, then the booth) and the CSV import of paper ballots, the count
(preview, publication, withdrawal) and the follow-up of winning projects. Every change goes
through a service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from civic.accounts import services as account_services
from civic.accounts.forms import AssistedCitizenForm, AssistedProfileForm
from civic.audit import audit_log
from civic.forms import form_add_service_error

from . import counter, kiosk_views, paper, results, selectors, services
from .admin_forms import (
    CitizenLookupForm,
    CounterIdentityForm,
    FollowUpForm,
    MilestoneForm,
    PaperImportForm,
    ResultsWithdrawForm,
)
from .ballots import PAPER_PERMISSION
from .models import Campaign, Project


def _freeze_fields(form: forms.BaseForm, names, *, help_text=None) -> None:
    """Show `names` read-only, saying why. A disabled field keeps its saved value whatever
    is posted (Django ignores submitted data for it); the services refuse a change anyway."""
    for name in names:
        field = form.fields.get(name)
        if field is None:
            continue
        field.disabled = True
        if help_text:
            field.help_text = help_text
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field.widget, forms.Select):
            # A chooser keeps its "choose another" button even disabled: a plain select does not.
            field.widget = forms.Select(attrs={"disabled": True})
            field.widget.choices = field.choices


FROZEN_HELP = _(
    "Figé depuis l'ouverture du vote : les votants ont choisi sur cette base. Un "
    "administrateur peut le corriger, avec une raison, par « Corriger pendant le vote »."
)
CAMPAIGN_LOCKED_HELP = _("Figé depuis l'ouverture du vote : le projet reste dans sa campagne.")
LOCKED_HELP = _(
    "Figé depuis l'ouverture du vote : les bulletins déjà déposés suivent cette règle, elle "
    "ne peut plus changer."
)


class CampaignForm(WagtailAdminModelForm):
    """The campaign and its envelopes; the rules are `services.campaign_check`'s (envelopes
    within the total amount, voting rules, counting rule and envelopes frozen once the vote has
    started), shown on the fields they concern. Wagtail's edit action then saves and logs the
    change. During the vote the frozen fields are read-only (`vote_frozen`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.vote_frozen = bool(self.instance.pk) and services.vote_has_opened(self.instance)
        if self.vote_frozen:
            _freeze_fields(self, services.LOCKED_DURING_VOTE, help_text=LOCKED_HELP)
            _freeze_fields(self, services.CORRECTABLE_DURING_VOTE, help_text=FROZEN_HELP)
            formset = self.formsets.get("envelopes")
            for form in formset.forms if formset is not None else ():
                # Shown as a table by `EnvelopesPanel`, under one notice.
                _freeze_fields(form, ["district", "amount", "DELETE"], help_text=False)

    def clean(self):
        cleaned_data = super().clean()
        envelopes = removed = None
        formset = self.formsets.get("envelopes")
        if formset is not None and formset.is_valid():
            # A valid formset has put each row's values on its form's envelope.
            rows = [form for form in formset.forms if form.cleaned_data]
            envelopes = [form.instance for form in rows if not form.cleaned_data.get("DELETE")]
            removed = [form.instance for form in rows if form.cleaned_data.get("DELETE")]
        names = services.CAMPAIGN_FIELDS
        try:
            services.campaign_check(
                campaign=self.instance,
                changes={name: value for name, value in cleaned_data.items() if name in names},
                envelopes=envelopes,
                removed=removed or (),
            )
        except ValidationError as error:
            # Keyed by field: Django puts each message on its field (or above the form).
            self.add_error(None, error)
        return cleaned_data


class ProjectForm(WagtailAdminModelForm):
    """Staff correct a project's descriptive fields; once its campaign's vote has opened, what
    the ballot shows (`services.PROJECT_FROZEN_DURING_VOTE`) is read-only and
    `services.project_check` refuses a change. Statuses change only through the services."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campaign = self.instance.campaign if self.instance.campaign_id else None
        self.vote_frozen = bool(self.instance.pk) and services.vote_has_opened(campaign)
        if self.vote_frozen:
            _freeze_fields(self, services.PROJECT_FROZEN_DURING_VOTE, help_text=FROZEN_HELP)
            _freeze_fields(self, ["campaign"], help_text=CAMPAIGN_LOCKED_HELP)

    def clean(self):
        cleaned_data = super().clean()
        names = services.PROJECT_FROZEN_DURING_VOTE
        try:
            services.project_check(
                project=self.instance,
                changes={name: value for name, value in cleaned_data.items() if name in names},
            )
        except ValidationError as error:
            form_add_service_error(self, error)
        return cleaned_data


class ProjectReviewForm(WagtailAdminModelForm):
    """Feasibility, validated cost, notes and decision; saving calls `project_review`."""

    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[
            (Project.Status.IN_REVIEW, Project.Status.IN_REVIEW.label),
            (Project.Status.ELIGIBLE, Project.Status.ELIGIBLE.label),
            (Project.Status.INELIGIBLE, Project.Status.INELIGIBLE.label),
        ],
        help_text=_("Les porteurs sont prévenus d'une décision de recevabilité."),
    )

    class Meta:
        model = Project
        fields = ["feasibility", "validated_cost", "public_note", "internal_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status in (Project.Status.ELIGIBLE, Project.Status.INELIGIBLE):
            self.fields["decision"].initial = self.instance.status

    def _post_clean(self):
        # The model's own checks run in the service, with the decision applied.
        pass


# Counter, counting and follow-up pages (registered in wagtail_hooks under /admin/budget/) --


def _errors(error: ValidationError) -> list[str]:
    return list(getattr(error, "messages", None) or [str(error)])


class _CampaignAdminView(WagtailAdminTemplateMixin, TemplateView):
    """A page about one campaign, for users holding `permission`."""

    permission = ""
    header_icon = "calendar-alt"

    def dispatch(self, request, *args, pk, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.campaign = get_object_or_404(Campaign, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.campaign)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_budget_campaign:list"), "label": _("Campagnes")},
            {
                "url": reverse("wagtailsnippets_budget_campaign:edit", args=[self.campaign.pk]),
                "label": str(self.campaign),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.campaign, **kwargs)


class PaperBallotView(_CampaignAdminView):
    """The counter, as at a polling station: the agent finds the citizen (by email, or by name
    for a citizen without email), checks their identity and attests it; only then the page
    says whether they may vote and why not (completing a missing district or age bracket with
    them), and opens the booth (`kiosk_views`) where the voter enters their choices alone.
    The agent never sees the choices; a citizen without email can be registered here.

    GET `?q=` searches, GET `?citizen=<pk>` shows one person; POST `action` is `check`
    (identity attested: the decision), `kiosk` (open the booth), `complete` or `register`.
    Every write goes through a service.
    """

    permission = PAPER_PERMISSION
    page_title = _("Vote au guichet")
    template_name = "budget/admin/paper_ballot.html"

    def _url(self, citizen=None) -> str:
        url = reverse("budget_admin:paper_ballot", args=[self.campaign.pk])
        return f"{url}?citizen={citizen.pk}" if citizen is not None else url

    def _citizen_from(self, data):
        """The citizen named by `data["citizen"]` (a pk), or None for a missing or bad one."""
        try:
            pk = int(str(data.get("citizen", "")).strip())
        except ValueError:
            return None
        return counter.counter_citizen_get(pk=pk) if 0 < pk < 2**63 else None

    def _citizen_context(self, citizen, *, identity=None, complete_form=None) -> dict:
        """The person; with `identity` (a valid attestation) also whether they may vote."""
        if identity is None or not identity.is_valid():
            return {
                "citizen": citizen,
                "identity_form": identity or CounterIdentityForm(initial={"citizen": citizen.pk}),
            }
        decision = counter.counter_decision(campaign=self.campaign, citizen=citizen)
        profile = getattr(citizen, "profile", None)
        if complete_form is None and decision.fixable:
            complete_form = AssistedProfileForm(profile=profile)
        return {
            "citizen": citizen,
            "decision": decision,
            "complete_form": complete_form,
            "identity_checked": True,
        }

    def _log_lookup(self, found) -> None:
        """Who was looked up at the counter, by whom: the people found, never what was typed
        (an email or a name)."""
        audit_log(
            actor=self.request.user,
            action="budget.campaign.counter_lookup",
            instance=self.campaign,
            data={"citizens": [citizen.pk for citizen in found], "found": bool(found)},
        )

    def get(self, request, *args, **kwargs):
        context = {"lookup": CitizenLookupForm(), "register_form": AssistedCitizenForm()}
        if "citizen" in request.GET:
            citizen = self._citizen_from(request.GET)
            if citizen is None:
                messages.error(request, _("Personne introuvable : recherchez-la à nouveau."))
                return redirect(self._url())
            context.update(self._citizen_context(citizen))
        elif "q" in request.GET:
            lookup = CitizenLookupForm(request.GET)
            context["lookup"] = lookup
            if lookup.is_valid():
                found = counter.counter_citizen_search(query=lookup.cleaned_data["q"])
                self._log_lookup(found)
                if not found:
                    lookup.add_error(
                        "q",
                        _(
                            "Personne ne correspond. Vérifiez l'orthographe, ou inscrivez la "
                            "personne ci-dessous si elle n'a pas de compte."
                        ),
                    )
                elif len(found) == 1:
                    context.update(self._citizen_context(found[0]))
                else:
                    context["matches"] = found
        return self.render_to_response(self.get_context_data(**context))

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "check")
        if action == "register":
            return self._register(request)
        citizen = self._citizen_from(request.POST)
        if citizen is None:
            messages.error(request, _("Personne introuvable : recherchez-la à nouveau."))
            return redirect(self._url())
        identity = CounterIdentityForm(request.POST)
        if action == "complete":
            return self._complete(request, citizen, identity)
        if action == "kiosk":
            return self._kiosk(request, citizen, identity)
        if identity.is_valid():
            audit_log(
                actor=request.user,
                action="budget.campaign.counter_identity_check",
                instance=self.campaign,
                data={"citizen": citizen.pk},
            )
        return self._render(**self._citizen_context(citizen, identity=identity))

    def _render(self, **context):
        context.setdefault("lookup", CitizenLookupForm())
        context.setdefault("register_form", AssistedCitizenForm())
        return self.render_to_response(self.get_context_data(**context))

    def _register(self, request):
        form = AssistedCitizenForm(request.POST)
        if form.is_valid():
            try:
                citizen = account_services.citizen_register_assisted(
                    actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s est inscrit(e) au guichet, sans adresse e-mail.")
                    % {"name": citizen.get_full_name()},
                )
                return redirect(self._url(citizen))
        return self._render(register_form=form)

    def _complete(self, request, citizen, identity):
        profile = getattr(citizen, "profile", None)
        form = AssistedProfileForm(request.POST, profile=profile)
        if form.is_valid():
            try:
                account_services.profile_complete_assisted(
                    actor=request.user, user=citizen, **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Profil complété."))
                citizen = counter.counter_citizen_get(pk=citizen.pk)
                return self._render(**self._citizen_context(citizen, identity=identity))
        return self._render(**self._citizen_context(citizen, identity=identity, complete_form=form))

    def _kiosk(self, request, citizen, identity):
        if identity.is_valid():
            decision = counter.counter_decision(campaign=self.campaign, citizen=citizen)
            if decision.may_vote:
                return redirect(
                    kiosk_views.kiosk_open(request=request, campaign=self.campaign, citizen=citizen)
                )
        return self._render(**self._citizen_context(citizen, identity=identity))


class PaperImportView(_CampaignAdminView):
    """Upload a CSV of paper ballots: all or nothing, every invalid line listed."""

    permission = PAPER_PERMISSION
    page_title = _("Import de bulletins papier (CSV)")
    template_name = "budget/admin/paper_import.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", PaperImportForm())
        return super().get_context_data(
            email_column=paper.EMAIL_COLUMN,
            projects_column=paper.PROJECTS_COLUMN,
            ballot_projects=selectors.campaign_ballot_projects(campaign=self.campaign),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = PaperImportForm(request.POST, request.FILES)
        line_errors = []
        if form.is_valid():
            try:
                report = paper.paper_ballots_import_csv(
                    actor=request.user, campaign=self.campaign, file=form.cleaned_data["file"]
                )
            except ValidationError as error:
                line_errors = _errors(error)
            else:
                messages.success(
                    request,
                    _("%(voters)s votants et %(ballots)s bulletins importés.")
                    % {"voters": report.voters, "ballots": report.ballots},
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form, line_errors=line_errors))


class ResultsAdminView(_CampaignAdminView):
    """Count: a preview (tables per envelope), then publication; withdrawal elsewhere."""

    permission = results.PREVIEW_PERMISSION
    page_title = _("Résultats")
    template_name = "budget/admin/results.html"

    def get_context_data(self, **kwargs):
        published = selectors.campaign_published_result(self.campaign)
        user = self.request.user
        return super().get_context_data(
            published=published,
            vote_ended=self.campaign.vote_has_ended(),
            can_publish=user.has_perm(results.PUBLISH_PERMISSION),
            can_withdraw=user.has_perm(results.WITHDRAW_PERMISSION),
            projects=_projects_by_id(self.campaign),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            data = results.results_preview(actor=request.user, campaign=self.campaign)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
            return redirect(request.path)
        return self.render_to_response(self.get_context_data(preview=data))


def _projects_by_id(campaign) -> dict:
    return {p.pk: p for p in campaign.projects.all()}


class ResultsPublishView(_CampaignAdminView):
    permission = results.PUBLISH_PERMISSION
    page_title = _("Publier les résultats")
    template_name = "budget/admin/results_publish.html"

    def post(self, request, *args, **kwargs):
        try:
            results.results_publish(actor=request.user, campaign=self.campaign)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Résultats publiés."))
        return redirect("budget_admin:results", pk=self.campaign.pk)


class ResultsWithdrawView(_CampaignAdminView):
    """Administrators only (`budget.withdraw_results`), with a reason."""

    permission = results.WITHDRAW_PERMISSION
    page_title = _("Retirer les résultats publiés")
    template_name = "budget/admin/results_withdraw.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ResultsWithdrawForm())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = ResultsWithdrawForm(request.POST)
        if form.is_valid():
            try:
                results.results_withdraw(
                    actor=request.user, campaign=self.campaign, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                for message in _errors(error):
                    form.add_error(None, message)
            else:
                messages.success(
                    request, _("Résultats retirés ; les projets redeviennent soumis au vote.")
                )
                return redirect("budget_admin:results", pk=self.campaign.pk)
        return self.render_to_response(self.get_context_data(form=form))


class FollowUpView(WagtailAdminTemplateMixin, TemplateView):
    """The public follow-up of a winning project: its status and dated milestones; followers
    are notified by the services."""

    page_title = _("Suivi du projet")
    header_icon = "tasks"
    template_name = "budget/admin/followup.html"

    def dispatch(self, request, *args, pk, **kwargs):
        if not request.user.has_perm(services.FOLLOWUP_PERMISSION):
            raise PermissionDenied
        self.project = get_object_or_404(Project.objects.select_related("campaign"), pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.project)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_budget_project:list"), "label": _("Projets")},
            {"url": "", "label": f"{self.get_page_title()} : {self.project}"},
        ]

    def get_context_data(self, **kwargs):
        project = self.project
        kwargs.setdefault(
            "followup_form",
            FollowUpForm(
                initial={
                    "status": project.followup_status or Project.FollowUp.PLANNED,
                    "progress": project.progress,
                    "reason": project.abandon_reason,
                }
            ),
        )
        kwargs.setdefault("milestone_form", MilestoneForm(prefix="milestone"))
        return super().get_context_data(
            project=project,
            milestones=project.milestones.select_related("photo").order_by("-date", "-pk"),
            is_selected=project.status == Project.Status.SELECTED,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "milestone" in request.POST:
            form = MilestoneForm(request.POST, prefix="milestone")
            context = {"milestone_form": form}
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.milestone_add(
                        actor=request.user,
                        project=self.project,
                        date=data["date"],
                        text=data["text"],
                        photo=data.get("photo"),
                    )
                except ValidationError as error:
                    form_add_service_error(form, error)
                else:
                    messages.success(request, _("Étape ajoutée ; les abonnés sont prévenus."))
                    return redirect(request.path)
        else:
            form = FollowUpForm(request.POST)
            context = {"followup_form": form}
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.project_followup_update(
                        actor=request.user,
                        project=self.project,
                        status=data["status"],
                        progress=data.get("progress"),
                        reason=data.get("reason") or "",
                    )
                except ValidationError as error:
                    form_add_service_error(
                        form,
                        error,
                        fields={"followup_status": "status", "abandon_reason": "reason"},
                    )
                else:
                    messages.success(request, _("Suivi mis à jour ; les abonnés sont prévenus."))
                    return redirect(request.path)
        return self.render_to_response(self.get_context_data(**context))
