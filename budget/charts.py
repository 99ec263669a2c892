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


def _wrapped(title: str, width: int = 22, lines: int = 3) -> str:
    """`title` cut into lines of about `width` characters (plotly's `<br>`), at most `lines`
    lines, so that a bar's label stays readable beside the bar on a 375 px screen."""
    rows: list[str] = []
    for word in title.split():
        if rows and len(rows[-1]) + 1 + len(word) <= width:
            rows[-1] += " " + word
        else:
            rows.append(word if len(word) <= width else word[: width - 1] + "…")
    if len(rows) > lines:
        rows = rows[:lines]
        rows[-1] = rows[-1][: width - 1].rstrip() + "…"
    return "<br>".join(rows)


def _unique(labels: list[str]) -> list[str]:
    """Plotly merges equal category labels into one bar: keep each distinct (zero-width
    spaces are invisible)."""
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        count = seen.get(label, 0)
        seen[label] = count + 1
        unique.append(label + "\u200b" * count)
    return unique


def _height(labels: list[str], minimum: int = 160) -> int:
    """Room for every bar and its label's lines."""
    return max(minimum, sum(20 + 16 * label.count("<br>") for label in labels) + 24 * len(labels))


def votes_figure(envelope: dict) -> dict:
    """Votes per project of one envelope (horizontal bars, winners in the civic blue)."""
    rows = list(reversed(envelope["projects"]))  # plotly draws the first bar at the bottom
    labels = _unique([_wrapped(row["title"]) for row in rows])
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "x": [row["votes"] for row in rows],
                "y": labels,
                "marker": {"color": [PRIMARY if row["selected"] else MUTED for row in rows]},
                "hovertemplate": "%{y} : %{x} " + _("voix") + "<extra></extra>",
            }
        ],
        "layout": _layout(
            height=_height(labels) + 60,
            yaxis={"automargin": True, "type": "category"},
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
    """Per envelope: the amount given to winning projects, and what is left (horizontal bars,
    so that long envelope names stay readable on a phone)."""
    envelopes = list(reversed(envelopes))  # the first envelope on top
    names = _unique([_wrapped(envelope["name"]) for envelope in envelopes])
    used = [envelope["budget_used"] for envelope in envelopes]
    left = [max(envelope["amount"] - envelope["budget_used"], 0) for envelope in envelopes]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": _("Attribué aux projets lauréats"),
                "y": names,
                "x": used,
                "marker": {"color": PRIMARY},
                "hovertemplate": "%{y} : %{x:,.0f} €<extra></extra>",
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": _("Non attribué"),
                "y": names,
                "x": left,
                "marker": {"color": LIGHT},
                "hovertemplate": "%{y} : %{x:,.0f} €<extra></extra>",
            },
        ],
        "layout": _layout(
            barmode="stack",
            height=_height(names) + 110,
            showlegend=True,
            legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
            margin={"l": 8, "r": 24, "t": 48, "b": 40},
            xaxis={
                "automargin": True,
                "ticksuffix": " €",
                "tickformat": ",.0f",
                "nticks": 4,
                "rangemode": "tozero",
            },
            yaxis={"automargin": True, "type": "category"},
        ),
        "config": CONFIG,
    }


def turnout_figure(turnout) -> dict:
    """Voters per district as a percentage of its population (horizontal bars)."""
    rows = list(reversed([row for row in turnout if row.percent is not None]))
    names = _unique([_wrapped(row.district.name) for row in rows])
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": names,
                "x": [row.percent for row in rows],
                "marker": {"color": TEAL},
                "hovertemplate": "%{y} : %{x:.1f} %<extra></extra>",
            }
        ],
        "layout": _layout(
            height=_height(names) + 60,
            xaxis={"automargin": True, "ticksuffix": " %", "rangemode": "tozero"},
            yaxis={"automargin": True, "type": "category"},
        ),
        "config": CONFIG,
    }
