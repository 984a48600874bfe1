"""The gap report's charts: deterministic, self-contained, validated."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from matplotlib.backends.backend_svg import FigureCanvasSVG
from reports import report_of

from matcher import (
    render_html,
)
from matcher.report import charts
from matcher.report.charts import canvas as chart_canvas

# --------------------------------------------------------------------------- charts


def test_charts_are_deterministic_and_reusing_a_figure_leaks_nothing():
    contributions = np.array([[0.4, 0.2, 0.1], [0.1, 0.3, 0.0]])
    titles = ["1. Price $5 <b>&</b>", "2. Other"]
    first = charts.score_chart(titles, contributions, ["skill", "aptitude", "trait"])
    charts.score_chart(
        ["1. Many", "2. More", "3. Rows"], np.full((3, 3), 0.1), ["skill", "aptitude", "trait"]
    )
    again = charts.score_chart(titles, contributions, ["skill", "aptitude", "trait"])
    assert first == again
    assert "Price $5 &lt;b&gt;&amp;&lt;/b&gt;" in first  # text, not mathtext, escaped
    assert first.startswith("<svg ") and "<?xml" not in first and "<metadata" not in first
    assert 'role="img"' in first and "width=" not in first.split(">")[0]
    assert "0.70" in first and "0.40" in first
    for svg in (
        first,
        charts.needs_chart(
            ["A", "B"],
            ["aptitude", "trait"],
            np.array([3.0, np.nan]),
            np.array([3.0, 2.5]),
            np.array([4.0, 3.0]),
        ),
    ):
        ids = set(re.findall(r'\sid="([^"]+)"', svg))
        assert set(re.findall(r"url\(#([^)]+)\)", svg)) <= ids
        assert set(re.findall(r'xlink:href="#([^"]+)"', svg)) <= ids


def test_two_charts_of_a_report_share_no_element_id(fixture_model):
    page = render_html(report_of(fixture_model, target="mayor"))
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_measuring_canvas_draws_exactly_what_matplotlib_draws():
    svg = charts.needs_chart(
        ["Stress Tolerance", "Integrity"],
        ["aptitude", "trait"],
        np.array([4.0, np.nan]),
        np.array([4.0, 3.0]),
        np.array([5.0, 3.0]),
    )
    assert "not rated (≈3)" in svg
    canvas = next(c for kind, c in chart_canvas._canvases.items() if kind.startswith("needs"))
    import matplotlib

    outputs = []
    for canvas_class in (chart_canvas._CanvasSVG, FigureCanvasSVG):
        canvas_class(canvas.figure)
        buffer = io.StringIO()
        with matplotlib.rc_context({**chart_canvas._RC, "svg.hashsalt": canvas.salt}):
            canvas.figure.savefig(buffer, format="svg", metadata={"Date": None})
        outputs.append(buffer.getvalue())
    chart_canvas._CanvasSVG(canvas.figure)
    assert outputs[0] == outputs[1]


def test_chart_inputs_are_validated():
    with pytest.raises(ValueError, match="non-negative"):
        charts.score_chart(["a"], np.array([[-0.1, 0.2]]), ["skill", "trait"])
    with pytest.raises(ValueError, match="one entry per item"):
        charts.needs_chart(["a", "b"], ["trait"], np.array([1.0]), np.array([1.0]), np.array([1.0]))
    with pytest.raises(ValueError, match="estimate"):
        charts.needs_chart(
            ["a"], ["trait"], np.array([np.nan]), np.array([np.nan]), np.array([1.0])
        )
