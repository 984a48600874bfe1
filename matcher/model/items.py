"""The items a model rates: what a person can put in a self-assessment, found by their words.

A person writing a self-assessment for a model they did not build (an O*NET import rates
O*NET's 35 skills and 33 knowledge areas, by O*NET's names) needs the list, and a way into
it by the words they would use: ``items(model, "road")`` finds O*NET's Transportation by its
description. :func:`items` lists every item in the model's column order (its blocks in
order), or those a text names (their name or aliases, typos allowed) or describes (every word of it
starts a word of the description), names first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from matcher.core.gapmath import KEY_IMPORTANCE
from matcher.core.vocabulary import SUGGEST_CUTOFF, normalize_name

if TYPE_CHECKING:
    from .model import Model

__all__ = ["DESCRIPTIONS", "Item", "items"]

#: ``model.extra`` key of the items' descriptions, ``{"block:name": text}`` (O*NET's Content
#: Model Reference, when the database has it).
DESCRIPTIONS = "item_descriptions"


@dataclass(frozen=True)
class Item:
    """One item a person can rate.

    ``key`` is ``block:name`` (a survey's column); ``aliases`` other spellings that mean it;
    ``description`` what it covers, where the model knows; ``occupations`` how many of the
    model's occupations hold it as a key item (importance 0.5 or more).
    """

    block: str
    name: str
    aliases: tuple[str, ...]
    description: str
    occupations: int

    @property
    def key(self) -> str:
        return f"{self.block}:{self.name}"


def items(model: Model, text: str | None = None) -> list[Item]:
    """Every item ``model`` rates, in its column order; with ``text``, the items it names
    (name or alias, as an unknown item's suggestions are found: :mod:`matcher.core.fuzzy`),
    best first, then those whose description holds every word of it (as a word or the start
    of one), in column order."""
    keys = model.feature_keys
    vocabulary = model.vectorizer.vocabulary
    descriptions = model.extra.get(DESCRIPTIONS, {})
    key_for = (np.asarray(model.importance) >= KEY_IMPORTANCE).sum(axis=0)
    found = [
        Item(
            block,
            name,
            tuple(vocabulary.entries.get(block, {}).get(name, ())) if vocabulary else (),
            descriptions.get(f"{block}:{name}", ""),
            int(key_for[column]),
        )
        for column, (block, name) in enumerate(keys)
    ]
    if text is None:
        return found
    from matcher.core.fuzzy import NameIndex, words

    query = normalize_name(text)
    by_name = NameIndex(
        (normalize_name(spelling), column)
        for column, item in enumerate(found)
        for spelling in (item.name, *item.aliases)
    ).find(query, limit=len(found), cutoff=SUGGEST_CUTOFF)
    columns = [match.target for match in by_name]
    # A description is prose: its words are matched whole or by their start, never as typos
    # ("sell" is not "self", "clerical" not "chemical").
    wanted = words(query)
    for column, item in enumerate(found):
        said = words(normalize_name(item.description))
        if (
            column not in columns
            and said
            and all(any(w.startswith(q) for w in said) for q in wanted)
        ):
            columns.append(column)
    return [found[column] for column in columns]
