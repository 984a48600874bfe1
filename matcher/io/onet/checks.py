"""What an O*NET import leaves out, said once per file: rows of codes that Occupation Data
does not list, occupations short of ratings, related jobs or a job zone. The real database
has none of these; a cut or mixed one does."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .tables import CODE, NAME, SCALE, SCALE_RANGES

__all__ = ["EXAMPLES", "examples", "incomplete", "known_rows", "without"]

#: Examples a warning names.
EXAMPLES = 3


def examples(items: list[str], total: int) -> str:
    """A few of ``total`` findings, so that a summary stays one readable line."""
    shown = ", ".join(items[:EXAMPLES])
    return f"{shown}, ..." if total > EXAMPLES else shown


def known_rows(
    path: Path, frame: pd.DataFrame, known: set[str], notes: list[str], column: str = CODE
) -> pd.DataFrame:
    """``frame`` without rows whose ``column`` is no code of Occupation Data, noted in ``notes``.

    Such rows have no occupation to attach to (a cut-off Occupation Data, a code from
    another O*NET release): they are left out, but said so. The real database has none.
    """
    unknown = ~frame[column].isin(known)
    if unknown.any():
        rows = frame[unknown]
        codes = rows[column].unique()
        first = rows[column].drop_duplicates().iloc[:EXAMPLES]  # distinct codes, first line
        found = [f"line {line} {code!r}" for line, code in first.items()]
        notes.append(
            f"{path}: {len(rows)} row(s) left out: their {column!r} is one of {len(codes)} "
            f"code(s) that 'Occupation Data.txt' does not list ({examples(found, len(codes))})"
        )
    return frame[~unknown]


def incomplete(path: Path, frame: pd.DataFrame, kept: pd.Series, notes: list[str]) -> None:
    """Note the kept occupations that lack a rating the file gives other occupations.

    A missing rating counts as 0 in the model, so an occupation cut short (a file cut
    at a line end) would quietly look unskilled. O*NET rates every element of a file
    for every occupation it rates, so the real database has none.
    """
    ratings = frame[frame[SCALE].isin(list(SCALE_RANGES))]
    pairs = ratings[[NAME, SCALE]].drop_duplicates()
    have = (
        ratings.drop_duplicates([CODE, NAME, SCALE])
        .groupby(CODE)
        .size()
        .reindex(kept.index, fill_value=0)
    )
    short = have[have < len(pairs)]
    if len(short):
        found = [f"{kept[c]!r} ({c}) {n}" for c, n in short.iloc[:EXAMPLES].items()]
        notes.append(
            f"{path}: {len(short)} of {len(kept)} rated occupation(s) lack some of the "
            f"{len(pairs)} ratings the file gives others; a missing rating counts as 0 "
            f"(ratings held: {examples(found, len(short))})"
        )


def without(path: Path, found: dict, kept: pd.Series, what: str, notes: list[str]) -> None:
    """Note the kept occupations that ``found`` (read from ``path``) has nothing for."""
    lacking = [c for c in kept.index if not found.get(c)]
    if lacking:
        shown = [f"{kept[c]!r} ({c})" for c in lacking[:EXAMPLES]]
        notes.append(
            f"{path}: {len(lacking)} of {len(kept)} rated occupation(s) have no {what} "
            f"there ({examples(shown, len(lacking))})"
        )
