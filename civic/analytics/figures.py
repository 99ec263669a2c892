"""The analytics charts, on `civic.charts` (plotly.graph_objects, the site's layout): the
page draws them with `includes/chart.html` and prints the same figures in a table beside
each. Hidden (suppressed) cells are drawn as gaps, never as their value."""

import plotly.graph_objects as go

from civic import charts

ALERT = "#b3261e"


def lines(*, x: list[str], series: dict[str, list[int]]) -> dict:
    return charts.lines(x, list(series.items()), height=300)


def bars(*, labels: list[str], values: list, name: str) -> dict:
    return charts.bars(
        labels,
        [v if v is not None else 0 for v in values],
        hover="%{y} : %{x}<extra>" + str(name) + "</extra>",
    )


def index_bars(*, labels: list[str], values: list, threshold: float) -> dict:
    """Representativeness indexes (horizontal, first group on top), under-represented groups
    in red, with the lines of 1 (as in the population) and of the threshold."""
    names = charts.unique_labels([charts.wrap_label(label) for label in reversed(labels)])
    values = list(reversed(values))
    colours = [ALERT if v is not None and v < threshold else charts.PRIMARY for v in values]
    figure = go.Figure(
        go.Bar(
            orientation="h",
            x=values,
            y=names,
            marker={"color": colours},
            hovertemplate="%{y} : %{x:.2f}<extra></extra>",
        )
    )
    figure.add_vline(x=1, line={"color": charts.MUTED, "dash": "dot"})
    figure.add_vline(x=threshold, line={"color": ALERT, "dash": "dash"})
    figure.update_layout(
        height=charts.bars_height(names) + 60,
        yaxis={"automargin": True, "type": "category"},
        xaxis={"automargin": True, "rangemode": "tozero"},
    )
    return charts.spec(figure)
