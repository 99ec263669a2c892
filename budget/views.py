"""Public pages of the participatory budget: campaigns, projects, the receipt check, the
published ballots and the results (the ballot itself is in `budget/ballot_views.py`).

Thin views: reads come from `budget.selectors`; charts from `budget.charts`.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from civic.analytics import panels as analytics_panels
from civic.formats import datetime_long
from civic.maps import map_settings

from . import charts, explanations, fairness, padding, selectors
from .forms import ProjectFilterForm, ReceiptCheckForm
from .models import Campaign, Milestone, Project, ProjectPhoto

Phase = Campaign.Phase


def datetime_text(value) -> str:
    return datetime_long(value)  # "1er mars 2027 à 18:00", no "à" in English


def campaign_or_404(slug: str) -> Campaign:
    return get_object_or_404(Campaign, slug=slug)


# Campaigns and projects ----------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseStep:
    label: str
    start: object
    end: object
    state: str  # "done", "current" or "upcoming"
    note: str = ""


def phase_steps(campaign: Campaign, now=None) -> list[PhaseStep]:
    """The five public steps (submission → review → vote → results → follow-up) with the
    current one marked; counting belongs to the results step."""
    now = now or timezone.now()
    phase = campaign.current_phase(now)
    order = [Phase.SUBMISSION, Phase.REVIEW, Phase.VOTE, Phase.RESULTS, Phase.FOLLOW_UP]
    current = {Phase.COUNTING: Phase.RESULTS}.get(phase, phase)
    position = order.index(current) if current in order else -1
    dates = {
        Phase.SUBMISSION: (campaign.submission_start, campaign.submission_end),
        Phase.REVIEW: (campaign.submission_end, campaign.vote_start),
        Phase.VOTE: (campaign.vote_start, campaign.vote_end),
        Phase.RESULTS: (campaign.results_date, None),
        Phase.FOLLOW_UP: (campaign.followup_start, None),
    }
    steps = []
    for index, step in enumerate(order):
        state = "done" if index < position else "current" if index == position else "upcoming"
        note = _("dépouillement en cours") if phase == Phase.COUNTING and step == current else ""
        steps.append(PhaseStep(step.label, *dates[step], state=state, note=note))
    return steps


class CampaignListView(ListView):
    """`/budget-participatif/`: every campaign, the most recent vote first."""

    template_name = "budget/campaign_list.html"
    context_object_name = "campaigns"

    def get_queryset(self):
        return selectors.campaign_list().prefetch_related("envelopes__district")


class CampaignDetailView(TemplateView):
    """`/budget-participatif/<slug>/`: description, phases, envelopes and the projects."""

    template_name = "budget/campaign_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = campaign_or_404(self.kwargs["slug"])
        envelopes = list(campaign.envelopes.select_related("district"))
        filters = ProjectFilterForm(self.request.GET or None, envelopes=envelopes)
        chosen = filters.filters()
        projects = (
            selectors.campaign_projects(campaign=campaign, **chosen)
            .filter(status__in=selectors.PUBLIC_PROJECT_STATUSES)
            .prefetch_related(
                Prefetch("photos", queryset=ProjectPhoto.objects.select_related("image"))
            )
        )
        user = self.request.user
        phase = campaign.current_phase()
        voter_record = selectors.voter_record(campaign=campaign, user=user)
        context.update(
            campaign=campaign,
            phase=phase,
            steps=phase_steps(campaign),
            envelopes=envelopes,
            filter_form=filters,
            filtered=any(chosen.values()),
            projects=projects,
            voter_record=voter_record,
            results_published=selectors.campaign_published_result(campaign) is not None,
            ballot_envelope_ids=self.ballot_envelope_ids(campaign, phase, user, voter_record),
        )
        return context

    @staticmethod
    def ballot_envelope_ids(campaign, phase, user, voter_record) -> set[int] | None:
        """The envelopes whose cards get "Ajouter au bulletin": during the vote, the
        voter's own if they may still vote, every one for a visitor (the link logs them in
        first); None when no one can add anything."""
        if phase != Phase.VOTE or voter_record is not None:
            return None
        if not user.is_authenticated:
            return {envelope.pk for envelope in campaign.envelopes.all()}
        if selectors.voter_ineligibility_reasons(campaign=campaign, user=user):
            return None
        return {envelope.pk for envelope in selectors.voter_envelopes(campaign=campaign, user=user)}


class ProjectDetailView(TemplateView):
    """`/budget-participatif/<slug>/projets/<pk>/`: one project, its review and its follow-up."""

    template_name = "budget/project_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = get_object_or_404(
            Project.objects.select_related("campaign", "envelope__district", "from_idea"),
            pk=self.kwargs["pk"],
            campaign__slug=self.kwargs["slug"],
        )
        user = self.request.user
        is_author = user.is_authenticated and project.authors.filter(pk=user.pk).exists()
        if project.status not in selectors.PUBLIC_PROJECT_STATUSES and not is_author:
            raise Http404
        idea = project.from_idea
        context.update(
            campaign=project.campaign,
            project=project,
            is_author=is_author,
            photos=list(project.photos.select_related("image")),
            milestones=list(
                Milestone.objects.filter(project=project).select_related("photo").order_by("date")
            ),
            show_followup=project.status == Project.Status.SELECTED,
            idea=idea if idea is not None and idea.is_public else None,
            is_located=project.latitude is not None and project.longitude is not None,
            map=map_settings(),
            show_comments=project.status in selectors.PUBLIC_PROJECT_STATUSES,
        )
        return context


# Receipts and published ballots ---------------------------------------------------------------


class ReceiptCheckView(View):
    """`/budget-participatif/<slug>/verifier/`: a receipt code → the ballots recorded under it,
    once the results are published. The code travels in a POST, never in the address."""

    template_name = "budget/receipt_check.html"

    def context(self, campaign, form, **extra):
        return {
            "campaign": campaign,
            "form": form,
            "published": selectors.campaign_published_result(campaign) is not None,
            **extra,
        }

    def get(self, request, slug):
        campaign = campaign_or_404(slug)
        return render(request, self.template_name, self.context(campaign, ReceiptCheckForm()))

    def post(self, request, slug):
        campaign = campaign_or_404(slug)
        form = ReceiptCheckForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self.context(campaign, form), status=400)
        try:
            found = selectors.receipt_verify(campaign=campaign, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error.messages)
            return render(request, self.template_name, self.context(campaign, form), status=400)
        # The ballots found are padded to a size that does not depend on them (receipts.py).
        response = render(
            request, self.template_name, self.context(campaign, form, checked=True, found=found)
        )
        probe = render_to_string(
            self.template_name,
            {**self.context(campaign, form, checked=True, found=[]), "padding_probe": True},
            request=request,
        )
        size = padding.padded_size(
            base=padding.base_size(
                page=response.content, probe_main=padding.main_size(probe.encode())
            ),
            projects=list(campaign.projects.only("title")),
            envelopes=list(campaign.envelopes.all()),
        )
        return padding.response_pad(response, size=size)


class PublicBallotListView(TemplateView):
    """`/budget-participatif/<slug>/bulletins/`: the anonymous ballots with their receipt
    hashes, once the results are published (paginated; downloads are the CSV and .pb)."""

    template_name = "budget/ballot_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = campaign_or_404(self.kwargs["slug"])
        published = selectors.campaign_published_result(campaign) is not None
        page_obj = Paginator(
            selectors.campaign_public_ballots(campaign), self.paginate_by
        ).get_page(self.request.GET.get("page"))
        titles = dict(
            Project.objects.filter(
                pk__in={pid for ballot in page_obj for pid in ballot.choices}
            ).values_list("pk", "title")
        )
        context.update(
            campaign=campaign,
            published=published,
            page_obj=page_obj,
            ballots=[
                (ballot, [(pid, titles.get(pid, "?")) for pid in ballot.choices])
                for ballot in page_obj
            ],
        )
        return context


# Results -------------------------------------------------------------------------------------


class ResultsView(TemplateView):
    """`/budget-participatif/<slug>/resultats/`: the published results only (never a preview)."""

    template_name = "budget/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = campaign_or_404(self.kwargs["slug"])
        results = selectors.campaign_results(campaign)
        context.update(campaign=campaign, results=results)
        if results is None:
            context.update(
                withdrawn=selectors.campaign_withdrawn_result(campaign),
                results_announced=campaign.results_date > timezone.now(),
            )
            return context
        winner_ids = {pid for envelope in results.envelopes for pid in envelope["selected"]}
        winners = {
            project.pk: project
            for project in Project.objects.filter(pk__in=winner_ids).select_related("campaign")
        }
        rule = results.result.rule
        envelopes = []
        for index, envelope in enumerate(results.envelopes):
            titles = {row["id"]: row["title"] for row in envelope["projects"]}
            projects = [
                {
                    **row,
                    "why": explanations.project_explanation(row, titles, envelope["amount"]),
                }
                for row in envelope["projects"]
            ]
            rows = {row["id"]: row for row in projects}
            envelopes.append(
                {
                    **envelope,
                    "index": index,
                    "explanation": explanations.envelope_explanation(envelope, rule),
                    "winners": [
                        {**rows[pid], "project": winners.get(pid)}
                        for pid in envelope["selected"]
                        if pid in rows
                    ],
                    "projects": projects,
                    "others": [row for row in projects if not row["selected"]],
                    "figure": charts.votes_figure(envelope),
                    "figure_id": f"chart-votes-{index}",
                }
            )
        located = [
            {
                "title": project.title,
                "url": project.get_absolute_url(),
                "lat": float(project.latitude),
                "lon": float(project.longitude),
            }
            for project in winners.values()
            if project.latitude is not None and project.longitude is not None
        ]
        context.update(
            envelopes=envelopes,
            winners_count=sum(len(envelope["selected"]) for envelope in results.envelopes),
            rule_label=explanations.rule_label(rule),
            rule_explanation=explanations.RULE_EXPLANATIONS.get(rule, ""),
            is_equal_shares=rule.startswith("equalshares"),
            allocation_figure=charts.allocation_figure(results.envelopes),
            turnout_figure=charts.turnout_figure(results.turnout),
            winners_located=sorted(located, key=lambda item: item["title"]),
            map=map_settings(),
            counter_voters=results.voters_by_channel.get("counter", 0),
            web_voters=results.voters_by_channel.get("web", 0),
            downloads=_download_urls(campaign),
            fairness_tables=[
                analytics_panels.source_table(spec)
                for spec in fairness.fairness_tables(campaign, results.result.data)
            ],
        )
        return context


def _download_urls(campaign: Campaign) -> dict:
    return {
        "csv": reverse("budget:ballots_csv", args=[campaign.slug]),
        "pb": reverse("budget:ballots_pb", args=[campaign.slug]),
    }
