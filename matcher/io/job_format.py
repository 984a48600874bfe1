"""The job-profile document format: its sections, their headings, and the shapes of a line.

A document is a title line, an optional reading line (kana), then sections,
each a heading on a line of its own followed by its content (see the README).
:mod:`matcher.io.job_reader` and :mod:`matcher.io.job_writer` share these
tables and line tests, so that what one writes the other reads back.
"""

from __future__ import annotations

import functools
import re
import stat
import unicodedata
from pathlib import Path

from matcher.errors import ProfileParseError

__all__ = [
    "ARROW",
    "BULLET",
    "CLASS_ITEM",
    "CLASS_LEVELS",
    "HEADINGS",
    "HEADING_OF",
    "INVISIBLE",
    "ITEM_SEPARATOR",
    "KINDS",
    "LEVEL",
    "LEVEL_VALUE",
    "MARKDOWN_MARK",
    "MAX_DOCUMENT_BYTES",
    "SECTIONS",
    "TABLE_SEPARATOR",
    "extra_heading",
    "heading_field",
    "heading_words",
    "inline_heading",
    "is_bullet",
    "known_heading",
    "list_items",
    "marked_heading",
    "numbered_heading",
    "path_steps",
    "read_document",
    "title_like",
]

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
KINDS = {name: kind for name, _, kind in SECTIONS}
HEADING_OF = {name: heading for name, heading, _ in SECTIONS}

_HEADING_SPELLINGS = {
    "industry": ("industry & occupation", "industry and occupation", "industry", "occupation"),
    "classification": ("classification", "occupational classification"),
    "summary": ("summary", "overview", "job summary"),
    "description": ("description", "job description", "duties"),
    "outlook": ("future outlook", "outlook"),
    "traits": ("personality traits", "personality", "traits"),
    "work_style": ("work style", "work styles", "working style"),
    "career_path": ("career path", "career paths"),
    "required_skills": ("required skills", "skills required", "essential skills"),
    "recommended_skills": ("recommended skills", "desirable skills", "preferred skills"),
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
#: Headings in Japanese, as a catalog from Japan's job descriptions may write them (the seeds'
#: headings are English; a Japanese heading was read as text of the section before it).
_JAPANESE_SPELLINGS = {
    "industry": ("業界・職種", "業種・職種", "産業・職業"),
    "classification": ("職業分類", "分類"),
    "summary": ("概要",),
    "description": ("仕事内容", "職務内容"),
    "outlook": ("将来の見通し", "今後の見通し", "将来性"),
    "traits": ("性格特性", "性格"),
    "work_style": ("働き方", "ワークスタイル"),
    "career_path": ("キャリアパス",),
    "required_skills": ("必要なスキル", "必須スキル"),
    "recommended_skills": ("推奨スキル",),
    "aptitudes": ("適性", "適性(求められる強み)"),
    "aliases": ("別名",),
    "related_jobs": ("関連職業", "関連する職業"),
    "tags": ("タグ",),
    "keywords": ("キーワード",),
}
#: normalised heading text -> profile field
HEADINGS: dict[str, str] = {
    unicodedata.normalize("NFKC", spelling).casefold(): name
    for table in (_HEADING_SPELLINGS, _JAPANESE_SPELLINGS)
    for name, spellings in table.items()
    for spelling in spellings
}

# A bullet: "-", "*", "–" or "1." / "1)" before a space; a bullet mark ("•", "・", "●", ...) with or
# without one ("•Sales" kept the mark in the name).
BULLET = re.compile(r"^(?:(?:[*\-–]|\d{1,2}[.)])\s+|[•・●■◆▪◦○‣]\s*)(.*)$")
#: An item's level at its end, ``Policy Planning (4)``: group 1 the name, group 2 the level.
LEVEL_VALUE = re.compile(r"^(.*?\S)\s*\(\s*(\d+(?:\.\d+)?)\.?\s*\)$")
#: A name that ends like a level, well formed or mistyped (``(-1)``, ``()``, ``(nan)``,
#: ``(1e0)``, ``（3）``): the reader takes it for a level (and refuses a mistyped one), so the
#: writer must not write it as part of a name. Brackets holding words are part of the name.
LEVEL = re.compile(
    r"^(.*?\S)\s*[(（]\s*(?:("
    r"(?:[+\-−－＋]\s*)?(?:\d[\d.,．，]*|[.,．，]\d+)(?:\s*[eEｅＥ]\s*[+\-−－＋]?\s*\d+)?"
    r"|[+\-]?(?:nan|inf(?:inity)?)"
    r")\s*)?[)）]$",
    re.IGNORECASE,
)
CLASS_ITEM = re.compile(r"^(?:[•・*\-–]\s*)?([A-Za-z][A-Za-z ]{0,20}?)\s*[:：]\s*(.*)$")
# Arrows authors type for a career path's steps; "-->", "=>" and a bare ">" only between spaces
# ("A=>B routing" is a name). No \s* around them: that made a split quadratic in spaces.
ARROW = re.compile(r"→|->|⇒|⇨|➔|➙|➛|➜|➝|➞|➡|⟶|⟹|＞|(?<=\s)(?:-->|=>|>)(?=\s)")
TABLE_SEPARATOR = re.compile(r"^:?-+:?$")
# Any whitespace around the slash: a tab or a no-break space pasted from a spreadsheet or a web
# page must not merge two items into one.
# The lookbehind starts a match only where a run of spaces starts: without it a split of a line
# with a long run of spaces and no slash is quadratic.
# A full-width slash (what a Japanese input method types) parts items with spaces, or without
# them between words not both in Latin letters or digits ("几帳面／忍耐強い"; "CAD／CAM" is one).
ITEM_SEPARATOR = re.compile(
    r"(?<!\s)(?:\s+/\s+|\s+／\s*|／\s+|(?<![A-Za-z0-9])／|／(?![A-Za-z0-9]))"
)
#: A BOM or zero-width character an editor left at a line's edge, which ``str.strip`` keeps.
INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
_INLINE_HEADING = re.compile(r"^(#+\s*)?([^:：]{1,40})[:：]\s*(\S.*)$")
#: The largest document read. Real ones are a few KB; the cap keeps a catalog holding a
#: link to an endless file (``/dev/zero``) from eating all memory.
MAX_DOCUMENT_BYTES = 1 << 20
MARKDOWN_MARK = re.compile(r"^#+\s+(?=\S)")
_SMALL_WORDS = frozenset(
    {"and", "of", "the", "for", "in", "or", "to", "a", "an", "with", "&", "on"}
)
_SENTENCE_END = tuple(".。!?！？,、;；")


_HASHES = re.compile(r"^#+\s*")
_SPACES = re.compile(r"\s+")


# Every line of a document is asked whether it is a heading, several times (the reader's
# passes, marked_heading), and a catalog's documents share most of their lines: 20,000
# synthetic documents took 38 s to parse with the work done each time, 9 s remembered.
@functools.lru_cache(maxsize=1 << 16)
def _heading_key(line: str) -> str:
    text = _trim(unicodedata.normalize("NFKC", line))
    text = _HASHES.sub("", text).rstrip(":").strip()
    return _SPACES.sub(" ", text).casefold()


#: A word of every heading written in ASCII (its longest): an ASCII line holding none of them,
#: in any case, is no heading in any form, since every form's words are words of the line.
#: So is one that starts with bullet marks (and spaces) before ASCII: the marks are kept as
#: they are by NFKC and case folding and join no other character, so they change no word.
_PLAIN_MARKS = " \t•・●■◆▪◦○‣"
_HEADING_WORDS = tuple(sorted({max(key.split(" "), key=len) for key in HEADINGS if key.isascii()}))


# What authors put around a heading: Markdown emphasis, closing "#"s, a number ("7.", "7)"),
# a colon inside or outside the emphasis. "**Related Jobs**" was read as a skill and the jobs
# under it as more skills.
_CLOSING_HASHES = re.compile(r"\s+#+$")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(?=\S)(.*?\S)\1$")
_NUMBERING = re.compile(r"^\d{1,2}[.)]\s+(?=\S)")
_REMARK = re.compile(r"^(.*?\S)\s*\([^()]*\)$")


def _bare_heading(line: str) -> str:
    """``line`` without the marks around a heading's words (the words may still be unknown).
    A number goes only with another mark (``### 7. Related Jobs``, ``**7. Related Jobs**``):
    alone, ``1. Outlook`` is an item of a numbered list, not the Future Outlook section."""
    text = _trim(unicodedata.normalize("NFKC", line))
    marked = text.startswith("#")
    text = _HASHES.sub("", text)
    text = _CLOSING_HASHES.sub("", text).rstrip(":").strip()
    emphasis = _EMPHASIS.match(text)
    if emphasis is not None:
        marked = True
        text = emphasis.group(2).rstrip(":").strip()
    return _NUMBERING.sub("", text) if marked else text


def _trim(text: str) -> str:
    """``text`` without spaces, BOMs and zero-width characters at either end (in any mix:
    ``str.strip`` takes the spaces ``\\s`` matches)."""
    while True:
        trimmed = text.strip().strip(INVISIBLE)
        if trimmed == text:
            return text
        text = trimmed


@functools.lru_cache(maxsize=1 << 16)
def heading_field(line: str) -> str | None:
    """The field a heading line opens (``Summary``, ``## summary:``, ``**Summary**``,
    ``### 3. Summary ###``, ``Summary (short)``), or None."""
    if line.lstrip(_PLAIN_MARKS).isascii():  # each form's words are words of the line
        lowered = line.lower()
        if not any(word in lowered for word in _HEADING_WORDS):
            return None  # most lines of a document, found without the work below
    found = HEADINGS.get(_heading_key(line))
    if found is None and len(line) < 200:  # a heading is short; the rest need no regex work
        bare = _bare_heading(line)
        found = HEADINGS.get(_heading_key(bare))
        remark = _REMARK.match(bare)
        if found is None and remark is not None:  # "Related Jobs (see catalog)"
            found = HEADINGS.get(_heading_key(remark.group(1)))
        if found is None and ("/" in bare or "／" in bare):  # "Summary / 概要", bilingual
            fields = {HEADINGS.get(_heading_key(p)) for p in re.split("[/／]", bare)}
            found = fields.pop() if len(fields) == 1 else None
    return found


def numbered_heading(line: str) -> str | None:
    """The field a numbered line names as a heading, ``2. Required Skills`` (or None): a
    heading only where no numbered list is under way (the reader's call)."""
    numbered = _NUMBERING.match(_trim(line))
    return heading_field(_trim(line)[numbered.end() :]) if numbered is not None else None


def marked_heading(line: str) -> bool:
    """Whether ``line`` is a heading only through its marks or a remark (``**Overview**``,
    ``Related Jobs (see catalog)``), not as written: inside a section, such a line naming a
    section already read is a sub-heading of its text, not that section again."""
    return heading_field(line) is not None and HEADINGS.get(_heading_key(line)) is None


def heading_words(line: str) -> str:
    """A heading line's words without its marks, to compare with the known headings."""
    return _bare_heading(line)


def known_heading(line: str) -> str | None:
    """The field a line may open: a heading alone, or one with text after its colon
    (``Summary: Prepares …``), which the reader takes for a heading where that is new."""
    found = heading_field(line)
    if found is None:
        inline = inline_heading(line)
        found = inline[0] if inline is not None else None
    return found


def inline_heading(line: str) -> tuple[str, str] | None:
    """``(field, text)`` of a known heading with text after its colon, ``Summary: Prepares …``."""
    match = _INLINE_HEADING.match(_trim(line))
    if match is None:
        return None
    # the words before the colon as written: "Career Path (typical): apprentice, then ..."
    # is a sentence of the text it is in, not the Career Path section
    known = HEADINGS.get(_heading_key(match.group(2)))
    return (known, match.group(3).strip()) if known is not None else None


def is_bullet(line: str) -> bool:
    return BULLET.match(line.strip()) is not None


def title_like(line: str) -> bool:
    """Does this line look like a section heading (short, capitalised, no sentence end)?"""
    text = re.sub(r"^#+\s*", "", line.strip()).rstrip(":").strip()
    if not text or len(text) > 60 or text[0] in "|•・●■◆▪◦○‣*-–" or text.endswith(_SENTENCE_END):
        return False
    if ITEM_SEPARATOR.search(text) or ARROW.search(text) or is_bullet(text):
        return False
    if LEVEL_VALUE.match(text):  # "Customer Service (3)": an item with its level
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


#: The levels of the ``- Major : …`` form of a classification, broad to narrow.
CLASS_LEVELS = ("Major", "Middle", "Minor", "Detail")


def extra_heading(line: str) -> str:
    """The heading an unknown-heading line names: without ``#`` marks and trailing colons."""
    return re.sub(r"^#+\s*", "", line).rstrip(":").strip()


def path_steps(lines: list[tuple[int, str]]) -> list[str]:
    """The steps of a career path: one per bulleted line or between arrows, each without the
    number an author put before it ("1) Commis Chef -> 2) Chef de Partie" was one step)."""
    steps = []
    for _, line in lines:
        bullet = BULLET.match(line)
        text = bullet.group(1) if bullet else line
        for step in ARROW.split(text):
            step = _NUMBERING.sub("", step.strip()).strip()
            if step:
                steps.append(step)
    return steps


def list_items(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    items = []
    for number, line in _continued(lines):
        bullet = BULLET.match(line)
        if bullet:
            if bullet.group(1).strip():
                items.append((number, bullet.group(1).strip()))
            continue
        items.extend((number, part.strip()) for part in ITEM_SEPARATOR.split(line) if part.strip())
    return items


def read_document(path: Path) -> bytes:
    """The bytes of a document file, refusing what is not a regular file of a sane size.

    Raises :class:`ProfileParseError` for a missing file, a folder, a device, pipe or
    socket (which can block or never end), and a file over :data:`MAX_DOCUMENT_BYTES`.
    """
    source = str(path)
    limit = f"{MAX_DOCUMENT_BYTES // 1024 // 1024} MB"
    try:
        mode = path.stat().st_mode  # before opening: opening a FIFO would block
    except FileNotFoundError:
        raise ProfileParseError(source, None, "no such file") from None
    except OSError as exc:  # a symbolic link loop, a name too long
        raise ProfileParseError(source, None, f"cannot read it ({exc.strerror})") from None
    except ValueError as exc:  # a NUL byte in the name
        raise ProfileParseError(source, None, f"not a file name ({exc})") from None
    if stat.S_ISDIR(mode):
        raise ProfileParseError(source, None, "is a folder, not a document")
    if not stat.S_ISREG(mode):
        raise ProfileParseError(
            source,
            None,
            "is not a regular file (a device, pipe or socket); a document must be a file",
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
    except FileNotFoundError:  # removed since
        raise ProfileParseError(source, None, "no such file") from None
    except OSError as exc:
        raise ProfileParseError(source, None, f"cannot read it ({exc.strerror})") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ProfileParseError(
            source,
            None,
            f"is larger than {limit}, the most a job-profile document may hold "
            f"(real ones are a few KB)",
        )
    return data


def _continued(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``lines`` with a list wrapped at its separator joined again: a line that ends in ``/``
    goes on in the next one, as does a line that starts with ``/`` the one before; a ``/`` that
    ends the list is dropped (``Traffic Regulations (3) /`` was read as an item named so, its
    level lost)."""
    out: list[tuple[int, str]] = []
    for number, line in lines:
        if out and not BULLET.match(line):
            before = out[-1][1]
            if before.endswith(("/", "／")):
                out[-1] = (out[-1][0], f"{before[:-1].rstrip()} {before[-1]} {line}")
                continue
            if line.startswith(("/", "／")):
                out[-1] = (out[-1][0], f"{before} {line[0]} {line[1:].lstrip()}")
                continue
        out.append((number, line))
    return [
        (number, line.rstrip("/／ ") if not BULLET.match(line) else line) for number, line in out
    ]
