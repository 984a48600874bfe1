"""The drawing machinery both charts share: one reusable matplotlib figure per chart kind.

Speed. A report needs both charts, and a batch of a thousand reports must fit
in well under a minute on two cores, so each process keeps one figure per
chart kind and only swaps the artists that change (bars, labels); the value
scale and the key are laid out once, as plain artists rather than matplotlib's
``Axis`` and ``Legend``, which redo their layout on every save. Bars are one
``PolyCollection`` per series rather than a patch per bar; text measurements
are remembered from one chart to the next; and text stays text
(``svg.fonttype = none``) instead of glyph paths, which keeps an SVG at ~10 kB.
``scripts/bench_reports.py`` compares this with a fresh figure per chart.

Determinism and embedding. The SVG has no metadata or date, its element ids
are hashed with a fixed salt per chart kind (two charts in one page never
share an id), ids nothing refers to are dropped, the XML prolog is removed and
the fixed size is replaced by a ``viewBox`` so CSS can scale the chart to the
page. Labels are never parsed as mathtext, so a ``$`` in a title stays a ``$``.
Not thread-safe across threads of one process (matplotlib is not either): use
processes for parallel work, as :mod:`matcher.report.files` does.
"""

from __future__ import annotations

import contextlib
import functools
import html
import io
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import matplotlib
import numpy as np
from matplotlib import cbook
from matplotlib.artist import Artist
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.textpath import text_to_path
from matplotlib.transforms import ScaledTranslation, blended_transform_factory, offset_copy

__all__ = [
    "BAR",
    "BLOCK_COLOURS",
    "LABEL_Y",
    "NEED_COLOUR",
    "OTHER_COLOUR",
    "RATING_TICKS",
    "Canvas",
    "KeyEntry",
    "chart",
    "colour",
]

#: Colour of each feature block: colour-blind safe, at least 3:1 against white (WCAG's bar for
#: graphics) and apart in grey print: their Rec. 601 grey (what a grey printer and
#: ``pdftoppm -gray`` make of them) 40 or more apart, skill darkest, then interest, trait and
#: aptitude (the aptitude, trait and interest bars were greys 114, 123 and 118: one grey).
BLOCK_COLOURS: dict[str, str] = {
    "skill": "#061629",
    "aptitude": "#da7c3c",
    "trait": "#1f905f",
    "interest": "#5a2389",
}
#: Colour of anything outside the blocks (and of the "estimated" key).
OTHER_COLOUR = "#7f7f7f"
#: Colour of the mark of the level an occupation needs.
NEED_COLOUR = "#202020"
_TEXT_COLOUR = "#222222"
_GRID_COLOUR = "#e3e3e3"
_AXIS_COLOUR = "#999999"
_TICK_COLOUR = "#333333"
_TICK_PAD_PT = 3.5

#: Tick labels of the 0-5 rating axis.
RATING_TICKS = ("0 none", "1", "2", "3 competent", "4", "5 expert")

_WIDTH_IN = 7.0  # figure width, inches; the page scales it
_ROW_IN = 0.42  # height of one row (label + bar), inches
_TOP_IN = 0.45  # room for the legend above the axes
_BOTTOM_IN = 0.38  # room for the tick labels below
#: A bar's extent within its row (row centre 0, label above).
BAR = (-0.02, 0.34)
#: A label's baseline within its row.
LABEL_Y = -0.1
_LEFT, _RIGHT = 0.045, 0.075  # side margins (figure fraction) for the edge tick labels
_KEY_SIZE = 8.5  # points
_KEY_RAISE_IN = 0.2  # key line above the axes, inches
_SWATCH_IN = (0.22, 0.11)

_RC = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9.0,
    "text.color": _TEXT_COLOUR,
    "axes.edgecolor": _AXIS_COLOUR,
    "hatch.linewidth": 0.8,
    "path.simplify": True,
}


@functools.lru_cache(maxsize=8192)
def _text_metrics(text: str, prop: FontProperties) -> tuple[float, float, float]:
    return text_to_path.get_text_width_height_descent(text, prop, ismath=False)


class _RendererSVG(RendererSVG):
    """matplotlib's SVG renderer, remembering text measurements from one figure to the next.

    matplotlib caches a measurement per renderer, and a renderer lives for
    one save; but labels (tick labels, the key, occupation titles, item names)
    repeat across a batch of reports, and measuring them is a third of a
    chart's time. Text stays text (``svg.fonttype = none``), so the measure is
    the font's own metrics for the string, the same in every figure.
    """

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        return _text_metrics(s, prop.copy())


class _CanvasSVG(FigureCanvasSVG):
    """:class:`FigureCanvasSVG` drawing with :class:`_RendererSVG`."""

    def print_svg(self, filename, *, bbox_inches_restore=None, metadata=None, **_ignored):
        # As FigureCanvasSVG.print_svg, with the renderer above; a test checks the
        # output is byte-identical to matplotlib's own. print_figure passes this
        # (non-matplotlib) method dpi, facecolor, edgecolor and orientation, which
        # matplotlib's SVG canvas does not take either (the figure already has them).
        with cbook.open_file_cm(filename, "w", encoding="utf-8") as handle:
            dpi = self.figure.dpi
            self.figure.dpi = 72
            try:
                width, height = self.figure.get_size_inches()
                renderer = MixedModeRenderer(
                    self.figure,
                    width,
                    height,
                    dpi,
                    _RendererSVG(width * 72, height * 72, handle, image_dpi=dpi, metadata=metadata),
                    bbox_inches_restore=bbox_inches_restore,
                )
                self.figure.draw(renderer)
                renderer.finalize()
            finally:
                self.figure.dpi = dpi


@dataclass(frozen=True)
class KeyEntry:
    """One entry of a chart's key: a swatch (or a line) and its label."""

    label: str
    colour: str
    fill: str = ""
    hatch: str | None = None
    line: bool = False


@dataclass
class Canvas:
    """One reusable figure: the static parts stay, the data artists are swapped."""

    figure: Figure
    axes: object
    salt: str
    data: list = field(default_factory=list)  # the artists of the chart last drawn

    def add(self, artist: Artist) -> None:
        """Add a data artist to the axes, to be removed before the next chart."""
        if isinstance(artist, Text):
            self.axes.add_artist(artist)
        else:
            self.axes.add_collection(artist, autolim=False)
        self.data.append(artist)
        return artist

    def bars(self, rows: np.ndarray, left: np.ndarray, width: np.ndarray, **style) -> None:
        """One series of horizontal bars, one per row, as a single ``PolyCollection``."""
        _bars(self, rows, left, width, **style)

    def svg(self, label: str) -> str:
        """The chart as an ``<svg>`` element ready to inline in HTML (``label``: its name)."""
        return _svg(self, label)


_canvases: dict[str, Canvas] = {}
_lock = threading.Lock()


@contextlib.contextmanager
def chart(
    kind: str,
    xlim: tuple[float, float],
    ticks: Sequence[float],
    labels: Sequence[str],
    legend: Sequence[KeyEntry],
    rows: int,
) -> Iterator[Canvas]:
    """The reusable canvas of one kind of chart, emptied and sized for ``rows`` rows.

    The value axis (``xlim``, grid lines at ``ticks`` labelled ``labels``) and the
    key (``legend``) are laid out the first time a kind is drawn. Drawing holds
    a lock and the charts' matplotlib settings.
    """
    with _lock, _style(kind):
        canvas = _canvas(kind, xlim, ticks, labels, legend)
        _reset(canvas, rows)
        yield canvas


def _canvas(
    kind: str,
    xlim: tuple[float, float],
    ticks: Sequence[float],
    labels: Sequence[str],
    legend: Sequence[KeyEntry],
) -> Canvas:
    canvas = _canvases.get(kind)
    if canvas is not None:
        return canvas
    figure = Figure(figsize=(_WIDTH_IN, 2.0))
    _CanvasSVG(figure)
    axes = figure.add_axes((_LEFT, 0.1, 1 - _LEFT - _RIGHT, 0.8))
    axes.set_xlim(*xlim)
    _draw_scale(axes, ticks, labels)
    _draw_key(figure, legend)
    canvas = Canvas(figure, axes, _salt(kind))
    _canvases[kind] = canvas
    return canvas


def _draw_scale(axes, ticks: Sequence[float], labels: Sequence[str]) -> None:
    """Grid lines and labels of the value axis, laid out once.

    The values are fixed (0-1 for scores, 0-5 for ratings), so static lines
    and labels stand in for matplotlib's ``Axis``, whose tick machinery is
    re-run on every save and was a third of a chart's time.
    """
    axes.xaxis.set_visible(False)
    axes.yaxis.set_visible(False)
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)
    along = blended_transform_factory(axes.transData, axes.transAxes)
    axes.add_collection(
        LineCollection(
            [[(x, 0.0), (x, 1.0)] for x in ticks],
            transform=along,
            colors=_GRID_COLOUR,
            linewidths=0.8,
            zorder=0.5,
        ),
        autolim=False,
    )
    below = offset_copy(along, fig=axes.get_figure(), y=-_TICK_PAD_PT, units="points")
    for x, text in zip(ticks, labels, strict=True):
        axes.add_artist(
            Text(
                x,
                0.0,
                text,
                transform=below,
                ha="center",
                va="top",
                color=_TICK_COLOUR,
                fontsize=8.5,
                parse_math=False,
                clip_on=False,
            )
        )


def _draw_key(figure: Figure, entries: Sequence[KeyEntry]) -> None:
    """A one-line key above the axes, laid out once (a ``Legend`` lays itself out again,
    measuring its text again, on every save)."""
    # Inches from the top-left corner of the axes, wherever _reset moves them.
    inches = figure.dpi_scale_trans + ScaledTranslation(0.0, 1.0, figure.axes[0].transAxes)
    font = FontProperties(family="sans-serif", size=_KEY_SIZE)
    x, y = 0.0, _KEY_RAISE_IN
    for entry in entries:
        if entry.line:
            figure.add_artist(
                Line2D(
                    [x, x + _SWATCH_IN[0]],
                    [y, y],
                    transform=inches,
                    color=entry.colour,
                    linewidth=2.4,
                    solid_capstyle="butt",
                )
            )
        else:
            figure.add_artist(
                Rectangle(
                    (x, y - _SWATCH_IN[1] / 2),
                    *_SWATCH_IN,
                    transform=inches,
                    facecolor=entry.fill,
                    edgecolor=entry.colour,
                    hatch=entry.hatch,
                    linewidth=0.8,
                )
            )
        x += _SWATCH_IN[0] + 0.06
        figure.add_artist(
            Text(
                x,
                y,
                entry.label,
                transform=inches,
                va="center",
                ha="left",
                fontproperties=font,
                parse_math=False,
            )
        )
        width_pt = text_to_path.get_text_width_height_descent(entry.label, font, ismath=False)[0]
        x += width_pt / 72 + 0.22


def _reset(canvas: Canvas, rows: int) -> None:
    """Remove the previous chart's data and size the figure for ``rows`` rows."""
    axes = canvas.axes
    for artist in canvas.data:
        artist.remove()
    canvas.data.clear()
    height = _TOP_IN + _BOTTOM_IN + _ROW_IN * max(rows, 1)
    canvas.figure.set_size_inches(_WIDTH_IN, height)
    axes.set_position(
        (_LEFT, _BOTTOM_IN / height, 1 - _LEFT - _RIGHT, (_ROW_IN * max(rows, 1)) / height)
    )
    # Row i spans i-0.5 .. i+0.5; first row on top.
    axes.set_ylim(max(rows, 1) - 0.5, -0.5)


def _bars(canvas: Canvas, rows: np.ndarray, left: np.ndarray, width: np.ndarray, **style) -> None:
    if len(rows) == 0:
        return
    low, high = BAR
    right = left + width
    verts = np.stack(
        [
            np.column_stack([left, rows + low]),
            np.column_stack([right, rows + low]),
            np.column_stack([right, rows + high]),
            np.column_stack([left, rows + high]),
        ],
        axis=1,
    )
    canvas.add(PolyCollection(verts, **style))


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_SIZE = re.compile(r'<svg\b[^>]*?\swidth="[^"]*"\s+height="[^"]*"')
_ID = re.compile(r'\sid="([^"]+)"')
_REFERENCE = re.compile(r"#([A-Za-z_][\w.-]*)")


def _svg(canvas: Canvas, label: str) -> str:
    """The figure as an SVG element ready to inline in HTML."""
    buffer = io.StringIO()
    canvas.figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = _PROLOG.sub("", svg, count=1)
    svg = _METADATA.sub("", svg, count=1)
    svg = _SIZE.sub(lambda m: m.group(0).split(" width=")[0], svg, count=1)
    referenced = set(_REFERENCE.findall(svg))
    svg = _ID.sub(lambda m: m.group(0) if m.group(1) in referenced else "", svg)
    # matplotlib's default stroke style is a global ``*`` rule: scope it to the charts.
    svg = svg.replace('<style type="text/css">*{', '<style type="text/css">svg.chart *{', 1)
    attributes = (
        f'class="chart" role="img" aria-label="{html.escape(label, quote=True)}" '
        f'preserveAspectRatio="xMinYMin meet"'
    )
    return svg.replace("<svg ", f"<svg {attributes} ", 1).strip() + "\n"


def _salt(kind: str) -> str:
    return f"matcher-{kind}"


def _style(kind: str):
    """The charts' matplotlib settings, and the id salt of this kind of chart, for one draw."""
    return matplotlib.rc_context({**_RC, "svg.hashsalt": _salt(kind)})


def colour(block: str) -> str:
    return BLOCK_COLOURS.get(block, OTHER_COLOUR)
