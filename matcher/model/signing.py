"""This user's signing key, and the signature of a model file's header (the trust rule of
:mod:`matcher.model.store`).

The signature is an HMAC-SHA256 of the header, which holds every member's digest, with the
key in ``signing.key`` of :func:`~matcher.model.locations.config_dir`, made the first time a
model is saved.
"""

from __future__ import annotations

import contextlib
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
    key = _read_key(path)
    if key is None and create:
        return _new_key(path)
    return key


def _read_key(path: Path) -> bytes | None:
    """The key in ``path``, or None when there is no such file."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: cannot read your signing key ({reason(exc)})") from None
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


def _new_key(path: Path) -> bytes:
    """A new key in ``path``, or the key another thread or process put there first.

    The key is written whole to a file of its own, then hard-linked into place: a reader
    never sees a key half written (an empty file read as "not hexadecimal" before), and,
    unlike a rename, the link never replaces a key already there (which would leave the
    models signed with it untrusted). Of two made at once, the second to link reads the
    first's.
    """
    import secrets  # only to make a key

    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key.hex())
            handle.flush()
            os.fsync(handle.fileno())  # a crash leaves no empty key behind the link
        try:
            os.link(tmp, path)
        except FileExistsError:
            theirs = _read_key(path)
            if theirs is None:  # a broken symbolic link, say
                raise ModelError(
                    f"{path}: cannot make your signing key: something that is not a file is in "
                    "its place; remove it"
                ) from None
            return theirs
        except OSError:  # a file system without hard links (FAT, some network mounts)
            return _write_once(path, key)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return key


def _write_once(path: Path, key: bytes) -> bytes:
    """``key`` written straight into a new ``path``, or the key already there: where a link
    cannot be made, a reader racing the write may still see it half written."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        theirs = _read_key(path)
        if theirs is None:
            raise ModelError(
                f"{path}: cannot make your signing key: something that is not a file is in "
                "its place; remove it"
            ) from None
        return theirs
    with os.fdopen(fd, "w", encoding="ascii") as handle:
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
