"""A fitted model: the catalog, its feature space and the arrays a match needs.

Saving and loading
------------------
A model file is ``MATCHER-MODEL`` + a JSON header line + a joblib payload.
The header carries the format version, the digest of the catalog the model
was built from and an HMAC-SHA256 signature of the payload.

**Trust rule.** Loading a joblib (pickle) payload can run code stored in the
file, so matcher only loads model files signed with *your* key: the one in
``~/.config/matcher/signing.key`` (or ``$MATCHER_HOME``), created the first
time you save a model. A model someone else built is refused before its
payload is read. If you trust where it came from, sign it yourself with
``matcher trust FILE``. A file of another format version is refused with the
command that rebuilds it.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import hmac
import io
import json
import os
import secrets
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from .atomic import atomic_write_bytes
from .catalog import Catalog, Occupation, catalog_digest, load_catalog
from .errors import ModelError, UnknownOccupationError
from .resources import catalog_dir as builtin_catalog_dir
from .resources import config_dir, models_dir, vocabulary_dir
from .score import OccupationMatrix, ScoringParameters
from .vectorise import OccupationVectorizer, Requirement, profile_requirements
from .vocabulary import Vocabulary, builtin_vocabulary, normalize_name

__all__ = [
    "FORMAT_VERSION",
    "Model",
    "Neighbour",
    "UntrustedModelError",
    "build_model",
    "default_model",
    "load_model",
    "trust_model",
]

FORMAT_VERSION = 1
_MAGIC = b"MATCHER-MODEL\n"


class UntrustedModelError(ModelError):
    """The file is not signed with this user's key."""


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
            names = [name for _, name in self.feature_keys]
            rank = np.empty(len(names), dtype=np.intp)
            rank[sorted(range(len(names)), key=lambda i: (names[i], i))] = np.arange(len(names))
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
        column = self.vectorizer.feature_index(block, name)
        return None if column is None else self.vectorizer.key(column)[1]

    def suggest_item(self, block: str | None, name: str, n: int = 3) -> list[str]:
        names = [
            key.split(":", 1)[1]
            for key, b in zip(self.vectorizer.feature_names_, self.vectorizer.blocks_, strict=True)
            if block is None or b == block
        ]
        vocabulary = self.vectorizer.vocabulary
        found = vocabulary.suggest(block, name, n) if vocabulary is not None else []
        by_key = {normalize_name(x): x for x in names}
        close = difflib.get_close_matches(normalize_name(name), list(by_key), n=n, cutoff=0.5)
        for key in close:
            if by_key[key] not in found:
                found.append(by_key[key])
        return found[:n]

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
        occupation_id = self.catalog.resolve(name)
        if occupation_id is None:
            closest = [f"{o.title!r} ({o.id})" for o in self.search(name, limit=5)]
            hint = f"closest: {', '.join(closest)}" if closest else "try `matcher search TEXT`"
            raise UnknownOccupationError(f"no occupation is called {name!r}; {hint}")
        return self.catalog.get(occupation_id)  # type: ignore[return-value]

    def search(self, text: str, *, limit: int = 10) -> list[Occupation]:
        """Occupations whose title or an alias matches ``text``, best first.

        Exact names first, then names containing every word of the text, then
        names that are spelled alike.
        """
        query = normalize_name(text)
        words = query.split()
        ranked: dict[str, tuple[float, str]] = {}
        for occupation in self.catalog:
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
        return [self.catalog.get(i) for i in order[:limit]]  # type: ignore[misc]

    # -- neighbours -------------------------------------------------------------------

    def similarity_matrix(self) -> np.ndarray:
        """Occupation-to-occupation similarity, shape (n_occupations, n_occupations), in [0, 1]."""
        if "similarity" not in self._cache:
            from .neighbours import occupation_similarity

            self._cache["similarity"] = occupation_similarity(
                self.levels, self.importance, [o.profile for o in self.catalog]
            )
        return self._cache["similarity"]

    def similar(self, occupation_id: str, k: int = 10) -> list[Neighbour]:
        """The ``k`` occupations most similar to one occupation (id, title or alias), best first."""
        occupation = self.resolve_occupation(occupation_id)
        row = self.similarity_matrix()[self.index_of(occupation.id)].copy()
        row[self.index_of(occupation.id)] = -np.inf
        from .score import top_k

        order = top_k(row[None, :], k)[0]
        return [
            Neighbour(self.catalog[i].id, self.catalog[i].title, float(row[i]))
            for i in order
            if np.isfinite(row[i])
        ]

    # -- persistence ------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the model atomically, signed with this user's key (see the trust rule)."""
        path = Path(path)
        buffer = io.BytesIO()
        payload = {
            "catalog": list(self.catalog),
            "vectorizer": self.vectorizer,
            "levels": self.levels,
            "importance": self.importance,
            "params": self.params,
            "catalog_hash": self.catalog_hash,
            "source": self.source,
            "unresolved": self.unresolved,
            "extra": self.extra,
        }
        joblib.dump(payload, buffer, compress=3)
        data = buffer.getvalue()
        header = {
            "format_version": FORMAT_VERSION,
            "catalog_hash": self.catalog_hash,
            "source": self.source,
            "occupations": len(self.catalog),
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "signature": _sign(data),
        }
        atomic_write_bytes(path, _MAGIC + json.dumps(header).encode() + b"\n" + data)
        return path


# --------------------------------------------------------------------------- signing


def _key_path() -> Path:
    return config_dir() / "signing.key"


def _signing_key(create: bool = True) -> bytes | None:
    path = _key_path()
    if path.exists():
        return bytes.fromhex(path.read_text().strip())
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key.hex())
    return key


def _sign(data: bytes) -> str:
    return hmac.new(_signing_key(), data, hashlib.sha256).hexdigest()  # type: ignore[arg-type]


def _read_model_file(path: Path) -> tuple[dict[str, Any], bytes]:
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise ModelError(
            f"{path}: no such model file; build one with `matcher build -o {path}`"
        ) from None
    if not blob.startswith(_MAGIC):
        raise ModelError(f"{path}: not a matcher model file (it does not start with {_MAGIC!r})")
    end = blob.index(b"\n", len(_MAGIC))
    try:
        header = json.loads(blob[len(_MAGIC) : end])
    except json.JSONDecodeError:
        raise ModelError(f"{path}: the model header is damaged; rebuild the model") from None
    return header, blob[end + 1 :]


def read_header(path: str | Path) -> dict[str, Any]:
    """The JSON header of a model file, read without loading its payload."""
    return _read_model_file(Path(path))[0]


def trust_model(path: str | Path) -> None:
    """Sign a model file with this user's key, so that :func:`load_model` accepts it.

    Only do this for a file whose origin you trust: loading it can run code.
    """
    path = Path(path)
    header, payload = _read_model_file(path)
    header["signature"] = _sign(payload)
    atomic_write_bytes(path, _MAGIC + json.dumps(header).encode() + b"\n" + payload)


def load_model(path: str | Path) -> Model:
    """Load a model saved with :meth:`Model.save`.

    Raises
    ------
    ModelError
        Not a model file, or a file of another format version.
    UntrustedModelError
        The file is not signed with this user's key (see the trust rule in
        this module's documentation).
    """
    path = Path(path)
    header, payload = _read_model_file(path)
    version = header.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelError(
            f"{path}: model format {version} cannot be read by this matcher (format "
            f"{FORMAT_VERSION}); rebuild it with `matcher build -o {path}` (or `matcher "
            f"import-onet DIR -o {path}` for an O*NET model)"
        )
    key = _signing_key(create=False)
    expected = hmac.new(key, payload, hashlib.sha256).hexdigest() if key else None
    if expected is None or not hmac.compare_digest(expected, str(header.get("signature", ""))):
        raise UntrustedModelError(
            f"{path}: refusing to load a model that was not built with your key "
            f"({_key_path()}). Loading a model can run code stored in it. Rebuild it with "
            f"`matcher build -o {path}`, or, if you trust where the file came from, sign it "
            f"with `matcher trust {path}`"
        )
    data = joblib.load(io.BytesIO(payload))
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


# --------------------------------------------------------------------------- building


def model_from_requirements(
    occupations: Sequence[Occupation],
    requirements: Sequence[dict[tuple[str, str], Requirement]],
    vocabulary: Vocabulary,
    *,
    catalog_hash: str,
    source: str,
    unresolved: Sequence[tuple[str, str]] = (),
    params: ScoringParameters | None = None,
    vectorizer: OccupationVectorizer | None = None,
    extra: dict[str, Any] | None = None,
) -> Model:
    """Fit the vectoriser and assemble a :class:`Model` (rows in occupation id order)."""
    order = sorted(range(len(occupations)), key=lambda i: occupations[i].id)
    occupations = [occupations[i] for i in order]
    requirements = [requirements[i] for i in order]
    vectorizer = (vectorizer or OccupationVectorizer(vocabulary)).fit(requirements)
    levels, importance = vectorizer.transform(requirements)
    return Model(
        catalog=Catalog(occupations),
        vectorizer=vectorizer,
        levels=levels,
        importance=importance,
        params=params or ScoringParameters(),
        catalog_hash=catalog_hash,
        source=source,
        unresolved=tuple(sorted(set(unresolved))),
        extra=extra or {},
    )


def build_model(
    catalog_dir: str | Path | None = None, *, block_weights: dict[str, float] | None = None
) -> Model:
    """Build a model from a folder of job-profile documents (default: the built-in catalog).

    ``block_weights`` sets how much skills, aptitudes and traits count
    (default :data:`~matcher.vectorise.DEFAULT_BLOCK_WEIGHTS`). Item names the
    vocabulary does not know become features of their own and are listed in
    ``model.unresolved`` (and warned about), never dropped.
    """
    directory = Path(catalog_dir) if catalog_dir is not None else builtin_catalog_dir()
    vocabulary = builtin_vocabulary()
    catalog = load_catalog(directory)
    requirements, unresolved = [], []
    for occupation in catalog:
        found, missing = profile_requirements(occupation.profile, vocabulary)
        requirements.append(found)
        unresolved.extend(missing)
    if unresolved:
        names = sorted({f"{b}:{n}" for b, n in unresolved})
        warnings.warn(
            f"{directory}: {len(names)} item name(s) are not in the vocabulary and are kept as "
            f"features of their own: {', '.join(names[:10])}{' ...' if len(names) > 10 else ''}",
            stacklevel=2,
        )
    return model_from_requirements(
        list(catalog),
        requirements,
        vocabulary,
        catalog_hash=catalog_digest(directory, vocabulary),
        source=f"catalog {directory}",
        unresolved=unresolved,
        vectorizer=OccupationVectorizer(vocabulary, block_weights=block_weights),
    )


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

    It is cached in ``models/default.joblib`` (see :func:`matcher.resources.models_dir`)
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
