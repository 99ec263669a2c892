"""The figures of the results page, made with the platform's chart module (`civic.charts`).

Every chart has a table next to it on the page that says the same thing without JavaScript.
"""

from django.utils.translation import gettext as _

from civic import charts


def votes_figure(envelope: dict) -> dict:
    """Votes per project of one envelope (horizontal bars, winners in the civic blue)."""
    rows = envelope["projects"]
    votes = [row["votes"] for row in rows]
    return charts.bars(
        [row["title"] for row in rows],
        votes,
        colors=[charts.PRIMARY if row["selected"] else charts.MUTED for row in rows],
        hover="%{y} : %{x} " + _("voix") + "<extra></extra>",
        xaxis={
            "title": {"text": _("Nombre de voix")},
            # Votes are whole numbers: no 0.5 ticks on small counts.
            "tickformat": "d",
            **({"dtick": 1} if max(votes, default=0) <= 10 else {}),
        },
    )


def allocation_figure(envelopes: list[dict]) -> dict:
    """Per envelope: the amount given to winning projects, and what is left (horizontal bars,
    so that long envelope names stay readable on a phone)."""
    return charts.stacked_bars(
        [envelope["name"] for envelope in envelopes],
        [
            (
                _("Attribué aux projets lauréats"),
                [envelope["budget_used"] for envelope in envelopes],
                charts.PRIMARY,
            ),
            (
                _("Non attribué"),
                [max(envelope["amount"] - envelope["budget_used"], 0) for envelope in envelopes],
                charts.LIGHT,
            ),
        ],
        hover="%{y} : %{x:,.0f} €<extra></extra>",
        xaxis={"ticksuffix": " €", "tickformat": ",.0f", "nticks": 4},
    )


def turnout_figure(turnout) -> dict:
    """Voters per district as a percentage of its population (horizontal bars)."""
    rows = [row for row in turnout if row.percent is not None]
    return charts.bars(
        [row.district.name for row in rows],
        [row.percent for row in rows],
        colors=charts.TEAL,
        hover="%{y} : %{x:.1f} %<extra></extra>",
        xaxis={"ticksuffix": " %"},
    )
