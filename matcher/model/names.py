"""Names a person types, resolved in a model: item names and occupation titles or aliases.

Item names resolve through the vocabulary's aliases (or as spelled, for items
only a catalog uses); occupations by id, title or alias. When nothing matches,
the closest names are offered, so that an error message can say what was meant.
"""

from __future__ import annotations

import difflib

from matcher.core.features import FeatureSpace
from matcher.core.vocabulary import normalize_name
from matcher.errors import UnknownOccupationError
from matcher.io.catalog import Catalog, Occupation

__all__ = ["resolve_item", "resolve_occupation", "search", "suggest_item"]


def resolve_item(vectorizer: FeatureSpace, block: str, name: str) -> str | None:
    """Canonical name of a person's item in this feature space, or None."""
    column = vectorizer.feature_index(block, name)
    return None if column is None else vectorizer.key(column)[1]


def suggest_item(vectorizer: FeatureSpace, block: str | None, name: str, n: int = 3) -> list[str]:
    """The ``n`` closest item names to ``name`` (in ``block``, or in any block)."""
    names = [
        key.split(":", 1)[1]
        for key, b in zip(vectorizer.feature_names_, vectorizer.blocks_, strict=True)
        if block is None or b == block
    ]
    vocabulary = vectorizer.vocabulary
    found = vocabulary.suggest(block, name, n) if vocabulary is not None else []
    by_key = {normalize_name(x): x for x in names}
    close = difflib.get_close_matches(normalize_name(name), list(by_key), n=n, cutoff=0.5)
    for key in close:
        if by_key[key] not in found:
            found.append(by_key[key])
    return found[:n]


def resolve_occupation(catalog: Catalog, name: str) -> Occupation:
    """The occupation with this id, title or alias.

    Raises
    ------
    UnknownOccupationError
        Listing the closest titles.
    """
    occupation_id = catalog.resolve(name)
    if occupation_id is None:
        closest = [f"{o.title!r} ({o.id})" for o in search(catalog, name, top_k=5)]
        hint = f"closest: {', '.join(closest)}" if closest else "try `matcher search TEXT`"
        raise UnknownOccupationError(f"no occupation is called {name!r}; {hint}")
    return catalog.get(occupation_id)  # type: ignore[return-value]


def search(catalog: Catalog, text: str, *, top_k: int = 10) -> list[Occupation]:
    """Occupations whose title or an alias matches ``text``, best first.

    Exact names first, then names containing every word of the text, then
    names that are spelled alike; ties by id.
    """
    query = normalize_name(text)
    words = query.split()
    ranked: dict[str, tuple[float, str]] = {}
    for occupation in catalog:
        best = 0.0
        for name in occupation.profile.names:
            key = normalize_name(name)
            if key == query:
                grade = 3.0
            elif words and all(w in key for w in words):
                grade = 2.0 + (1.0 if key.startswith(query) else 0.0) * 0.5
            else:
                ratio = difflib.SequenceMatcher(None, query, key).ratio()
                grade = ratio if ratio >= 0.6 else 0.0
            best = max(best, grade)
        if best > 0:
            ranked[occupation.id] = (best, occupation.id)
    order = sorted(ranked, key=lambda i: (-ranked[i][0], i))
    return [catalog.get(i) for i in order[:top_k]]  # type: ignore[misc]
