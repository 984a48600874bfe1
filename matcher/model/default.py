"""The model of the built-in catalog: built on first use, cached on disk, rebuilt on change."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

from matcher.errors import ModelError
from matcher.io.catalog import catalog_digest

from .build import build_model
from .locations import catalog_dir as builtin_catalog_dir
from .locations import models_dir, vocabulary_dir
from .model import Model, load_model
from .store import FORMAT_VERSION, read_header

__all__ = ["CHECK_INTERVAL", "default_model"]

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
    files = sorted(directory.glob("*.txt")) + sorted(vocabulary_dir().glob("*.csv"))
    return tuple((str(f), (st := f.stat()).st_size, st.st_mtime_ns) for f in files)


def default_model() -> Model:
    """The model of the built-in catalog, built on first use and rebuilt when the catalog changes.

    It is cached in ``models/default.joblib`` (see :func:`matcher.model.locations.models_dir`)
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
    digest = catalog_digest(directory)
    path = models_dir() / "default.joblib"
    model = None
    if path.exists():
        try:
            header = read_header(path)
            if (
                header.get("format_version") == FORMAT_VERSION
                and header.get("catalog_hash") == digest
            ):
                model = load_model(path)
        except ModelError:
            model = None  # stale, damaged or signed by someone else: rebuild below
    if model is None:
        model = build_model(directory)
        try:
            model.save(path)
        except OSError as exc:
            warnings.warn(f"could not cache the default model in {path}: {exc}", stacklevel=2)
    _DEFAULT.clear()
    _DEFAULT[signature] = model
    return model
