"""Model files: the format, the signature, and the trust rule.

A model file is one file in three parts::

    MATCHER-MODEL\\n
    {header: JSON, padded with spaces to a multiple of 64 bytes}\\n
    members: raw bytes, each at a multiple of 64 bytes from the end of the header

The header carries the format version, the digest of the catalog the model was
built from, where it was built from, and an index of the members: for each, its
offset from the end of the header, its size, its kind (``array``: a C-ordered
numpy array of the dtype and shape given; ``json``: UTF-8 JSON), and its SHA-256
digest. Arrays are not compressed, so they are memory-mapped where they lie: a
call reads the parts it needs and nothing else. A member larger than :data:`CHUNK`
also has the digest of each chunk of that size (``chunks``), so that a call reading
a part of it (one document of the catalog's) checks the chunks it reads, not all of
it.

Nothing in a model file is pickled: loading one runs no code stored in it.

**Trust rule.** A model decides what people are told about their careers, so
matcher only uses model files signed with *your* key: an HMAC-SHA256 of the
header (which holds every member's digest), with the key in ``signing.key`` of
:func:`~matcher.model.locations.config_dir` (``~/.config/matcher`` or
``$MATCHER_HOME``), created the first time you save a model. A model someone
else built, or a file changed after it was signed, is refused: the header when
the file is opened, each member when it is first read (before any of its bytes
is used; a part of a member read on its own, when its chunks are). If you trust
where a file came from, sign it yourself with ``matcher trust FILE``. A file of
another format version is refused with the command that rebuilds it.

This module knows the file, not the :class:`~matcher.model.model.Model`:
``Model.save`` and :func:`~matcher.model.load.load_model` turn a model into
members and back. It reads and checks a file; :mod:`matcher.model.writing`
writes one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import mmap
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from matcher.errors import ModelError, UntrustedModelError

from .signing import is_signed, key_path, reason

__all__ = [
    "ALIGNMENT",
    "CHUNK",
    "DTYPES",
    "FORMAT_VERSION",
    "MAGIC",
    "ModelFile",
    "header_line",
    "read_header",
]

#: Version of the file format: 3 since members are memory-mapped arrays and JSON, not
#: a joblib payload. Any other version is refused with the command that rebuilds it.
FORMAT_VERSION = 4
MAGIC = b"MATCHER-MODEL\n"
#: Members start at multiples of this many bytes, so that mapped arrays are aligned.
ALIGNMENT = 64
#: A header is a few kilobytes; more than this is not a model file's.
HEADER_LIMIT = 1 << 20
#: Array member dtypes a model file may hold: plain little-endian numbers.
DTYPES = frozenset({"<f8", "<f4", "<i8", "<i4", "|u1", "|i1", "|b1"})
_FIELDS = {"offset": int, "size": int, "kind": str, "sha256": str}
#: Members larger than this many bytes are digested a chunk of this size at a time too.
CHUNK = 1 << 20


def header_line(header: Mapping[str, Any]) -> bytes:
    """The header as written: JSON, padded so that the members start aligned."""
    text = json.dumps(header, ensure_ascii=True).encode()
    used = len(MAGIC) + len(text) + 1
    return text + b" " * (-used % ALIGNMENT) + b"\n"


# -- reading -----------------------------------------------------------------------------


def _open(path: Path) -> tuple[Any, int]:
    """An open handle on the file and its size, or a ModelError saying why not."""
    try:
        if path.is_dir():
            raise ModelError(f"{path}: is a folder; give a model file")
        if path.exists() and not path.is_file():  # a pipe or a device: opening may block
            raise ModelError(f"{path}: not a regular file; give a model file")
        handle = path.open("rb")
    except FileNotFoundError:
        raise ModelError(
            f"{path}: no such model file; build one with `matcher build -o {path}`"
        ) from None
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the model file ({reason(exc)})") from None
    return handle, os.fstat(handle.fileno()).st_size


def _read_header(path: Path, handle) -> tuple[dict[str, Any], int]:
    """The header and where the members start."""
    start = handle.read(len(MAGIC) + HEADER_LIMIT)
    if not start.startswith(MAGIC):
        first = MAGIC.decode().strip()
        raise ModelError(
            f"{path}: not a matcher model file (its first line is not {first}): give a file "
            "saved by matcher build, import-onet or Model.save"
        )
    end = start.find(b"\n", len(MAGIC))
    if end < 0:
        what = "is truncated" if len(start) < len(MAGIC) + HEADER_LIMIT else "is too long"
        raise ModelError(f"{path}: the model header {what}; rebuild the model")
    try:
        header = json.loads(start[len(MAGIC) : end].decode("utf-8"))
    except UnicodeDecodeError:
        raise ModelError(f"{path}: the model header is not UTF-8; rebuild the model") from None
    except ValueError:
        raise ModelError(f"{path}: the model header is not JSON; rebuild the model") from None
    except RecursionError:  # "[[[[..." deeper than the interpreter's stack
        raise ModelError(
            f"{path}: the model header is JSON nested too deeply, not a model's; rebuild the model"
        ) from None
    if not isinstance(header, dict):
        raise ModelError(
            f"{path}: the model header is {type(header).__name__ if header is not None else 'null'}"
            ", not a JSON object; rebuild the model"
        )
    return header, end + 1


def read_header(path: str | Path) -> dict[str, Any]:
    """The JSON header of a model file, read without its members (and not checked)."""
    path = Path(path)
    handle, _ = _open(path)
    with handle:
        return _read_header(path, handle)[0]


def _rebuild_hint(path: Path, header: Mapping[str, Any]) -> str:
    """The command that rebuilds the model at ``path`` from what its header says it was built
    from (``build`` alone would overwrite an O*NET model with the built-in catalog's)."""
    import shlex

    source = header.get("source")
    kind, _, folder = source.partition(" ") if isinstance(source, str) else ("", "", "")
    target = shlex.quote(str(path))
    if folder and folder.isprintable():  # the header is not trusted yet: nothing odd is shown
        if kind == "O*NET":
            return f"rebuild it with `matcher import-onet {shlex.quote(folder)} -o {target}`"
        if kind == "catalog":
            return f"rebuild it with `matcher build --catalog {shlex.quote(folder)} -o {target}`"
    return (
        f"rebuild it with `matcher build --catalog DIR -o {target}` (or `matcher import-onet "
        f"DIR -o {target}` for an O*NET model)"
    )


def _check_index(path: Path, header: dict[str, Any], data_size: int) -> dict[str, dict]:
    """The member index, every entry checked against the file's size and the format."""
    index = header.get("members")
    if not isinstance(index, dict):
        raise ModelError(f"{path}: the model header has no member index; rebuild the model")
    end = 0
    for name, spec in sorted(index.items(), key=lambda item: _offset(item[1])):
        where = f"{path}: member {name!r}"
        if not isinstance(spec, dict) or any(
            not isinstance(spec.get(k), t) or isinstance(spec.get(k), bool)
            for k, t in _FIELDS.items()
        ):
            raise ModelError(f"{where} is described wrongly in the header; rebuild the model")
        offset, size = spec["offset"], spec["size"]
        if offset < end or size < 0 or offset % ALIGNMENT:
            raise ModelError(f"{where} overlaps another or is misplaced; rebuild the model")
        if offset + size > data_size:
            raise ModelError(
                f"{where} ends at byte {offset + size} of the data but the file holds "
                f"{data_size}: the file is truncated; copy or rebuild it"
            )
        end = offset + size
        if "chunks" in spec:
            chunk, chunks = spec.get("chunk"), spec["chunks"]
            if not (
                isinstance(chunk, int)
                and not isinstance(chunk, bool)
                and chunk > 0
                and isinstance(chunks, list)
                and len(chunks) == -(-size // chunk)
                and all(isinstance(c, str) for c in chunks)
            ):
                raise ModelError(f"{where} has chunk digests that do not fit it; rebuild the model")
        if spec["kind"] == "array":
            dtype, shape = spec.get("dtype"), spec.get("shape")
            if dtype not in DTYPES or not isinstance(shape, list):
                raise ModelError(f"{where} has dtype {dtype!r}; a model holds plain numbers")
            if not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape):
                raise ModelError(f"{where} has shape {shape!r}; rebuild the model")
            expected = math.prod(shape) * np.dtype(dtype).itemsize
            if expected != size:
                raise ModelError(
                    f"{where} holds {size} bytes, but {dtype} of shape {tuple(shape)} takes "
                    f"{expected}; rebuild the model"
                )
        elif spec["kind"] != "json":
            raise ModelError(f"{where} is of kind {spec['kind']!r}; rebuild the model")
    return index


def _offset(spec: Any) -> int:
    return (
        spec.get("offset", 0)
        if isinstance(spec, dict) and isinstance(spec.get("offset"), int)
        else 0
    )


class ModelFile:
    """An open model file, its signature checked; members mapped and checked on first read.

    Raises
    ------
    ModelError
        Not a model file, a damaged or truncated one, or one of another format version.
    UntrustedModelError
        The header is not signed with this user's key, or a member was changed after
        it was signed (see the trust rule above).
    """

    def __init__(self, path: str | Path) -> None:
        self._open(path)
        if not is_signed(self.header):
            raise UntrustedModelError(
                f"{self.path}: refusing to load a model that was not built with your key "
                f"({key_path()}), or was changed since: {_rebuild_hint(self.path, self.header)}, "
                f"or, if you trust where the file came from, sign it with "
                f"`matcher trust {self.path}`"
            )

    def _open(self, path: str | Path) -> None:
        """Read and check the header and the member index; map the file."""
        self.path = path = Path(path)
        handle, size = _open(path)
        with handle:
            header, start = _read_header(path, handle)
            version = header.get("format_version")
            if version != FORMAT_VERSION:
                raise ModelError(
                    f"{path}: model format {version} cannot be read by this matcher (format "
                    f"{FORMAT_VERSION}); {_rebuild_hint(path, header)}"
                )
            self.index = _check_index(path, header, size - start)
            self.header = header
            self._start = start
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._checked: set[str] = set()
        self._chunks_checked: dict[str, set[int]] = {}

    def __contains__(self, name: str) -> bool:
        return name in self.index

    def _raw(self, name: str, whole: bool = False) -> memoryview:
        """A member's bytes, checked (by its chunks when it has them, which is the same
        check; ``whole``: against the member's digest too, as a file about to be signed is,
        since a matcher of before chunks checks that one)."""
        spec = self.index.get(name)
        if spec is None:
            raise ModelError(f"{self.path}: the member {name!r} is missing; rebuild the model")
        raw = self._view(spec)
        if name not in self._checked or whole:
            if "chunks" in spec:
                self._check_chunks(name, raw, 0, len(spec["chunks"]))
            if ("chunks" not in spec or whole) and not hmac.compare_digest(
                hashlib.sha256(raw).hexdigest(), spec["sha256"]
            ):
                raise self._changed(name)
            self._checked.add(name)
        return raw

    def _view(self, spec: dict[str, Any]) -> memoryview:
        """A member's bytes in the mapped file, unchecked."""
        start = self._start + spec["offset"]
        return memoryview(self._map)[start : start + spec["size"]]

    def _changed(self, name: str) -> UntrustedModelError:
        return UntrustedModelError(
            f"{self.path}: the member {name!r} was changed after the file was signed; "
            "copy the file again from where it came from, or rebuild it"
        )

    def _check_chunks(self, name: str, raw: memoryview, first: int, stop: int) -> None:
        """Check chunks ``first`` .. ``stop - 1`` of a member against their digests."""
        spec, done = self.index[name], self._chunks_checked.setdefault(name, set())
        chunk = spec["chunk"]
        for c in range(first, stop):
            if c not in done:
                digest = hashlib.sha256(raw[c * chunk : (c + 1) * chunk]).hexdigest()
                if not hmac.compare_digest(digest, spec["chunks"][c]):
                    raise self._changed(name)
                done.add(c)

    def span(self, name: str, start: int, stop: int) -> bytes:
        """Bytes ``start`` .. ``stop - 1`` of a member, checked: the chunks they lie in (the
        whole member when it has no chunks)."""
        spec = self.index.get(name)
        if spec is None or "chunks" not in spec or name in self._checked:
            return bytes(self._raw(name)[start:stop])
        if not 0 <= start <= stop <= spec["size"]:
            raise ModelError(
                f"{self.path}: bytes {start}..{stop} are outside the member {name!r} "
                f"({spec['size']} bytes); rebuild the model"
            )
        raw = self._view(spec)
        chunk = spec["chunk"]
        self._check_chunks(name, raw, start // chunk, -(-stop // chunk))
        return bytes(raw[start:stop])

    def _spec(self, name: str, kind: str) -> dict[str, Any]:
        spec = self.index.get(name)
        if spec is None:
            raise ModelError(f"{self.path}: the member {name!r} is missing; rebuild the model")
        if spec["kind"] != kind:
            raise ModelError(
                f"{self.path}: the member {name!r} is {spec['kind']}, not {kind}; rebuild the model"
            )
        return spec

    def array(self, name: str) -> np.ndarray:
        """A member array, read-only, mapped from the file (checked against its digest)."""
        spec = self._spec(name, "array")
        return np.frombuffer(self._raw(name), dtype=np.dtype(spec["dtype"])).reshape(spec["shape"])

    def json(self, name: str) -> Any:
        """A JSON member, decoded (checked against its digest)."""
        self._spec(name, "json")
        try:
            return json.loads(bytes(self._raw(name)).decode("utf-8"))
        except (ValueError, RecursionError):
            raise ModelError(
                f"{self.path}: the member {name!r} is not JSON; rebuild the model"
            ) from None

    def check(self) -> None:
        """Read every member once, checking it against its digest (or its chunks')."""
        for name in self.index:
            self._raw(name)
