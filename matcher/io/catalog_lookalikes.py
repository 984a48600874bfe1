"""Titles and aliases that do not read as what they are: what ``catalog check`` warns of.

A name holding a bidi control (U+202A-U+202E, U+2066-U+2069) or another invisible format
character reads otherwise than it is written: "Nurse\\u202eevil\\u202c Helper" shows its middle
reversed wherever it is printed raw. (The reader already drops the zero-width spaces, marks and
soft hyphens of :mod:`matcher.util.invisible`; the zero-width joiner and non-joiner stay, as
emoji and some scripts are written with them.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from matcher.util.invisible import BIDI_CONTROLS

from .catalog import Occupation

__all__ = ["lookalike_names"]

_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
#: Joiners that emoji and Persian or Indic words are written with: no warning.
_JOINERS = "\u200c\u200d"


def lookalike_names(occupations: Iterable[Occupation]) -> Iterator[tuple[Occupation, str, str]]:
    """``(occupation, name, why)`` for each title or alias that does not read as it is."""
    for occupation in occupations:
        for name in _names(occupation):
            hidden = _hidden(name)
            if hidden:
                yield occupation, name, f"{_kind(occupation, name)} {name!r} holds {hidden}"


def _names(occupation: Occupation) -> list[str]:
    return list(dict.fromkeys([occupation.profile.title, *occupation.profile.aliases]))


def _kind(occupation: Occupation, name: str) -> str:
    return "title" if name == occupation.profile.title else "alias"


def _hidden(name: str) -> str:
    """What in ``name`` shows as nothing or reorders the text around it, said for a
    warning; "" for nothing."""
    found = [
        c
        for c in dict.fromkeys(name)
        if _BIDI.match(c) or (unicodedata.category(c) == "Cf" and c not in _JOINERS)
    ]
    if not found:
        return ""
    shown = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in found)
    return (
        f"{shown}, which shows as nothing or reorders the text around it (it reads otherwise "
        "than it is written); remove it (a right-to-left name needs none)"
    )
