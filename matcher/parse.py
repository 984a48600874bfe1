"""Read and write job-profile documents (the format of ``../shared/seeds``).

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
import unicodedata
import warnings
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .errors import InputError
from .profile import Aptitude, Item, JobProfile

__all__ = [
    "HEADINGS",
    "ProfileParseError",
    "ProfileWarning",
    "ProfileWriteError",
    "parse_profile",
    "write_profile",
]


class ProfileParseError(InputError):
    """A job-profile document that cannot be read. ``str()`` is ``source:line: message``."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class ProfileWarning(UserWarning):
    """Something in a document was kept but looks unintended (an unknown heading, say)."""


class ProfileWriteError(ValueError):
    """A profile holds text that the document format cannot represent unambiguously."""


# (field, heading as written, kind). The order is the order of the written document.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("industry", "Industry & Occupation", "text"),
    ("classification", "Classification", "classification"),
    ("summary", "Summary", "text"),
    ("description", "Description", "text"),
    ("outlook", "Future Outlook", "text"),
    ("traits", "Personality Traits", "items"),
    ("work_style", "Work Style", "list"),
    ("career_path", "Career Path", "path"),
    ("required_skills", "Required Skills", "items"),
    ("recommended_skills", "Recommended Skills", "items"),
    ("aptitudes", "Aptitudes (Strengths Preferred)", "aptitudes"),
    ("aliases", "Aliases", "list"),
    ("related_jobs", "Related Jobs", "list"),
    ("tags", "Tags", "list"),
    ("keywords", "Keywords", "list"),
)
_KIND = {name: kind for name, _, kind in SECTIONS}
_HEADING_OF = {name: heading for name, heading, _ in SECTIONS}

_HEADING_SPELLINGS = {
    "industry": ("industry & occupation", "industry and occupation", "industry", "occupation"),
    "classification": ("classification", "occupational classification"),
    "summary": ("summary", "overview"),
    "description": ("description", "job description", "duties"),
    "outlook": ("future outlook", "outlook"),
    "traits": ("personality traits", "personality", "traits"),
    "work_style": ("work style", "work styles", "working style"),
    "career_path": ("career path", "career paths"),
    "required_skills": ("required skills",),
    "recommended_skills": ("recommended skills",),
    "aptitudes": (
        "aptitudes (strengths preferred)",
        "aptitudes",
        "aptitude",
        "strengths preferred",
    ),
    "aliases": ("aliases", "also known as"),
    "related_jobs": ("related jobs", "related occupations"),
    "tags": ("tags",),
    "keywords": ("keywords",),
}
#: normalised heading text -> profile field
HEADINGS: dict[str, str] = {
    spelling: name for name, spellings in _HEADING_SPELLINGS.items() for spelling in spellings
}

_BULLET = re.compile(r"^(?:[•・*\-–]|\d{1,2}[.)])\s+(.*)$")
_LEVEL = re.compile(r"^(.*?\S)\s*\((\d+(?:\.\d+)?)\)$")
_LEVEL_INSIDE = re.compile(r"^(.*?\S)\s*\((\d+(?:\.\d+)?)\)\s+(\S.*)$")
_CLASS_ITEM = re.compile(r"^(?:[•・*\-–]\s*)?([A-Za-z][A-Za-z ]{0,20}?)\s*[:：]\s*(.*)$")
_ARROW = re.compile(r"\s*(?:→|->|⇒|＞)\s*")
_TABLE_SEPARATOR = re.compile(r"^:?-+:?$")
_MARKDOWN_MARK = re.compile(r"^#+\s+(?=\S)")
_PLAIN_SPLIT = re.compile(r"\t+|\s{2,}|\s+\|\s+|\s*:\s+|\s+[-–]\s+")
_SMALL_WORDS = frozenset(
    {"and", "of", "the", "for", "in", "or", "to", "a", "an", "with", "&", "on"}
)
_SENTENCE_END = tuple(".。!?！？,、;；")


def _heading_key(line: str) -> str:
    text = unicodedata.normalize("NFKC", line).strip()
    text = re.sub(r"^#+\s*", "", text).rstrip(":").strip()
    return re.sub(r"\s+", " ", text).casefold()


def _known_heading(line: str) -> str | None:
    return HEADINGS.get(_heading_key(line))


def _is_bullet(line: str) -> bool:
    return _BULLET.match(line.strip()) is not None


def _title_like(line: str) -> bool:
    """Does this line look like a section heading (short, capitalised, no sentence end)?"""
    text = re.sub(r"^#+\s*", "", line.strip()).rstrip(":").strip()
    if not text or len(text) > 60 or text[0] in "|•・*-–" or text.endswith(_SENTENCE_END):
        return False
    if " / " in text or _ARROW.search(text) or _is_bullet(text):
        return False
    words = text.split()
    if len(words) > 6:
        return False
    for word in words:
        letters = [c for c in word if c.isalpha()]
        if word.casefold() in _SMALL_WORDS or not letters:
            continue
        if not letters[0].isupper():
            return False
    return text[0].isalpha() and text[0].isupper()


@dataclass
class _Section:
    name: str  # a profile field, or "" for an unknown heading
    heading: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    blank_before_last: bool = False


def _read_source(path_or_text: str | os.PathLike[str] | bytes) -> tuple[str, str]:
    """Return ``(source name, decoded text)``."""
    if isinstance(path_or_text, os.PathLike) or (
        isinstance(path_or_text, str)
        and "\n" not in path_or_text
        and len(path_or_text) < 4096
        and _is_file(path_or_text)
    ):
        path = Path(path_or_text)
        return str(path), _decode(path.read_bytes(), str(path))
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
        known = _known_heading(line)
        current = sections[-1] if sections else None
        if known is not None and not (current is not None and _is_bullet(raw)):
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
                    f"section {_HEADING_OF[known]!r} appears a second time (first at line "
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
            heading = _extra_heading(line)
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
    values: dict[str, object] = {"title": _MARKDOWN_MARK.sub("", head[0][1])}
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


def _extra_heading(line: str) -> str:
    """The heading an unknown-heading line names: without ``#`` marks and trailing colons."""
    return re.sub(r"^#+\s*", "", line).rstrip(":").strip()


def _starts_unknown_section(section: _Section, line: str, blank_before: bool) -> bool:
    """After some content, does ``line`` open a section with a heading we do not know?"""
    if not _title_like(line):
        return False
    if line.endswith(":") or blank_before:
        return True
    kind = _KIND.get(section.name, "text")
    if kind in ("text", "classification"):
        return True
    # In a bulleted list a plain line cannot be another item.
    return kind in ("list", "items", "aptitudes") and _is_bullet(section.lines[-1][1])


def _convert(section: _Section, source: str) -> object:
    kind = _KIND[section.name]
    lines = section.lines
    if kind == "text":
        return "\n".join(line for _, line in lines)
    if kind == "classification":
        return _classification(lines)
    if kind == "path":
        return tuple(_path_steps(lines))
    if kind == "list":
        return tuple(item for _, item in _list_items(lines))
    if kind == "items":
        return tuple(
            Item(*_split_level(text, number, source)) for number, text in _list_items(lines)
        )
    return tuple(_aptitudes(lines, source))


def _classification(lines: list[tuple[int, str]]) -> tuple[str, ...]:
    values = []
    for _, line in lines:
        match = _CLASS_ITEM.match(line)
        if match and (_is_bullet(line) or match.group(1).strip().casefold() in _CLASS_LEVELS):
            if match.group(2).strip():
                values.append(match.group(2).strip())
        else:
            bullet = _BULLET.match(line)
            values.append(bullet.group(1).strip() if bullet else line)
    return tuple(values)


_CLASS_LEVELS = ("major", "middle", "minor", "detail")


def _path_steps(lines: list[tuple[int, str]]) -> list[str]:
    steps = []
    for _, line in lines:
        bullet = _BULLET.match(line)
        if bullet:
            steps.append(bullet.group(1).strip())
        else:
            steps.extend(s.strip() for s in _ARROW.split(line) if s.strip())
    return steps


def _list_items(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    items = []
    for number, line in lines:
        bullet = _BULLET.match(line)
        if bullet:
            if bullet.group(1).strip():
                items.append((number, bullet.group(1).strip()))
            continue
        items.extend((number, part.strip()) for part in line.split(" / ") if part.strip())
    return items


def _split_level(text: str, line: int, source: str) -> tuple[str, float | None]:
    match = _LEVEL.match(text)
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
    return all(_TABLE_SEPARATOR.match(c.replace(" ", "")) for c in cells) and any(cells)


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
            bullet = _BULLET.match(line)
            name, reason = _split_plain_row(bullet.group(1) if bullet else line, number, source)
        if not name:
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
    if len(parts) == 2 and _LEVEL.match(parts[0]) is None and len(parts[0].split()) <= 6:
        return parts[0].strip(), parts[1].strip()
    known = _known_aptitude_prefix(line)
    if known:
        return line[: len(known)].strip(), line[len(known) :].strip()
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    if _title_like(line):
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
    from .vocabulary import builtin_vocabulary  # only seed-style rows need it

    vocabulary = builtin_vocabulary()
    words = line.split(" ")
    for count in range(min(len(words) - 1, 6), 0, -1):
        prefix = " ".join(words[:count])
        if vocabulary.resolve("aptitude", prefix):
            return prefix
    return None


# --------------------------------------------------------------------------- writing


def _format_level(level: float | None, name: str) -> str:
    if level is None:
        return ""
    if not 0 <= level <= 5:  # NaN fails this too
        raise ProfileWriteError(f"the level {level!r} of {name!r} is outside 0-5")
    if float(level).is_integer():
        return f" ({int(level)})"
    # Positional digits: the parser reads '(0.00001)', not the '(1e-05)' of repr().
    return f" ({Decimal(repr(float(level))):f})"


def write_profile(profile: JobProfile) -> str:
    """Render a profile as a document that :func:`parse_profile` reads back equal.

    The layout is the spaced one (blank lines between sections), lists joined
    by `` / `` unless an item needs a bullet, aliases and related jobs as
    bullets, the aptitude table in Markdown.

    Raises
    ------
    ProfileWriteError
        When a value cannot be written unambiguously (a line break inside a
        list item, a paragraph that reads as a heading, a level outside 0-5, ...).
    """
    out: list[str] = []
    _check_line(profile.title, "title")
    if _known_heading(profile.title):
        raise ProfileWriteError(f"the title {profile.title!r} reads as a section heading")
    if profile.title.startswith("\ufeff"):
        raise ProfileWriteError(
            f"the title {profile.title!r} starts with a byte order mark, which readers drop"
        )
    if _MARKDOWN_MARK.match(profile.title):
        raise ProfileWriteError(
            f"the title {profile.title!r} starts with a Markdown heading mark, which readers "
            f"drop"
        )
    out += [profile.title, ""]
    if profile.reading:
        _check_line(profile.reading, "reading")
        if _known_heading(profile.reading):
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
            not _title_like(heading)
            or _known_heading(heading)
            or _extra_heading(f"{heading}:") != heading
        ):
            raise ProfileWriteError(
                f"extra section heading {heading!r} would not read back as a new heading"
            )
        # The colon marks it as a heading even when the section before it is empty.
        out += [f"{heading}:", ""]
        body = _paragraphs(list(lines), f"section {heading!r}")
        if body:
            out += [*body, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _check_line(text: str, what: str) -> None:
    if not text or text != text.strip() or "\n" in text or "\r" in text:
        raise ProfileWriteError(
            f"{what} {text!r} must be non-empty, on one line, without surrounding spaces"
        )


def _reads_as_heading(line: str, first: bool) -> bool:
    """Would the parser read this content line as a heading? ``first``: it opens its section."""
    return _known_heading(line) is not None or (
        (not first or line.endswith(":")) and _title_like(line)
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
            plain = not (_CLASS_ITEM.match(values[0]) or _is_bullet(values[0]))
            if plain and not _reads_as_heading(values[0], first=True):
                return values
        labels = ["Major", "Middle", "Minor", "Detail"]
        if len(values) > len(labels):
            raise ProfileWriteError(f"classification has {len(values)} levels; at most 4 fit")
        for v in values:
            _check_line(v, "a classification level")
        return [f"- {label} : {v}" for label, v in zip(labels, values, strict=False)]
    if kind == "path":
        steps = list(value)  # type: ignore[call-overload]
        for step in steps:
            _check_line(step, "a career path step")
        joined = " → ".join(steps)
        if any(_ARROW.search(s) or _is_bullet(s) for s in steps) or (
            steps
            and (_path_steps([(0, joined)]) != steps or _reads_as_heading(joined, first=True))
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
            if _TABLE_SEPARATOR.match(row.name.replace(" ", "")):
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
            _check_level_free(text)
            text += _format_level(item.level, text)
        elif kind == "items":
            raise ProfileWriteError(f"{name} holds {item!r}, expected Item")
        texts.append(text)
    if not texts:
        return []
    bulleted = name in ("aliases", "related_jobs") or any(
        " / " in t or _is_bullet(t) or t.startswith("|") for t in texts
    )
    if not bulleted:
        joined = " / ".join(texts)
        # An item ending in ' /' or starting with '1. ' would not split back as written.
        reads_back = [text for _, text in _list_items([(0, joined)])] == texts
        if reads_back and not _reads_as_heading(joined, first=True):
            return [joined]
    return [f"  • {t}" for t in texts]


def _check_level_free(name: str) -> None:
    if _LEVEL.match(name):
        raise ProfileWriteError(f"the name {name!r} ends like a level '(N)'")


def _escape_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")
