"""Trusting a model file someone else built: signing it with this user's key (``matcher
trust FILE``), once every member is checked against the digest its header gives.

See the trust rule of :mod:`matcher.model.store`.
"""

from __future__ import annotations

from pathlib import Path

from matcher.errors import ModelError, UntrustedModelError
from matcher.util.atomic import atomic_write
from matcher.validation import check_path

from .signing import sign
from .store import MAGIC, ModelFile, header_line

__all__ = ["trust_model"]


class _UnsignedFile(ModelFile):
    """A model file whatever its signature: what ``trust`` reads."""

    def __init__(self, path: str | Path) -> None:
        self._open(path)


def trust_model(path: str | Path) -> None:
    """Sign a model file with this user's key, so that :func:`load_model` accepts it.

    The file must be whole (every member matches the digest its header gives),
    but may have been signed by anyone. Only do this for a file whose origin
    you trust.
    """
    path = check_path("path", path)
    file = _UnsignedFile(path)
    members = {}
    for name in file.index:
        try:
            members[name] = file._raw(name, whole=True)
        except UntrustedModelError:
            raise ModelError(
                f"{file.path}: the member {name!r} does not match the digest in the header: the "
                "file is damaged; copy it again or rebuild it"
            ) from None
    header = dict(file.header)
    header["signature"] = sign(header)
    with atomic_write(file.path, "wb") as out:
        out.write(MAGIC + header_line(header))
        # the bytes just checked, not the file again (which may have changed since)
        written = 0
        for name, spec in sorted(file.index.items(), key=lambda item: item[1]["offset"]):
            out.write(b"\0" * (spec["offset"] - written))
            out.write(members[name])
            written = spec["offset"] + spec["size"]
