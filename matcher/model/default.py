"""The model of the built-in catalog: built on first use, cached on disk, rebuilt on change.

Whether the cache is current is decided cheaply: the cached file's header
remembers a fingerprint of the names, sizes and modification times of the files
it was built from, and a process that finds the same fingerprint loads the file
without reading the catalog. When the fingerprint differs (a checkout touches the
files, say), the catalog's content digest decides: the same content keeps the
model (and the new fingerprint is noted in the file), other content rebuilds it.
"""

from __future__ import annotations

import hashlib
import os
import time
import warnings
from pathlib import Path

from matcher.errors import ModelError
from matcher.io.catalog import catalog_digest
from matcher.validation import check_instance

from .load import load_model
from .locations import catalog_dir as builtin_catalog_dir
from .locations import models_dir, vocabulary_dir
from .model import Model

__all__ = ["CHECK_INTERVAL", "DEFAULT_FILE", "default_model", "model_or_default"]

#: The file name of the default model in :func:`~matcher.model.locations.models_dir`.
DEFAULT_FILE = "default.model"

_DEFAULT: dict[tuple, Model] = {}
#: The catalog is looked at for changes at most this often (seconds): a loop of
#: ``recommend(profile)`` calls should not stat 200 files each time.
CHECK_INTERVAL = 1.0
_LAST_CHECK: list[float] = [float("-inf")]


def _stat_signature(directory: Path) -> tuple:
    """Names, sizes and modification times of the catalog and vocabulary files.

    Cheap to take on every call, unlike the content digest: the digest is only
    recomputed when this changes.
    """
    found = []
    for folder, suffix in ((directory, ".txt"), (vocabulary_dir(), ".csv")):
        with os.scandir(folder) as entries:  # names and sizes in one pass, no Path objects
            files = sorted(
                (e.path, (st := e.stat()).st_size, st.st_mtime_ns)
                for e in entries
                if e.name.endswith(suffix)
            )
        found += files
    return tuple(found)


def default_model() -> Model:
    """The model of the built-in catalog, built on first use and rebuilt when the catalog changes.

    It is cached in ``models/default.model`` (see :func:`matcher.model.locations.models_dir`)
    and in memory for the process.
    """
    now = time.monotonic()
    if _DEFAULT and now - _LAST_CHECK[0] < CHECK_INTERVAL:
        return next(iter(_DEFAULT.values()))
    _LAST_CHECK[0] = now
    directory = builtin_catalog_dir()
    signature = _stat_signature(directory)
    if signature in _DEFAULT:
        return _DEFAULT[signature]
    fingerprint = hashlib.sha256(repr(signature).encode()).hexdigest()
    path = models_dir() / DEFAULT_FILE
    model = _cached(path, directory, fingerprint)
    if model is None:
        from .build import build_model  # scikit-learn: only when the cache is stale

        model = build_model(directory)
        model.sources = fingerprint
        _save(model, path)
    _DEFAULT.clear()
    _DEFAULT[signature] = model
    return model


def model_or_default(model: object) -> Model:
    """``model``, or the built-in catalog's model when it is None; anything else is refused
    with what to pass (a path or a dict reached an AttributeError deep inside)."""
    if model is None:
        return default_model()
    hint = "; load a model file with load_model(PATH)" if isinstance(model, str | Path) else ""
    valid = "a Model (from load_model, build_model or import_onet), or None for the built-in "
    return check_instance("model", model, (Model,), f"{valid}catalog{hint}")


def _cached(path: Path, directory: Path, fingerprint: str) -> Model | None:
    """The cached model, when it is whole, signed by this user and built from the catalog
    as it is now; else None."""
    if not path.is_file():
        return None
    try:
        model = load_model(path)  # a file of another format or signer is a ModelError
        if not model.is_complete():  # written by an older matcher: rebuild it
            return None
        same_files = model.sources == fingerprint
        if not same_files and model.catalog_hash != catalog_digest(directory):
            return None
        # The whole file is checked (a couple of megabytes; the members a call reads are
        # not checked again): a damaged cache is rebuilt now rather than failing on first
        # use of the damaged part.
        if model.arrays.file is not None:
            model.arrays.file.check()
    except ModelError:
        return None  # damaged or signed by someone else: rebuild
    if not same_files:
        model.sources = fingerprint
        _save(model, path)
    return model


def _save(model: Model, path: Path) -> None:
    try:
        model.save(path)
    except OSError as exc:
        warnings.warn(f"could not cache the default model in {path}: {exc}", stacklevel=3)
