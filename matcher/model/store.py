"""Model files: the format, the signature, and the trust rule.

A model file is ``MATCHER-MODEL`` + a JSON header line + a joblib payload.
The header carries the format version, the digest of the catalog the model
was built from and an HMAC-SHA256 signature of the payload.

**Trust rule.** Loading a joblib (pickle) payload can run code stored in the
file, so matcher only loads model files signed with *your* key: the one in
``signing.key`` of :func:`~matcher.model.locations.config_dir`
(``~/.config/matcher`` or ``$MATCHER_HOME``), created the first time you save
a model. A model someone else built is refused before its payload is read. If
you trust where it came from, sign it yourself with ``matcher trust FILE``. A
file of another format version is refused with the command that rebuilds it.

This module knows the file, not the :class:`~matcher.model.model.Model`:
``Model.save`` and :func:`~matcher.model.model.load_model` turn a model into
the payload and back.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib

from matcher.errors import ModelError, UntrustedModelError
from matcher.util.atomic import atomic_write_bytes

from .locations import config_dir

__all__ = [
    "FORMAT_VERSION",
    "key_path",
    "read_header",
    "read_payload",
    "trust_model",
    "write_model",
]

#: Version of the file format. A payload pickles classes by module path, so moving a
#: class it holds is a new version: 2 since the stage subpackages (matcher.io, .core, ...).
FORMAT_VERSION = 2
_MAGIC = b"MATCHER-MODEL\n"


def key_path() -> Path:
    """This user's signing key."""
    return config_dir() / "signing.key"


def _signing_key(create: bool = True) -> bytes | None:
    path = key_path()
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


def write_model(path: str | Path, payload: dict[str, Any], header: dict[str, Any]) -> Path:
    """Write ``payload`` (joblib) atomically under ``header``, signed with this user's key."""
    path = Path(path)
    buffer = io.BytesIO()
    joblib.dump(payload, buffer, compress=3)
    data = buffer.getvalue()
    header = {
        "format_version": FORMAT_VERSION,
        **header,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "signature": _sign(data),
    }
    atomic_write_bytes(path, _MAGIC + json.dumps(header).encode() + b"\n" + data)
    return path


def read_payload(path: str | Path) -> dict[str, Any]:
    """The payload of a model file, read only when its version and signature are right.

    Raises
    ------
    ModelError
        Not a model file, or a file of another format version.
    UntrustedModelError
        The file is not signed with this user's key (see the trust rule above).
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
            f"({key_path()}). Loading a model can run code stored in it. Rebuild it with "
            f"`matcher build -o {path}`, or, if you trust where the file came from, sign it "
            f"with `matcher trust {path}`"
        )
    return joblib.load(io.BytesIO(payload))
