"""Safe file names for reports: a respondent's id made into a stem no file system or shell
can misread, distinct for distinct ids; and a stem the caller chose, made as safe."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

from matcher.validation import refuse

__all__ = ["given_stem", "report_stem", "unique_stems"]

_STEM_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_STEM_LENGTH = 48
#: Names Windows takes for a device whatever follows their first dot (con.nguyen.html is CON;
#: COM¹ is COM1 once NFKD has made it ASCII): such a file cannot be made or opened there.
_DEVICE = re.compile(r"(?i)^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(?=\.)")
#: The same for a stem given whole, kept in its own script (so ``COM¹`` is spelt out): the
#: suffix's dot follows it (``CON`` is ``CON.html``).
_DEVICE_STEM = re.compile(r"(?i)^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(?=\.|$)")
_HASH_LENGTH = 10
#: The longest stem a caller may give, in bytes of UTF-8: its temporary file,
#: ``.NAME.PID.RANDOM.tmp``, stays well under a file name's 255 bytes, and report_stem's own
#: longest (a full hash, 113) fits.
_GIVEN_LENGTH = 120


def _safe_chars(text: str) -> str:
    """``text`` in ``[A-Za-z0-9._-]`` (other characters ``_``, accents dropped), without leading
    dots, dashes and underscores (no hidden files, no ``..``, no command-line option)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _STEM_CHARS.sub("_", text).lstrip("._-")


def report_stem(respondent_id: str, *, hash_length: int = _HASH_LENGTH) -> str:
    """A safe file name stem for a respondent's report (no suffix).

    Characters outside ``[A-Za-z0-9._-]`` become ``_``, leading dots, dashes
    and underscores go (no hidden files, no ``..``, nothing that reads as a
    command-line option), the readable part is capped at 48 characters and a
    hash of the whole id is always appended, so distinct ids give distinct
    names, also on case-insensitive file systems. Never a path: no ``/``, and
    never a name Windows reserves for a device (``con.nguyen`` gives ``con_.nguyen-…``).
    """
    readable = _DEVICE.sub(r"\1_", _safe_chars(str(respondent_id)), count=1)
    readable = readable[:_STEM_LENGTH].rstrip("._-")
    digest = hashlib.sha256(str(respondent_id).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{readable or 'respondent'}-{digest[:hash_length]}"


#: Characters a given stem may not hold, whatever its script: path separators, what Windows
#: refuses in a name, and what reorders or hides text (bidi controls): each becomes ``_``.
_UNSAFE_GIVEN = frozenset(
    '/\\<>:"|?*\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069'
)
#: Unicode categories unsafe in a name: control characters (NUL, tab, newline), lone
#: surrogates (no file system can store one), line and paragraph separators.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})


def _cut_utf8(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, on a character boundary."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def given_stem(stem: object) -> str:
    """A stem the caller chose (``write_report(stem=...)``), made safe: the caller's name as
    given, in any script, with only what is unsafe removed.

    Path separators, characters Windows refuses (``<>:"|?*``), control characters (NUL),
    lone surrogates and bidi controls become ``_``; leading dots, dashes, underscores and
    spaces go (no hidden file, no ``..``, no command-line option), as do trailing dots and
    spaces (Windows drops them); a name Windows keeps for a device gets a ``_``, as in
    :func:`report_stem`, and the name is cut at 120 bytes of UTF-8 (on a character
    boundary). ``../outside`` gives ``outside``, ``Tanaka/Aiko`` ``Tanaka_Aiko``, ``CON``
    ``CON_``, ``田中愛子`` and ``José García`` themselves (it was ASCII-only: a Japanese name
    was refused, and ``José García`` and ``Jose Garcia`` wrote one file). A stem is untrusted
    text (a notebook passes a row's id or name): it was joined to the folder as given, and
    wrote outside it.

    Raises
    ------
    InputError
        ``stem`` is not a str, or leaves no name (``..``, ``/``, ``""``).
    """
    valid = (
        "a file name without its suffix, with something left once path separators, control "
        "characters and leading dots are removed (or None: from the id)"
    )
    if not isinstance(stem, str):
        refuse("stem", stem, valid)
    text = "".join(
        "_" if c in _UNSAFE_GIVEN or unicodedata.category(c) in _UNSAFE_CATEGORIES else c
        for c in unicodedata.normalize("NFC", stem)
    )
    safe = _cut_utf8(text.lstrip("._- "), _GIVEN_LENGTH).rstrip(". ")
    safe = _DEVICE_STEM.sub(r"\1_", safe, count=1)
    if not safe.strip("_"):
        refuse("stem", stem, valid)
    return safe


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
