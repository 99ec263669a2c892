"""The counter (guichet): finding the citizen in front of the agent, and whether they may vote.

Reads only; the writes are `budget.ballots.paper_ballot_record` (the booth's ballot) and the
assisted-participation services of `civic.accounts.services` (registering a citizen without
an email, completing a missing district or age bracket). The decision is worded for the
agent ("Cette personne a déjà voté dans cette campagne", never when nor how), not for the
citizen ("Indiquez votre quartier dans Mon espace"); the services still enforce every rule
on submit. The view shows a decision only once the agent attested the person's identity.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from civic.accounts import selectors as account_selectors
from civic.accounts.models import AgeBracket, User
from civic.formats import datetime_long

from . import selectors
from .models import Campaign, VoterRecord


def counter_citizen_search(*, query: str) -> list[User]:
    """The active accounts matching `query` (see `civic.accounts.selectors.citizen_search`)."""
    return account_selectors.citizen_search(query=query)


def counter_citizen_get(*, pk: int) -> User | None:
    """The active account `pk` with its profile, or None."""
    return account_selectors.citizen_get(pk=pk)


@dataclass(frozen=True)
class CounterReason:
    """One reason the person cannot vote now, in the agent's words; `fix` names the profile
    field the agent can complete with them at the counter ("district", "age_bracket")."""

    message: str
    fix: str = ""


@dataclass(frozen=True)
class CounterDecision:
    citizen: User
    record: VoterRecord | None
    reasons: list[CounterReason] = field(default_factory=list)

    @property
    def may_vote(self) -> bool:
        return not self.reasons

    @property
    def fixable(self) -> set[str]:
        return {reason.fix for reason in self.reasons if reason.fix}


def _minimum_age(bracket: str) -> str:
    return bracket.split("-")[0].rstrip("+")


def counter_decision(*, campaign: Campaign, citizen: User, at=None) -> CounterDecision:
    """Whether `citizen` may vote at the counter in `campaign` now, and every reason why not.

    The identity is checked in person, so an unverified (or absent) email is no reason.
    Read-only; the same rules are enforced again by `paper_ballot_record` on submit.
    """
    at = at or timezone.now()
    record = selectors.voter_record(campaign=campaign, user=citizen)
    reasons: list[CounterReason] = []
    if record is not None:
        # Neither when nor where: the agent learns that this person may not vote, not the
        # voting history of the people they look up.
        reasons.append(
            CounterReason(_("Cette personne a déjà voté dans cette campagne : un seul vote."))
        )
        return CounterDecision(citizen, None, reasons)
    if at < campaign.vote_start:
        reasons.append(
            CounterReason(
                _("Le vote n'est pas encore ouvert : il commence le %(date)s.")
                % {"date": datetime_long(campaign.vote_start)}
            )
        )
    elif at >= campaign.vote_end:
        reasons.append(
            CounterReason(
                _("Le vote est clos depuis le %(date)s : plus aucun bulletin au guichet.")
                % {"date": datetime_long(campaign.vote_end)}
            )
        )
    profile = getattr(citizen, "profile", None)
    if campaign.requires_district and (profile is None or profile.district_id is None):
        reasons.append(
            CounterReason(
                _("Quartier non renseigné : demandez-le et complétez-le ci-dessous."), "district"
            )
        )
    if campaign.min_age_bracket:
        bracket = profile.age_bracket if profile is not None else ""
        minimum = _minimum_age(campaign.min_age_bracket)
        if not bracket:
            reasons.append(
                CounterReason(
                    _(
                        "Tranche d'âge non renseignée (vote à partir de %(age)s ans) : "
                        "demandez-la et complétez-la ci-dessous."
                    )
                    % {"age": minimum},
                    "age_bracket",
                )
            )
        elif bracket not in AgeBracket.at_least(campaign.min_age_bracket):
            reasons.append(
                CounterReason(
                    _("Moins de %(age)s ans : cette personne ne peut pas voter (profil : %(b)s).")
                    % {"age": minimum, "b": AgeBracket(bracket).label}
                )
            )
    if not reasons:
        # Any rule added to the selector later still stops the agent, in its own words.
        reasons = [
            CounterReason(message)
            for message in selectors.voter_ineligibility_reasons(
                campaign=campaign, user=citizen, identity_checked=True
            )
        ]
    return CounterDecision(citizen, record, reasons)
