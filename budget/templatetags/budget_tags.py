"""Display helpers of the participatory budget's public pages: amounts, badges, percentages."""

from django import template
from django.utils.translation import gettext_lazy as _

from budget.models import Campaign, Project
from civic import formats

register = template.Library()

PHASE_TONES = {
    Campaign.Phase.UPCOMING: "neutral",
    Campaign.Phase.SUBMISSION: "info",
    Campaign.Phase.REVIEW: "info",
    Campaign.Phase.VOTE: "success",
    Campaign.Phase.COUNTING: "warning",
    Campaign.Phase.RESULTS: "success",
    Campaign.Phase.FOLLOW_UP: "neutral",
}

STATUS_TONES = {
    Project.Status.SUBMITTED: "neutral",
    Project.Status.IN_REVIEW: "info",
    Project.Status.ELIGIBLE: "info",
    Project.Status.INELIGIBLE: "danger",
    Project.Status.ON_BALLOT: "info",
    Project.Status.SELECTED: "success",
    Project.Status.NOT_SELECTED: "neutral",
}

FOLLOWUP_TONES = {
    Project.FollowUp.PLANNED: "info",
    Project.FollowUp.IN_PROGRESS: "warning",
    Project.FollowUp.DELIVERED: "success",
    Project.FollowUp.ABANDONED: "danger",
}


@register.filter
def euros(value) -> str:
    """`1250000` → `1 250 000 €` in French, `€1,250,000` in English (`civic.formats.euros`)."""
    return formats.euros(value)


@register.filter
def phase_tone(phase) -> str:
    return PHASE_TONES.get(phase, "neutral")


@register.filter
def status_tone(status) -> str:
    return STATUS_TONES.get(status, "neutral")


@register.filter
def followup_tone(status) -> str:
    return FOLLOWUP_TONES.get(status, "neutral")


@register.filter
def percent_of(part, whole) -> str:
    """`part` as a whole percentage of `whole` ("" when `whole` is 0)."""
    try:
        return f"{round(100 * int(part) / int(whole))}"
    except (TypeError, ValueError, ZeroDivisionError):
        return ""


@register.filter
def envelope_name(envelope: dict) -> str:
    """An envelope of a published result, named in the reader's language as on the campaign
    page (the result keeps the name it had when published, in the publisher's language)."""
    if envelope.get("district") is None:
        return str(_("Toute la ville"))
    return envelope.get("name", "")
