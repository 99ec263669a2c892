"""The analytics charts, as plotly figures (plotly.graph_objects) turned into JSON-ready
dicts: the page hands them to the vendored plotly.js through `json_script` (no inline script)
and prints the same figures in a table beside each chart. Hidden cells are drawn as gaps."""

import json

import plotly.graph_objects as go

PRIMARY = "#0b4f8a"
ALERT = "#b3261e"
MUTED = "#8a94a6"
PALETTE = ["#0b4f8a", "#0b6e6d", "#8a4b08", "#6a3d9a", "#b3261e", "#44546a", "#2e7d32"]
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "size": 13}


def _layout(figure: go.Figure, **extra) -> dict:
    figure.update_layout(
        font=FONT,
        margin={"l": 8, "r": 16, "t": 8, "b": 40},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        separators=", ",
        height=300,
        **extra,
    )
    spec = json.loads(figure.to_json())
    spec["layout"].pop("template", None)  # plotly.js' own defaults, not 10 kB of theme
    spec["config"] = {"displayModeBar": False, "responsive": True}
    return spec


def lines(*, x: list[str], series: dict[str, list[int]]) -> dict:
    figure = go.Figure()
    for i, (name, values) in enumerate(series.items()):
        figure.add_trace(
            go.Scatter(
                x=x,
                y=values,
                name=name,
                mode="lines+markers",
                line={"color": PALETTE[i % len(PALETTE)]},
            )
        )
    return _layout(
        figure,
        showlegend=True,
        legend={"orientation": "h"},
        xaxis={"type": "category", "automargin": True},
        yaxis={"rangemode": "tozero"},
    )


def bars(*, labels: list[str], values: list, name: str) -> dict:
    figure = go.Figure(go.Bar(x=labels, y=values, name=name, marker={"color": PRIMARY}))
    return _layout(figure, showlegend=False, xaxis={"type": "category", "automargin": True})


def index_bars(*, labels: list[str], values: list, threshold: float) -> dict:
    """Representativeness indexes, under-represented groups in red, 1 and the threshold drawn."""
    colours = [ALERT if v is not None and v < threshold else PRIMARY for v in values]
    figure = go.Figure(go.Bar(x=labels, y=values, marker={"color": colours}))
    figure.add_hline(y=1, line={"color": MUTED, "dash": "dot"})
    figure.add_hline(y=threshold, line={"color": ALERT, "dash": "dash"})
    return _layout(
        figure,
        showlegend=False,
        xaxis={"type": "category", "automargin": True},
        yaxis={"rangemode": "tozero"},
    )
