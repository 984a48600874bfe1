"""Names a person types, resolved in a model: item names and occupation titles or aliases.

Item names resolve through the vocabulary's aliases (or as spelled, for items
only a catalog uses); occupations by id, title or alias (:mod:`matcher.model.resolve`).
When nothing matches, similar names are offered (by spelling, not jobs alike), found by
:class:`matcher.core.fuzzy.NameIndex` over every block and alias (an item under the
wrong block is found under the right one) or over every title, alias and reading of the
catalog. Each index is built once per feature space or catalog, on the first question.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from matcher.core.features import FeatureSpace
from matcher.core.vocabulary import closest_items, normalize_name, shown_matches
from matcher.io.catalog import Catalog, Occupation

from .documents import StoredCatalog

if TYPE_CHECKING:  # imported by the first question that needs an index: resolving needs none
    from matcher.core.fuzzy import NameIndex

    from .items import Item
    from .model import Model

__all__ = [
    "ModelItemResolver",
    "absent_index",
    "is_code",
    "item_index",
    "nearest_items",
    "occupation_index",
    "resolve_item",
    "search",
    "suggest_item",
]

#: How many titles an unknown-occupation error lists.
CLOSEST_TITLES = 5

_ITEM_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_OCCUPATION_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_ABSENT_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def resolve_item(vectorizer: FeatureSpace, block: str, name: str) -> str | None:
    """Canonical name of a person's item in this feature space, or None."""
    column = vectorizer.feature_index(block, name)
    return None if column is None else vectorizer.key(column)[1]


def item_index(vectorizer: FeatureSpace) -> NameIndex[tuple[str, str]]:
    """Every item of a feature space, by its name and every alias the vocabulary knows."""
    index = _ITEM_INDEXES.get(vectorizer)
    if index is None:
        features = {vectorizer.key(c) for c in range(vectorizer.n_features)}
        names = [(normalize_name(name), (block, name)) for block, name in sorted(features)]
        vocabulary = vectorizer.vocabulary
        if vocabulary is not None:
            names += [
                (spelling, (block, name))
                for block in vocabulary.blocks
                for spelling, name in sorted(vocabulary.spellings(block).items())
                if (block, name) in features
            ]
        from matcher.core.fuzzy import NameIndex

        index = _ITEM_INDEXES[vectorizer] = NameIndex(names)
    return index


def nearest_items(
    vectorizer: FeatureSpace, name: str, block: str | None = None, n: int = 3
) -> list[tuple[str, str]]:
    """The ``(block, name)`` items closest to ``name``, across every block and alias, best
    first; ``block``'s item first on a tie."""
    return [match.target for match in closest_items(item_index(vectorizer), name, block, n)]


def suggest_item(vectorizer: FeatureSpace, block: str | None, name: str, n: int = 3) -> list[str]:
    """The ``n`` closest item names to ``name``, across every block and alias, as a message
    to a person who wrote it under ``block`` shows them (:func:`~matcher.core.vocabulary.
    shown_matches`): that block's names quoted, another block's where it goes (``"Stress
    Tolerance"`` as a skill suggests ``'Stress Tolerance' under "aptitudes"``), one found
    through an alias as that alias, with its name."""
    from matcher.io.item_names import as_written_name

    found = closest_items(item_index(vectorizer), name, block, n)
    return shown_matches(block, name, found, vectorizer.vocabulary, as_written_name)


class ModelItemResolver:
    """A model's :class:`~matcher.io.item_names.ItemResolver`: item names resolved in its
    feature space (``space``), the closest names to an unknown one, and the items a word is
    about, as the model answers them."""

    def __init__(self, model: Model) -> None:
        self._model = model
        self.blocks = tuple(model.block_names)
        self.space = model.vectorizer

    def __call__(self, block: str, name: str) -> str | None:
        return self._model.resolve_item(block, name)

    def suggest(self, block: str | None, name: str, n: int = 3) -> list[str]:
        return self._model.suggest_item(block, name, n)

    def about(self, text: str) -> list[Item]:
        return self._model.items(text)


def occupation_index(catalog: Catalog) -> NameIndex[str]:
    """Every occupation of a catalog, by its title, aliases and reading."""
    index = _OCCUPATION_INDEXES.get(catalog)
    if index is None:
        if isinstance(catalog, StoredCatalog):  # a saved model's: no document is read
            names = [(normalize_name(n), i) for n, i in catalog.reference_names()]
        else:
            names = [
                (normalize_name(name), occupation.id)
                for occupation in catalog
                for name in (*occupation.profile.names, occupation.profile.reading)
            ]
        from matcher.core.fuzzy import NameIndex

        index = _OCCUPATION_INDEXES[catalog] = NameIndex(names)
    return index


def absent_index(catalog: Catalog) -> NameIndex[str]:
    """The occupations a catalog's source knows but left out, by title and alias."""
    index = _ABSENT_INDEXES.get(catalog)
    if index is None:
        from matcher.core.fuzzy import NameIndex

        names = [(normalize_name(n), i) for n, i in catalog.absent_names()]
        index = _ABSENT_INDEXES[catalog] = NameIndex(names)
    return index


#: The longest name looked for among the titles (the longest title is under 100 characters).
TITLE_LIMIT = 200


def search(catalog: Catalog, text: str, *, top_k: int = 10) -> list[Occupation]:
    """Occupations whose title, aliases or reading match ``text``, best first.

    Every word of the text is looked for among the words of each name, in any
    order, as a whole word, the start of one or with a typo; names holding every
    word as typed come first, then as word starts, then with typos, then names
    holding some of the words or close as a whole (see :mod:`matcher.core.fuzzy`).
    Ties by id. A text that shares no word with any name, and is not a
    near-spelling of one, finds nothing.

    An occupation the text names exactly (id, code, title or alias) comes first, and a
    text of digits and punctuation alone is a code: the ids it begins follow, in order
    ("29-1141": Registered Nurses, 29-1141.00, and its specialties).
    """
    ids = []
    if len(text) <= TITLE_LIMIT:
        exact = catalog.resolve(text)
        ids += [exact] if exact is not None else []
        if is_code(text):
            ids += catalog.ids_starting(text.strip())
    found = occupation_index(catalog).find(normalize_name(text), limit=top_k)
    ids += [match.target for match in found]
    return [catalog.get(i) for i in list(dict.fromkeys(ids))[:top_k]]  # type: ignore[misc]


def is_code(text: str) -> bool:
    """Whether a text is a code (digits and punctuation: "29-1141", "2221"), not words."""
    return any(c.isdigit() for c in text) and not any(c.isalpha() for c in text)
