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

import os
import re
from pathlib import Path

from matcher.errors import ProfileParseError
from matcher.util.encoding import looks_utf16
from matcher.util.invisible import strip_invisible

from .job_format import MARKDOWN_MARK, list_items, read_document
from .job_items import warn_duplicates, warn_related
from .job_outline import outline
from .job_sections import section_value
from .profile import Aptitude, Item, JobProfile

__all__ = ["parse_profile"]

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
    head, sections = outline(_lines(text, source), source)
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


def _lines(text: str, source: str) -> list[str]:
    """The document's lines, each line end (CRLF, LF, a lone CR) made one and the invisible
    characters removed; binary content and JSON refused before any line is read."""
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
    return text.split("\n")
