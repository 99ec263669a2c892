"""The platform's chart module: what every page's plotly figures carry (civic/charts.py)."""

import json

import plotly.graph_objects as go

from civic import charts


def test_spec_carries_the_site_layout_without_plotly_template():
    figure = go.Figure(go.Bar(x=[1, 2], y=["a", "b"]))
    figure.update_layout(height=300)
    spec = charts.spec(figure)
    assert set(spec) == {"data", "layout", "config"}
    assert "template" not in spec["layout"]  # plotly's default template weighs ~10 KB a chart
    assert spec["layout"]["height"] == 300  # the figure's own settings win
    assert spec["layout"]["font"] == charts.FONT
    assert spec["layout"]["separators"] == ", "  # French decimal comma, space for thousands
    assert spec["config"]["displayModeBar"] is False
    assert len(json.dumps(spec)) < 1500


def test_own_margin_overrides_the_site_margin():
    figure = go.Figure(layout={"margin": {"t": 48}})
    assert charts.spec(figure)["layout"]["margin"] == {"t": 48}


def test_bars_draw_the_first_label_on_top_and_keep_equal_labels_apart():
    spec = charts.bars(["Nord", "Sud", "Nord"], [3, 2, 1], colors=["#111", "#222", "#333"])
    bar = spec["data"][0]
    # plotly draws the first category at the bottom: the helper reverses so "Nord" is on top.
    assert bar["x"] == [1, 2, 3]
    assert bar["marker"]["color"] == ["#333", "#222", "#111"]
    assert bar["y"][0] != bar["y"][2]  # two "Nord" stay two bars
    assert {bar["y"][0].rstrip("\u200b"), bar["y"][2].rstrip("\u200b")} == {"Nord"}


def test_long_labels_are_wrapped_for_a_phone():
    label = charts.wrap_label(
        "Réaménagement complet de la place du marché, de ses abords et de la rue des Halles"
    )
    assert label.count("<br>") == 2
    assert all(len(line) <= 22 for line in label.split("<br>"))
    assert label.endswith("…")


def test_stacked_bars_and_lines_show_a_legend_for_several_series():
    stacked = charts.stacked_bars(["A", "B"], [("x", [1, 2], "#111"), ("y", [3, 4], "#222")])
    assert stacked["layout"]["barmode"] == "stack"
    assert stacked["layout"]["showlegend"] is True
    assert [trace["name"] for trace in stacked["data"]] == ["x", "y"]
    one = charts.lines(["2026-01", "2026-02"], [("Idées", [4, 5])])
    two = charts.lines(["2026-01", "2026-02"], [("Idées", [4, 5]), ("Votes", [1, 9])])
    assert one["layout"]["showlegend"] is False
    assert two["layout"]["showlegend"] is True
    assert two["data"][1]["y"] == [1, 9]
