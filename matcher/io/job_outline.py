"""The outline of a job-profile document: its head (the title, an optional reading) and its
sections, each a heading with its lines, before any section's value is read
(:mod:`matcher.io.job_reader` reads them, :mod:`matcher.io.job_sections` the value of each).

Which line opens a section is the hard part: a heading may be numbered ("2. Required Skills"),
marked ("**Overview**"), written with its first line ("Summary: text"), repeated in another
language right after it, or misspelt; and each of these shapes is also a line of some
section's content ("1. Outlook" in a numbered list of skills, "Industry" among the tags).
"""

from __future__ import annotations

import difflib
import re
import warnings
from dataclasses import dataclass, field

from matcher.errors import ProfileParseError, ProfileWarning

from .job_format import (
    ARROW,
    HEADING_OF,
    ITEM_SEPARATOR,
    KINDS,
    SECTIONS,
    extra_heading,
    heading_field,
    heading_words,
    inline_heading,
    is_bullet,
    marked_heading,
    numbered_heading,
    title_like,
)

__all__ = ["Section", "outline"]

#: Sections of sentences, where "Traits: calm at height." may be one of them.
_PROSE = frozenset({"summary", "description", "outlook"})

#: The reader's warnings are said where ``parse_profile`` was called: this many frames up
#: from a method of :class:`_Outliner` (the method, ``read``, ``outline``, ``parse_profile``).
_CALLER = 5


@dataclass
class Section:
    """A section of a document as written: the heading and the lines under it, numbered."""

    name: str  # a profile field, or "" for an unknown heading
    heading: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    blank_before_last: bool = False
    inline: bool = False  # opened by "Summary: text" on one line


def outline(lines: list[str], source: str) -> tuple[list[tuple[int, str]], list[Section]]:
    """The head (the title line, and the reading's if there is one) and the sections of a
    document's ``lines``, each line with its number.

    Raises
    ------
    ProfileParseError
        No title, a heading before the title or twice, text between the head and the first
        heading.
    """
    reader = _Outliner(lines, source)
    for number, raw in enumerate(lines, start=1):
        reader.read(number, raw)
    if not reader.head:
        raise ProfileParseError(source, 1, "the document is empty; expected a title line")
    return reader.head, reader.sections


class _Outliner:
    """A document's lines read one at a time into its head and its sections."""

    def __init__(self, lines: list[str], source: str) -> None:
        self.source = source
        # the sections given a heading line of their own: "Traits: calm." before the real
        # Personality Traits heading is a sentence, not that section opened twice (an error)
        self.standalone = {heading_field(line.strip()) for line in lines} - {None}
        self.head: list[tuple[int, str]] = []
        self.sections: list[Section] = []
        self.seen: dict[str, int] = {}
        self.blank = False
        self.last = 0  # the last line read (a heading repeated in another language right after it)
        self.numbered_before = False  # was that line an item of a numbered list?

    def read(self, number: int, raw: str) -> None:
        """Take line ``number`` (``raw``, as written) into the head or a section."""
        line = raw.strip()
        if not line:
            self.blank = True
            return
        current = self.sections[-1] if self.sections else None
        known = _heading(line, current, self.numbered_before)
        self.numbered_before = _NUMBERED.match(raw) is not None
        if self._translated(known, line, current):
            self.last = number  # "Summary" then "概要": one heading in two languages
            return
        if _inside(known, line, current, self.seen):
            known = None
        self.last = number
        inline = None
        if known is None and self.head and not is_bullet(line) and not line.startswith("|"):
            inline = self._inline(line)
        if inline is not None:
            self._open_inline(number, line, inline, current)
        elif known is not None and not (current is not None and _item_bullet(raw)):
            self._open(number, line, known)
        elif current is None and self.head and _near_heading(line):
            # "Requird Skills" after the title was taken for the reading, and the skills
            # under it for text before the first heading
            self._open_unknown(number, line)
        elif current is None:
            self._add_head(number, line)
        elif (current.lines or line.endswith(":")) and _starts_unknown_section(
            current, line, self.blank
        ):
            self._open_unknown(number, line)
        else:
            current.lines.append((number, line))
            current.blank_before_last = self.blank
        self.blank = False

    def _translated(self, known: str | None, line: str, current: Section | None) -> bool:
        """Is ``line`` the heading just read again, in another language ("Summary", "概要")?"""
        return (
            known is not None
            and current is not None
            and known == current.name == _name_at(self.seen, self.last)
            and heading_words(line).casefold() != heading_words(current.heading).casefold()
        )

    def _inline(self, line: str) -> tuple[str, str] | None:
        """The section a "Summary: text" line opens and its first line, if it opens one."""
        inline = inline_heading(line)
        # A second "Summary: …" is more likely prose than a repeated heading, and so is
        # one whose section has a heading line of its own.
        if inline is not None and (inline[0] in self.seen or inline[0] in self.standalone):
            return None
        return inline

    def _open_inline(
        self, number: int, line: str, inline: tuple[str, str], current: Section | None
    ) -> None:
        """A "Summary: text" line opens its section with its first line."""
        known, first_text = inline
        # (not after a section itself opened inline: a document written all that way)
        prose = current is not None and current.name in _PROSE and not current.inline
        if prose and current.lines and not self.blank:
            # "Traits: calm at height." inside a description opened the traits section,
            # unsaid; a heading with its text is rare enough to say so
            label = line.split(":", 1)[0].split("：", 1)[0].strip()
            warnings.warn(
                ProfileWarning(
                    f"{self.source}:{number}: {line[:50]!r} read as the {HEADING_OF[known]!r} "
                    f"section with its first line; if it is part of "
                    f"{current.heading!r}, write it without the colon after {label!r}"
                ),
                stacklevel=_CALLER,
            )
        self.seen[known] = number
        self.sections.append(
            Section(known, HEADING_OF[known], number, [(number, first_text)], inline=True)
        )

    def _open(self, number: int, line: str, known: str) -> None:
        """A heading line of its own opens section ``known``."""
        if not self.head:
            raise ProfileParseError(
                self.source,
                number,
                f"expected the occupation title on the first line, found the section "
                f"heading {line!r}",
            )
        if known in self.seen:
            raise ProfileParseError(
                self.source,
                number,
                f"section {HEADING_OF[known]!r} appears a second time (first at line "
                f"{self.seen[known]}); merge the two into one section",
            )
        self.seen[known] = number
        self.sections.append(Section(known, line, number))

    def _open_unknown(self, number: int, line: str) -> None:
        """A heading we do not know opens a section kept as an extra, with a warning."""
        _warn_unknown(self.source, number, line, _CALLER + 1)
        self.sections.append(Section("", extra_heading(line), number))

    def _add_head(self, number: int, line: str) -> None:
        """The title, then the reading; a third line before any heading is an error."""
        if len(self.head) == 2:
            raise ProfileParseError(
                self.source,
                number,
                f"expected a section heading such as 'Summary' after the title and "
                f"reading, found {line!r}",
            )
        self.head.append((number, line))


def _heading(line: str, current: Section | None, numbered_before: bool) -> str | None:
    """The section whose heading ``line`` is, a numbered one's too, or None."""
    known = heading_field(line)
    if known is None and (current is None or current.lines) and not numbered_before:
        # "2. Required Skills" of an HR template: a heading, but "1. Outlook" opening a
        # numbered list of skills, or in the middle of one, is an item
        known = numbered_heading(line)
    return known


def _inside(known: str | None, line: str, current: Section | None, seen: dict[str, int]) -> bool:
    """Is the heading of a section already open part of the current section's content?"""
    # "**Overview**" inside a description: a sub-heading of its text; "Industry" among
    # the tags: a tag
    return (
        known is not None
        and current is not None
        and known in seen
        and (marked_heading(line) or (KINDS.get(current.name) == "list" and known != current.name))
    )


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


def _warn_unknown(source: str, number: int, line: str, stacklevel: int) -> None:
    heading = extra_heading(line)
    close = _closest_heading(line)
    meant = f" (did you mean {close!r}?)" if close else ""
    warnings.warn(
        ProfileWarning(
            f"{source}:{number}: unknown heading {heading!r}{meant} kept as an extra "
            f"section; known headings are {', '.join(_KNOWN_HEADINGS)}"
        ),
        stacklevel=stacklevel,
    )


_NUMBERED = re.compile(r"\s*\d{1,2}[.)]\s")


def _name_at(seen: dict[str, int], line: int) -> str | None:
    """The section whose heading is on ``line``, if any."""
    return next((name for name, at in seen.items() if at == line), None)


def _item_bullet(raw: str) -> bool:
    """A bulleted line, which stays an item even when it names a heading (``- Summary`` in a
    list of keywords); a numbered one naming a heading is a numbered heading."""
    return is_bullet(raw) and not _NUMBERED.match(raw)


def _starts_unknown_section(section: Section, line: str, blank_before: bool) -> bool:
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
