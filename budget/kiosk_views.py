"""The counter's voting booth (isoloir): the ballot the voter fills in alone on the agent's
tablet, as in a polling station.

The agent checks the person's identity at the counter (`admin_views.PaperBallotView`), then
opens the booth for that person (`kiosk_open`) and hands the tablet over. The voter chooses,
reviews and confirms on the same pages as online (`ballot_views.BallotView`, padded alike);
the cast is `paper_ballot_record` (a voter record with channel `counter`, recorded by the
agent, and a sealed pending ballot). The booth then closes itself: the next page shows the
receipt code and a single button back to the agent's screen; neither the agent's screen nor
the audit log ever shows the choices.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from civic.audit import audit_log

from . import counter
from .ballot_views import BallotView
from .ballots import PAPER_PERMISSION, paper_ballot_record
from .models import Campaign

KIOSK_SESSION_KEY = "budget_kiosk"


def kiosk_open(*, request, campaign: Campaign, citizen) -> str:
    """Open the booth of `campaign` for `citizen` in the agent's session (one at a time: a new
    one replaces it); logged with the agent as actor. Returns the booth's address."""
    request.session[KIOSK_SESSION_KEY] = {"campaign": campaign.pk, "citizen": citizen.pk}
    audit_log(
        actor=request.user,
        action="budget.campaign.kiosk_open",
        instance=campaign,
        data={"citizen": citizen.pk},
    )
    return reverse("budget_admin:kiosk", args=[campaign.pk])


def kiosk_close(request) -> None:
    request.session.pop(KIOSK_SESSION_KEY, None)


class KioskBallotView(BallotView):
    """`/admin/budget/campagnes/<pk>/isoloir/`: the ballot of the person the agent let in."""

    identity_checked = True  # checked in person by the agent
    form_template = "budget/ballot.html"
    receipt_template = "budget/kiosk_receipt.html"

    def counter_url(self) -> str:
        return reverse("budget_admin:paper_ballot", args=[self.campaign.pk])

    def dispatch(self, request, *args, pk, **kwargs):
        if not request.user.has_perm(PAPER_PERMISSION):
            raise PermissionDenied
        self.campaign = get_object_or_404(Campaign, pk=pk)
        state = request.session.get(KIOSK_SESSION_KEY) or {}
        citizen = None
        if state.get("campaign") == self.campaign.pk and isinstance(state.get("citizen"), int):
            citizen = counter.counter_citizen_get(pk=state["citizen"])
        if citizen is None:
            messages.info(request, _("L'isoloir est fermé : vérifiez l'identité du votant."))
            return redirect(self.counter_url())
        self.citizen = citizen
        if request.method == "POST" and request.POST.get("action") == "leave":
            kiosk_close(request)
            return redirect(self.counter_url())
        return View.dispatch(self, request, *args, **kwargs)

    @property
    def voter(self):
        return self.citizen

    def cast(self, chosen: dict, context) -> str:
        code = paper_ballot_record(
            actor=self.request.user, campaign=self.campaign, citizen=self.citizen, choices=chosen
        )
        kiosk_close(self.request)
        return code

    # `kiosk` marks every booth page: no Wagtail user bar (no way into the agent's admin).
    def render_padded(self, template, context, empty_context, **kwargs):
        booth = {**context, "kiosk": True}
        # A context without choices (the receipt) stays its own base: rendered once.
        empty = booth if empty_context is context else {**empty_context, "kiosk": True}
        return super().render_padded(template, booth, empty, **kwargs)

    def render_refusal(self, refusal: dict):
        # Not the refusal's own words: they may say when and how the person voted.
        kiosk_close(self.request)
        messages.warning(
            self.request, _("Isoloir fermé : cette personne ne peut pas voter ici maintenant.")
        )
        return redirect(self.counter_url())

    def receipt_context(self, code: str) -> dict:
        return {**super().receipt_context(code), "counter_url": self.counter_url()}
