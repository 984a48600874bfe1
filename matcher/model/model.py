"""A fitted model: the catalog, its feature space and the arrays a match needs.

Models are built by :mod:`matcher.model.build`, saved and loaded through
:mod:`matcher.model.store` (which holds the trust rule), and looked up by name
through :mod:`matcher.model.names`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from matcher.core import ranking
from matcher.core.likelihood import ScoringParameters
from matcher.core.matrix import OccupationMatrix
from matcher.core.vectorise import OccupationVectorizer
from matcher.io.catalog import Catalog, Occupation
from matcher.validation import check_positive_int

from . import names, store

__all__ = ["Model", "Neighbour", "load_model"]


@dataclass(frozen=True)
class Neighbour:
    occupation_id: str
    title: str
    similarity: float


@dataclass
class Model:
    """Everything needed to score people against a catalog.

    Attributes
    ----------
    catalog : Catalog of the occupations, in id order (row order of the arrays).
    vectorizer : fitted :class:`OccupationVectorizer`.
    levels, importance : ndarray, shape (n_occupations, n_features).
    params : :class:`ScoringParameters`.
    catalog_hash : digest of the sources the model was built from.
    source : where it was built from, for people reading ``matcher show``.
    unresolved : item names of the catalog that the vocabulary does not know.
    extra : per-occupation facts a source may add (``{"job_zone": {...}}``).
    """

    catalog: Catalog
    vectorizer: OccupationVectorizer
    levels: np.ndarray
    importance: np.ndarray
    params: ScoringParameters = field(default_factory=ScoringParameters)
    catalog_hash: str = ""
    source: str = ""
    unresolved: tuple[tuple[str, str], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.levels.shape != self.importance.shape or self.levels.shape != (
            len(self.catalog),
            self.vectorizer.n_features,
        ):
            raise ValueError(
                f"levels {self.levels.shape} and importance {self.importance.shape} must both be "
                f"(n_occupations={len(self.catalog)}, n_features={self.vectorizer.n_features})"
            )
        self._cache: dict[str, Any] = {}

    # -- derived arrays, computed once per process -------------------------------------

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, computed once per model and process and kept under ``key``."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def ids(self) -> list[str]:
        return [o.id for o in self.catalog]

    @property
    def weights(self) -> np.ndarray:
        """Match weight of each (occupation, feature), shape (n_occupations, n_features)."""
        if "weights" not in self._cache:
            self._cache["weights"] = self.vectorizer.match_weights(self.importance)
        return self._cache["weights"]

    @property
    def feature_keys(self) -> list[tuple[str, str]]:
        """``(block, name)`` of every feature, in column order."""
        if "keys" not in self._cache:
            self._cache["keys"] = [
                self.vectorizer.key(c) for c in range(self.vectorizer.n_features)
            ]
        return self._cache["keys"]

    @property
    def name_rank(self) -> np.ndarray:
        """Position of each feature's name in alphabetical order, shape (n_features,)."""
        if "name_rank" not in self._cache:
            items = [name for _, name in self.feature_keys]
            rank = np.empty(len(items), dtype=np.intp)
            rank[sorted(range(len(items)), key=lambda i: (items[i], i))] = np.arange(len(items))
            self._cache["name_rank"] = rank
        return self._cache["name_rank"]

    @property
    def block_names(self) -> tuple[str, ...]:
        blocks = self.vectorizer.blocks_
        return tuple(dict.fromkeys(str(b) for b in blocks))

    @property
    def block_codes(self) -> np.ndarray:
        index = {b: i for i, b in enumerate(self.block_names)}
        return np.array([index[str(b)] for b in self.vectorizer.blocks_])

    def occupation_matrix(self, dtype=np.float64) -> OccupationMatrix:
        key = f"matrix-{np.dtype(dtype).name}"
        if key not in self._cache:
            self._cache[key] = OccupationMatrix(self.levels, self.weights, self.block_codes, dtype)
        return self._cache[key]

    # -- names -------------------------------------------------------------------------

    def resolve_item(self, block: str, name: str) -> str | None:
        """Canonical name of a person's item in this model's feature space, or None."""
        return names.resolve_item(self.vectorizer, block, name)

    def suggest_item(self, block: str | None, name: str, n: int = 3) -> list[str]:
        """The closest item names to ``name`` (in ``block``, or in any block)."""
        return names.suggest_item(self.vectorizer, block, name, n)

    @property
    def item_resolver(self):
        resolver = functools.partial(Model.resolve_item, self)
        resolver.suggest = functools.partial(Model.suggest_item, self)  # type: ignore[attr-defined]
        return resolver

    def index_of(self, occupation_id: str) -> int:
        if "row" not in self._cache:
            self._cache["row"] = {o.id: i for i, o in enumerate(self.catalog)}
        return self._cache["row"][occupation_id]

    def resolve_occupation(self, name: str) -> Occupation:
        """The occupation with this id, title or alias.

        Raises
        ------
        UnknownOccupationError
            Listing the closest titles.
        """
        return names.resolve_occupation(self.catalog, name)

    def search(self, text: str, *, top_k: int = 10) -> list[Occupation]:
        """Occupations whose title or an alias matches ``text``, best first (see
        :func:`matcher.model.names.search`)."""
        return names.search(self.catalog, text, top_k=check_positive_int("top_k", top_k))

    # -- neighbours -------------------------------------------------------------------

    def similarity_matrix(self) -> np.ndarray:
        """Occupation-to-occupation similarity, shape (n_occupations, n_occupations), in [0, 1]."""
        if "similarity" not in self._cache:
            # Imported here: it needs scikit-learn, which recommend() does not.
            from matcher.core.similarity import occupation_similarity

            self._cache["similarity"] = occupation_similarity(
                self.levels, self.importance, [o.profile for o in self.catalog]
            )
        return self._cache["similarity"]

    def similar(self, occupation_id: str, k: int = 10) -> list[Neighbour]:
        """The ``k`` occupations most similar to one occupation (id, title or alias), best first."""
        k = check_positive_int("k", k)
        occupation = self.resolve_occupation(occupation_id)
        row = self.similarity_matrix()[self.index_of(occupation.id)].copy()
        row[self.index_of(occupation.id)] = -np.inf
        order = ranking.top_k(row[None, :], k)[0]
        return [
            Neighbour(self.catalog[i].id, self.catalog[i].title, float(row[i]))
            for i in order
            if np.isfinite(row[i])
        ]

    # -- persistence ------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the model atomically, signed with this user's key (see the trust rule in
        :mod:`matcher.model.store`)."""
        payload = {name: getattr(self, name) for name in _SAVED}
        payload["catalog"] = list(self.catalog)
        header = {
            "catalog_hash": self.catalog_hash,
            "source": self.source,
            "occupations": len(self.catalog),
        }
        return store.write_model(path, payload, header)


#: What a model file holds: every field of a :class:`Model`.
_SAVED = (
    "catalog",
    "vectorizer",
    "levels",
    "importance",
    "params",
    "catalog_hash",
    "source",
    "unresolved",
    "extra",
)


def load_model(path: str | Path) -> Model:
    """Load a model saved with :meth:`Model.save`.

    Raises
    ------
    ModelError
        Not a model file, or a file of another format version.
    UntrustedModelError
        The file is not signed with this user's key (see the trust rule in
        :mod:`matcher.model.store`).
    """
    data = store.read_payload(path)
    return Model(
        catalog=Catalog(data["catalog"]),
        vectorizer=data["vectorizer"],
        levels=data["levels"],
        importance=data["importance"],
        params=data["params"],
        catalog_hash=data["catalog_hash"],
        source=data["source"],
        unresolved=tuple(data["unresolved"]),
        extra=data["extra"],
    )
