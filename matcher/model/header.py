"""A model file's header (the format: :mod:`matcher.model.store`): the first line, the JSON
header line read and checked as the format wants it, and its member index checked against
the format and the file's size. Nothing here is trusted yet: the signature is checked by
:class:`~matcher.model.store.ModelFile`.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from matcher.errors import ModelError

from .signing import reason

__all__ = [
    "ALIGNMENT",
    "DTYPES",
    "FORMAT_VERSION",
    "MAGIC",
    "check_index",
    "header_line",
    "open_file",
    "parse_header",
    "read_header",
    "rebuild_hint",
]

#: Version of the file format: 3 since members are raw arrays and JSON, not a joblib
#: payload. Any other version is refused with the command that rebuilds it.
FORMAT_VERSION = 4
MAGIC = b"MATCHER-MODEL\n"
#: Members start at multiples of this many bytes, so that arrays read are aligned.
ALIGNMENT = 64
#: A header is a few kilobytes; more than this is not a model file's.
HEADER_LIMIT = 1 << 20
#: Array member dtypes a model file may hold: plain little-endian numbers.
DTYPES = frozenset({"<f8", "<f4", "<i8", "<i4", "|u1", "|i1", "|b1"})
_FIELDS = {"offset": int, "size": int, "kind": str, "sha256": str}


def header_line(header: Mapping[str, Any]) -> bytes:
    """The header as written: JSON, padded so that the members start aligned."""
    text = json.dumps(header, ensure_ascii=True).encode()
    used = len(MAGIC) + len(text) + 1
    return text + b" " * (-used % ALIGNMENT) + b"\n"


def open_file(path: Path) -> tuple[Any, int]:
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


def parse_header(path: Path, handle: BinaryIO) -> tuple[dict[str, Any], int]:
    """The header of the file open in ``handle`` (at its start), and where the members start."""
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
    handle, _ = open_file(path)
    with handle:
        return parse_header(path, handle)[0]


def rebuild_hint(path: Path, header: Mapping[str, Any]) -> str:
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


def check_index(path: Path, header: dict[str, Any], data_size: int) -> dict[str, dict]:
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
