"""Every chart of the platform, made one way: a plotly figure built on the server.

An app computes its aggregates in SQL (pandas may shape the aggregated frame), builds a
`plotly.graph_objects.Figure` (or calls one of the helpers below) and hands the page the
JSON-ready `spec()` of it. The template draws it with `includes/chart.html` (one line in
the template; split here), which puts the spec in a `json_script` element (no inline code:
CSP-safe) next to an empty plot area that `static/js/charts.js` fills with plotly.js::

    {% include "includes/chart.html" with chart_id="chart-turnout" figure=turnout_figure
       caption=_("Participation par quartier") label=_("Graphique … ; les mêmes chiffres …") %}
    <table>…the same figures…</table>

    {% block extra_head %}{% include "includes/chart_styles.html" %}{% endblock %}
    {% block extra_js %}{% include "includes/chart_scripts.html" %}{% endblock %}

Every chart has a table beside it that says the same thing: without JavaScript, the plot
area stays hidden and the page is complete. Colours are the site's (`static/css/civic.css`).
"""

import json
from collections.abc import Sequence

import plotly.graph_objects as go

PRIMARY = "#0b4f8a"
MUTED = "#8a94a6"
TEAL = "#0b6e6d"
LIGHT = "#d3d9e3"
WARNING = "#a15c00"
# Colours of successive series (stacked bars, lines): distinguishable, contrast >= 3:1 on white.
SERIES = (PRIMARY, TEAL, WARNING, "#6b3fa0", "#b3261e", "#3d5a1e")
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 13}
CONFIG = {"displayModeBar": False, "responsive": True}


def _base_layout() -> dict:
    return {
        "font": FONT,
        "margin": {"l": 8, "r": 16, "t": 8, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "separators": ", ",
        "showlegend": False,
    }


def spec(figure: go.Figure) -> dict:
    """The JSON-ready `{"data", "layout", "config"}` of `figure`, on the site's layout.

    The site's fonts, margins and transparent background apply where the figure's own layout
    does not say otherwise; plotly's default template (about 10 KB per chart) is left out.
    """
    figure.update_layout(template=go.layout.Template())
    figure.update_layout({**_base_layout(), **figure.layout.to_plotly_json()})
    data = json.loads(figure.to_json())
    layout = data["layout"]
    layout.pop("template", None)
    return {"data": data["data"], "layout": layout, "config": CONFIG}


def wrap_label(title: str, width: int = 22, lines: int = 3) -> str:
    """`title` cut into lines of about `width` characters (plotly's `<br>`), at most `lines`
    lines, so that a bar's label stays readable beside the bar on a 375 px screen."""
    rows: list[str] = []
    for word in str(title).split():
        if rows and len(rows[-1]) + 1 + len(word) <= width:
            rows[-1] += " " + word
        else:
            rows.append(word if len(word) <= width else word[: width - 1] + "…")
    if len(rows) > lines:
        rows = rows[:lines]
        rows[-1] = rows[-1][: width - 1].rstrip() + "…"
    return "<br>".join(rows)


def unique_labels(labels: Sequence[str]) -> list[str]:
    """Plotly merges equal category labels into one bar: keep each distinct (zero-width
    spaces are invisible)."""
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        count = seen.get(label, 0)
        seen[label] = count + 1
        unique.append(label + "\u200b" * count)
    return unique


def bars_height(labels: Sequence[str], minimum: int = 160) -> int:
    """Room for every horizontal bar and its label's lines."""
    return max(minimum, sum(20 + 16 * label.count("<br>") for label in labels) + 24 * len(labels))


def bars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    colors: str | Sequence[str] = PRIMARY,
    hover: str = "%{y} : %{x}<extra></extra>",
    xaxis: dict | None = None,
    extra_height: int = 60,
) -> dict:
    """Horizontal bars, the first label on top (labels wrapped for a phone), as a spec.

    Horizontal bars keep long labels (project titles, district names, answer options)
    readable at 375 px; `hover` is plotly's hovertemplate, `xaxis` its axis settings.
    """
    labels = unique_labels([wrap_label(label) for label in reversed(labels)])
    values = list(reversed(values))
    if not isinstance(colors, str):
        colors = list(reversed(colors))
    figure = go.Figure(
        go.Bar(
            orientation="h",
            x=values,
            y=labels,
            marker={"color": colors},
            hovertemplate=hover,
        )
    )
    figure.update_layout(
        height=bars_height(labels) + extra_height,
        yaxis={"automargin": True, "type": "category"},
        xaxis={"automargin": True, "rangemode": "tozero", **(xaxis or {})},
    )
    return spec(figure)


def stacked_bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    *,
    hover: str = "%{y} : %{x}<extra></extra>",
    xaxis: dict | None = None,
) -> dict:
    """Horizontal stacked bars with a legend: `series` is `(name, values, colour)` per part,
    values in the order of `labels` (the first label on top)."""
    names = unique_labels([wrap_label(label) for label in reversed(labels)])
    figure = go.Figure(
        [
            go.Bar(
                orientation="h",
                name=name,
                y=names,
                x=list(reversed(values)),
                marker={"color": colour},
                hovertemplate=hover,
            )
            for name, values, colour in series
        ]
    )
    figure.update_layout(
        barmode="stack",
        height=bars_height(names) + 110,
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        margin={"l": 8, "r": 24, "t": 48, "b": 40},
        xaxis={"automargin": True, "rangemode": "tozero", **(xaxis or {})},
        yaxis={"automargin": True, "type": "category"},
    )
    return spec(figure)


def lines(
    x: Sequence,
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    yaxis: dict | None = None,
    height: int = 280,
) -> dict:
    """One line per `(name, values)` over the common `x` (dates or periods), with a legend
    when there is more than one."""
    figure = go.Figure(
        [
            go.Scatter(
                x=list(x),
                y=list(values),
                name=name,
                mode="lines+markers",
                line={"color": SERIES[index % len(SERIES)], "width": 2},
                hovertemplate=f"{name} : %{{y}}<extra></extra>" if name else None,
            )
            for index, (name, values) in enumerate(series)
        ]
    )
    figure.update_layout(
        height=height,
        showlegend=len(series) > 1,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        margin={"l": 8, "r": 16, "t": 40 if len(series) > 1 else 8, "b": 40},
        xaxis={"automargin": True},
        yaxis={"automargin": True, "rangemode": "tozero", **(yaxis or {})},
    )
    return spec(figure)
