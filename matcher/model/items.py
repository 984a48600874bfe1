"""The items a model rates: what a person can put in a self-assessment, found by their words.

A person writing a self-assessment for a model they did not build (an O*NET import rates
O*NET's 35 skills and 33 knowledge areas, by O*NET's names) needs the list, and a way into
it by the words they would use. :func:`items` lists every item in the model's column order,
or those a text finds, strongest first: by the item's name, then its aliases, then the
everyday words a model gives it (an O*NET import: ``data/vocabulary/onet_words.csv``, where
"driving" is a word of Transportation and of Operation and Control), then its description.
A word of the text matches a word of the item's as itself, in another form ("managers",
"management") or as its start (four letters or more); never as a near spelling, which
turned "car" into "care" and "sell" into "self". Only where nothing matches so are the
near spellings of names and aliases given: an unknown item's suggestions.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from matcher.core.gapmath import KEY_IMPORTANCE
from matcher.core.vocabulary import normalize_name
from matcher.io.item_names import NAME_LIMIT

from .locations import vocabulary_dir

if TYPE_CHECKING:
    from .model import Model

__all__ = ["DESCRIPTIONS", "WORDS", "Item", "found_by", "items", "onet_words"]

#: ``model.extra`` keys: what each item covers (O*NET's Content Model Reference, when the
#: database has it) and the everyday words that find it, ``{"block:name": ...}``.
DESCRIPTIONS, WORDS = "item_descriptions", "item_words"
#: How an item was found, strongest first (:func:`found_by`).
FIELDS = ("name", "alias", "everyday word", "description")
#: How many occupations :attr:`Item.needed_most` names.
NEEDED_MOST = 3
#: Endings that make another form of one word; a stem keeps at least three letters.
_ENDINGS = ("ations", "ation", "ments", "ment", "ings", "ing", "ers", "er", "ies", "es", "ed", "s")


@dataclass(frozen=True)
class Item:
    """One item a person can rate.

    ``key`` is ``block:name`` (a survey's column); ``aliases`` other names that mean it in a
    self-assessment; ``words`` everyday words that find it (they are not names: "Driving"
    in a profile is still unknown on O*NET); ``description`` what it covers, where the
    model knows; ``key_for`` how many of the model's occupations hold it as a key item
    (importance 0.5 or more); ``needed_most`` the titles of the occupations that need it
    at the highest levels, a key item of each (up to :data:`NEEDED_MOST`): what an item is
    about in practice (O*NET's Food Production, "planting, growing and harvesting", is
    needed most by Chefs and Head Cooks; its everyday word "cooking" reads as a mistake
    without them).
    """

    block: str
    name: str
    aliases: tuple[str, ...]
    words: tuple[str, ...]
    description: str
    key_for: int
    needed_most: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.block}:{self.name}"

    def to_dict(self) -> dict:
        """The item as ``matcher items --json`` gives it: its ``key`` first, lists as lists."""
        data = {"key": self.key, **asdict(self)}
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}

    def texts(self) -> tuple[tuple[str, ...], ...]:
        """The item's texts by :data:`FIELDS`."""
        return ((self.name,), self.aliases, self.words, (self.description,))


def items(model: Model, text: str | None = None) -> list[Item]:
    """Every item ``model`` rates, in its column order; with ``text``, the items it finds
    (see the module), strongest first, ties in column order (none for a text longer than
    :data:`~matcher.io.item_names.NAME_LIMIT`)."""
    vocabulary = model.vectorizer.vocabulary
    descriptions = model.extra.get(DESCRIPTIONS, {})
    words = model.extra.get(WORDS, {})
    key_for, most = model.cached("item_facts", lambda: _facts(model))
    titles = model.titles
    found = []
    for column, (block, name) in enumerate(model.feature_keys):
        rows = most[column]
        key = f"{block}:{name}"
        aliases = tuple(vocabulary.entries.get(block, {}).get(name, ())) if vocabulary else ()
        found.append(
            Item(
                block,
                name,
                aliases,
                tuple(words.get(key, ())),
                descriptions.get(key, ""),
                int(key_for[column]),
                tuple(titles[r] for r in rows),
            )
        )
    if text is None:
        return found
    if len(text) > NAME_LIMIT:  # no item's words: each was looked up, 3 s for 33 KB
        return []
    strength = [found_by(item, text) for item in found]
    hits = sorted((FIELDS.index(s), c) for c, s in enumerate(strength) if s is not None)
    if hits:
        return [found[c] for _, c in hits]
    from .names import nearest_items  # the near spellings an unknown item's error suggests

    column = {(item.block, item.name): c for c, item in enumerate(found)}
    return [found[column[k]] for k in nearest_items(model.vectorizer, text, n=len(found))]


def _facts(model: Model) -> tuple[np.ndarray, list[list[int]]]:
    """How many occupations hold each item as a key item, and the rows of those that need it
    most (:attr:`Item.needed_most`), once per model: an unknown name in a profile looks its
    words up here too, and a full sort of every column at each look-up cost a big catalog."""
    importance = np.asarray(model.importance)
    key = importance >= KEY_IMPORTANCE
    # by the level needed, then the importance, then the row (id order): every value apart
    rows = np.arange(len(importance))[:, None]
    need = np.where(key, np.asarray(model.levels) + 1e-3 * importance - 1e-12 * rows, -np.inf)
    count = min(NEEDED_MOST, len(need))
    top = np.argpartition(-need, count - 1, axis=0)[:count] if count else need[:0].astype(int)
    most = []
    for column in range(need.shape[1]):
        picked = sorted(top[:, column].tolist(), key=lambda r: -need[r, column])
        most.append([r for r in picked if np.isfinite(need[r, column])])
    return key.sum(axis=0), most


def found_by(item: Item, text: str) -> str | None:
    """The strongest of :data:`FIELDS` in which every word of ``text`` is found (each in some
    text of that field or a stronger one), or None."""
    wanted = set(_words(text))  # a word said twice is found once
    if not wanted:
        return None
    best: dict[str, int] = {}
    for field, texts in enumerate(item.texts()):
        for said in texts:
            held = _words(said)
            for word in wanted:
                if word not in best and any(_same(word, w) for w in held):
                    best[word] = field
    return FIELDS[max(best.values())] if len(best) == len(wanted) else None


def _words(text: str) -> tuple[str, ...]:
    from matcher.core.fuzzy import words

    return tuple(words(normalize_name(text)))


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """One form of a word for its others: "managers", "managing" and "management" are
    "manag"; "caring" and "cares" are "care" (an e dropped before the ending is put back
    on a short stem: "caring" is no "car"), "drive" and "driving" are "driv"."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if ending == "ies":
                return stem + "y"
            first, vowel, last = stem if len(stem) == 3 and ending != "s" else "aaa"
            if first not in "aeiou" and vowel in "aeiou" and last not in "aeiouwxy":
                return stem + "e"
            word = stem
            break
    return word[:-1] if word.endswith("e") and len(word) >= 5 else word


def _same(wanted: str, word: str) -> bool:
    """Whether ``word`` of an item is ``wanted`` of a text, in any form or by its start."""
    return (
        wanted == word
        or _stem(wanted) == _stem(word)
        or (len(wanted) >= 4 and word.startswith(wanted))
    )


@functools.cache
def onet_words(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The everyday words of O*NET's elements, ``{"block:name": words}``
    (``data/vocabulary/onet_words.csv``): how people name what O*NET calls otherwise."""
    path = path or vocabulary_dir() / "onet_words.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row["item"]: tuple(w.strip() for w in row["words"].split("|") if w.strip())
            for row in csv.DictReader(handle)
        }
