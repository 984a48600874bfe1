"""This user's signing key, and the signature of a model file's header (the trust rule of
:mod:`matcher.model.store`).

The signature is an HMAC-SHA256 of the header, which holds every member's digest, with the
key in ``signing.key`` of :func:`~matcher.model.locations.config_dir`, made the first time a
model is saved.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from matcher.errors import ModelError

from .locations import config_dir

__all__ = ["is_signed", "key_path", "reason", "sign"]


def key_path() -> Path:
    """This user's signing key."""
    return config_dir() / "signing.key"


def _key(create: bool = True) -> bytes | None:
    """This user's signing key; made when missing if ``create`` (else None)."""
    path = key_path()
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        text = None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: cannot read your signing key ({reason(exc)})") from None
    if text is not None:
        try:
            key = bytes.fromhex(text)
        except ValueError:
            key = b""
        if not key:
            raise ModelError(
                f"{path}: the signing key is not hexadecimal; it should hold the 64 hex digits "
                "matcher wrote there. Delete it to have a new key made (models signed with the "
                "old key must then be signed again with `matcher trust FILE`)"
            )
        return key
    if not create:
        return None
    import secrets  # only to make a key

    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key.hex())
    return key


def reason(exc: BaseException) -> str:
    """What went wrong with a file, in words (an OSError's own message)."""
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _signed_bytes(header: Mapping[str, Any]) -> bytes:
    """What the signature covers: the header without its signature, in one canonical form."""
    body = {k: v for k, v in header.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def sign(header: Mapping[str, Any]) -> str:
    return hmac.new(_key(), _signed_bytes(header), hashlib.sha256).hexdigest()  # type: ignore[arg-type]


def is_signed(header: Mapping[str, Any]) -> bool:
    """Whether ``header`` carries this user's signature (False when there is no key yet)."""
    key = _key(create=False)
    signature = header.get("signature")
    if not key or not isinstance(signature, str):
        return False
    return hmac.compare_digest(
        hmac.new(key, _signed_bytes(header), hashlib.sha256).hexdigest(), signature
    )
