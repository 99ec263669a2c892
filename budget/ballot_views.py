"""The ballot `/budget-participatif/<slug>/vote/`: choose, confirm, receipt.

Works without JavaScript: an "update" button recomputes the totals on the server through
`ballot_check`; `static/js/budget-ballot.js` only makes them live. Every rule is the services'
(`budget.ballots`); this view only shapes the pages.
"""

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from . import selectors
from .ballots import already_voted_message, ballot_cast, ballot_check
from .emails import ballot_receipt_email_send
from .forms import BallotForm, envelope_field_name
from .models import Project
from .views import campaign_or_404, datetime_text


@dataclass
class EnvelopeBallot:
    """One envelope of the ballot as the template shows it."""

    envelope: object
    field_name: str
    projects: list
    chosen: list
    count: int
    cost: int
    listing: selectors.BallotListing | None = None

    @property
    def key(self) -> int:
        return self.envelope.pk

    @property
    def amount(self) -> int:
        return self.envelope.amount

    @property
    def remaining(self) -> int:
        return self.envelope.amount - self.cost

    @property
    def overrun(self) -> int:
        return max(self.cost - self.envelope.amount, 0)

    @property
    def over_budget(self) -> bool:
        return self.cost > self.envelope.amount


class BallotView(LoginRequiredMixin, View):
    """`/budget-participatif/<slug>/vote/`: choose (update without JavaScript), confirm, receipt.

    The POST's `action` is `update` (recompute the totals), `review` (the confirmation page),
    `edit` (back to the choices) or `confirm` (cast: final). The receipt code is rendered in
    the response to the confirming POST and stored nowhere (no session, no message).
    """

    form_template = "budget/ballot.html"
    confirm_template = "budget/ballot_confirm.html"
    receipt_template = "budget/ballot_receipt.html"
    refused_template = "budget/ballot_refused.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.campaign = campaign_or_404(kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    # What stands between the citizen and the ballot, whatever they chose.
    def refusal(self) -> dict | None:
        campaign, user = self.campaign, self.request.user
        now = timezone.now()
        if now < campaign.vote_start:
            return {
                "kind": "not_open",
                "messages": [
                    _("Le vote n'est pas encore ouvert : il commence le %(date)s.")
                    % {"date": datetime_text(campaign.vote_start)}
                ],
            }
        if now >= campaign.vote_end:
            return {
                "kind": "closed",
                "messages": [
                    _("Le vote est clos depuis le %(date)s.")
                    % {"date": datetime_text(campaign.vote_end)}
                ],
            }
        record = selectors.voter_record(campaign=campaign, user=user)
        if record is not None:
            return {"kind": "already_voted", "messages": [already_voted_message(record)]}
        reasons = selectors.voter_ineligibility_reasons(campaign=campaign, user=user)
        if reasons:
            return {"kind": "not_eligible", "messages": reasons}
        return None

    def render_refusal(self, refusal: dict):
        return render(
            self.request,
            self.refused_template,
            {
                "campaign": self.campaign,
                "refusal": refusal,
                "results_published": selectors.campaign_published_result(self.campaign) is not None,
            },
        )

    def ballot_projects(self, envelopes) -> list[Project]:
        """The projects on the ballot in the voter's envelopes (filtered by the database: a
        campaign has hundreds in the other districts' envelopes)."""
        return list(
            selectors.campaign_ballot_projects(campaign=self.campaign).filter(
                envelope__in=[envelope.pk for envelope in envelopes]
            )
        )

    def listing_options(self, envelope, data) -> dict:
        """How the voter asked to see one envelope's projects: `tri-<id>`, `recherche-<id>`
        and `page-<id>` from the query string or the form (the same names, so that it works
        without JavaScript, and the form keeps the choices); `plus=<id>` shows one more page."""
        key = envelope.pk
        query = data.get(f"recherche-{key}", "").replace("\x00", "").strip()[:100]
        try:
            page = min(max(int(data.get(f"page-{key}", 1)), 1), 100)
        except (TypeError, ValueError):
            page = 1
        if data.get("plus") == str(key):
            page += 1
        return {"order": data.get(f"tri-{key}", ""), "query": query, "page": page}

    def envelope_rows(
        self, envelopes, projects, chosen: dict, check=None, data=None, show=None
    ) -> list[EnvelopeBallot]:
        rows = []
        seed = selectors.ballot_order_seed(campaign=self.campaign, user=self.request.user)
        for envelope in envelopes:
            ids = chosen.get(envelope.pk, [])
            in_envelope = [p for p in projects if p.envelope_id == envelope.pk]
            # The recap and the receipt list the choices by title; the ballot as asked.
            options = (
                self.listing_options(envelope, data)
                if data is not None
                else {"order": selectors.BallotOrder.TITLE}
            )
            listing = selectors.ballot_listing(in_envelope, seed=seed, show=show, **options)
            cost = (
                check.costs.get(envelope.pk, 0)
                if check is not None
                else sum(p.cost for p in in_envelope if p.pk in ids)
            )
            rows.append(
                EnvelopeBallot(
                    envelope=envelope,
                    field_name=envelope_field_name(envelope),
                    projects=listing.projects,
                    chosen=ids,
                    count=len(ids),
                    cost=cost,
                    listing=listing,
                )
            )
        return rows

    def render_form(
        self, envelopes, projects, chosen, *, check=None, errors=(), status=200, preselected=None
    ):
        request = self.request
        data = request.POST if request.method == "POST" else request.GET
        rows = self.envelope_rows(envelopes, projects, chosen, check, data=data, show=preselected)
        return render(
            request,
            self.form_template,
            {
                "campaign": self.campaign,
                "rows": rows,
                "errors": list(errors),
                "updated": check is not None and not errors,
                "preselected": preselected is not None,
                "orders": [
                    (selectors.BallotOrder.RANDOM, _("Ordre aléatoire")),
                    (selectors.BallotOrder.COST, _("Coût croissant")),
                    (selectors.BallotOrder.COST_DESC, _("Coût décroissant")),
                    (selectors.BallotOrder.TITLE, _("Titre (A → Z)")),
                ],
                "page_size": selectors.BALLOT_PAGE_SIZE,
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            return self.render_refusal(refusal)
        envelopes = selectors.voter_envelopes(campaign=self.campaign, user=request.user)
        projects = self.ballot_projects(envelopes)
        # "Ajouter au bulletin" on a project card: `?projet=<id>` arrives with it ticked (only
        # a project on this voter's ballot; anything else is ignored).
        chosen, preselected = {}, None
        try:
            wanted = int(request.GET.get("projet", ""))
        except ValueError:
            wanted = None
        project = next((p for p in projects if p.pk == wanted), None)
        if project is not None:
            chosen, preselected = {project.envelope_id: [project.pk]}, project.pk
        return self.render_form(envelopes, projects, chosen, preselected=preselected)

    def post(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            return self.render_refusal(refusal)
        user = request.user
        envelopes = selectors.voter_envelopes(campaign=self.campaign, user=user)
        projects = self.ballot_projects(envelopes)
        form = BallotForm(request.POST, envelopes=envelopes, projects=projects)
        chosen = form.submitted_choices()
        form_errors = [] if form.is_valid() else [e for es in form.errors.values() for e in es]
        check = ballot_check(campaign=self.campaign, voter=user, choices=chosen)
        action = request.POST.get("action", "update")
        anything_chosen = any(chosen.values())

        if action == "edit":
            return self.render_form(envelopes, projects, chosen, check=check)
        if action == "update":
            errors = form_errors + (check.errors if anything_chosen else [])
            return self.render_form(envelopes, projects, chosen, check=check, errors=errors)

        errors = form_errors + check.errors
        if errors:
            return self.render_form(
                envelopes, projects, chosen, check=check, errors=errors, status=400
            )
        if action == "review":
            return render(
                request,
                self.confirm_template,
                {
                    "campaign": self.campaign,
                    "rows": self.envelope_rows(envelopes, projects, chosen, check),
                },
            )
        if action != "confirm":
            return self.render_form(envelopes, projects, chosen, check=check)
        try:
            code = ballot_cast(campaign=self.campaign, voter=user, choices=chosen)
        except PermissionDenied as error:
            return self.render_refusal({"kind": "denied", "messages": [str(error)]})
        except ValidationError as error:
            refusal = self.refusal()
            if refusal:
                return self.render_refusal(refusal)
            return self.render_form(
                envelopes, projects, chosen, check=check, errors=error.messages, status=400
            )
        ballot_receipt_email_send(voter=user, campaign=self.campaign, code=code)
        response = render(
            request,
            self.receipt_template,
            {
                "campaign": self.campaign,
                "code": code,
                "rows": [
                    row
                    for row in self.envelope_rows(envelopes, projects, chosen, check)
                    if row.chosen
                ],
            },
        )
        # The code is shown once: no browser or proxy may keep a copy of this page.
        response["Cache-Control"] = "no-store"
        return response
