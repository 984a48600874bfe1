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
the line and what was expected (those of single items can be collected
instead, to find them all at once). An unknown heading is kept in
``JobProfile.extra_sections`` with a :class:`ProfileWarning`.
"""

from __future__ import annotations

import difflib
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from matcher.errors import ProfileParseError, ProfileWarning
from matcher.util.encoding import looks_utf16
from matcher.util.invisible import strip_invisible

from .job_format import (
    ARROW,
    HEADING_OF,
    ITEM_SEPARATOR,
    KINDS,
    MARKDOWN_MARK,
    SECTIONS,
    extra_heading,
    heading_field,
    heading_words,
    inline_heading,
    is_bullet,
    list_items,
    marked_heading,
    numbered_heading,
    read_document,
    title_like,
)
from .job_items import warn_duplicates, warn_related
from .job_sections import section_value
from .profile import Aptitude, Item, JobProfile

__all__ = ["parse_profile"]

#: Sections of sentences, where "Traits: calm at height." may be one of them.
_PROSE = frozenset({"summary", "description", "outlook"})


@dataclass
class _Section:
    name: str  # a profile field, or "" for an unknown heading
    heading: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    blank_before_last: bool = False
    inline: bool = False  # opened by "Summary: text" on one line


#: A one-line string that ends like a document's file name names a file, found or not.
_FILE_NAME = re.compile(r".*\.(?:txt|text|md|markdown)", re.IGNORECASE)
_PATH_HINT = " (a one-line string ending in .txt or .md is read as a path)"


def _read_source(path_or_text: object) -> tuple[str, str]:
    """Return ``(source name, decoded text)``."""
    one_line = isinstance(path_or_text, str) and "\n" not in path_or_text
    if isinstance(path_or_text, os.PathLike) or (
        one_line
        and len(path_or_text) < 4096
        and (_exists(path_or_text) or _FILE_NAME.fullmatch(path_or_text.strip()))
    ):
        path = Path(path_or_text)
        try:
            data = read_document(path)
        except ProfileParseError as exc:
            if exc.message == "no such file" and not isinstance(path_or_text, os.PathLike):
                raise ProfileParseError(exc.source, None, f"no such file{_PATH_HINT}") from None
            raise
        return str(path), _decode(data, str(path))
    if isinstance(path_or_text, bytes):
        return "<bytes>", _decode(path_or_text, "<bytes>")
    if isinstance(path_or_text, str):
        return "<text>", path_or_text
    kind = type(path_or_text).__name__
    raise ProfileParseError(
        f"<{kind}>",
        None,
        f"parse_profile reads a path (str or os.PathLike) to a document, the document's text "
        f"(str) or its bytes, not {'an' if kind[:1] in 'aeiouAEIOU' else 'a'} {kind}",
    )


def _exists(text: str) -> bool:
    # Any existing path, not only a file: a folder or a device named by a string is refused
    # as one, rather than read as a one-line document titled with the path.
    try:
        return os.path.lexists(text)
    except (OSError, ValueError):  # too long to be a file name, a NUL: text, not a path
        return False


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")  # parse_profile drops the BOM; offsets stay true
    except UnicodeDecodeError as exc:
        # Count lines as the parser does: CRLF, LF and a lone CR each end one.
        before = data[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = before.count(b"\n") + 1
        bad = data[exc.start : exc.end].hex(" ")
        # an editor's "Unicode" is often UTF-16, which its byte order mark gives away
        found = " (the file is UTF-16)" if looks_utf16(data[:4]) else ""
        raise ProfileParseError(
            source, line, f"bytes {bad} are not valid UTF-8{found}; save the document as UTF-8"
        ) from None


def parse_profile(
    path_or_text: str | os.PathLike[str] | bytes,
    *,
    source: str | None = None,
    errors: list[ProfileParseError] | None = None,
) -> JobProfile:
    """Parse one job-profile document into a :class:`JobProfile`.

    Parameters
    ----------
    path_or_text : a path (``str`` or ``PathLike``) to a UTF-8 file, the document
        text itself, or its raw bytes.
    source : name to use in error messages instead of the path.
    errors : a list to collect the errors of single items in (a level outside 0-5, an
        aptitude row without its aptitude): each such item is left out and the rest of
        the document read, so that every problem is found in one pass (``matcher
        catalog check``). Without it the first error is raised.

    Raises
    ------
    ProfileParseError
        No title, a heading that appears twice, undecodable bytes, text before
        the first heading (these stop the reading, ``errors`` given or not), a
        level outside 0-5.
    """
    name, text = _read_source(path_or_text)
    source = source or name
    text = strip_invisible(text).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:  # a NUL is no character of a text document: binary content
        raise ProfileParseError(
            source,
            text[: text.index("\x00")].count("\n") + 1,
            "holds a NUL byte, so this is binary content, not text; save the document as "
            "plain UTF-8 text",
        )
    if text.lstrip().startswith("{"):  # a self-assessment, not an occupation's title
        raise ProfileParseError(
            source,
            1 + text[: len(text) - len(text.lstrip())].count("\n"),
            "this looks like JSON (a person's self-assessment?); a job-profile document starts "
            "with the occupation's title. A self-assessment goes to recommend() or `matcher "
            "recommend`",
        )
    lines = text.split("\n")
    # the sections given a heading line of their own: "Traits: calm." before the real
    # Personality Traits heading is a sentence, not that section opened twice (an error)
    standalone = {heading_field(line.strip()) for line in lines} - {None}

    head: list[tuple[int, str]] = []
    sections: list[_Section] = []
    seen: dict[str, int] = {}
    blank = False
    last = 0  # the last line read (a heading repeated in another language right after it)
    numbered_before = False  # was that line an item of a numbered list?
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            blank = True
            continue
        known = heading_field(line)
        current = sections[-1] if sections else None
        if known is None and (current is None or current.lines) and not numbered_before:
            # "2. Required Skills" of an HR template: a heading, but "1. Outlook" opening a
            # numbered list of skills, or in the middle of one, is an item
            known = numbered_heading(line)
        numbered_before = _NUMBERED.match(raw) is not None
        if (
            known is not None
            and current is not None
            and known == current.name == _name_at(seen, last)
            and heading_words(line).casefold() != heading_words(current.heading).casefold()
        ):
            last = number  # "Summary" then "概要": one heading in two languages
            continue
        if (
            known is not None
            and current is not None
            and known in seen
            and (
                marked_heading(line)
                or (KINDS.get(current.name) == "list" and known != current.name)
            )
        ):
            # "**Overview**" inside a description: a sub-heading of its text; "Industry" among
            # the tags: a tag
            known = None
        last = number
        inline = None
        if known is None and head and not is_bullet(line) and not line.startswith("|"):
            inline = inline_heading(line)
            # A second "Summary: …" is more likely prose than a repeated heading, and so is
            # one whose section has a heading line of its own.
            if inline is not None and (inline[0] in seen or inline[0] in standalone):
                inline = None
        if inline is not None:
            known, first_text = inline
            # (not after a section itself opened inline: a document written all that way)
            prose = current is not None and current.name in _PROSE and not current.inline
            if prose and current.lines and not blank:
                # "Traits: calm at height." inside a description opened the traits section,
                # unsaid; a heading with its text is rare enough to say so
                label = line.split(":", 1)[0].split("：", 1)[0].strip()
                warnings.warn(
                    ProfileWarning(
                        f"{source}:{number}: {line[:50]!r} read as the {HEADING_OF[known]!r} "
                        f"section with its first line; if it is part of "
                        f"{current.heading!r}, write it without the colon after {label!r}"
                    ),
                    stacklevel=2,
                )
            seen[known] = number
            sections.append(
                _Section(known, HEADING_OF[known], number, [(number, first_text)], inline=True)
            )
        elif known is not None and not (current is not None and _item_bullet(raw)):
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
        elif current is None and head and _near_heading(line):
            # "Requird Skills" after the title was taken for the reading, and the skills
            # under it for text before the first heading
            _warn_unknown(source, number, line)
            sections.append(_Section("", extra_heading(line), number))
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
            _warn_unknown(source, number, line)
            sections.append(_Section("", extra_heading(line), number))
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
    located: list[tuple[str, int, Item | Aptitude]] = []
    for section in sections:
        if not section.name:
            extras.append((section.heading, tuple(line for _, line in section.lines)))
            continue
        values[section.name] = section_value(section.name, section.lines, source, located, errors)
    values["extra_sections"] = tuple(extras)
    warn_duplicates(located, source)
    related = next((s for s in sections if s.name == "related_jobs"), None)
    if related is not None:
        names = [str(values["title"]), *values.get("aliases", ())]  # type: ignore[misc]
        warn_related(list_items(related.lines), names, source)
    return JobProfile(**values)  # type: ignore[arg-type]


_KNOWN_HEADINGS = [heading for _, heading, _ in SECTIONS]


def _closest_heading(line: str) -> str | None:
    words = heading_words(line)
    close = difflib.get_close_matches(words, _KNOWN_HEADINGS, n=1, cutoff=0.8)
    if not close:  # in any case: "requird skills"
        folded = {h.casefold(): h for h in _KNOWN_HEADINGS}
        found = difflib.get_close_matches(words.casefold(), list(folded), n=1, cutoff=0.8)
        close = [folded[found[0]]] if found else []
    return close[0] if close else None


def _near_heading(line: str) -> bool:
    """Is ``line`` a known heading misspelt (not a reading, which is kana or a name)?"""
    return title_like(line) and _closest_heading(line) is not None


def _warn_unknown(source: str, number: int, line: str) -> None:
    heading = extra_heading(line)
    close = _closest_heading(line)
    meant = f" (did you mean {close!r}?)" if close else ""
    warnings.warn(
        ProfileWarning(
            f"{source}:{number}: unknown heading {heading!r}{meant} kept as an extra "
            f"section; known headings are {', '.join(_KNOWN_HEADINGS)}"
        ),
        stacklevel=3,
    )


_NUMBERED = re.compile(r"\s*\d{1,2}[.)]\s")


def _name_at(seen: dict[str, int], line: int) -> str | None:
    """The section whose heading is on ``line``, if any."""
    return next((name for name, at in seen.items() if at == line), None)


def _item_bullet(raw: str) -> bool:
    """A bulleted line, which stays an item even when it names a heading (``- Summary`` in a
    list of keywords); a numbered one naming a heading is a numbered heading."""
    return is_bullet(raw) and not _NUMBERED.match(raw)


def _starts_unknown_section(section: _Section, line: str, blank_before: bool) -> bool:
    """After some content, does ``line`` open a section with a heading we do not know?"""
    if not title_like(line):
        return False
    if line.endswith(":") or blank_before:
        return True
    kind = KINDS.get(section.name, "text")
    if kind in ("text", "classification"):
        return True
    # In a bulleted list a plain line cannot be another item, nor after a list or a career
    # path written on one line: "Career Path / Deck Officer → Harbour Pilot / Requird Skills"
    # made the misspelt heading and the skills below it steps of the path, unsaid.
    last = section.lines[-1][1]
    if last.endswith(("/", "／")) or ARROW.search(last[-3:]):  # it goes on in this line
        return False
    if kind == "path":
        return is_bullet(last) or ARROW.search(last) is not None
    joined = ITEM_SEPARATOR.search(last) is not None
    return kind in ("list", "items", "aptitudes") and (is_bullet(last) or joined)
