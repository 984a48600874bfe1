"""The job-profile document format: its sections, their headings, and the shapes of a line.

A document is a title line, an optional reading line (kana), then sections,
each a heading on a line of its own followed by its content (see the README).
:mod:`matcher.io.job_reader` and :mod:`matcher.io.job_writer` share these
tables and line tests, so that what one writes the other reads back.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ARROW",
    "BULLET",
    "CLASS_ITEM",
    "CLASS_LEVELS",
    "HEADINGS",
    "HEADING_OF",
    "KINDS",
    "LEVEL",
    "MARKDOWN_MARK",
    "SECTIONS",
    "TABLE_SEPARATOR",
    "extra_heading",
    "is_bullet",
    "known_heading",
    "list_items",
    "path_steps",
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

BULLET = re.compile(r"^(?:[•・*\-–]|\d{1,2}[.)])\s+(.*)$")
LEVEL = re.compile(r"^(.*?\S)\s*\((\d+(?:\.\d+)?)\)$")
CLASS_ITEM = re.compile(r"^(?:[•・*\-–]\s*)?([A-Za-z][A-Za-z ]{0,20}?)\s*[:：]\s*(.*)$")
ARROW = re.compile(r"→|->|⇒|＞")  # no \s* around it: that made a split quadratic in spaces
TABLE_SEPARATOR = re.compile(r"^:?-+:?$")
MARKDOWN_MARK = re.compile(r"^#+\s+(?=\S)")
_SMALL_WORDS = frozenset(
    {"and", "of", "the", "for", "in", "or", "to", "a", "an", "with", "&", "on"}
)
_SENTENCE_END = tuple(".。!?！？,、;；")


def _heading_key(line: str) -> str:
    text = unicodedata.normalize("NFKC", line).strip()
    text = re.sub(r"^#+\s*", "", text).rstrip(":").strip()
    return re.sub(r"\s+", " ", text).casefold()


def known_heading(line: str) -> str | None:
    return HEADINGS.get(_heading_key(line))


def is_bullet(line: str) -> bool:
    return BULLET.match(line.strip()) is not None


def title_like(line: str) -> bool:
    """Does this line look like a section heading (short, capitalised, no sentence end)?"""
    text = re.sub(r"^#+\s*", "", line.strip()).rstrip(":").strip()
    if not text or len(text) > 60 or text[0] in "|•・*-–" or text.endswith(_SENTENCE_END):
        return False
    if " / " in text or ARROW.search(text) or is_bullet(text):
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
    steps = []
    for _, line in lines:
        bullet = BULLET.match(line)
        if bullet:
            steps.append(bullet.group(1).strip())
        else:
            steps.extend(s.strip() for s in ARROW.split(line) if s.strip())
    return steps


def list_items(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    items = []
    for number, line in lines:
        bullet = BULLET.match(line)
        if bullet:
            if bullet.group(1).strip():
                items.append((number, bullet.group(1).strip()))
            continue
        items.extend((number, part.strip()) for part in line.split(" / ") if part.strip())
    return items
