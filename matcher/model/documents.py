"""The catalog inside a model file: names at hand, each occupation's document read on first use.

A saved model keeps two things of its catalog:

* an *index*, read when the model is loaded: every occupation's id, title, aliases
  and reading in row order, and the table of normalised titles and aliases that
  :meth:`~matcher.io.catalog.Catalog.resolve` looks names up in (computed when
  the model was built, so loading does not normalise tens of thousands of names);
* the *documents*: every occupation's :class:`~matcher.io.profile.JobProfile` as
  JSON, one after the other in a byte array with an array of offsets, each decoded
  only when its ``profile`` is asked for (``matcher show``, reports, routes).

:class:`StoredCatalog` is a :class:`~matcher.io.catalog.Catalog` over those two,
so everything that takes a catalog takes it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import fields
from typing import TYPE_CHECKING, Any

import numpy as np

from matcher.core.vocabulary import normalize_name
from matcher.errors import ModelError
from matcher.io.catalog import Catalog, Occupation

if TYPE_CHECKING:
    from matcher.io.profile import JobProfile

__all__ = [
    "DOCUMENTS",
    "OFFSETS",
    "StoredCatalog",
    "decode_profile",
    "encode_catalog",
    "encode_profile",
]

#: The members of a model file holding the catalog's documents.
DOCUMENTS, OFFSETS = "documents", "document_offsets"


def _field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


@functools.cache
def _layout() -> tuple[tuple[str, ...], dict[str, tuple[type, tuple[str, ...]]]]:
    """A profile's fields, and those that hold items with the class of their items and its
    fields, in order. (The profile classes are imported by the first document read or
    written: a model answers from its names and arrays alone.)"""
    from matcher.io.profile import Aptitude, Item, JobProfile

    items = {
        "traits": (Item, _field_names(Item)),
        "required_skills": (Item, _field_names(Item)),
        "recommended_skills": (Item, _field_names(Item)),
        "aptitudes": (Aptitude, _field_names(Aptitude)),
    }
    return _field_names(JobProfile), items


def encode_profile(occupation: Occupation) -> bytes:
    """One occupation's document (and the file it came from) as JSON bytes.

    Fields left at their default are left out; an item is a list of its fields.
    """
    names, items = _layout()
    profile: dict[str, Any] = {}
    for name in names:
        value = getattr(occupation.profile, name)
        if not value and name != "title":
            continue
        if name in items:
            value = [[getattr(item, f) for f in items[name][1]] for item in value]
        profile[name] = value
    document = {"source": occupation.source, "profile": profile}
    # ASCII escapes keep any string, a lone surrogate included, encodable.
    return json.dumps(document, separators=(",", ":")).encode("ascii")


def decode_profile(data: dict[str, Any]) -> JobProfile:
    """The :class:`JobProfile` of :func:`encode_profile`'s ``profile``."""
    from matcher.io.profile import JobProfile

    names, items = _layout()
    unknown = set(data) - set(names)
    if unknown:
        raise ValueError(f"unknown profile fields {sorted(unknown)}")
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name in items:
            values[name] = tuple(items[name][0](*item) for item in value)
        elif name == "extra_sections":
            values[name] = tuple((heading, tuple(lines)) for heading, lines in value)
        elif isinstance(value, list):
            values[name] = tuple(value)
        else:
            values[name] = value
    return JobProfile(**values)


def encode_catalog(catalog: Catalog) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
    """``(index, documents, offsets)`` of a catalog, as :class:`StoredCatalog` reads them.

    ``documents`` is a uint8 array of every document's JSON, one after the
    other; document ``i`` is ``documents[offsets[i]:offsets[i + 1]]``.
    """
    if isinstance(catalog, StoredCatalog):
        return catalog.encoded()
    index = {
        "ids": [o.id for o in catalog],
        "titles": [o.title for o in catalog],
        "aliases": [list(o.profile.aliases) for o in catalog],
        "readings": [o.profile.reading for o in catalog],
        "names": catalog.names,
        "shared": catalog.shared,
        "absent": catalog.absent_index(),
        "duplicate_names": [list(d) for d in catalog.duplicate_names],
    }
    encoded = [encode_profile(o) for o in catalog]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    documents = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    return index, documents, offsets


class StoredOccupation(Occupation):
    """An occupation of a loaded model: id and title at hand, the document read on first use.

    It compares and hashes as the :class:`Occupation` it stands for.
    """

    def __init__(self, catalog: StoredCatalog, row: int) -> None:
        object.__setattr__(self, "id", catalog.ids[row])
        object.__setattr__(self, "_catalog", catalog)
        object.__setattr__(self, "_row", row)

    @property
    def title(self) -> str:
        return self._catalog.titles[self._row]

    @property
    def profile(self) -> JobProfile:  # type: ignore[override]
        return self._catalog.document(self._row)[1]

    @property
    def source(self) -> str:  # type: ignore[override]
        return self._catalog.document(self._row)[0]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Occupation):
            return NotImplemented
        return (self.id, self.profile, self.source) == (other.id, other.profile, other.source)

    def __hash__(self) -> int:
        return hash((self.id, self.profile, self.source))


class StoredCatalog(Catalog):
    """A :class:`Catalog` over a model file's index and documents.

    Parameters
    ----------
    index : the ``index`` of :func:`encode_catalog`.
    documents : returns ``(documents, offsets)`` of :func:`encode_catalog` (it reads and
        checks that part of the file): for the first document asked for, unless ``read``
        is given, and for the catalog as a whole (saving, pickling).
    where : the file, for messages about a damaged document.
    read : returns the bytes of one row's document, reading and checking only the part of
        the file they lie in.
    """

    def __init__(
        self,
        index: dict[str, Any],
        documents: Callable[[], tuple[np.ndarray, np.ndarray]],
        where: str = "model",
        read: Callable[[int], bytes] | None = None,
    ) -> None:
        self.ids: list[str] = index["ids"]
        self.titles: list[str] = index["titles"]
        # What Catalog.resolve and Catalog.names read: id membership and the name table.
        self._by_id = dict.fromkeys(self.ids)
        self._names = index["names"]
        self.duplicate_names = [tuple(d) for d in index["duplicate_names"]]
        absent = index.get("absent") or {"ids": [], "titles": [], "aliases": []}
        self._absent = {
            i: (title, tuple(aliases))
            for i, title, aliases in zip(
                absent["ids"], absent["titles"], absent["aliases"], strict=True
            )
        }
        if "shared" in index:
            self._shared = index["shared"]
        else:  # saved by an older matcher: the aliases several occupations give
            owners: dict[str, set[str]] = {}
            for alias, first, second in self.duplicate_names:
                owners.setdefault(normalize_name(alias), set()).update((first, second))
            self._shared = {k: sorted(v) for k, v in owners.items() if k not in self._names}
        self._index = index
        self._documents = documents
        self._read = read
        self._where = where
        self._rows: dict[str, int] | None = None
        self._loaded: dict[int, tuple[str, JobProfile]] = {}
        self._occupations = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return tuple(StoredOccupation(self, i) for i in range(len(self))[index])
        if not -len(self) <= index < len(self):
            raise IndexError(f"occupation row {index} is outside 0..{len(self) - 1}")
        return StoredOccupation(self, index % len(self))

    def get(self, occupation_id: str) -> Occupation | None:
        if self._rows is None:
            self._rows = {occupation_id: row for row, occupation_id in enumerate(self.ids)}
        row = self._rows.get(occupation_id)
        return None if row is None else StoredOccupation(self, row)

    def reference_names(self) -> list[tuple[str, str]]:
        """``(name, id)`` of every title, alias and reading, without reading a document."""
        index = self._index
        return [
            (name, occupation_id)
            for occupation_id, title, aliases, reading in zip(
                index["ids"], index["titles"], index["aliases"], index["readings"], strict=True
            )
            for name in (title, *aliases, reading)
        ]

    def document(self, row: int) -> tuple[str, JobProfile]:
        """``(source, profile)`` of one row, decoded once."""
        if row not in self._loaded:
            if self._read is not None:
                data = self._read(row)
            else:
                documents, offsets = self._documents()
                data = documents[int(offsets[row]) : int(offsets[row + 1])].tobytes()
            try:
                decoded = json.loads(data)
                self._loaded[row] = (str(decoded["source"]), decode_profile(decoded["profile"]))
            except (ValueError, TypeError, KeyError) as exc:
                raise ModelError(
                    f"{self._where}: the document of occupation {self.ids[row]!r} is damaged "
                    f"({exc}); rebuild the model"
                ) from None
        return self._loaded[row]

    def encoded(self) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
        documents, offsets = self._documents()
        return self._index, documents, offsets

    def __reduce__(self):
        # By value (see matcher.model.arrays.Arrays.__reduce__).
        documents, offsets = self._documents()
        given = functools.partial(_given, np.asarray(documents), np.asarray(offsets))
        return (StoredCatalog, (self._index, given, self._where))


def _given(documents: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return documents, offsets
