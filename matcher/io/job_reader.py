"""Read job-profile documents (the format of ``../shared/seeds``) into :class:`JobProfile`.

A document is a title line, an optional reading line (kana), then sections,
each a heading on a line of its own followed by its content. Two layouts of
the same format are accepted, and their obvious neighbours: blank lines
between sections or none; classification as a plain line or as
``- Major : …`` items; lists joined by `` / `` or written as bullets
(``•``, ``-``, ``*``); the aptitude table as plain ``Item Description`` rows
or as a Markdown table; CRLF line ends, a UTF-8 BOM, headings in any case
or with a trailing colon.

One extension: an item of a skill, trait or aptitude list may end with its
level in brackets, ``Policy Planning (4)``, on the 0-5 scale of a person's
self-assessment. Without it the vectoriser uses a default per section.

Every problem is raised as :class:`ProfileParseError` naming the source,
the line and what was expected. An unknown heading is kept in
``JobProfile.extra_sections`` with a :class:`ProfileWarning`.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from matcher.errors import ProfileParseError, ProfileWarning

from .job_format import (
    BULLET,
    CLASS_ITEM,
    CLASS_LEVELS,
    HEADING_OF,
    KINDS,
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
from .profile import Aptitude, Item, JobProfile

__all__ = ["parse_profile"]

_LEVEL_INSIDE = re.compile(r"^(.*?\S)\s*\((\d+(?:\.\d+)?)\)\s+(\S.*)$")
_PLAIN_SPLIT = re.compile(r"\t+|\s{2,}|\s+\|\s+|\s*:\s+|\s+[-–]\s+")
_CLASS_KEYS = tuple(level.casefold() for level in CLASS_LEVELS)


@dataclass
class _Section:
    name: str  # a profile field, or "" for an unknown heading
    heading: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    blank_before_last: bool = False


#: A one-line string that ends like a document's file name names a file, found or not.
_FILE_NAME = re.compile(r".*\.(?:txt|text|md|markdown)", re.IGNORECASE)
_PATH_HINT = " (a one-line string ending in .txt or .md is read as a path)"


def _read_source(path_or_text: str | os.PathLike[str] | bytes) -> tuple[str, str]:
    """Return ``(source name, decoded text)``."""
    one_line = isinstance(path_or_text, str) and "\n" not in path_or_text
    if isinstance(path_or_text, os.PathLike) or (
        one_line
        and len(path_or_text) < 4096
        and (_is_file(path_or_text) or _FILE_NAME.fullmatch(path_or_text.strip()))
    ):
        path = Path(path_or_text)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            hint = "" if isinstance(path_or_text, os.PathLike) else _PATH_HINT
            raise ProfileParseError(str(path), None, f"no such file{hint}") from None
        except IsADirectoryError:
            raise ProfileParseError(str(path), None, "is a folder, not a document") from None
        except OSError as exc:
            raise ProfileParseError(str(path), None, f"cannot read it ({exc.strerror})") from None
        except ValueError as exc:  # a NUL byte in the name
            raise ProfileParseError(str(path), None, f"not a file name ({exc})") from None
        return str(path), _decode(data, str(path))
    if isinstance(path_or_text, bytes):
        return "<bytes>", _decode(path_or_text, "<bytes>")
    if isinstance(path_or_text, str):
        return "<text>", path_or_text
    raise TypeError(
        f"parse_profile expects a path, text or bytes, not {type(path_or_text).__name__}"
    )


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except OSError:  # a line too long to be a file name, say: document text, not a path
        return False


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")  # parse_profile drops the BOM; offsets stay true
    except UnicodeDecodeError as exc:
        # Count lines as the parser does: CRLF, LF and a lone CR each end one.
        before = data[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = before.count(b"\n") + 1
        bad = data[exc.start : exc.end].hex(" ")
        raise ProfileParseError(
            source, line, f"bytes {bad} are not valid UTF-8; save the document as UTF-8"
        ) from None


def parse_profile(
    path_or_text: str | os.PathLike[str] | bytes, *, source: str | None = None
) -> JobProfile:
    """Parse one job-profile document into a :class:`JobProfile`.

    Parameters
    ----------
    path_or_text : a path (``str`` or ``PathLike``) to a UTF-8 file, the document
        text itself, or its raw bytes.
    source : name to use in error messages instead of the path.

    Raises
    ------
    ProfileParseError
        No title, a heading that appears twice, undecodable bytes, text before
        the first heading, a level outside 0-5.
    """
    name, text = _read_source(path_or_text)
    source = source or name
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")

    head: list[tuple[int, str]] = []
    sections: list[_Section] = []
    seen: dict[str, int] = {}
    blank = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            blank = True
            continue
        known = known_heading(line)
        current = sections[-1] if sections else None
        if known is not None and not (current is not None and is_bullet(raw)):
            if not head:
                raise ProfileParseError(
                    source,
                    number,
                    f"expected the occupation title on the first line, found the section "
                    f"heading {line!r}",
                )
            if known in seen:
                raise ProfileParseError(
                    source,
                    number,
                    f"section {HEADING_OF[known]!r} appears a second time (first at line "
                    f"{seen[known]}); merge the two into one section",
                )
            seen[known] = number
            sections.append(_Section(known, line, number))
        elif current is None:
            if len(head) == 2:
                raise ProfileParseError(
                    source,
                    number,
                    f"expected a section heading such as 'Summary' after the title and "
                    f"reading, found {line!r}",
                )
            head.append((number, line))
        elif (current.lines or line.endswith(":")) and _starts_unknown_section(
            current, line, blank
        ):
            heading = extra_heading(line)
            warnings.warn(
                ProfileWarning(
                    f"{source}:{number}: unknown heading {heading!r} kept as an extra "
                    f"section; known headings are {', '.join(h for _, h, _ in SECTIONS)}"
                ),
                stacklevel=2,
            )
            sections.append(_Section("", heading, number))
        else:
            current.lines.append((number, line))
            current.blank_before_last = blank
        blank = False

    if not head:
        raise ProfileParseError(source, 1, "the document is empty; expected a title line")

    # A title written as a Markdown heading ("# Ward Nurse") is the same title.
    values: dict[str, object] = {"title": MARKDOWN_MARK.sub("", head[0][1])}
    if len(head) == 2:
        values["reading"] = head[1][1]
    extras = []
    for section in sections:
        if not section.name:
            extras.append((section.heading, tuple(line for _, line in section.lines)))
            continue
        values[section.name] = _convert(section, source)
    values["extra_sections"] = tuple(extras)
    return JobProfile(**values)  # type: ignore[arg-type]


def _starts_unknown_section(section: _Section, line: str, blank_before: bool) -> bool:
    """After some content, does ``line`` open a section with a heading we do not know?"""
    if not title_like(line):
        return False
    if line.endswith(":") or blank_before:
        return True
    kind = KINDS.get(section.name, "text")
    if kind in ("text", "classification"):
        return True
    # In a bulleted list a plain line cannot be another item.
    return kind in ("list", "items", "aptitudes") and is_bullet(section.lines[-1][1])


def _convert(section: _Section, source: str) -> object:
    kind = KINDS[section.name]
    lines = section.lines
    if kind == "text":
        return "\n".join(line for _, line in lines)
    if kind == "classification":
        return _classification(lines)
    if kind == "path":
        return tuple(path_steps(lines))
    if kind == "list":
        return tuple(item for _, item in list_items(lines))
    if kind == "items":
        return tuple(
            Item(*_split_level(text, number, source)) for number, text in list_items(lines)
        )
    return tuple(_aptitudes(lines, source))


def _classification(lines: list[tuple[int, str]]) -> tuple[str, ...]:
    values = []
    for _, line in lines:
        match = CLASS_ITEM.match(line)
        if match and (is_bullet(line) or match.group(1).strip().casefold() in _CLASS_KEYS):
            if match.group(2).strip():
                values.append(match.group(2).strip())
        else:
            bullet = BULLET.match(line)
            values.append(bullet.group(1).strip() if bullet else line)
    return tuple(values)


def _split_level(text: str, line: int, source: str) -> tuple[str, float | None]:
    match = LEVEL.match(text)
    if not match:
        return text, None
    level = float(match.group(2))
    if level > 5:
        raise ProfileParseError(
            source,
            line,
            f"level {match.group(2)} of {match.group(1)!r} is outside 0-5; write a level "
            f"from 0 (none) to 5 (expert) or leave it out",
        )
    return match.group(1), level


def _table_cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells, current, escaped = [], [], False
    for char in body:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    cells.append("".join(current).strip())
    return cells


def _is_separator_row(line: str) -> bool:
    cells = _table_cells(line)
    return all(TABLE_SEPARATOR.match(c.replace(" ", "")) for c in cells) and any(cells)


def _aptitudes(lines: list[tuple[int, str]], source: str) -> list[Aptitude]:
    rows: list[Aptitude] = []
    for index, (number, line) in enumerate(lines):
        if line.startswith("|"):
            if _is_separator_row(line):
                continue
            following = lines[index + 1][1] if index + 1 < len(lines) else ""
            if following.startswith("|") and _is_separator_row(following):
                continue  # the header row of a Markdown table
            cells = _table_cells(line)
            name, reason = cells[0], " | ".join(c for c in cells[1:] if c)
        else:
            if index == 0 and re.fullmatch(r"item\s+description", line, flags=re.IGNORECASE):
                continue
            bullet = BULLET.match(line)
            name, reason = _split_plain_row(bullet.group(1) if bullet else line, number, source)
        if not name:
            if reason:  # the aptitude would be lost, or read as its reason
                raise ProfileParseError(
                    source,
                    number,
                    f"an aptitude row without the aptitude before its reason "
                    f"({line[:60]!r}); write 'Stress Tolerance (4) | reason' or "
                    f"'| Stress Tolerance (4) | reason |'",
                )
            continue
        name, level = _split_level(name, number, source)
        rows.append(Aptitude(name, reason, level))
    return rows


def _split_plain_row(line: str, number: int, source: str) -> tuple[str, str]:
    """Separate an aptitude from its reason in a plain table row.

    Seeds separate them by a single space, so a separator alone is not
    enough: a level suffix, then a known aptitude name, mark the end of the item.
    """
    inside = _LEVEL_INSIDE.match(line)
    if inside:
        return f"{inside.group(1)} ({inside.group(2)})", inside.group(3).strip()
    parts = _PLAIN_SPLIT.split(line, maxsplit=1)
    if len(parts) == 2 and LEVEL.match(parts[0]) is None and len(parts[0].split()) <= 6:
        return parts[0].strip(), parts[1].strip()
    known = _known_aptitude_prefix(line)
    if known:
        return line[: len(known)].strip(), line[len(known) :].strip()
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    if title_like(line):
        return line, ""
    warnings.warn(
        ProfileWarning(
            f"{source}:{number}: cannot tell the aptitude from its reason in {line!r}; "
            f"separate them with a tab, two spaces or ' | '"
        ),
        stacklevel=4,
    )
    return line, ""


def _known_aptitude_prefix(line: str) -> str | None:
    """The longest run of leading words that names a built-in aptitude."""
    from matcher.core.vocabulary import builtin_vocabulary  # seed-style rows only

    vocabulary = builtin_vocabulary()
    words = line.split(" ")
    for count in range(min(len(words) - 1, 6), 0, -1):
        prefix = " ".join(words[:count])
        if vocabulary.resolve("aptitude", prefix):
            return prefix
    return None
