"""Levels written in other ways than ``Programming (4)``, at the end of an item of a list.

Authors write a level as a fraction, stars, a bracket, after a colon or a dash; read as the
level it plainly is (``(4/5)``, ``4/5``, ``★★★★☆``, ``[4]``, ``(level 4)``, ``: 4``, ``- 4``
are all 4 on the 0-5 scale), never kept as part of the name with the level lost. What cannot
be read for sure is an error naming the line (a range ``(3-4)``, two levels, a fraction of
another scale in brackets) or, for a name that may just end in a number (``Python 3``), a
warning saying how to write a level.
"""

from __future__ import annotations

import re
import unicodedata
import warnings

from matcher.errors import ProfileParseError, ProfileWarning

__all__ = ["ends_like_level", "other_level"]

#: The longest item read for such a level: these patterns are quadratic in a run of spaces,
#: and a name is a few words (a 64 KB line of spaces must parse in well under a second).
_LONGEST = 200
_NUMBER = r"\d+(?:\.\d+)?"
_FRACTION = re.compile(
    rf"^(.*?\S)\s*(?:\(\s*({_NUMBER})\s*/\s*(\d+)\s*\)|(?<=\s)({_NUMBER})\s*/\s*(\d+))$"
)
_RANGE = re.compile(rf"^(.*?\S)\s*\(\s*{_NUMBER}\s*(?:[-–~]|to)\s*{_NUMBER}\s*\)$")
_WORDED = re.compile(
    rf"^(.*?\S)\s*(?:\(\s*(?:level|lvl|lv)\.?\s*({_NUMBER})\s*\)"
    rf"|\s(?:level|lvl|lv)\.?\s*({_NUMBER}))$",
    re.IGNORECASE,
)
_STARS = re.compile(r"^(.*?\S)\s*\(?\s*([★☆]+)\s*\)?$")
_SQUARE = re.compile(rf"^(.*?\S)\s*\[\s*({_NUMBER})\s*\]$")
_AFTER_MARK = re.compile(rf"^(.*?\S)\s*(?::|\s[-–])\s*({_NUMBER})$")
_TWO_LEVELS = re.compile(rf"^(.*?\S)\s*\(\s*{_NUMBER}\s*\)\s*\(\s*{_NUMBER}\s*\)$")
_BARE = re.compile(rf"^(.*?\S)\s+({_NUMBER})$")


def other_level(text: str, line: int, source: str, block: str) -> tuple[str, float] | None:
    """``(name, level)`` of an item whose level is written another way than ``(N)``, or None
    when ``text`` ends in no level. Raises :class:`ProfileParseError` for a level that cannot be
    read for sure; warns of a bare number at the end of a name the vocabulary does not know."""
    if len(text) > _LONGEST:
        return None
    text = unicodedata.normalize("NFKC", text)
    if (match := _TWO_LEVELS.match(text)) is not None:
        _refuse(source, line, text, match.group(1), "has two levels")
    if (match := _RANGE.match(text)) is not None:
        _refuse(source, line, text, match.group(1), "gives a range, not a level")
    if (match := _FRACTION.match(text)) is not None:
        name = match.group(1)
        value, scale = (match.group(2), match.group(3)) if match.group(2) else match.group(4, 5)
        if scale == "5":
            return name, _checked(float(value), text, name, line, source)
        if match.group(2) is None:  # "24/7": maybe a name; said, not taken
            _warn(source, line, text, name, f"ends in {value}/{scale}, kept in the name", value)
            return None
        _refuse(source, line, text, name, f"gives a level out of {scale}, not of 5")
    for pattern in (_WORDED, _SQUARE, _AFTER_MARK):
        if (match := pattern.match(text)) is not None:
            name = match.group(1)
            value = next(g for g in match.groups()[1:] if g is not None)
            return name, _checked(float(value), text, name, line, source)
    if (match := _STARS.match(text)) is not None:
        name = match.group(1)
        return name, _checked(float(match.group(2).count("★")), text, name, line, source)
    if (match := _BARE.match(text)) is not None and not _known(block, text):
        number = match.group(2)
        _warn(source, line, text, match.group(1), f"ends in {number}, kept in the name", number)
    return None


def ends_like_level(text: str) -> bool:
    """Would the reader take the end of ``text`` for a level, or refuse it? (A name it keeps
    whole with a warning, ``Python 3`` or ``24/7``, reads back as written: not this.)"""
    if len(text) > _LONGEST:
        return False
    text = unicodedata.normalize("NFKC", text)
    fraction = _FRACTION.match(text)
    if fraction is not None and (fraction.group(2) is not None or fraction.group(5) == "5"):
        return True
    patterns = (_TWO_LEVELS, _RANGE, _WORDED, _SQUARE, _AFTER_MARK, _STARS)
    return any(pattern.match(text) for pattern in patterns)


def _known(block: str, name: str) -> bool:
    from matcher.core.vocabulary import builtin_vocabulary

    return bool(block) and builtin_vocabulary().resolve(block, name) is not None


def _checked(level: float, text: str, name: str, line: int, source: str) -> float:
    if level > 5:
        _refuse(source, line, text, name, "gives a level above 5")
    return level


def _refuse(source: str, line: int, text: str, name: str, what: str) -> None:
    raise ProfileParseError(
        source,
        line,
        f"{text!r} {what}; write one level from 0 (none) to 5 (expert) in brackets, such as "
        f"'{name} (4)', or leave it out",
    )


def _warn(source: str, line: int, text: str, name: str, what: str, level: str) -> None:
    warnings.warn(
        ProfileWarning(
            f"{source}:{line}: {text!r} {what}; if that is its level, write '{name} ({level})' "
            f"(a number from 0 to 5 in brackets)"
        ),
        stacklevel=6,
    )
