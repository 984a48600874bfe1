"""Safe file names for reports: a respondent's id made into a stem no file system or shell
can misread, distinct for distinct ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

__all__ = ["report_stem", "unique_stems"]

_STEM_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_STEM_LENGTH = 48
#: Names Windows takes for a device whatever follows their first dot (con.nguyen.html is CON;
#: COM¹ is COM1 once NFKD has made it ASCII): such a file cannot be made or opened there.
_DEVICE = re.compile(r"(?i)^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(?=\.)")
_HASH_LENGTH = 10


def report_stem(respondent_id: str, *, hash_length: int = _HASH_LENGTH) -> str:
    """A safe file name stem for a respondent's report (no suffix).

    Characters outside ``[A-Za-z0-9._-]`` become ``_``, leading dots, dashes
    and underscores go (no hidden files, no ``..``, nothing that reads as a
    command-line option), the readable part is capped at 48 characters and a
    hash of the whole id is always appended, so distinct ids give distinct
    names, also on case-insensitive file systems. Never a path: no ``/``, and
    never a name Windows reserves for a device (``con.nguyen`` gives ``con_.nguyen-…``).
    """
    text = unicodedata.normalize("NFKD", str(respondent_id))
    text = text.encode("ascii", "ignore").decode("ascii")
    readable = _DEVICE.sub(r"\1_", _STEM_CHARS.sub("_", text).lstrip("._-"), count=1)
    readable = readable[:_STEM_LENGTH].rstrip("._-")
    digest = hashlib.sha256(str(respondent_id).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{readable or 'respondent'}-{digest[:hash_length]}"


def unique_stems(ids: Sequence[str]) -> list[str]:
    """Stems for distinct ids; ids whose short stems clash (ignoring case) get the full hash.

    A full stem (64 hex digits) is longer than any short one, so it cannot
    clash with one, and distinct ids never share a full hash.
    """
    stems = [report_stem(i, hash_length=_HASH_LENGTH) for i in ids]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem.casefold()] = counts.get(stem.casefold(), 0) + 1
    return [
        report_stem(i, hash_length=64) if counts[stem.casefold()] > 1 else stem
        for i, stem in zip(ids, stems, strict=True)
    ]
