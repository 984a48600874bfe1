"""The suite's tables, as Markdown (readable in a terminal, pasted into the README as is).

``Results`` holds the ranks of the truth per (style, method), every seed's respondents
pooled. Each figure is a mean with its 95 % bootstrap interval over respondents
(:mod:`.metrics`); gaps and differences are paired.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

import numpy as np

from .baselines import BASELINES
from .metrics import Estimate, bootstrap, figures
from .oracle import UNKNOWN

__all__ = [
    "Results",
    "ablation_table",
    "calibration_table",
    "ceiling_table",
    "criteria",
    "interval",
    "methods_table",
    "recovery_table",
    "verdict",
]

#: Within the issue's targets: mean gap to the oracle (MRR), honest hit@1 to Euclidean.
ORACLE_GAP_TARGET = 0.03
HONEST_HIT_TARGET = 0.01


class Results:
    """Ranks per style and method, the seeds' respondents concatenated."""

    def __init__(self) -> None:
        self.ranks: dict[str, dict[str, list[np.ndarray]]] = defaultdict(lambda: defaultdict(list))

    def add(self, style: str, ranks: dict[str, np.ndarray]) -> None:
        for method, values in ranks.items():
            self.ranks[style][method].append(np.asarray(values, np.float64))

    def values(self, style: str, method: str, metric: str) -> np.ndarray:
        return figures(np.concatenate(self.ranks[style][method]))[metric]

    @property
    def styles(self) -> list[str]:
        return list(self.ranks)

    def has(self, method: str) -> bool:
        return all(method in self.ranks[s] for s in self.styles)

    def best_baseline(self, style: str, metric: str) -> str:
        present = [b for b in BASELINES if b in self.ranks[style]]
        return max(present, key=lambda b: (self.values(style, b, metric).mean(), b))


def interval(e: Estimate, points: bool = False) -> str:
    """A mean and its interval: 0-1 figures to 3 places, differences in points (× 100)."""
    if points:
        return f"{100 * e.value:+.1f} ({100 * e.low:+.1f} to {100 * e.high:+.1f})"
    return f"{e.value:.3f} ({e.low:.3f}-{e.high:.3f})"


def verdict(difference: Estimate) -> str:
    if difference.low > 0:
        return "ahead"
    if difference.high < 0:
        return "**behind**"
    return "≥, within CI" if difference.value >= 0 else "<, within CI"


def recovery_table(results: Results, metric: str) -> list[str]:
    """Matcher against the best baseline per style and the oracle, one row per style and
    a row for the mean of the styles."""
    oracle = results.has("oracle")
    head = ["style", "n", "matcher", "best baseline"]
    if oracle:
        head += ["oracle", "gap to oracle, points"]
    head += ["matcher − best, points", "verdict"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    parts: dict[str, list[np.ndarray]] = defaultdict(list)
    for style in results.styles:
        best = results.best_baseline(style, metric)
        ours = results.values(style, "matcher", metric)
        theirs = results.values(style, best, metric)
        row = [
            style,
            f"{len(ours):,}",
            interval(bootstrap(ours)),
            f"{best} {interval(bootstrap(theirs))}",
        ]
        parts["matcher"].append(ours)
        parts["best"].append(theirs)
        parts["difference"].append(ours - theirs)
        if oracle:
            top = results.values(style, "oracle", metric)
            row += [interval(bootstrap(top)), interval(bootstrap(ours - top), points=True)]
            parts["oracle"].append(top)
            parts["gap"].append(ours - top)
        difference = bootstrap(ours - theirs)
        row += [interval(difference, points=True), verdict(difference)]
        lines.append("| " + " | ".join(row) + " |")
    if len(results.styles) > 1:
        difference = bootstrap(parts["difference"])
        row = [
            "**mean of the styles**",
            "",
            interval(bootstrap(parts["matcher"])),
            f"each style's best {interval(bootstrap(parts['best']))}",
        ]
        if oracle:
            row += [
                interval(bootstrap(parts["oracle"])),
                interval(bootstrap(parts["gap"]), points=True),
            ]
        row += [interval(difference, points=True), verdict(difference)]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def ceiling_table(results: Results, metric: str) -> list[str]:
    """What a ranking that is not told the person's style can reach on each style: the
    oracle over every style in equal shares, against the oracle told the style, the best
    baseline and matcher (paired differences in points)."""
    head = [
        "style",
        "matcher",
        "best baseline",
        "oracle, style known",
        "oracle, style unknown",
        "unknown − best baseline, points",
        "matcher − unknown, points",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for style in results.styles:
        best = results.best_baseline(style, metric)
        ours, theirs = (results.values(style, m, metric) for m in ("matcher", best))
        known, unknown = (results.values(style, m, metric) for m in ("oracle", UNKNOWN))
        row = [
            style,
            f"{ours.mean():.3f}",
            f"{best} {theirs.mean():.3f}",
            f"{known.mean():.3f}",
            f"{unknown.mean():.3f}",
            interval(bootstrap(unknown - theirs), points=True),
            interval(bootstrap(ours - unknown), points=True),
        ]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def methods_table(results: Results, metric: str = "MRR") -> list[str]:
    """Every method's figure per style (no intervals): which baseline wins where."""
    methods = ["matcher", *(["oracle"] if results.has("oracle") else []), *BASELINES]
    methods = [m for m in methods if results.has(m)]
    lines = ["| style | " + " | ".join(methods) + " |", "|" + " --- |" * (len(methods) + 1)]
    for style in results.styles:
        cells = [f"{results.values(style, m, metric).mean():.3f}" for m in methods]
        lines.append(f"| {style} | " + " | ".join(cells) + " |")
    return lines


def criteria(results: Results) -> list[str]:
    """The issue's targets, each with its figure and whether it is met."""
    lines = []
    behind = []
    for style in results.styles:
        best = results.best_baseline(style, "MRR")
        gap = results.values(style, "matcher", "MRR") - results.values(style, best, "MRR")
        if gap.mean() < 0:
            behind.append(f"{style} ({100 * gap.mean():+.1f} vs {best})")
    count = len(results.styles) - len(behind)
    lines.append(
        f"- MRR at least the best baseline's: {count} of {len(results.styles)} styles"
        + (f"; below: {', '.join(behind)}" if behind else "")
        + (" (met)" if not behind else " (not met)")
    )
    if results.has(UNKNOWN):
        beyond = []
        for style in results.styles:
            best = results.best_baseline(style, "MRR")
            room = bootstrap(
                results.values(style, UNKNOWN, "MRR") - results.values(style, best, "MRR")
            )
            if room.high < 0:
                beyond.append(f"{style} ({interval(room, points=True)} vs {best})")
        lines.append(
            "- styles on which even the oracle not told the style is behind the best baseline "
            "(interval below 0): " + (", ".join(beyond) if beyond else "none")
        )
    if results.has("oracle"):
        gap = bootstrap(
            [
                results.values(s, "matcher", "MRR") - results.values(s, "oracle", "MRR")
                for s in results.styles
            ]
        )
        met = -gap.value <= ORACLE_GAP_TARGET
        lines.append(
            f"- mean MRR gap to the oracle: {interval(gap, points=True)} points "
            f"(target within {100 * ORACLE_GAP_TARGET:.0f}: {'met' if met else 'not met'})"
        )
    if "honest" in results.styles:
        gap = bootstrap(
            results.values("honest", "matcher", "hit@1")
            - results.values("honest", "euclidean", "hit@1")
        )
        met = gap.value >= -HONEST_HIT_TARGET
        lines.append(
            f"- honest hit@1 against Euclidean: {interval(gap, points=True)} points "
            f"(target within {100 * HONEST_HIT_TARGET:.0f}: {'met' if met else 'not met'})"
        )
    return lines


def ablation_table(rows: list[tuple[str, str, Results | None, Results]]) -> list[str]:
    """One row per part taken away: (label, catalog, results without it or None where it
    does not apply, the full model's results); mean MRR over styles and honest MRR, each
    with its paired difference to the full model."""
    lines = [
        "| taken away | catalog | mean MRR | Δ mean, points | honest MRR | Δ honest, points |",
        "|" + " --- |" * 6,
    ]
    for label, catalog, without, full in rows:
        if without is None:
            lines.append(f"| {label} | {catalog} | n/a | | | |")
            continue
        styles = without.styles
        ours = [without.values(s, "matcher", "MRR") for s in styles]
        base = [full.values(s, "matcher", "MRR") for s in styles]
        mean = bootstrap(ours)
        delta = bootstrap([a - b for a, b in zip(ours, base, strict=True)])
        cells = [label, catalog, f"{mean.value:.3f}", interval(delta, points=True)]
        if "honest" in styles:
            k = styles.index("honest")
            cells += [f"{ours[k].mean():.3f}", interval(bootstrap(ours[k] - base[k]), points=True)]
        else:
            cells += ["", ""]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


#: Bins of the confidence of the first match.
CONFIDENCE_BINS = (0.0, 0.3, 0.5, 0.7, 0.9, 0.99, 1.0)


def calibration_table(confidence: np.ndarray, right: np.ndarray) -> list[str]:
    """How often the first match is the truth, per bin of its confidence: calibrated when
    the share right sits in its bin (the last bin holds 1.0)."""
    lines = [
        "| confidence of #1 | respondents | mean confidence | share right (95 % CI) |",
        "|" + " --- |" * 4,
    ]
    edges = CONFIDENCE_BINS
    for k, (low, high) in enumerate(pairwise(edges)):
        last = k == len(edges) - 2
        inside = (confidence >= low) & ((confidence <= high) if last else (confidence < high))
        if not inside.any():
            continue
        share = bootstrap(right[inside] * 1.0)
        lines.append(
            f"| {low:.2f}-{high:.2f} | {inside.sum():,} | {confidence[inside].mean():.3f} "
            f"| {interval(share)} |"
        )
    return lines
