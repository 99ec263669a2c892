"""Plotly figures of the results page, built on the server as plain JSON-ready dicts.

The page passes each figure to `static/js/budget-charts.js` through `json_script` (no inline
script, CSP-safe); every chart has a table next to it that says the same thing without
JavaScript. Colours are the site's (`static/css/civic.css`).
"""

from django.utils.translation import gettext as _

PRIMARY = "#0b4f8a"
MUTED = "#8a94a6"
TEAL = "#0b6e6d"
LIGHT = "#d3d9e3"
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 13}
CONFIG = {"displayModeBar": False, "responsive": True}


def _layout(**extra) -> dict:
    return {
        "font": FONT,
        "margin": {"l": 8, "r": 16, "t": 8, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "separators": ", ",
        "showlegend": False,
        **extra,
    }


def _short(title: str, length: int = 38) -> str:
    return title if len(title) <= length else title[: length - 1] + "…"


def votes_figure(envelope: dict) -> dict:
    """Votes per project of one envelope (horizontal bars, winners in the civic blue)."""
    rows = list(reversed(envelope["projects"]))  # plotly draws the first bar at the bottom
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [row["votes"] for row in rows],
                "y": [_short(row["title"]) for row in rows],
                "marker": {"color": [PRIMARY if row["selected"] else MUTED for row in rows]},
                "hovertemplate": "%{y} : %{x} " + _("voix") + "<extra></extra>",
            }
        ],
        "layout": _layout(
            height=max(160, 34 * len(rows) + 60),
            yaxis={"automargin": True},
            xaxis={
                "title": {"text": _("Nombre de voix")},
                "rangemode": "tozero",
                # Votes are whole numbers: no 0.5 ticks on small counts.
                "tickformat": "d",
                **({"dtick": 1} if max((r["votes"] for r in rows), default=0) <= 10 else {}),
            },
        ),
        "config": CONFIG,
    }


def allocation_figure(envelopes: list[dict]) -> dict:
    """Per envelope: the amount given to winning projects, and what is left."""
    names = [envelope["name"] for envelope in envelopes]
    used = [envelope["budget_used"] for envelope in envelopes]
    left = [max(envelope["amount"] - envelope["budget_used"], 0) for envelope in envelopes]
    return {
        "data": [
            {
                "type": "bar",
                "name": _("Attribué aux projets lauréats"),
                "x": names,
                "y": used,
                "marker": {"color": PRIMARY},
                "hovertemplate": "%{x} : %{y:,.0f} €<extra></extra>",
            },
            {
                "type": "bar",
                "name": _("Non attribué"),
                "x": names,
                "y": left,
                "marker": {"color": LIGHT},
                "hovertemplate": "%{x} : %{y:,.0f} €<extra></extra>",
            },
        ],
        "layout": _layout(
            barmode="stack",
            height=320,
            showlegend=True,
            legend={"orientation": "h", "y": -0.2},
            margin={"l": 8, "r": 16, "t": 8, "b": 80},
            yaxis={"automargin": True, "ticksuffix": " €", "tickformat": ",.0f"},
            xaxis={"automargin": True},
        ),
        "config": CONFIG,
    }


def turnout_figure(turnout) -> dict:
    """Voters per district as a percentage of its population."""
    rows = [row for row in turnout if row.percent is not None]
    return {
        "data": [
            {
                "type": "bar",
                "x": [row.district.name for row in rows],
                "y": [row.percent for row in rows],
                "marker": {"color": TEAL},
                "hovertemplate": "%{x} : %{y:.1f} %<extra></extra>",
            }
        ],
        "layout": _layout(
            height=300,
            yaxis={"automargin": True, "ticksuffix": " %", "rangemode": "tozero"},
            xaxis={"automargin": True},
        ),
        "config": CONFIG,
    }
