"""Model files: the format, the signature, and the trust rule.

A model file is one file in three parts::

    MATCHER-MODEL\\n
    {header: JSON, padded with spaces to a multiple of 64 bytes}\\n
    members: raw bytes, each at a multiple of 64 bytes from the end of the header

The header carries the format version, the digest of the catalog the model was
built from, where it was built from, and an index of the members: for each, its
offset from the end of the header, its size, its kind (``array``: a C-ordered
numpy array of the dtype and shape given; ``json``: UTF-8 JSON), and its SHA-256
digest. Arrays are not compressed, so a member is read where it lies, when it is
first needed: a call reads the parts it needs and nothing else. A member larger than :data:`CHUNK`
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
is used; a part of a member read on its own, when its chunks are). What was checked
is kept in memory and used from there, so a file changed after it was loaded is
refused too, from the first member read after the change. If you trust
where a file came from, sign it yourself with ``matcher trust FILE``. A file of
another format version is refused with the command that rebuilds it.

This module knows the file, not the :class:`~matcher.model.model.Model`:
``Model.save`` and :func:`~matcher.model.load.load_model` turn a model into
members and back. It reads and checks a file (its header: :mod:`matcher.model.header`);
:mod:`matcher.model.writing` writes one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
import weakref
from pathlib import Path
from typing import Any

import numpy as np

from matcher.errors import ModelError, UntrustedModelError

from .header import (
    ALIGNMENT,
    DTYPES,
    FORMAT_VERSION,
    MAGIC,
    check_index,
    header_line,
    open_file,
    parse_header,
    read_header,
    rebuild_hint,
)
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

#: Members larger than this many bytes are digested a chunk of this size at a time too.
CHUNK = 1 << 20
#: Bytes from which what is checked at once is hashed on two threads (hashlib releases the GIL
#: while it hashes): the first ``gaps()`` of a 20,000-occupation model checks 41 MB, the
#: default model's whole-file check 5.5 MB; below this a thread saves less than it costs.
SHARED_HASHING = 2 << 20


def _digests(pieces: list[memoryview]) -> list[str]:
    """The SHA-256 hex digests of ``pieces``, on two threads when they are big enough."""
    digests = [""] * len(pieces)

    def digest(rows: list[int]) -> None:
        for i in rows:
            digests[i] = hashlib.sha256(pieces[i]).hexdigest()

    sizes = [piece.nbytes for piece in pieces]
    total = sum(sizes)
    if len(pieces) < 2 or total < SHARED_HASHING:
        digest(list(range(len(pieces))))
        return digests
    # the helper takes pieces from the end until it has about half of the bytes
    theirs, held = [], 0
    while held * 2 < total and len(theirs) < len(pieces) - 1:
        theirs.append(len(pieces) - 1 - len(theirs))
        held += sizes[theirs[-1]]
    helper = threading.Thread(target=digest, args=(theirs,), daemon=True)
    helper.start()
    try:
        digest(list(range(len(pieces) - len(theirs))))
    finally:
        helper.join()
    return digests


def _read_at(handle, buffer: np.ndarray, offset: int) -> int:
    """Read into ``buffer`` from ``offset`` of an open file; how many bytes were read.

    Positional (``pread``): processes forked with a loaded model (the report writer's worker
    pool) share the file's offset, and a seek in one moved the other's read: a worker checked
    another worker's bytes and called an intact file "changed after it was signed"."""
    preadv = getattr(os, "preadv", None)
    if preadv is None:  # pragma: no cover - not POSIX: no fork to share the offset with
        handle.seek(offset)
        return handle.readinto(buffer)
    view, got = memoryview(buffer), 0
    while got < len(view):
        n = preadv(handle.fileno(), [view[got:]], offset + got)
        if n == 0:  # the end of the file
            break
        got += n
    return got


def _stamp(handle) -> tuple[int, int]:
    """Size and modification time of an open file: what a rewrite of it changes."""
    status = os.fstat(handle.fileno())
    return status.st_size, status.st_mtime_ns


class ModelFile:
    """An open model file, its signature checked; each member read and checked on first use.

    A member is read into memory when it is first asked for and checked there, and its
    checked bytes are what every later use reads (a part of a member read on its own: the
    chunks it lies in). The file is not mapped: a file changed in place after it was
    opened (a ``cp`` over it, a copy cut short, a tampering) cannot change or crash a
    loaded model; what is read after the change is checked like the rest, so it is
    refused. The file stays open, so a model file replaced by a rename (as
    ``Model.save`` does) is read as it was when it was opened.

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
                f"({key_path()}), or was changed since: {rebuild_hint(self.path, self.header)}, "
                f"or, if you trust where the file came from, sign it with "
                f"`matcher trust {self.path}`"
            )

    def _open(self, path: str | Path) -> None:
        """Read and check the header and the member index; keep the file open."""
        self.path = path = Path(path)
        handle, size = open_file(path)
        try:
            header, start = parse_header(path, handle)
            version = header.get("format_version")
            if version != FORMAT_VERSION:
                raise ModelError(
                    f"{path}: model format {version} cannot be read by this matcher (format "
                    f"{FORMAT_VERSION}); {rebuild_hint(path, header)}"
                )
            self.index = check_index(path, header, size - start)
        except BaseException:
            handle.close()
            raise
        self.header = header
        self._start = start
        self._handle = handle
        self._stamp = _stamp(handle)
        weakref.finalize(self, handle.close)  # closed with the model, without a warning
        # one reader at a time: a read is a seek and a read of the one handle, and two
        # threads asking for the same member read and check it once; re-entrant, so that a
        # Ctrl-C landing as the lock is taken (a `with` is not safe from it) cannot leave the
        # thread that saves the answers waiting on itself
        self._lock = threading.RLock()
        #: checked members: their bytes, read whole
        self._checked: dict[str, memoryview] = {}
        #: checked chunks of members read in parts: their bytes, by chunk number
        self._chunks_checked: dict[str, dict[int, memoryview]] = {}

    def __contains__(self, name: str) -> bool:
        return name in self.index

    def _read(self, name: str, begin: int, size: int) -> memoryview:
        """Bytes ``begin`` .. ``begin + size - 1`` of a member, read from the file now into
        memory of their own, aligned as in the file, read-only (unchecked; under the lock)."""
        spec = self.index[name]
        buffer = np.empty(size + ALIGNMENT, np.uint8)
        skip = -buffer.__array_interface__["data"][0] % ALIGNMENT
        buffer = buffer[skip : skip + size]
        try:
            got = _read_at(self._handle, buffer, self._start + spec["offset"] + begin)
        except OSError as exc:
            raise ModelError(f"{self.path}: cannot read the model file ({reason(exc)})") from None
        if got != size:
            raise ModelError(
                f"{self.path}: the file was cut short after this model was loaded from it (the "
                f"member {name!r} ends past its end): load the model again once the file is whole"
            )
        buffer.flags.writeable = False
        return memoryview(buffer)

    def _raw(self, name: str, whole: bool = False) -> memoryview:
        """A member's bytes, checked (by its chunks when it has them, which is the same
        check; ``whole``: against the member's digest too, as a file about to be signed is,
        since a matcher of before chunks checks that one)."""
        data = self._checked.get(name)
        if data is not None and not whole:
            return data
        spec = self.index.get(name)
        if spec is None:
            raise ModelError(f"{self.path}: the member {name!r} is missing; rebuild the model")
        with self._lock:
            if name not in self._checked:
                self._read_whole([name])
            data = self._checked[name]
            if (
                whole
                and "chunks" in spec
                and not hmac.compare_digest(hashlib.sha256(data).hexdigest(), spec["sha256"])
            ):
                raise self._changed(name)
        return data

    def _read_whole(self, names: list[str]) -> None:
        """Read members whole, check them (against their chunks' digests, or their own) and
        keep them (under the lock)."""
        members = [self._read(name, 0, self.index[name]["size"]) for name in names]
        self._check_pieces(names, members)
        for name, data in zip(names, members, strict=True):
            self._checked[name] = data
            self._chunks_checked.pop(name, None)  # the whole member holds them

    def _changed(self, name: str) -> UntrustedModelError:
        if _stamp(self._handle) != self._stamp:  # a new model copied over it, say
            advice = "it was rewritten after this model was loaded from it: load the model again"
        else:
            advice = "copy the file again from where it came from, or rebuild it"
        return UntrustedModelError(
            f"{self.path}: the member {name!r} was changed after the file was signed; {advice}"
        )

    def _check_pieces(self, names: list[str], members: list[memoryview]) -> None:
        """Check whole members against the digests of their chunks (or their own when they
        have none), hashed together."""
        pieces, wanted, owners = [], [], []
        for name, data in zip(names, members, strict=True):
            spec = self.index[name]
            if "chunks" not in spec:
                pieces.append(data)
                wanted.append(spec["sha256"])
                owners.append(name)
                continue
            chunk = spec["chunk"]
            for c, digest in enumerate(spec["chunks"]):
                pieces.append(data[c * chunk : (c + 1) * chunk])
                wanted.append(digest)
                owners.append(name)
        for got, want, name in zip(_digests(pieces), wanted, owners, strict=True):
            if not hmac.compare_digest(got, want):
                raise self._changed(name)

    def _check_chunk(self, name: str, data: memoryview, c: int) -> None:
        """Check chunk ``c`` of a member against its digest."""
        digest = hashlib.sha256(data).hexdigest()
        if not hmac.compare_digest(digest, self.index[name]["chunks"][c]):
            raise self._changed(name)

    def _chunk(self, name: str, c: int) -> memoryview:
        """Chunk ``c`` of a member, read and checked on first use."""
        done = self._chunks_checked.setdefault(name, {})
        data = done.get(c)
        if data is None:
            with self._lock:
                data = done.get(c)
                if data is None:
                    chunk, size = self.index[name]["chunk"], self.index[name]["size"]
                    data = self._read(name, c * chunk, min(chunk, size - c * chunk))
                    self._check_chunk(name, data, c)
                    done[c] = data
        return data

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
        chunk = spec["chunk"]
        first = start // chunk
        pieces = [self._chunk(name, c) for c in range(first, -(-stop // chunk))]
        data = pieces[0] if len(pieces) == 1 else memoryview(b"".join(pieces))
        return bytes(data[start - first * chunk : stop - first * chunk])

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
        """A member array, read-only, in memory (checked against its digest)."""
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
        with self._lock:
            self._read_whole([name for name in self.index if name not in self._checked])
