"""Titles and aliases that do not read as what they are: what ``catalog check`` warns of.

A name holding a bidi control (U+202A-U+202E, U+2066-U+2069) or another invisible format
character reads otherwise than it is written: "Nurse\\u202eevil\\u202c Helper" shows its middle
reversed wherever it is printed raw. (The reader already drops the zero-width spaces, marks and
soft hyphens of :mod:`matcher.util.invisible`; the zero-width joiner and non-joiner stay, as
emoji and some scripts are written with them.)

A name can also pass for another: "Ассоuntant" with Cyrillic А, с, с and о shows as
"Accountant" and is a second occupation of that name, which a reader cannot tell apart (NFKC,
which names are compared after, leaves Cyrillic as it is). Two checks, without a confusables
table: a word mixing Latin, Cyrillic and Greek letters, and a name that is another occupation's
once the Cyrillic and Greek letters that look Latin are read as the Latin ones
(:data:`_AS_LATIN`, the common look-alikes of Unicode's confusables list; a name written
wholly in Cyrillic or Greek is compared the same way).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator

from matcher.core.vocabulary import normalize_name
from matcher.util.invisible import BIDI_CONTROLS

from .catalog import Occupation

__all__ = ["lookalike_names"]

_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
#: Joiners that emoji and Persian or Indic words are written with: no warning.
_JOINERS = "\u200c\u200d"
#: Cyrillic and Greek letters that look like Latin ones, as the Latin letter.
_AS_LATIN = str.maketrans(
    "АВЕКМНОРСТХЅІЈҮԚԜӀаеорсухѕіјһԁԛԝӏүΑΒΕΖΗΙΚΜΝΟΡΤΥΧαιονρυ",
    "ABEKMHOPCTXSIJYQWIaeopcyxsijhdqwlyABEZHIKMNOPTYXaiovpu",
)
#: Scripts whose letters pass for each other's.
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"\w+")


def lookalike_names(occupations: Iterable[Occupation]) -> Iterator[tuple[Occupation, str, str]]:
    """``(occupation, name, why)`` for each title or alias that does not read as it is: one
    holding an invisible character or a bidi control, a word of it mixing scripts, or one that
    reads as another occupation's name."""
    occupations = list(occupations)
    for occupation in occupations:
        for name in _names(occupation):
            kind = _kind(occupation, name)
            if hidden := _hidden(name):
                yield occupation, name, f"{kind} {name!r} holds {hidden}"
            if mixed := _mixed_word(name):
                yield occupation, name, f"{kind} {name!r} {mixed}; write each word in one script"
    yield from _passing_for_another(occupations)


def _passing_for_another(
    occupations: list[Occupation],
) -> Iterator[tuple[Occupation, str, str]]:
    """Names that read as another occupation's name once look-alike letters are folded: said of
    the name holding them (of both, when both do)."""
    by_skeleton: dict[str, list[tuple[Occupation, str]]] = {}
    for occupation in occupations:
        for name in _names(occupation):
            by_skeleton.setdefault(_skeleton(name), []).append((occupation, name))
    for group in by_skeleton.values():
        for (occupation, name), (other, other_name) in itertools.permutations(group, 2):
            if other.id == occupation.id or normalize_name(name) == normalize_name(other_name):
                continue  # its own names; the same name twice is an error of its own
            if _skeleton(name) != normalize_name(name):  # this one holds the look-alikes
                yield (
                    occupation,
                    name,
                    f"{_kind(occupation, name)} {name!r} looks the same as "
                    f"{_kind(other, other_name)} {other_name!r} of {other.id!r} (its "
                    f"{_foreign(name)} letters read as Latin ones); a reader cannot tell them "
                    "apart: write it in Latin letters, or rename it",
                )


def _skeleton(name: str) -> str:
    return normalize_name(unicodedata.normalize("NFKC", name).translate(_AS_LATIN))


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def _foreign(name: str) -> str:
    """The scripts of the look-alike letters of ``name``: "Cyrillic", "Cyrillic and Greek"."""
    return _listed(list(dict.fromkeys(_script(c) for c in name if c.translate(_AS_LATIN) != c)))


def _listed(scripts: list[str]) -> str:
    """ "Latin, Cyrillic and Greek"."""
    names = [s.capitalize() for s in scripts]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _mixed_word(name: str) -> str:
    """Said of the first word of ``name`` mixing Latin, Cyrillic and Greek letters, or ""."""
    for word in _WORD.findall(name):
        scripts = {_script(c) for c in word if c.isalpha()} & set(_SCRIPTS)
        if len(scripts) > 1:
            names = _listed([s for s in _SCRIPTS if s in scripts])
            return f"mixes {names} letters in the word {word!r}, so it can pass for another name"
    return ""


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
