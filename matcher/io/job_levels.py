"""Levels written in other ways than ``Programming (4)``, at the end of an item of a list.

Authors write a level as a fraction of 5, stars, after a colon or a dash: read as the level
it plainly is (``(4/5)``, ``4/5``, ``★★★★☆``, ``: 4``, ``- 4`` are 4 on the 0-5 scale),
never kept as part of the name with the level lost. Only where nothing else can be meant:
a number 0-5 after a name that does not itself end in a number, a fraction of 5 no larger
than 5, two stars or more. Qualification levels, versions, years and standards are names
(``Food Hygiene Level 2``, ``First Aid (Level 3)``, ``ISO 14001:2015``, ``Key Stage 1 - 2``,
``Windows 10 [1]``): kept whole, with a warning where a level may be meant (``(level 4)``,
``[4]``, a range ``(3-4)``, a bare ``Programming 4``) saying how to write one. Two levels
``(4) (3)`` and a fraction of another scale in brackets ``(4/10)`` are errors naming the line,
and so is a version in brackets (``Python (3.11)``, ``(2.0.1)``): a level has at most one
decimal, so it cannot be one, and read as a level it silently put Python at 3.11.
"""

from __future__ import annotations

import re
import warnings

from matcher.errors import ProfileParseError, ProfileWarning

__all__ = ["ends_like_level", "other_level", "refuse_version"]

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
_STARS = re.compile(r"^(.*?[^\d\s★☆])\s*(?:\(\s*([★☆]{2,})\s*\)|([★☆]{2,}))$")
_SQUARE = re.compile(rf"^(.*?\S)\s*\[\s*({_NUMBER})\s*\]$")
_AFTER_MARK = re.compile(rf"^(.*?[^\d\s])\s*(?::|\s[-–])\s*({_NUMBER})$")
_TWO_LEVELS = re.compile(rf"^(.*?\S)\s*\(\s*{_NUMBER}\s*\)\s*\(\s*{_NUMBER}\s*\)$")
_BARE = re.compile(r"^(.*?(\S+))\s+(\d)$")
#: What brackets hold in a version, never in a level (0-5, at most one decimal): two decimals
#: or more, or more than one point (``3.11``, ``2.0.1``; a closing point as ``(4.)`` allows).
_VERSION = re.compile(r"(\d+(?:\.\d+){2,}|\d+\.\d{2,})\.?")
#: Words before a number that make it part of a name: "HGV Class 1", "Piano Grade 5".
_NAMING_WORDS = frozenset({"class", "stage", "tier", "grade", "level", "band", "year", "type"})
_NAMING_WORDS |= {"step", "phase", "part", "version", "unit", "module", "section", "book"}
_NAMING_WORDS |= {"vol", "volume", "no", "number", "key"}


def _scale_level(value: str) -> float | None:
    """A number that can only be a level: 0-5 in whole or half points."""
    level = float(value)
    return level if level <= 5 and level * 2 == int(level * 2) else None


def other_level(text: str, line: int, source: str, block: str) -> tuple[str, float] | None:
    """``(name, level)`` of an item whose level is written another way than ``(N)``, or None
    when ``text`` ends in no level (kept whole; warned of where a level may be meant).
    Raises :class:`ProfileParseError` for two levels or a fraction of another scale."""
    if len(text) > _LONGEST:
        return None
    if (match := _TWO_LEVELS.match(text)) is not None:
        _refuse(source, line, text, match.group(1), "has two levels")
    if (match := _FRACTION.match(text)) is not None:
        name = match.group(1)
        bracketed = match.group(2) is not None
        value, scale = match.group(2, 3) if bracketed else match.group(4, 5)
        level = _scale_level(value) if scale == "5" else None
        if level is not None:
            return name, level
        if bracketed and scale != "5":
            _refuse(source, line, text, name, f"gives a level out of {scale}, not of 5")
        return None  # "24/7", "Support 24/5": a name
    if (match := _STARS.match(text)) is not None:
        stars = match.group(2) or match.group(3)
        return match.group(1), float(stars.count("★"))
    if (match := _AFTER_MARK.match(text)) is not None:
        level = _scale_level(match.group(2))
        if level is not None:
            return match.group(1), level
        return None  # "IELTS: 6.5", "ISO 14001:2015", "Lifting - 25": names
    for pattern, what in ((_RANGE, "gives a range"), (_WORDED, "may give a level")):
        if (match := pattern.match(text)) is not None:
            _warn(source, line, text, match.group(1), what)
            return None
    if (match := _SQUARE.match(text)) is not None and _scale_level(match.group(2)) is not None:
        _warn(source, line, text, match.group(1), "may give a level (or mark a note)")
        return None
    bare = _BARE.match(text)
    if (
        bare is not None
        and _scale_level(bare.group(3)) is not None
        and bare.group(2).casefold() not in _NAMING_WORDS
        and not any(c.isdigit() for c in bare.group(1))  # "Key Stage 1 - 2": a name
        and not _known(block, text)
    ):
        _warn(source, line, text, bare.group(1), "ends in a number")
    return None


def refuse_version(inside: str, written: str, name: str, line: int, source: str) -> None:
    """Raise :class:`ProfileParseError` where ``inside``, what the brackets ``written`` at the
    end of an item after ``name`` hold (NFKC, stripped), is a version rather than a level."""
    if (version := _VERSION.fullmatch(inside)) is None:
        return
    raise ProfileParseError(
        source,
        line,
        f"level {written!r} of {name!r} is a version, not a level: a level is a number from 0 "
        f"(none) to 5 (expert) with at most one decimal, such as '{name} (3)', and a version "
        f"is written without brackets, such as '{name} {version.group(1)}'",
    )


def ends_like_level(text: str) -> bool:
    """Would the reader take a level from the end of ``text`` written without one, or refuse
    it? (A name it keeps whole, with a warning or without, reads back as written: not this.)"""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return other_level(text, 0, "", "") is not None
    except ProfileParseError:
        return True


def _known(block: str, name: str) -> bool:
    from .vocabulary import builtin_vocabulary

    return bool(block) and builtin_vocabulary().resolve(block, name) is not None


def _named(name: str) -> str:
    """A name as a suggestion shows it, without the separator before a level ("SQL:")."""
    return name.rstrip(" :-–—ー：")


def _refuse(source: str, line: int, text: str, name: str, what: str) -> None:
    raise ProfileParseError(
        source,
        line,
        f"{text!r} {what}; write one level from 0 (none) to 5 (expert) in brackets, such as "
        f"'{_named(name)} (4)', or leave it out",
    )


def _warn(source: str, line: int, text: str, name: str, what: str) -> None:
    warnings.warn(
        ProfileWarning(
            f"{source}:{line}: {text!r} {what}, kept in the name; if a level is meant, write "
            f"it in brackets after the name, such as '{_named(name)} (4)' (a number from 0 to 5)"
        ),
        stacklevel=6,
    )
