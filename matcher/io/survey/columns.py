"""A survey's header resolved against a model: the id column, rating columns, job columns.

A rating column is ``skill:<name>``, ``aptitude:<name>``, ``trait:<name>`` (or
``interest:<name>``), or a bare name that names exactly one item of the model;
names compare like item names of a self-assessment (case, ``&``/``and``,
aliases). Columns that name nothing the model knows are kept as
:class:`UnknownColumn` with the closest valid names.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from matcher.core.vocabulary import normalize_name
from matcher.errors import InputError
from matcher.model.names import nearest_items

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["ID_COLUMN", "JOB_COLUMNS", "SurveyColumns", "UnknownColumn", "resolve_columns"]

#: The respondent id column, unless told otherwise.
ID_COLUMN = "respondent_id"
#: Optional columns naming occupations (an id, title or alias).
JOB_COLUMNS = ("current_job", "target_job")
#: Block prefixes of column names, as people also write them.
_BLOCK_ALIASES = {
    "skills": "skill",
    "aptitudes": "aptitude",
    "traits": "trait",
    "interests": "interest",
}


@dataclass(frozen=True)
class UnknownColumn:
    """A header cell that names nothing the model knows, and the closest names."""

    name: str
    suggestions: tuple[str, ...] = ()

    def __str__(self) -> str:
        if not self.name.strip():
            return "an unnamed column"
        hint = (
            f" (did you mean {', '.join(repr(s) for s in self.suggestions)}?)"
            if self.suggestions
            else ""
        )
        return f"{self.name!r}{hint}"


@dataclass(frozen=True)
class SurveyColumns:
    """Where things are in a survey header.

    ``ratings`` pairs each rating column's position in the header with the
    model feature it rates, in header order; ``features`` is the feature
    column of each, shape (n_ratings,).
    """

    header: tuple[str, ...]
    id_position: int
    ratings: tuple[tuple[int, int], ...]
    current_job: int | None = None
    target_job: int | None = None
    unknown: tuple[UnknownColumn, ...] = ()

    @property
    def features(self) -> np.ndarray:
        return np.array([f for _, f in self.ratings], dtype=np.intp)

    @property
    def positions(self) -> np.ndarray:
        return np.array([p for p, _ in self.ratings], dtype=np.intp)

    @property
    def id_column(self) -> str:
        return self.header[self.id_position]


def _find_column(header: Sequence[str], wanted: str, source: str = "survey") -> int | None:
    """Position of ``wanted``: exactly as spelled, else ignoring case, spaces and dashes.

    Raises
    ------
    InputError
        Two columns name it (``target_job`` twice, ``respondent_id`` and ``Respondent ID``):
        which one holds the answer is a guess, and the other would be dropped unsaid.
    """
    key = normalize_name(wanted).replace(" ", "")
    found = [p for p, name in enumerate(header) if normalize_name(name).replace(" ", "") == key]
    if len(found) > 1:
        names = " and ".join(f"{header[p]!r} (column {p + 1})" for p in found[:3])
        raise InputError(f"{source}: columns {names} all name {wanted!r}; keep one of them")
    if wanted in header:
        return list(header).index(wanted)
    return found[0] if found else None


def _suggest_column(model: Model, text: str) -> tuple[str, ...]:
    block, name = _split_prefix(model, text)
    if block is None:  # a misspelt block ("skil:Carpentry") still names the item after it
        name = name.rpartition(":")[2].strip()
    return tuple(f"{b}:{n}" for b, n in nearest_items(model.vectorizer, name, block))


def _split_prefix(model: Model, text: str) -> tuple[str | None, str]:
    # NFKC before the split, as names are compared after it: a Japanese input method types
    # the full-width colon U+FF1A, and skill\uff1aAccounting was dropped as unknown.
    text = unicodedata.normalize("NFKC", text)
    prefix, sep, rest = text.partition(":")
    if sep:
        block = normalize_name(prefix)
        block = _BLOCK_ALIASES.get(block, block)
        if block in model.block_names:
            return block, rest.strip()
    return None, text.strip()


#: Unknown item columns from which a survey that reads fewer than a third of its item columns
#: is refused as another model's (a handful unknown is a typo or two, said in a warning).
MOST_UNKNOWN = 5


def resolve_columns(
    header: Sequence[str], model: Model, *, id_column: str = ID_COLUMN, source: str = "survey"
) -> SurveyColumns:
    """Map a survey header to the model's features.

    Raises
    ------
    InputError
        No id column, no rating column the model knows, a bare name that names
        items of several blocks, or two columns that rate the same item.
    """
    header = tuple(str(h) for h in header)
    id_position = _find_column(header, id_column, source)
    if id_position is None:
        if header and header[0].lstrip().startswith(("{", "[")):
            raise InputError(
                f"{source}: this looks like JSON, not a survey CSV; a self-assessment in JSON "
                "is ranked with `matcher recommend FILE` (recommend() in the library)"
            )
        close = difflib.get_close_matches(id_column, header, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else "."
        raise InputError(
            f"{source}: no {id_column!r} column in the header{hint} Every survey needs a "
            f"respondent id column; name it {id_column!r} or name yours (--id-column NAME, "
            "id_column=NAME) "
            f"(header: {', '.join(repr(h) for h in header[:8])}{' ...' if len(header) > 8 else ''})"
        )
    jobs = {job: _find_column(header, job, source) for job in JOB_COLUMNS}
    taken = {id_position, *(p for p in jobs.values() if p is not None)}
    ratings: list[tuple[int, int]] = []
    rated_by: dict[int, int] = {}
    unknown: list[UnknownColumn] = []
    ambiguous: list[str] = []
    for position, name in enumerate(header):
        if position in taken:
            continue
        if not name.strip():
            unknown.append(UnknownColumn(name))
            continue
        block, item = _split_prefix(model, name)
        if block is not None:
            found = model.vectorizer.feature_index(block, item)
            columns = [] if found is None else [found]
        else:
            columns = [
                c
                for b in model.block_names
                if (c := model.vectorizer.feature_index(b, item)) is not None
            ]
        if len(columns) > 1:
            options = " or ".join(repr(str(model.vectorizer.feature_names_[c])) for c in columns)
            ambiguous.append(f"{name!r} could be {options}: write the block before the name")
            continue
        if not columns:
            unknown.append(UnknownColumn(name, _suggest_column(model, name)))
            continue
        column = columns[0]
        if column in rated_by:
            first = rated_by[column]
            raise InputError(
                f"{source}: columns {header[first]!r} (column {first + 1}) and {name!r} (column "
                f"{position + 1}) both rate {model.vectorizer.feature_names_[column]!r}; keep one "
                f"of them"
            )
        rated_by[column] = position
        ratings.append((position, column))
    if ambiguous:
        raise InputError(f"{source}: ambiguous column names: " + "; ".join(ambiguous))
    # Written for another model (a built-in survey read with an O*NET model: 2 of 60 columns
    # read, 290 respondents "scored" from them): most of what names an item is unknown here.
    named = [u for u in unknown if _split_prefix(model, u.name)[0] is not None]
    if ratings and len(named) >= MOST_UNKNOWN and len(named) > 2 * len(ratings):
        raise InputError(
            f"{source}: {len(named)} of the {len(named) + len(ratings)} rating columns name no "
            f"item of this model (such as {', '.join(repr(u.name) for u in named[:3])}): the "
            "survey may be for another model; give that model (--model FILE, model= in the "
            "library), or remove the columns this model does not know"
        )
    if not ratings:
        shown = ", ".join(str(u) for u in unknown[:5]) or "none"
        raise InputError(
            f"{source}: no rating column names an item the model knows (unknown: {shown}). "
            f"Name rating columns skill:<name>, aptitude:<name> or trait:<name>; "
            f"`matcher survey-template` writes every valid column"
        )
    return SurveyColumns(
        header=header,
        id_position=id_position,
        ratings=tuple(ratings),
        current_job=jobs["current_job"],
        target_job=jobs["target_job"],
        unknown=tuple(unknown),
    )
