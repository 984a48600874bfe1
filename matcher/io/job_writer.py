"""Write a :class:`JobProfile` as a document that :func:`~matcher.parse_profile` reads back equal.

The layout is the spaced one (blank lines between sections), lists joined by
`` / `` unless an item needs a bullet, aliases and related jobs as bullets, the
aptitude table in Markdown. Text the format cannot represent unambiguously (a
line break inside a list item, a paragraph that reads as a heading, a level
outside 0-5 or with more than one decimal) raises
:class:`~matcher.errors.ProfileWriteError` instead of writing a document that
would read back differently.
"""

from __future__ import annotations

import numbers
from decimal import Decimal

from matcher.errors import ProfileWriteError
from matcher.util.invisible import strip_invisible
from matcher.validation import check_instance

from .job_format import (
    ARROW,
    CLASS_ITEM,
    CLASS_LEVELS,
    LEVEL,
    MARKDOWN_MARK,
    SECTIONS,
    TABLE_SEPARATOR,
    extra_heading,
    is_bullet,
    known_heading,
    list_items,
    path_steps,
    title_like,
)
from .job_items import several_items
from .job_levels import ends_like_level
from .profile import Aptitude, Item, JobProfile

__all__ = ["write_profile"]


#: The fields that hold one text (paragraphs by line).
_TEXT_FIELDS = ("title", "reading", *(name for name, _, kind in SECTIONS if kind == "text"))


def _format_level(level: float | None, name: str) -> str:
    if level is None:
        return ""
    if isinstance(level, bool) or not isinstance(level, numbers.Real | Decimal):
        # True was written as 1, and '4' raised a TypeError: a profile's rating refuses both
        raise ProfileWriteError(
            f"the level {level!r} of {name!r} is not a number; give a number from 0 to 5, or "
            f"None for no level"
        )
    if not 0 <= level <= 5:  # NaN fails this too
        raise ProfileWriteError(f"the level {level!r} of {name!r} is outside 0-5")
    if float(level).is_integer():
        return f" ({int(level)})"
    written = Decimal(repr(float(level)))
    # A level has at most one decimal: the reader refuses '(3.11)' or '(0.00001)' as a version
    # (matcher.io.job_levels), so such a level cannot be written to read back.
    if written != written.quantize(Decimal("0.1")):
        raise ProfileWriteError(
            f"the level {level!r} of {name!r} has more than one decimal, which the reader takes "
            f"for a version; a level is a number from 0 to 5 with at most one decimal, such as 3.5"
        )
    return f" ({written:f})"


def write_profile(profile: JobProfile) -> str:
    """Render a profile as a document that :func:`parse_profile` reads back equal.

    The layout is the spaced one (blank lines between sections), lists joined
    by `` / `` unless an item needs a bullet, aliases and related jobs as
    bullets, the aptitude table in Markdown.

    Raises
    ------
    ProfileWriteError
        When a value cannot be written unambiguously (a line break inside a
        list item, a paragraph that reads as a heading, a level outside 0-5 or
        with more than one decimal, ...).
    """
    check_instance("profile", profile, (JobProfile,), "a JobProfile (from parse_profile)")
    _check_types(profile)
    out: list[str] = []
    _check_line(profile.title, "title")
    if known_heading(profile.title):
        raise ProfileWriteError(f"the title {profile.title!r} reads as a section heading")
    if profile.title.startswith("\ufeff"):
        raise ProfileWriteError(
            f"the title {profile.title!r} starts with a byte order mark, which readers drop"
        )
    if MARKDOWN_MARK.match(profile.title):
        raise ProfileWriteError(
            f"the title {profile.title!r} starts with a Markdown heading mark, which readers drop"
        )
    if profile.title.lstrip().startswith("{"):
        raise ProfileWriteError(
            f"the title {profile.title!r} starts with '{{', which readers take for JSON (a "
            f"self-assessment), not a document"
        )
    out += [profile.title, ""]
    if profile.reading:
        _check_line(profile.reading, "reading")
        if known_heading(profile.reading):
            raise ProfileWriteError(f"the reading {profile.reading!r} reads as a section heading")
        out += [profile.reading, ""]
    for name, heading, kind in SECTIONS:
        value = getattr(profile, name)
        out.append(heading)
        out.append("")
        body = _write_section(name, kind, value)
        if body:
            out += [*body, ""]
    for heading, lines in profile.extra_sections:
        _check_line(heading, "extra section heading")
        if (
            not title_like(heading)
            or known_heading(heading)
            or extra_heading(f"{heading}:") != heading
        ):
            raise ProfileWriteError(
                f"extra section heading {heading!r} would not read back as a new heading"
            )
        # The colon marks it as a heading even when the section before it is empty.
        out += [f"{heading}:", ""]
        body = _paragraphs(list(lines), f"section {heading!r}")
        if body:
            out += [*body, ""]
    document = "\n".join(out).rstrip("\n") + "\n"
    if "\x00" in document or strip_invisible(document) != document:
        raise ProfileWriteError(
            "the profile holds a NUL, a zero-width character or a soft hyphen, which readers drop"
        )
    return document


def _check_types(profile: JobProfile) -> None:
    """Each field of the type the format writes: a str where a tuple of str belongs was written
    a character an item ('Joiner' as six aliases, J, o, i, ...), an int title raised an
    AttributeError."""
    for name in _TEXT_FIELDS:
        value = getattr(profile, name)
        if not isinstance(value, str):
            raise ProfileWriteError(f"{name} must be a str, got {_typed(value)}")
    element = {"items": Item, "aptitudes": Aptitude}
    for name, _, kind in SECTIONS:
        if kind == "text":
            continue
        rows = getattr(profile, name)
        _check_tuple(rows, name, element.get(kind, str))
        for row in rows if kind in element else ():
            for what in ("name", "reason"):
                value = getattr(row, what, "")  # an Item has no reason
                if not isinstance(value, str):
                    raise ProfileWriteError(
                        f"the {what} of an item of {name} must be a str, got {_typed(value)}"
                    )
    _check_tuple(profile.extra_sections, "extra_sections", tuple)
    for section in profile.extra_sections:
        if len(section) != 2 or not isinstance(section[0], str):
            raise ProfileWriteError(
                f"extra_sections holds {_typed(section)}, expected a (heading, lines) pair"
            )
        _check_tuple(section[1], f"the lines of extra section {section[0]!r}", str)


def _check_tuple(value: object, what: str, element: type) -> None:
    kind = element.__name__
    if not isinstance(value, tuple | list):
        raise ProfileWriteError(f"{what} must be a tuple of {kind}, got {_typed(value)}")
    for item in value:
        if not isinstance(item, element):
            raise ProfileWriteError(f"{what} holds {item!r}, expected {kind}")


def _typed(value: object) -> str:
    """A value of the wrong type as a message shows it: its type, then its start."""
    kind = type(value).__name__
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:39] + "\u2026"
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} ({shown})"


def _check_line(text: str, what: str) -> None:
    if not text or text != text.strip() or "\n" in text or "\r" in text:
        raise ProfileWriteError(
            f"{what} {text!r} must be non-empty, on one line, without surrounding spaces"
        )


def _reads_as_heading(line: str, first: bool) -> bool:
    """Would the parser read this content line as a heading? ``first``: it opens its section."""
    return known_heading(line) is not None or (
        (not first or line.endswith(":")) and title_like(line)
    )


def _paragraphs(paragraphs: list[str], what: str) -> list[str]:
    for index, paragraph in enumerate(paragraphs):
        _check_line(paragraph, f"a paragraph of {what}")
        if _reads_as_heading(paragraph, first=index == 0):
            raise ProfileWriteError(f"the paragraph {paragraph!r} of {what} reads as a heading")
    return paragraphs


def _write_section(name: str, kind: str, value: object) -> list[str]:
    if kind == "text":
        return _paragraphs(value.split("\n") if value else [], name)  # type: ignore[union-attr]
    if kind == "classification":
        values = list(value)  # type: ignore[call-overload]
        if len(values) == 1:
            _check_line(values[0], "the classification")
            plain = not (CLASS_ITEM.match(values[0]) or is_bullet(values[0]))
            if plain and not _reads_as_heading(values[0], first=True):
                return values
        labels = CLASS_LEVELS
        if len(values) > len(labels):
            raise ProfileWriteError(f"classification has {len(values)} levels; at most 4 fit")
        for v in values:
            _check_line(v, "a classification level")
        return [f"- {label} : {v}" for label, v in zip(labels, values, strict=False)]
    if kind == "path":
        steps = list(value)  # type: ignore[call-overload]
        for step in steps:
            _check_line(step, "a career path step")
            # read back, a step splits at an arrow and loses a leading number, bulleted or not
            if path_steps([(0, f"• {step}")]) != [step]:
                raise ProfileWriteError(
                    f"the career path step {step!r} holds an arrow or starts with a number; "
                    "a reader would split it or drop the number"
                )
        joined = " → ".join(steps)
        if any(ARROW.search(s) or is_bullet(s) for s in steps) or (
            steps and (path_steps([(0, joined)]) != steps or _reads_as_heading(joined, first=True))
        ):
            return [f"  • {s}" for s in steps]
        return [joined] if steps else []
    if kind == "aptitudes":
        rows = list(value)  # type: ignore[call-overload]
        if not rows:
            return []
        lines = ["| Item | Description |", "|---|---|"]
        for row in rows:
            _check_line(row.name, "an aptitude")
            _check_level_free(row.name)
            if TABLE_SEPARATOR.match(row.name.replace(" ", "")):
                raise ProfileWriteError(f"the aptitude {row.name!r} reads as a table rule")
            if row.reason:
                _check_line(row.reason, f"the reason for {row.name!r}")
            cell = _escape_cell(row.name + _format_level(row.level, row.name))
            lines.append(f"| {cell} | {_escape_cell(row.reason)} |")
        return lines
    items = list(value)  # type: ignore[call-overload]
    texts = []
    for item in items:
        text = item.name if isinstance(item, Item) else item
        _check_line(text, f"an item of {name}")
        if isinstance(item, Item):
            # with its level written after it, only a name ending in "(N)" reads otherwise
            _check_level_free(text, with_level=item.level is not None)
            text += _format_level(item.level, text)
            if several_items(text, "trait" if name == "traits" else "skill"):
                raise ProfileWriteError(f"the name {item.name!r} reads as several items")
        elif kind == "items":
            raise ProfileWriteError(f"{name} holds {item!r}, expected Item")
        texts.append(text)
    if not texts:
        return []
    bulleted = name in ("aliases", "related_jobs") or any(
        " / " in t or is_bullet(t) or t.startswith("|") for t in texts
    )
    if not bulleted:
        joined = " / ".join(texts)
        # An item ending in ' /' or starting with '1. ' would not split back as written.
        reads_back = [text for _, text in list_items([(0, joined)])] == texts
        if reads_back and not _reads_as_heading(joined, first=True):
            return [joined]
    return [f"  • {t}" for t in texts]


def _check_level_free(name: str, *, with_level: bool = False) -> None:
    if LEVEL.match(name) or (not with_level and ends_like_level(name)):
        raise ProfileWriteError(f"the name {name!r} ends like a level '(N)'")


def _escape_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")
