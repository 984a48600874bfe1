"""The score chart: the best-matching occupations, one bar each, split by block (0-1)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.text import Text

from .canvas import BAR, LABEL_Y, KeyEntry, chart, colour

__all__ = ["score_chart"]


def score_chart(
    titles: Sequence[str],
    contributions: np.ndarray,
    blocks: Sequence[str],
    *,
    label: str = "Match scores",
) -> str:
    """Horizontal stacked bars of match scores, best first.

    Parameters
    ----------
    titles : (n,) occupation titles, drawn as given (numbering is the caller's).
    contributions : (n, n_blocks) each block's part of the score; a row sums
        to the score, in [0, 1].
    blocks : (n_blocks,) block names, e.g. ``("skill", "aptitude", "trait")``.
    label : accessible name of the chart.

    Returns
    -------
    str : an ``<svg>`` element.
    """
    contributions = np.asarray(contributions, dtype=float).reshape(len(titles), len(blocks))
    if not np.all(np.isfinite(contributions)) or np.any(contributions < 0):
        raise ValueError("contributions must be finite and non-negative")
    scores = contributions.sum(axis=1)
    legend = [KeyEntry(f"{b}s", colour(b), fill=colour(b)) for b in blocks]
    kind = "scores:" + ",".join(blocks)
    with chart(
        kind,
        (0.0, 1.0),
        [0.0, 0.25, 0.5, 0.75, 1.0],
        ["0", "0.25", "0.5", "0.75", "1 (perfect)"],
        legend,
        len(titles),
    ) as canvas:
        rows = np.arange(len(titles), dtype=float)
        left = np.zeros(len(titles))
        for column, block in enumerate(blocks):
            width = contributions[:, column]
            canvas.bars(
                rows, left, width, facecolors=colour(block), edgecolors="white", linewidths=0.4
            )
            left = left + width
        for row, (title, score) in enumerate(zip(titles, scores, strict=True)):
            canvas.add(
                Text(
                    0.0,
                    row + LABEL_Y,
                    title,
                    va="baseline",
                    ha="left",
                    parse_math=False,
                    fontsize=9.5,
                )
            )
            canvas.add(
                Text(
                    score + 0.008,
                    row + (BAR[0] + BAR[1]) / 2,
                    f"{score:.2f}",
                    va="center",
                    ha="left",
                    parse_math=False,
                    fontsize=8.5,
                    fontweight="bold",
                )
            )
        return canvas.svg(label)
