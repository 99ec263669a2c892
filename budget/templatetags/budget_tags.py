"""Display helpers of the participatory budget's public pages: amounts, badges, percentages."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from budget.models import Campaign, Project
from budget.selectors import BALLOT_OFFER_TABLES
from civic import formats
from civic.page_cache.memo import tables_memo

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


@register.simple_tag(takes_context=True)
def ballot_choice(context, project, row):
    """One project of the ballot form (`budget/ballot.html`): its checkbox, title, cost and
    summary. Built here rather than by a loop body of the template: a ballot holds every
    project of the voter's envelopes (hundreds in a large city), and the template engine
    spent about a millisecond on each; this is a tenth of it. The markup is the template's.

    The markup around the checkbox's `checked` is built once per request (kept on the
    request): the same page rendered without choices for its padding (`budget.padding`)
    takes it from there, and both renderings differ by exactly the ` checked` of a choice."""
    request = context.get("request")
    built = getattr(request, "_civic_ballot_choices", None)
    if built is None:
        built = {}
        if request is not None:
            request._civic_ballot_choices = built
    hidden = project.pk not in row.listing.shown
    key = (project.pk, row.field_name, hidden, getattr(project, "ballot_rank", ""))
    parts = built.get(key)
    if parts is None:
        parts = built[key] = _ballot_choice_parts(context, project, row, hidden=hidden)
    before, after = parts
    return mark_safe(before + (" checked" if project.pk in row.chosen else "") + after)


def _ballot_choice_parts(context, project, row, *, hidden: bool) -> tuple[str, str]:
    """The markup of one project of the ballot, before and after its ` checked`. What comes
    after depends only on the project and the language: built once per process while the
    ballot's tables do not change (`civic.page_cache.memo`), for every voter."""
    prefix = context.render_context.get("ballot_project_url")
    if prefix is None:
        # One reverse() per ballot, not per project: the project's address is this + its id.
        sample = project.get_absolute_url()
        prefix = sample[: sample.rindex(f"/{project.pk}/") + 1]
        context.render_context["ballot_project_url"] = prefix
    # Numbers and the envelope's field name (`enveloppe-<id>`): escaped once each, without
    # format_html's machinery (it cost more than the rest of the line, once per project).
    rank = conditional_escape(getattr(project, "ballot_rank", ""))
    name, pk = conditional_escape(row.field_name), int(project.pk)
    before = (
        f'<li class="budget-choice" data-rank="{rank}"{" hidden" if hidden else ""}>\n'
        f'<input type="checkbox" class="budget-choice__input" name="{name}" value="{pk}" '
        f'id="projet-{pk}" data-cost="{int(project.cost)}"'
    )
    after = tables_memo(
        context.get("request"),
        ("ballot choice", project.pk, get_language(), prefix),
        lambda: _ballot_choice_after(project, prefix),
        tables=BALLOT_OFFER_TABLES,
    )
    return before, after


def _ballot_choice_after(project, prefix: str) -> str:
    title = conditional_escape(project.title)
    hint = gettext("du projet « %(title)s » (nouvel onglet)") % {"title": title}
    return str(
        format_html(
            ' aria-describedby="projet-{pk}-resume">\n'
            '<label class="budget-choice__label" for="projet-{pk}">\n'
            '<span class="budget-choice__title">{title}</span>\n'
            '<span class="budget-choice__cost">{euros}</span>\n'
            "</label>\n"
            '<p class="budget-choice__summary" id="projet-{pk}-resume">{summary} '
            '<a href="{prefix}{pk}/" target="_blank" rel="noopener">{details}'
            '<span class="sr-only"> {hint}</span>\n</a>\n</p>\n</li>',
            pk=project.pk,
            title=title,
            euros=formats.euros(project.cost),
            summary=project.summary,
            prefix=prefix,
            details=gettext("Détails"),
            hint=mark_safe(hint),
        )
    )
