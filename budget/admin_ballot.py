"""The ballot list in the Wagtail admin: the review of a project, putting eligible projects on
the ballot (and off it, before the vote opens), and the administrators' corrections of what
the ballot shows once the vote is open. Every change goes through a service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from civic.forms import form_add_service_error

from . import services
from .admin_forms import CampaignCorrectForm, ProjectCorrectForm
from .admin_views import _CampaignAdminView, _errors
from .models import Project


class ProjectReviewView(generic.EditView):
    """The review form of a project for Agents (`budget.review_project`).

    Its template is the generic edit form's, whose footer holds the submit button: the
    snippet edit template would replace that footer by the snippet's action menu, which only
    the snippet's own edit view builds (a page without any button to save)."""

    permission_required = "review"
    page_title = _("Instruction du projet")
    success_message = _("Instruction du projet « %(object)s » enregistrée.")
    submit_button_label = _("Enregistrer l'instruction")
    template_name = "budget/admin/project_review.html"

    @cached_property
    def header_buttons(self):
        return ballot_buttons(self.request.user, self.object, cls=HeaderButton)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            ballot_refusal=services.project_ballot_refusal(project=self.object), **kwargs
        )

    def save_instance(self):
        data = self.form.cleaned_data
        return services.project_review(
            actor=self.request.user,
            project=self.object,
            decision=data["decision"],
            feasibility=data.get("feasibility") or "",
            validated_cost=data.get("validated_cost"),
            public_note=data.get("public_note") or "",
            internal_note=data.get("internal_note") or "",
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form_add_service_error(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def ballot_buttons(user, project: Project, *, cls, **options) -> list:
    """ "Mettre au vote" / "Retirer du bulletin" for a project that can take that step now."""
    if not user.has_perm(services.REVIEW_PERMISSION):
        return []
    buttons = []
    if not services.project_ballot_refusal(project=project):
        url = reverse("budget_admin:project_put_on_ballot", args=[project.pk])
        buttons.append(
            cls(_("Mettre au vote"), url=url, icon_name="success", priority=14, **options)
        )
    if not services.project_withdrawal_refusal(project=project):
        url = reverse("budget_admin:project_withdraw_from_ballot", args=[project.pk])
        buttons.append(
            cls(_("Retirer du bulletin"), url=url, icon_name="cross", priority=14, **options)
        )
    return buttons


class _ProjectAdminView(WagtailAdminTemplateMixin, TemplateView):
    """A page about one project, for users holding `permission`."""

    permission = ""
    header_icon = "tasks"

    def dispatch(self, request, *args, pk, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.project = get_object_or_404(
            Project.objects.select_related("campaign", "envelope__district"), pk=pk
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.project)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_budget_project:list"), "label": _("Projets")},
            {
                "url": reverse("wagtailsnippets_budget_project:edit", args=[self.project.pk]),
                "label": str(self.project),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=self.project, **kwargs)


class ProjectPutOnBallotView(_ProjectAdminView):
    """Confirm, then put one eligible project on the ballot (`services.project_put_on_ballot`,
    which refuses a project that is not eligible or a vote already open)."""

    permission = services.REVIEW_PERMISSION
    page_title = _("Mettre au vote")
    template_name = "budget/admin/project_ballot.html"
    confirm_label = _("Oui, mettre au vote")
    service = staticmethod(services.project_put_on_ballot)
    success = _("« %(project)s » est sur le bulletin de vote.")

    def refusal(self) -> str:
        return services.project_ballot_refusal(project=self.project)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            refusal=self.refusal(), confirm_label=self.confirm_label, **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            self.service(actor=request.user, project=self.project)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
            return redirect(request.path)
        messages.success(request, self.success % {"project": self.project})
        return redirect("wagtailsnippets_budget_project:list")


class ProjectWithdrawFromBallotView(ProjectPutOnBallotView):
    """Confirm, then take a project off the ballot before the vote opens."""

    page_title = _("Retirer du bulletin")
    confirm_label = _("Oui, retirer du bulletin")
    service = staticmethod(services.project_withdraw_from_ballot)
    success = _("« %(project)s » n'est plus sur le bulletin ; il reste recevable.")

    def refusal(self) -> str:
        return services.project_withdrawal_refusal(project=self.project)


class ProjectCorrectView(_ProjectAdminView):
    """Administrators correct what the ballot shows of a project during the vote, with a
    reason (`services.project_correct`, logged with the values before and after)."""

    permission = services.CORRECT_PERMISSION
    page_title = _("Corriger pendant le vote")
    template_name = "budget/admin/correct.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ProjectCorrectForm(project=self.project))
        return super().get_context_data(
            subject=self.project,
            cancel_url=reverse("wagtailsnippets_budget_project:edit", args=[self.project.pk]),
            vote_open=services.vote_has_opened(self.project.campaign),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ProjectCorrectForm(request.POST, project=self.project)
        if form.is_valid():
            try:
                services.project_correct(
                    actor=request.user,
                    project=self.project,
                    changes=form.changes(),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Projet corrigé ; la correction est au journal."))
                return redirect("wagtailsnippets_budget_project:edit", self.project.pk)
        return self.render_to_response(self.get_context_data(form=form))


class CampaignCorrectView(_CampaignAdminView):
    """Administrators correct the counting rule, the total or an envelope's amount during the
    vote, with a reason (`services.campaign_correct`, logged with before and after)."""

    permission = services.CORRECT_PERMISSION
    page_title = _("Corriger pendant le vote")
    template_name = "budget/admin/correct.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", CampaignCorrectForm(campaign=self.campaign))
        return super().get_context_data(
            subject=self.campaign,
            cancel_url=reverse("wagtailsnippets_budget_campaign:edit", args=[self.campaign.pk]),
            vote_open=services.vote_has_opened(self.campaign),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = CampaignCorrectForm(request.POST, campaign=self.campaign)
        if form.is_valid():
            try:
                services.campaign_correct(
                    actor=request.user,
                    campaign=self.campaign,
                    changes=form.changes(),
                    envelope_amounts=form.envelope_amounts(),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Campagne corrigée ; la correction est au journal."))
                return redirect("wagtailsnippets_budget_campaign:edit", self.campaign.pk)
        return self.render_to_response(self.get_context_data(form=form))
