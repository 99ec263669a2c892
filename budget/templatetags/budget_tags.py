"""Display helpers of the participatory budget's public pages: amounts, badges, percentages."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from budget.models import Campaign, Project
from budget.selectors import BALLOT_OFFER_TABLES
from civic import formats
from civic.page_cache.holes import hole_filler
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


# The ballot's holes (`civic.page_cache.holes`): what the voter's choices change on the pages of
# the vote (`budget/ballot_views.py` records the rest once per campaign, envelope and language).


def _row(context, arg):
    key = int(arg)
    return next(row for row in context["rows"] if row.key == key)


@hole_filler("ballot_choices")
def ballot_choices_fill(context, arg) -> str:
    """One envelope's projects on the ballot form (`budget/ballot.html`), in the voter's
    order, the ones the listing leaves out hidden, the voter's choices ticked.

    Built here rather than by a loop body of a template: a ballot holds every project of the
    voter's envelopes (hundreds in a large city), and the template engine spent about a
    millisecond on each. The markup of each project, but for its rank, whether it is hidden
    and whether it is ticked, is built once per process and language while the ballot's
    tables do not change (`civic.page_cache.memo`), for every voter."""
    row = _row(context, arg)
    markup = tables_memo(
        context.get("request"),
        ("ballot choices", row.key, get_language()),
        lambda: _ballot_choices_markup(row),
        tables=BALLOT_OFFER_TABLES,
    )
    shown, chosen = row.listing.shown, set(row.chosen)
    items = []
    for project in row.projects:
        pk = project.id  # not `.pk`: a property, and this loop runs for every project
        head, tail = markup[pk]
        hidden = "" if pk in shown else " hidden"
        checked = " checked" if pk in chosen else ""
        # The rank is the voter's shuffle (an int): the script's way back to their order.
        items.append(f'<li class="budget-choice" data-rank="{int(project.ballot_rank)}"')
        items.append(f"{hidden}{head}{checked}{tail}")
    return "".join(items)


def _ballot_choices_markup(row) -> dict[int, tuple[str, str]]:
    """Each project of `row`'s envelope: its markup after the `<li>`'s attributes and up to
    the checkbox's `checked`, and after it."""
    if not row.projects:
        return {}
    # One reverse() per envelope, not per project: the project's address is this + its id.
    sample = row.projects[0]
    url = sample.get_absolute_url()
    prefix = url[: url.rindex(f"/{sample.pk}/") + 1]
    name = conditional_escape(row.field_name)
    markup = {}
    for project in row.projects:
        pk = int(project.pk)
        head = (
            f'>\n<input type="checkbox" class="budget-choice__input" name="{name}" '
            f'value="{pk}" id="projet-{pk}" data-cost="{int(project.cost)}"'
        )
        markup[pk] = (head, _ballot_choice_after(project, prefix))
    return markup


@hole_filler("ballot_total")
def ballot_total_fill(context, arg) -> str:
    """One envelope's total: cost, count, what remains or is over. With nothing chosen (the
    ballot as it opens, and the page without choices its size is computed from), the same
    for every voter: kept per process while the ballot's tables do not change."""
    row, campaign = _row(context, arg), context["campaign"]

    def render() -> str:
        return render_to_string(
            "budget/includes/ballot_total.html", {"row": row, "campaign": campaign}
        )

    if row.cost or row.count:
        return render()
    return tables_memo(
        context.get("request"),
        ("ballot total, nothing chosen", campaign.pk, row.key, get_language()),
        render,
        tables=BALLOT_OFFER_TABLES,
    )


@hole_filler("ballot_notice")
def ballot_notice_fill(context, arg) -> str:
    """Why the ballot cannot be confirmed yet, or that the totals were recomputed."""
    errors, updated = context.get("errors"), context.get("updated")
    if not errors and not updated:
        return ""
    return render_to_string(
        "budget/includes/ballot_notice.html", {"errors": errors, "updated": updated}
    )


@hole_filler("ballot_recap")
def ballot_recap_fill(context, arg) -> str:
    """The confirmation page's recap of the choices, envelope by envelope (the projects
    chosen, by title). Built here rather than by a template, as the ballot's projects are:
    the confirmation is one of the two requests of every ballot. With nothing chosen (the
    page without choices its size is computed from), the same for every voter of these
    envelopes: kept per process while the ballot's tables do not change."""
    rows = context["rows"]

    def build() -> str:
        return "".join(_recap_section(row) for row in rows)

    if any(row.chosen for row in rows):
        return build()
    return tables_memo(
        context.get("request"),
        ("ballot recap, nothing chosen", tuple(row.key for row in rows), get_language()),
        build,
        tables=BALLOT_OFFER_TABLES,
    )


def _recap_section(row) -> str:
    envelope, chosen = row.envelope, set(row.chosen)
    if envelope.district_id:
        name = gettext("Quartier %(name)s") % {"name": envelope}
    else:
        name = str(envelope)
    if chosen:
        items = format_html_join(
            "\n",
            '<li><span>{}</span> <span class="budget-cost">{}</span></li>',
            ((p.title, formats.euros(p.cost)) for p in row.projects if p.pk in chosen),
        )
        total = ngettext(
            "%(counter)s projet · %(cost)s sur %(amount)s",
            "%(counter)s projets · %(cost)s sur %(amount)s",
            row.count,
        ) % {
            "counter": row.count,
            "cost": formats.euros(row.cost),
            "amount": formats.euros(row.amount),
        }
        body = format_html(
            '<ul class="budget-recap__list">\n{}\n</ul>\n<p class="budget-recap__total">{}</p>',
            items,
            total,
        )
    else:
        body = format_html(
            '<p class="meta">{}</p>',
            gettext("Aucun projet choisi : vous ne votez pas dans cette enveloppe."),
        )
    return format_html(
        '<section class="budget-recap" aria-labelledby="recap-{pk}">\n'
        '<h2 class="budget-recap__title" id="recap-{pk}">{name}</h2>\n{body}\n</section>\n',
        pk=envelope.pk,
        name=name,
        body=body,
    )


@hole_filler("ballot_chosen_inputs")
def ballot_chosen_inputs_fill(context, arg) -> str:
    """The choices, carried by the confirmation form to the cast."""
    return format_html_join(
        "",
        '<input type="hidden" name="{}" value="{}">',
        ((row.field_name, pk) for row in context["rows"] for pk in row.chosen),
    )


@hole_filler("receipt_code")
def receipt_code_fill(context, arg) -> str:
    return conditional_escape(context["code"])


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
