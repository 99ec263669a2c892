"""The ballot `/budget-participatif/<slug>/vote/`: choose, confirm, receipt.

Works without JavaScript: an "update" button recomputes the totals on the server through
`ballot_check`; `static/js/budget-ballot.js` only makes them live. Every rule is the services'
(`budget.ballots`); this view only shapes the pages.
"""

from dataclasses import dataclass, replace

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from civic.page_cache import holes
from civic.page_cache.memo import tables_memo
from civic.page_cache.versions import SITE_FRAME_TABLES

from . import padding, selectors
from .ballots import already_voted_message, ballot_cast, ballot_check
from .emails import ballot_receipt_email_send
from .forms import BallotForm, envelope_field_name
from .views import datetime_text

# What a vote page shows outside its holes (`civic.page_cache.holes`): the frame but for who
# may open the admin (the user bar is a hole: so a login, which writes the users' table,
# leaves the skeletons alone), the campaign, its envelopes and districts, the projects.
PAGE_TABLES = selectors.BALLOT_OFFER_TABLES | SITE_FRAME_TABLES


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

    # Online, the voter is the signed-in citizen, whose email was verified.
    identity_checked = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.campaign = selectors.campaign_for_ballot(slug=kwargs["slug"], request=request)
        if self.campaign is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def voter(self):
        return self.request.user

    def cast(self, chosen: dict, context: selectors.BallotContext) -> str:
        """Cast the ballot (final); returns the receipt code."""
        code = ballot_cast(
            campaign=self.campaign, voter=self.voter, choices=chosen, context=context
        )
        # The voter as `ballot_context` read them: their profile (language) is loaded.
        ballot_receipt_email_send(
            voter=context.voter, campaign=self.campaign, code=code, request=self.request
        )
        return code

    def receipt_context(self, code: str) -> dict:
        return {"campaign": self.campaign, "code": code}

    # What stands between the citizen and the ballot, whatever they chose.
    def refusal(self, context: selectors.BallotContext) -> dict | None:
        campaign = self.campaign
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
        if context.record is not None:
            return {"kind": "already_voted", "messages": [already_voted_message(context.record)]}
        reasons = selectors.voter_ineligibility_reasons(
            campaign=campaign, user=context.voter, identity_checked=self.identity_checked
        )
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
        seed = selectors.ballot_order_seed(campaign=self.campaign, user=self.voter)
        by_envelope = {envelope.id: [] for envelope in envelopes}
        for project in projects:  # one pass, whatever the number of envelopes
            if project.envelope_id in by_envelope:
                by_envelope[project.envelope_id].append(project)
        for envelope in envelopes:
            key = envelope.id
            ids = chosen.get(key, [])
            in_envelope = by_envelope[key]
            # The recap and the receipt list the choices by title; the ballot as asked.
            options = (
                self.listing_options(envelope, data)
                if data is not None
                else {"order": selectors.BallotOrder.TITLE}
            )
            listing = selectors.ballot_listing(in_envelope, seed=seed, show=show, **options)
            cost = (
                check.costs.get(key, 0)
                if check is not None
                else sum(p.cost for p in in_envelope if p.id in ids)
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

    @staticmethod
    def without_choices(rows: list[EnvelopeBallot]) -> list[EnvelopeBallot]:
        """`rows` as the ballot without any choice shows them (same listing, nothing chosen)."""
        return [replace(row, chosen=[], count=0, cost=0) for row in rows]

    def form_context(self, rows, *, errors=(), updated=False, preselected=None) -> dict:
        return {
            "campaign": self.campaign,
            "rows": rows,
            "errors": list(errors),
            "updated": updated,
            "preselected": preselected is not None,
            "orders": [
                (selectors.BallotOrder.RANDOM, _("Ordre aléatoire")),
                (selectors.BallotOrder.COST, _("Coût croissant")),
                (selectors.BallotOrder.COST_DESC, _("Coût décroissant")),
                (selectors.BallotOrder.TITLE, _("Titre (A → Z)")),
            ],
            "page_size": selectors.BALLOT_PAGE_SIZE,
        }

    def render_padded(self, template, context, empty_context, *, envelopes, projects, status=200):
        """`template` rendered with `context`, padded to the size `budget.padding` computes
        from the same page without any choice (`empty_context`): see `budget/receipts.py`.

        The page is not rendered whole for each voter. Its skeleton (`civic.page_cache.holes`)
        is recorded from `empty_context`, which holds nobody's choices, and kept for every
        voter who sees the same ballot (`page_key`); only its holes (the choices, totals,
        notices, messages, CSRF tokens) are filled for this request: once from `context`,
        and once from `empty_context` for the size of the page without choices. A page whose
        context holds no choice (`empty_context is context`: the receipt, the ballot as it
        opens) is its own base."""
        request = self.request
        skeleton = holes.skeleton(
            request,
            template,
            empty_context,
            key=self.page_key(template, empty_context),
            tables=PAGE_TABLES,
        )
        if empty_context is context:
            body = skeleton.fill(request, context).encode()
            base = len(body)
        else:
            text, base = skeleton.fill_twice(request, context, empty_context)
            body = text.encode()
        room = tables_memo(
            request,
            ("budget padding room", self.campaign.pk, tuple(e.pk for e in envelopes)),
            lambda: padding.choices_room(projects=projects, envelopes=envelopes),
            tables=selectors.BALLOT_OFFER_TABLES,
        )
        size = padding.padded_size(base=base, room=room)
        return padding.response_pad(HttpResponse(body, status=status), size=size)

    def page_key(self, template, empty_context) -> tuple | None:
        """What a vote page's skeleton shows besides `PAGE_TABLES`, for every voter who
        shares it: the template, the address (campaign, booth or not), the site, language
        and year (the footer's), and each envelope's listing (order, search, page; not the
        voter's random order: that is in the holes). Recorded each time (None) for a search,
        whose words make the key anyone's."""
        rows = empty_context.get("rows", ())
        if any(row.listing.query for row in rows):
            return None
        request = self.request
        return (
            request.path,
            request.get_host(),
            get_language(),
            timezone.localdate().year,
            self.campaign.pk,
            bool(empty_context.get("kiosk")),
            bool(empty_context.get("preselected")),
            tuple(
                (row.key, row.listing.order, row.listing.page, len(row.listing.shown))
                for row in rows
            ),
        )

    def render_form(
        self, envelopes, projects, chosen, *, check=None, errors=(), status=200, preselected=None
    ):
        request = self.request
        data = request.POST if request.method == "POST" else request.GET
        rows = self.envelope_rows(envelopes, projects, chosen, check, data=data, show=preselected)
        context = self.form_context(
            rows, errors=errors, updated=check is not None and not errors, preselected=preselected
        )
        if check is None and not errors and not any(chosen.values()):
            # The ballot as it opens (a GET, which carries no secret): it is its own page
            # without choices, filled once.
            empty_context = context
        else:
            empty_context = self.form_context(self.without_choices(rows), preselected=preselected)
        return self.render_padded(
            self.form_template,
            context,
            empty_context,
            envelopes=envelopes,
            projects=projects,
            status=status,
        )

    def ballot_context(self) -> selectors.BallotContext:
        """The voter, their envelopes and the projects on their ballot: read once per request
        and handed to every check."""
        return selectors.ballot_context(
            campaign=self.campaign, user=self.voter, request=self.request
        )

    def get(self, request, *args, **kwargs):
        context = self.ballot_context()
        refusal = self.refusal(context)
        if refusal:
            return self.render_refusal(refusal)
        envelopes, projects = context.envelopes, context.projects
        # "Ajouter au bulletin" on a project card: `?projet=<id>` arrives with it ticked (only
        # a project on this voter's ballot; anything else is ignored).
        chosen, preselected = {}, None
        try:
            wanted = int(request.GET.get("projet", ""))
        except ValueError:
            wanted = None
        project = context.campaign_projects.get(wanted) if wanted is not None else None
        if project is not None and project.envelope_id not in {e.pk for e in envelopes}:
            project = None  # on another district's ballot
        if project is not None:
            chosen, preselected = {project.envelope_id: [project.pk]}, project.pk
        return self.render_form(envelopes, projects, chosen, preselected=preselected)

    def post(self, request, *args, **kwargs):
        context = self.ballot_context()
        refusal = self.refusal(context)
        if refusal:
            return self.render_refusal(refusal)
        user = self.voter
        envelopes, projects = context.envelopes, context.projects
        form = BallotForm(request.POST, envelopes=envelopes, projects=projects)
        chosen = form.submitted_choices()
        form_errors = [] if form.is_valid() else [e for es in form.errors.values() for e in es]
        check = ballot_check(campaign=self.campaign, voter=user, choices=chosen, context=context)
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
            rows = self.envelope_rows(envelopes, projects, chosen, check)
            return self.render_padded(
                self.confirm_template,
                {"campaign": self.campaign, "rows": rows},
                {"campaign": self.campaign, "rows": self.without_choices(rows)},
                envelopes=envelopes,
                projects=projects,
            )
        if action != "confirm":
            return self.render_form(envelopes, projects, chosen, check=check)
        try:
            code = self.cast(chosen, context)
        except PermissionDenied as error:
            return self.render_refusal({"kind": "denied", "messages": [str(error)]})
        except ValidationError as error:
            # Read again: the refusal may be news (a vote in another tab, the vote closing).
            refusal = self.refusal(self.ballot_context())
            if refusal:
                return self.render_refusal(refusal)
            return self.render_form(
                envelopes, projects, chosen, check=check, errors=error.messages, status=400
            )
        # The receipt shows no choice (the voter saw them on the confirmation page); it is
        # padded all the same. The code is shown once: `no-store`, so no browser or proxy
        # keeps a copy of this page.
        context = self.receipt_context(code)
        return self.render_padded(
            self.receipt_template, context, context, envelopes=envelopes, projects=projects
        )
