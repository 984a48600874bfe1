"""Writing a model file (the format: :mod:`matcher.model.store`): each member as bytes, numpy
arrays raw and aligned, anything else as JSON, each with its digest (and its chunks' when
it is large), under a header signed with this user's key, written atomically.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from matcher.util.atomic import atomic_write

# the format's constants are store's, read as store.NAME when used: one home for them (a
# test writes chunks of 256 bytes by setting store.CHUNK)
from . import store
from .signing import sign

__all__ = ["write_model"]


def _chunk_digests(raw: memoryview) -> list[str]:
    return [
        hashlib.sha256(raw[begin : begin + store.CHUNK]).hexdigest()
        for begin in range(0, raw.nbytes, store.CHUNK)
    ]


def _member_bytes(value: Any) -> tuple[dict[str, Any], memoryview]:
    if isinstance(value, np.ndarray):
        array = np.ascontiguousarray(value)
        dtype = array.dtype.newbyteorder("<") if array.dtype.byteorder == ">" else array.dtype
        array = array.astype(dtype, copy=False)
        if array.dtype.str not in store.DTYPES:
            raise TypeError(f"a model file cannot hold arrays of dtype {array.dtype}")
        spec = {"kind": "array", "dtype": array.dtype.str, "shape": list(array.shape)}
        return spec, memoryview(array.reshape(-1).view(np.uint8))
    return {"kind": "json"}, memoryview(json.dumps(value, ensure_ascii=True).encode())


def write_model(path: str | Path, header: Mapping[str, Any], members: Mapping[str, Any]) -> Path:
    """Write ``members`` (numpy arrays, or anything JSON can hold) under ``header``,
    atomically, signed with this user's key."""
    from datetime import UTC, datetime  # writing only: a loading process does not need it

    path = Path(path)
    index: dict[str, dict[str, Any]] = {}
    data: list[memoryview] = []
    offset = 0
    for name, value in members.items():
        spec, raw = _member_bytes(value)
        offset += -offset % store.ALIGNMENT
        index[name] = {
            **spec,
            "offset": offset,
            "size": raw.nbytes,
            "sha256": hashlib.sha256(raw).hexdigest(),
        }
        if raw.nbytes > store.CHUNK:
            index[name].update(chunk=store.CHUNK, chunks=_chunk_digests(raw))
        data.append(raw)
        offset += raw.nbytes
    full = {
        "format_version": store.FORMAT_VERSION,
        **header,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "members": index,
    }
    full["signature"] = sign(full)
    with atomic_write(path, "wb") as handle:
        handle.write(store.MAGIC + store.header_line(full))
        written = 0
        for spec, raw in zip(index.values(), data, strict=True):
            handle.write(b"\0" * (spec["offset"] - written))
            handle.write(raw)
            written = spec["offset"] + raw.nbytes
    return path
