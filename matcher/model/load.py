"""Loading a saved model: the header, the feature space and the catalog's names now; the
arrays read from the file on first use, documents decoded one at a time."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from matcher.core.features import MAX_BLOCK_WEIGHT, FeatureSpace
from matcher.core.vocabulary import BLOCKS, Vocabulary
from matcher.errors import InputError, ModelError
from matcher.validation import check_number, check_path, check_weights

from . import store
from .arrays import Arrays
from .checks import wrong_arrays, wrong_values
from .documents import DOCUMENTS, OFFSETS, StoredCatalog
from .model import Model

__all__ = ["load_model"]


def _documents(documents: Arrays) -> tuple[np.ndarray, np.ndarray]:
    return documents[DOCUMENTS], documents[OFFSETS]


def _document(file: store.ModelFile, documents: Arrays, row: int) -> bytes:
    """One row's document, checking only the chunks of the file it lies in (the offsets
    read once, in ``documents``)."""
    offsets = documents[OFFSETS]
    return file.span(DOCUMENTS, int(offsets[row]), int(offsets[row + 1]))


def _stored(field: str, check: Callable[..., Any], meta: dict, *bounds: Any) -> Any:
    """A weight of the model's description, checked as :func:`build_model` checks it: a signed
    file's weights were still written by some program, and a negative or NaN one would score
    (block weights multiply every rating's log-likelihood) instead of being refused."""
    try:
        return check(field, meta[field], *bounds)
    except InputError as exc:
        raise ValueError(str(exc)) from None  # a damaged description, below


def load_model(path: str | Path) -> Model:
    """Load a model saved with :meth:`Model.save`.

    Only the header, the feature space and the catalog's names are read here;
    arrays are read from the file when first used, documents decoded one at a time.

    Raises
    ------
    ModelError
        Not a model file, a damaged one, or a file of another format version.
    UntrustedModelError
        The file is not signed with this user's key (see the trust rule in
        :mod:`matcher.model.store`).
    """
    path = check_path("path", path)
    file = store.ModelFile(path)
    meta = file.json("model.json")
    try:
        vocabulary = (
            None
            if meta["vocabulary"] is None
            else Vocabulary(
                {
                    block: {name: tuple(aliases) for name, aliases in entries.items()}
                    for block, entries in meta["vocabulary"].items()
                }
            )
        )
        space = FeatureSpace(
            meta["feature_names"],
            file.array("discrimination"),
            block_weights=_stored("block_weights", check_weights, meta, BLOCKS, MAX_BLOCK_WEIGHT),
            unlisted_weight=_stored("unlisted_weight", check_number, meta),
            vocabulary=vocabulary,
        )
        documents = Arrays(file=file, names=(DOCUMENTS, OFFSETS))
        catalog = StoredCatalog(
            file.json("catalog.json"),
            functools.partial(_documents, documents),
            str(file.path),
            functools.partial(_document, file, documents),
        )
        arrays = Arrays(
            file=file,
            names=set(file.index) - {DOCUMENTS, OFFSETS},
            check=functools.partial(wrong_values, n=len(catalog), n_features=space.n_features),
        )
        problem = wrong_arrays(arrays, len(catalog), space.n_features)
        if problem is None and "neighbour_rows" not in arrays:
            problem = "the neighbour graph is missing"
        if problem is None and (
            OFFSETS not in documents
            or documents.shape(OFFSETS) != (len(catalog) + 1,)
            or documents.dtype(OFFSETS) != np.int64
            or DOCUMENTS not in documents
            or documents.dtype(DOCUMENTS) != np.uint8
        ):
            problem = (
                f"the documents ({DOCUMENTS!r}, uint8, and {OFFSETS!r}, int64 of one offset "
                "per occupation + 1) are missing or malformed"
            )
        if problem:
            raise ModelError(f"{file.path}: {problem}; rebuild the model")
        model = Model.__new__(Model)
        model._assemble(
            catalog,
            space,
            arrays,
            catalog_hash=str(file.header.get("catalog_hash", "")),
            source=str(file.header.get("source", "")),
            sources=str(file.header.get("sources", "")),
            unresolved=tuple(tuple(u) for u in meta["unresolved"]),
            extra=meta["extra"],
        )
        return model
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, ModelError | InputError):
            raise
        raise ModelError(
            f"{file.path}: the model's description is damaged ({type(exc).__name__}: {exc}); "
            "rebuild the model"
        ) from None
