"""The needs chart: a person's ratings against the levels a target occupation needs (0-5).

Unrated items show the estimate the gaps use, hatched; an unrated fit (an interest, O*NET's
work styles) shows no bar, only its typical level. The key names the
blocks the chart shows (a model without aptitudes never speaks of them); an
interest's mark is how strong the interest is in the occupation, a fit rather
than a requirement.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.text import Text

from matcher.core.gapmath import FIT_BLOCKS
from matcher.util.labels import level_text, rating_text

from .canvas import BAR, LABEL_Y, NEED_COLOUR, OTHER_COLOUR, RATING_TICKS, KeyEntry, chart, colour

__all__ = ["needs_chart"]

#: Blocks whose mark is a fit (typical of the occupation), not a level needed.


def needs_chart(
    names: Sequence[str],
    blocks: Sequence[str],
    ratings: np.ndarray,
    estimates: np.ndarray,
    levels: np.ndarray,
    *,
    fit: Sequence[bool] | None = None,
    skipped: Sequence[bool] | None = None,
    label: str = "Ratings against the levels needed",
) -> str:
    """A person's ratings against the levels an occupation needs, one row per item.

    Parameters
    ----------
    names, blocks : (n,) item names and their blocks (``"aptitude"``, ``"trait"``,
        ``"interest"``); the key names the blocks in their order here.
    ratings : (n,) the person's ratings 0-5, NaN where unrated.
    estimates : (n,) the rating used where unrated (drawn hatched); ignored
        where a rating was given, and where the item is a matter of fit.
    levels : (n,) level the occupation needs, 0-5 (a black mark), or is typical of it where
        the item is a matter of fit (``fit``, (n,) bool; default: the interests).
    skipped : (n,) bool, the unrated items the person was asked and left blank ("left
        blank", as the report's tables say; default none).
    label : accessible name of the chart.

    Returns
    -------
    str : an ``<svg>`` element.
    """
    ratings = np.asarray(ratings, dtype=float)
    estimates = np.asarray(estimates, dtype=float)
    levels = np.asarray(levels, dtype=float)
    n = len(names)
    if not (len(blocks) == ratings.shape[0] == estimates.shape[0] == levels.shape[0] == n):
        raise ValueError(
            f"names ({n}), blocks ({len(blocks)}), ratings {ratings.shape}, estimates "
            f"{estimates.shape} and levels {levels.shape} must all have one entry per item"
        )
    rated = ~np.isnan(ratings)
    fit = [b in FIT_BLOCKS for b in blocks] if fit is None else list(fit)
    # An estimated fit read as a judgement of the person ("my Dependability is 2 against
    # 4.4"): the estimate is for gaps, and a fit is never one.
    estimated = ~rated & ~np.array(fit, dtype=bool)
    shown = np.where(rated, ratings, estimates)
    if np.any(np.isnan(shown[estimated])):
        raise ValueError("every unrated item that is not a fit needs a finite estimate")
    shown_blocks = list(dict.fromkeys(blocks))
    legend = [KeyEntry(f"your {b}s", colour(b), fill=colour(b)) for b in shown_blocks]
    if estimated.any():
        legend.append(KeyEntry("estimated (not rated)", OTHER_COLOUR, fill="white", hatch="////"))
    typical = {b for b, f in zip(blocks, fit, strict=True) if f}
    need = "level needed" + (
        (" / typical interest" if typical == {"interest"} else " / typical") if typical else ""
    )
    legend.append(KeyEntry(need, NEED_COLOUR, line=True))
    # The key is laid out once per kind of chart: one kind per key.
    kind = "needs:" + ",".join(entry.label for entry in legend)
    with chart(kind, (0.0, 5.0), range(6), RATING_TICKS, legend, n) as canvas:
        rows = np.arange(n, dtype=float)
        colours = np.array([colour(b) for b in blocks], dtype=object)
        if rated.any():
            canvas.bars(
                rows[rated],
                np.zeros(rated.sum()),
                shown[rated],
                facecolors=list(colours[rated]),
                edgecolors="none",
            )
        if estimated.any():
            canvas.bars(
                rows[estimated],
                np.zeros(estimated.sum()),
                shown[estimated],
                facecolors="white",
                edgecolors=list(colours[estimated]),
                hatch="////",
                linewidths=0.8,
            )
        low, high = BAR
        marks = np.stack(
            [
                np.column_stack([levels, rows + low - 0.06]),
                np.column_stack([levels, rows + high + 0.06]),
            ],
            axis=1,
        )
        canvas.add(
            LineCollection(
                marks, colors=NEED_COLOUR, linewidths=2.4, capstyle="butt", clip_on=False
            )
        )
        for row in range(n):
            if rated[row]:
                you = f"you {level_text(shown[row])}"
            else:
                blank = skipped is not None and bool(skipped[row])
                you = rating_text(None, None if fit[row] else shown[row], skipped=blank)
            wants = "typical" if fit[row] else "needs"
            text = f"{names[row]}  ·  {you}, {wants} {level_text(levels[row])}"
            canvas.add(Text(0.0, row + LABEL_Y, text, va="baseline", ha="left", parse_math=False))
        return canvas.svg(label)
