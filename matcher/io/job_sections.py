"""The value of one section of a job-profile document: its text, its classification levels,
its career path, its list, or its items with their levels (:mod:`matcher.io.job_reader`
finds the sections)."""

from __future__ import annotations

import warnings

from matcher.errors import ProfileParseError, ProfileWarning

from .job_format import BULLET, CLASS_ITEM, CLASS_LEVELS, KINDS, is_bullet, list_items, path_steps
from .job_items import aptitude_rows, split_items, split_level
from .profile import Aptitude, Item

__all__ = ["section_value"]

_CLASS_KEYS = tuple(level.casefold() for level in CLASS_LEVELS)


def section_value(
    name: str,
    lines: list[tuple[int, str]],
    source: str,
    located: list[tuple[str, int, Item | Aptitude]],
    errors: list[ProfileParseError] | None = None,
) -> object:
    """The value of section ``name`` (a profile field) of ``lines``; items and aptitudes are
    also added to ``located`` with their line. With ``errors``, an item that cannot be read
    is left out and its error added there, rather than raised."""
    kind = KINDS[name]
    if kind == "text":
        return "\n".join(line for _, line in lines)
    if kind == "classification":
        return _classification(lines, source)
    if kind == "path":
        return tuple(path_steps(lines))
    if kind == "list":
        return tuple(item for _, item in list_items(lines))
    if kind == "items":
        rows = []
        for number, text in split_items(list_items(lines), name, source):
            item = _item(text, number, source, name, errors)
            if item is not None:
                rows.append((number, item))
    else:
        rows = aptitude_rows(lines, source, errors)
    located.extend((name, number, row) for number, row in rows)
    return tuple(row for _, row in rows)


def _item(
    text: str, number: int, source: str, name: str, errors: list[ProfileParseError] | None
) -> Item | None:
    """The item of ``text``, or None with its error added to ``errors`` (when given). (A frame
    of its own, as the list comprehension that read the items had: the warnings of
    :func:`split_level` name the caller of parse_profile by their stack level.)"""
    try:
        return Item(*split_level(text, number, source, name))
    except ProfileParseError as exc:
        if errors is None:
            raise
        errors.append(exc)
        return None


def _classification(lines: list[tuple[int, str]], source: str) -> tuple[str, ...]:
    values = []
    last: tuple[int, int, str] | None = None  # (rank, line, label) of the latest label
    for number, line in lines:
        match = CLASS_ITEM.match(line)
        if match and (is_bullet(line) or match.group(1).strip().casefold() in _CLASS_KEYS):
            label = match.group(1).strip()
            rank = _CLASS_KEYS.index(label.casefold()) if label.casefold() in _CLASS_KEYS else -1
            if rank >= 0 and last is not None and rank <= last[0]:
                warnings.warn(
                    ProfileWarning(
                        f"{source}:{number}: classification label {label!r} comes after "
                        f"{last[2]!r} (line {last[1]}); labels go "
                        f"{', '.join(CLASS_LEVELS)}, broad to narrow, and each value is kept "
                        f"in the order written, as level {len(values) + 1}"
                    ),
                    stacklevel=4,
                )
            if rank >= 0:
                last = (rank, number, label)
            if match.group(2).strip():
                values.append(match.group(2).strip())
        else:
            bullet = BULLET.match(line)
            values.append(bullet.group(1).strip() if bullet else line)
    return tuple(values)
