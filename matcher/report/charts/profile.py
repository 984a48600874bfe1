"""The profile chart: a person's ratings against the levels a target occupation needs (0-5).

Unrated items show the estimate the gaps use, hatched.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.text import Text

from .canvas import BAR, LABEL_Y, NEED_COLOUR, OTHER_COLOUR, RATING_TICKS, KeyEntry, chart, colour

__all__ = ["PROFILE_BLOCKS", "profile_chart"]

#: Blocks the profile chart's key names.
PROFILE_BLOCKS = ("aptitude", "trait")


def profile_chart(
    names: Sequence[str],
    blocks: Sequence[str],
    ratings: np.ndarray,
    estimates: np.ndarray,
    levels: np.ndarray,
    *,
    label: str = "Ratings against the levels needed",
) -> str:
    """A person's ratings against the levels an occupation needs, one row per item.

    Parameters
    ----------
    names, blocks : (n,) item names and their blocks (``"aptitude"``, ``"trait"``).
    ratings : (n,) the person's ratings 0-5, NaN where unrated.
    estimates : (n,) the rating used where unrated (drawn hatched); ignored
        where a rating was given.
    levels : (n,) level the occupation needs, 0-5 (a black mark).
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
    shown = np.where(rated, ratings, estimates)
    if np.any(np.isnan(shown)):
        raise ValueError("every unrated item needs a finite estimate")
    legend = [KeyEntry(f"your {b}s", colour(b), fill=colour(b)) for b in PROFILE_BLOCKS]
    legend += [
        KeyEntry("estimated (not rated)", OTHER_COLOUR, fill="white", hatch="////"),
        KeyEntry("level needed", NEED_COLOUR, line=True),
    ]
    kind = "profile"
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
        if (~rated).any():
            canvas.bars(
                rows[~rated],
                np.zeros((~rated).sum()),
                shown[~rated],
                facecolors="white",
                edgecolors=list(colours[~rated]),
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
            you = f"you {shown[row]:g}" if rated[row] else f"not rated, estimated {shown[row]:.1f}"
            text = f"{names[row]}  ·  {you}, needs {levels[row]:g}"
            canvas.add(Text(0.0, row + LABEL_Y, text, va="baseline", ha="left", parse_math=False))
        return canvas.svg(label)
