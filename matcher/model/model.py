"""A fitted model: the catalog, its feature space and the arrays a match needs.

Models are built by :mod:`matcher.model.build`, saved by :mod:`matcher.model.save` and
loaded by :mod:`matcher.model.load` through :mod:`matcher.model.store` (which holds the file
format and the trust rule), and looked up by name through :mod:`matcher.model.names`. A
loaded model reads what a call needs: the arrays are read from the file on first use, the
catalog's documents decoded one at a time (:mod:`matcher.model.documents`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from matcher.core.features import FeatureSpace
from matcher.core.scorer import Scorer
from matcher.errors import InputError, UnknownOccupationError
from matcher.io.catalog import Catalog, Occupation
from matcher.validation import check_instance, check_positive_int, refuse

from . import names
from .arrays import Arrays
from .checks import wrong_arrays
from .documents import StoredCatalog
from .listed import LISTED, dense_rows
from .resolve import left_out, resolve_in

if TYPE_CHECKING:
    from matcher.core.similarity import Neighbours
    from matcher.io.item_names import ItemResolver

    from .items import Item

__all__ = ["Model", "Neighbour"]


@dataclass(frozen=True)
class Neighbour:
    occupation_id: str
    title: str
    similarity: float


class Model:
    """Everything needed to score people against a catalog.

    Parameters and attributes
    -------------------------
    catalog : Catalog of the occupations, in id order (row order of the arrays).
    vectorizer : the :class:`~matcher.core.features.FeatureSpace` the occupations
        were vectorised into (what a person's ratings are vectorised into too).
    levels, importance : (n_occupations, n_features), 0-5 and 0-1: what each
        occupation needs of each feature and how much it matters.
    arrays : more named arrays (``model.arrays`` holds them with the levels and
        importance): the neighbour graph (``neighbour_rows``, ``neighbour_similarity``,
        see :func:`~matcher.core.similarity.neighbour_graph`; computed on first use
        when not given), and any array that answers want precomputed. Every array
        is saved with the model and read back on load.
    catalog_hash : digest of the sources the model was built from.
    source : where it was built from, for people reading ``matcher show``.
    sources : a fingerprint of the files it was built from (names, sizes, times), set
        by whoever knows them: a check of the catalog cheaper than ``catalog_hash``
        (see :mod:`matcher.model.default`).
    unresolved : item names of the catalog that the vocabulary does not know.
    extra : per-occupation facts a source may add (``{"job_zone": {...}}``), JSON.
    """

    def __init__(
        self,
        catalog: Catalog,
        vectorizer: FeatureSpace,
        levels: np.ndarray,
        importance: np.ndarray,
        *,
        arrays: Mapping[str, np.ndarray] | None = None,
        catalog_hash: str = "",
        source: str = "",
        sources: str = "",
        unresolved: tuple[tuple[str, str], ...] = (),
        extra: dict[str, Any] | None = None,
    ) -> None:
        arrays = Arrays({**(arrays or {}), "levels": levels, "importance": importance})
        self._assemble(
            catalog,
            vectorizer,
            arrays,
            catalog_hash=catalog_hash,
            source=source,
            sources=sources,
            unresolved=unresolved,
            extra=extra,
        )

    def _assemble(
        self,
        catalog: Catalog,
        vectorizer: FeatureSpace,
        arrays: Arrays,
        *,
        catalog_hash: str,
        source: str,
        sources: str,
        unresolved: tuple[tuple[str, str], ...],
        extra: dict[str, Any] | None,
    ) -> None:
        self.catalog = catalog
        self.vectorizer = vectorizer
        self.arrays = arrays
        self.arrays["discrimination"] = vectorizer.discrimination_
        self.catalog_hash = catalog_hash
        self.source = source
        self.sources = sources
        self.unresolved = tuple(unresolved)
        self.extra = dict(extra or {})
        problem = wrong_arrays(self.arrays, len(catalog), vectorizer.n_features)
        if problem:
            raise ValueError(problem)
        self._cache: dict[str, Any] = {}

    # -- arrays ------------------------------------------------------------------------

    @property
    def levels(self) -> np.ndarray:
        """The level each occupation needs of each feature, (n_occupations, n_features), 0-5."""
        return self.arrays["levels"]

    @property
    def importance(self) -> np.ndarray:
        """How much each feature matters to each occupation, (n_occupations, n_features), 0-1."""
        return self.arrays["importance"]

    def requirements(self, rows: np.ndarray | list[int] | int) -> tuple[np.ndarray, np.ndarray]:
        """``(levels, importance)`` of some occupations: (len(rows), n_features) each, or
        (n_features,) for one row. Read from the listed entries when the model keeps them (a
        saved catalog that lists: a few hundred bytes a row, see :mod:`matcher.model.listed`),
        else from the dense arrays."""
        listed = self.listed
        if listed is None:
            return self.levels[rows], self.importance[rows]
        indptr, columns, levels, importance = listed
        levels, importance = dense_rows(
            indptr, columns, (levels, importance), rows, self.vectorizer.n_features
        )
        return levels, importance

    @property
    def listed(self) -> tuple[np.ndarray, ...] | None:
        """The listed entries (:data:`~matcher.model.listed.LISTED`: ``indptr``, ``columns``,
        ``levels``, ``importance``), or None when the model keeps dense arrays only."""
        if LISTED[0] not in self.arrays:
            return None
        return tuple(self.arrays[name] for name in LISTED)

    @property
    def neighbours(self) -> Neighbours:
        """Each occupation's nearest occupations (see :mod:`matcher.core.similarity`)."""
        from matcher.core.similarity import Neighbours, neighbour_graph  # not to recommend

        if "neighbour_rows" not in self.arrays:  # a model put together by hand
            graph = neighbour_graph(self.levels, self.importance, [o.profile for o in self.catalog])
            self.arrays["neighbour_rows"] = graph.rows
            self.arrays["neighbour_similarity"] = graph.similarity
        return Neighbours(self.arrays["neighbour_rows"], self.arrays["neighbour_similarity"])

    # -- derived arrays, computed once per process -------------------------------------

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``, computed once per model and process and kept under ``key``."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def ids(self) -> list[str]:
        """Occupation ids in row order."""
        if isinstance(self.catalog, StoredCatalog):
            return self.catalog.ids
        return self.cached("ids", lambda: [o.id for o in self.catalog])

    @property
    def titles(self) -> list[str]:
        """Occupation titles in row order (without reading any document)."""
        if isinstance(self.catalog, StoredCatalog):
            return self.catalog.titles
        return self.cached("titles", lambda: [o.title for o in self.catalog])

    @property
    def feature_keys(self) -> list[tuple[str, str]]:
        """``(block, name)`` of every feature, in column order."""
        return self.cached(
            "keys", lambda: [self.vectorizer.key(c) for c in range(self.vectorizer.n_features)]
        )

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
        return self.cached(
            "block_names", lambda: tuple(dict.fromkeys(str(b) for b in self.vectorizer.blocks_))
        )

    @property
    def block_codes(self) -> np.ndarray:
        def codes() -> np.ndarray:
            index = {b: i for i, b in enumerate(self.block_names)}
            return np.array([index[str(b)] for b in self.vectorizer.blocks_])

        return self.cached("block_codes", codes)

    @property
    def feature_block_weights(self) -> np.ndarray:
        """The weight of each feature's block (n_features,)."""
        weights = self.vectorizer.block_weights
        return np.array([weights.get(str(b), 0.0) for b in self.vectorizer.blocks_])

    @property
    def personal_features(self) -> np.ndarray:
        """Which features are personal items (n_features,) bool (see
        :mod:`matcher.core.personal`)."""
        from matcher.core.personal import personal_features

        return personal_features(self.vectorizer.blocks_)

    def is_complete(self) -> bool:
        """Whether the model holds every array this matcher builds with a model (a file
        saved by an older matcher may lack some; :attr:`scorer` then makes them in memory)."""
        from .scoring import has_current_scoring, lists_requirements
        from .stored_moves import has_current_moves

        wanted = ("relations_indptr", "neighbour_rows")
        return (
            has_current_scoring(self.arrays)
            and has_current_moves(self.arrays)
            and all(name in self.arrays for name in wanted)
            # (present: not read, as a recommendation reads none of them)
            and (LISTED[0] in self.arrays or not lists_requirements(self.importance))
        )

    @property
    def scorer(self) -> Scorer:
        """What the likelihood of a self-assessment is computed with (see
        :mod:`matcher.model.scoring`); its arrays are built with the model and saved in it."""

        def build() -> Scorer:
            from .scoring import has_current_scoring, scorer_from_arrays, scoring_arrays

            # A model put together by hand, or saved by an older matcher, lacks some arrays or
            # holds them of other maths: made now, in memory (the documented moves give the
            # ranking its relations).
            if not has_current_scoring(self.arrays):
                self.arrays.update(
                    scoring_arrays(
                        self.levels,
                        self.importance,
                        self.feature_block_weights,
                        self.personal_features,
                    )
                )
            from .stored_moves import has_current_moves

            if not has_current_moves(self.arrays):  # indexed now, with their relations
                from .moves import moves

                moves(self)
            if "relations_indptr" not in self.arrays:
                from .moves import moves

                self.arrays.update(moves(self).relation_arrays())
            return scorer_from_arrays(self.arrays, len(self.catalog))

        return self.cached("scorer", build)

    # -- names -------------------------------------------------------------------------

    def resolve_item(self, block: str, name: str) -> str | None:
        """Canonical name of a person's item in this model's feature space, or None."""
        return names.resolve_item(self.vectorizer, block, name)

    def suggest_item(self, block: str | None, name: str, n: int = 3) -> list[str]:
        """The closest item names to ``name`` (written in ``block``, or in none), across every
        block and alias, as a message to the person shows them (:func:`names.suggest_item`)."""
        return names.suggest_item(self.vectorizer, block, name, n)

    @property
    def item_resolver(self) -> ItemResolver:
        """What reading a self-assessment for this model asks of it (:func:`~matcher.io.
        assessment.read_assessment`): item names resolved, and explained when unknown."""
        return names.ModelItemResolver(self)

    def index_of(self, occupation_id: str) -> int:
        """The row of the occupation with this id in the model's arrays.

        Raises
        ------
        UnknownOccupationError
            No occupation has this id (a title or alias is named as such, with its id).
        InputError
            ``occupation_id`` is not a str.
        """
        rows = self.cached("row", lambda: {i: row for row, i in enumerate(self.ids)})
        row = rows.get(occupation_id) if isinstance(occupation_id, str) else None
        if row is not None:
            return row
        if not isinstance(occupation_id, str):
            hint = "; pass its .id" if hasattr(occupation_id, "id") else ""
            refuse("occupation_id", occupation_id, f"an occupation's id (a str{hint})")
        # a title or alias given for the id: name the id; else similar names (by spelling)
        found = resolve_in(self.catalog, occupation_id, self.extra)
        raise UnknownOccupationError(
            f"{occupation_id!r} is not an occupation id but names {found.title!r}, whose id is "
            f"{found.id!r}"
        )

    def resolve_occupation(self, name: str) -> Occupation:
        """The occupation with this id, title or alias.

        Raises
        ------
        UnknownOccupationError
            Saying why when the model left the occupation out on purpose
            (``extra["skipped"]``: title -> reason, an O*NET occupation without ratings),
            listing the occupations that share it (``extra["shared_names"]``: a short title
            such as "CNA" -> ids), else listing similar names (by spelling, not jobs alike).
        """
        return resolve_in(self.catalog, name, self.extra)

    def search(self, text: str, *, top_k: int = 10) -> list[Occupation]:
        """Occupations whose title or an alias matches ``text``, best first (see
        :func:`matcher.model.names.search`)."""
        check_instance("text", text, (str,), "the words to look for")
        return names.search(self.catalog, text, top_k=check_positive_int("top_k", top_k))

    def left_out(self, text: str) -> str | None:
        """Why the occupation ``text`` names is not in this model, when its source knows it but
        the model left it out (an O*NET occupation without ratings), else None: what
        :meth:`search` cannot list (``search("software developer")`` on O*NET)."""
        check_instance("text", text, (str,), "the words to look for")
        return left_out(self.catalog, text, self.extra)

    # -- neighbours -------------------------------------------------------------------

    def items(self, text: str | None = None) -> list[Item]:
        """The items a person can rate, or those ``text`` names or describes
        (:func:`matcher.model.items.items`)."""
        from .items import items  # a look-up a recommendation does not need at start-up

        if text is not None:
            check_instance("text", text, (str,), "the words to look for, or None for every item")
        return items(self, text)

    def similar(self, occupation_id: str, k: int = 10) -> list[Neighbour]:
        """The ``k`` occupations most similar to one occupation (id, title or alias), best
        first; ties go to the lower id.

        A model keeps the :data:`~matcher.core.similarity.NEIGHBOURS` (50) nearest
        occupations of each occupation; ``k`` may not be larger.
        """
        k = check_positive_int("k", k)
        graph = self.neighbours
        kept = graph.rows.shape[1]
        if k > kept and kept < len(self.catalog) - 1:
            raise InputError(
                f"{k} most similar occupations asked for (k, or --top): this model keeps the "
                f"{kept} most similar of each occupation; ask for at most {kept}"
            )
        row = self.index_of(self.resolve_occupation(occupation_id).id)
        ids, titles = self.ids, self.titles
        return [
            Neighbour(ids[other], titles[other], float(similarity))
            for other, similarity in zip(
                graph.rows[row, :k].tolist(), graph.similarity[row, :k].tolist(), strict=True
            )
        ]

    # -- persistence ------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the model atomically, signed with this user's key (see the trust rule in
        :mod:`matcher.model.store`; :func:`matcher.model.save.save_model`)."""
        from .save import save_model

        return save_model(self, path)
