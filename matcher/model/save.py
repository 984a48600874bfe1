"""Saving a model: its members (the feature space, the catalog, the arrays, the neighbour
graph) written through :mod:`matcher.model.writing`, signed; :mod:`matcher.model.load` reads
them back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from matcher.core.vocabulary import Vocabulary
from matcher.validation import check_path

from .documents import DOCUMENTS, OFFSETS, encode_catalog
from .listed import listed_entries
from .writing import write_model

if TYPE_CHECKING:
    from .model import Model

__all__ = ["save_model"]


def save_model(model: Model, path: str | Path) -> Path:
    """Write ``model`` atomically to ``path``, signed with this user's key. A catalog that
    lists requirements gets its listed entries (:mod:`matcher.model.listed`) first, kept in
    ``model.arrays``."""
    path = check_path("path", path)
    from .scoring import lists_requirements

    if model.listed is None and lists_requirements(model.importance):
        # a saved model reads a few occupations' rows without the dense arrays
        model.arrays.update(listed_entries(model.levels, model.importance))
    index, documents, offsets = encode_catalog(model.catalog)
    space = model.vectorizer
    vocabulary = space.vocabulary
    members: dict[str, Any] = {
        "model.json": {
            "feature_names": [str(f) for f in space.feature_names_],
            "block_weights": space.block_weights,
            "unlisted_weight": space.unlisted_weight,
            "vocabulary": None if vocabulary is None else _vocabulary_entries(vocabulary),
            "unresolved": [list(u) for u in model.unresolved],
            "extra": model.extra,
        },
        "catalog.json": index,
        DOCUMENTS: documents,
        OFFSETS: offsets,
        **{name: model.arrays[name] for name in model.arrays},
        "neighbour_rows": model.neighbours.rows,
        "neighbour_similarity": model.neighbours.similarity,
    }
    header = {
        "catalog_hash": model.catalog_hash,
        "source": model.source,
        "sources": model.sources,
        "occupations": len(model.catalog),
        "features": space.n_features,
    }
    return write_model(path, header, members)


def _vocabulary_entries(vocabulary: Vocabulary) -> dict[str, dict[str, list[str]]]:
    return {
        block: {name: list(aliases) for name, aliases in names.items()}
        for block, names in vocabulary.entries.items()
    }
