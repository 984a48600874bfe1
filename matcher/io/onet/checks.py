"""What an O*NET import leaves out, said once per file: rows of codes that Occupation Data
does not list, occupations short of ratings, related jobs or a job zone, elements rated on
one of IM and LV alone. The real database has none of these; a cut or mixed one does."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from matcher.util.labels import counted

from .tables import CODE, NAME, SCALE, SCALE_RANGES

__all__ = ["EXAMPLES", "PAIRED", "examples", "incomplete", "known_rows", "unpaired", "without"]

#: Examples a warning names.
EXAMPLES = 3
#: The two scales an element of Skills, Knowledge and Abilities is rated on, each row apart.
PAIRED = ("IM", "LV")


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
            f"{path}: {counted(len(rows), 'row')} left out: "
            f"{'its' if len(rows) == 1 else 'their'} {column!r} is one of "
            f"{counted(len(codes), 'code')} that 'Occupation Data.txt' does not list "
            f"({examples(found, len(codes))})"
        )
    return frame[~unknown]


def incomplete(path: Path, frame: pd.DataFrame, kept: pd.Series, notes: list[str]) -> None:
    """Note the kept occupations that have no rating of an element the file rates others on.

    A missing element counts as 0 in the model, so an occupation cut short (a file cut
    at a line end) would quietly look unskilled. O*NET rates every element of a file
    for every occupation it rates, so the real database has none. An element rated on one
    of its two scales alone is :func:`unpaired`'s to note.
    """
    ratings = frame[frame[SCALE].isin(list(SCALE_RANGES))]
    elements = ratings[NAME].nunique()
    have = ratings.drop_duplicates([CODE, NAME]).groupby(CODE).size()
    have = have.reindex(kept.index, fill_value=0)
    short = have[have < elements]
    if len(short):
        found = [f"{kept[c]!r} ({c}) {n}" for c, n in short.iloc[:EXAMPLES].items()]
        notes.append(
            f"{path}: {len(short)} of {counted(len(kept), 'rated occupation')} "
            f"{'lacks' if len(short) == 1 else 'lack'} some of the "
            f"{elements} elements the file rates others on; a missing element counts as 0 "
            f"(elements rated: {examples(found, len(short))})"
        )


def unpaired(
    path: Path,
    frame: pd.DataFrame,
    scales: tuple[str, ...],
    titles: dict[str, str],
    notes: list[str],
) -> pd.DataFrame:
    """``frame`` without the elements an occupation is rated on for only one of the file's
    two ``scales`` (IM and LV), noted in ``notes`` with the scale missing.

    An element's level is made of both (:func:`~.tables.self_rating_level`): with IM alone it
    was kept at a level from importance, with LV alone it lost its importance, and so its
    weight. Either way it is left out, as an element the file does not rate for the
    occupation (counted as 0), and said so. The real database rates both everywhere.
    """
    if tuple(scales) != PAIRED:  # Interests' OI and IH rate different elements
        return frame
    count = frame.groupby([CODE, NAME])[SCALE].transform("nunique")
    alone = frame[count < 2]
    if alone.empty:
        return frame
    parts = []
    for scale in scales:
        (missing,) = (s for s in scales if s != scale)
        rows = alone[alone[SCALE] == scale]
        if len(rows):
            first = rows[[CODE, NAME]].drop_duplicates(CODE)  # an example from each occupation
            found = [
                f"{titles.get(c, c)!r} ({c}) {n!r} at line {line}"
                for line, c, n in first.iloc[:EXAMPLES].itertuples()
            ]
            parts.append(
                f"{counted(len(rows), 'element')} of {counted(len(first), 'occupation')} "
                f"{'has' if len(rows) == 1 else 'have'} an "
                f"{scale} but no {missing} row ({examples(found, len(first))})"
            )
    notes.append(
        f"{path}: {'; '.join(parts)}. An element needs both its {' and '.join(scales)} rows "
        f"for its level, so these elements are left out of their occupations (counted as 0)"
    )
    return frame[count >= 2]


def without(path: Path, found: dict, kept: pd.Series, what: str, notes: list[str]) -> None:
    """Note the kept occupations that ``found`` (read from ``path``) has nothing for."""
    lacking = [c for c in kept.index if not found.get(c)]
    if lacking:
        shown = [f"{kept[c]!r} ({c})" for c in lacking[:EXAMPLES]]
        notes.append(
            f"{path}: {len(lacking)} of {counted(len(kept), 'rated occupation')} "
            f"{'has' if len(lacking) == 1 else 'have'} no {what} "
            f"there ({examples(shown, len(lacking))})"
        )
