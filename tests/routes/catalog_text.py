"""Read matcher's catalog documents and vocabulary CSVs without matcher itself.

The route suite's checker uses this so that expectations are held to what the
documents say. Only what the checker needs is read: titles, aliases, the career
path, and every skill, aptitude and trait with the level it needs.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

BLOCKS = ("skills", "aptitudes", "traits")
# Every heading a document may use; an unlisted one would swallow the next section.
HEADINGS = (
    "industry & occupation",
    "classification",
    "summary",
    "description",
    "future outlook",
    "personality traits",
    "work style",
    "career path",
    "required skills",
    "recommended skills",
    "aptitudes (strengths preferred)",
    "aliases",
    "related jobs",
    "tags",
    "keywords",
)
# section -> (block, level when the document gives none), as the README documents.
ITEM_SECTIONS = {
    "required skills": ("skills", 3.0),
    "recommended skills": ("skills", 2.0),
    "aptitudes (strengths preferred)": ("aptitudes", 3.0),
    "personality traits": ("traits", 3.0),
}
LEVELLED = re.compile(r"^(?P<name>.*?)\s*\((?P<level>\d(?:\.\d+)?)\)")

Items = dict[str, dict[str, tuple[float, str]]]  # block -> item -> (level, section)
Ratings = dict[str, dict[str, float]]  # block -> item -> rating


def normalise(name: str) -> str:
    """Case-folded, '&' as 'and', dashes as spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[-\u2010-\u2015]", " ", text).split())


HEADING_KEYS = {normalise(h): h for h in HEADINGS}


@dataclass
class Vocabulary:
    names: dict[str, dict[str, str]]  # block -> normalised name -> name
    aliases: dict[str, dict[str, str]]  # block -> normalised alias -> name

    def canonical(self, block: str, name: str) -> str | None:
        key = normalise(name)
        return self.names[block].get(key) or self.aliases[block].get(key)

    def any_block(self, name: str) -> str | None:
        return next(filter(None, (self.canonical(b, name) for b in BLOCKS)), None)


@dataclass
class Occupation:
    id: str
    title: str
    industry: str
    path: list[str]  # steps as written; the last one is the occupation itself
    aliases: list[str]
    items: Items


def load_vocabulary(folder: Path) -> Vocabulary:
    vocab = Vocabulary({}, {})
    for block in BLOCKS:
        vocab.names[block], vocab.aliases[block] = {}, {}
        with open(folder / f"{block}.csv", newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                name = row["name"].strip()
                vocab.names[block][normalise(name)] = name
                for alias in filter(str.strip, (row.get("aliases") or "").split("|")):
                    vocab.aliases[block][normalise(alias)] = name
    return vocab


def _sections(text: str) -> tuple[str, dict[str, list[str]]]:
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    sections: dict[str, list[str]] = {}
    current = None
    for line in lines[1:]:
        heading = HEADING_KEYS.get(normalise(line.lstrip("#").strip().rstrip(":")))
        if heading:
            current = sections.setdefault(heading, [])
        elif current is not None:
            current.append(line)
    return lines[0].lstrip("#").strip(), sections


def _entries(lines: list[str], vocab: Vocabulary, block: str) -> list[str]:
    """Items of a ' / ' list, a bullet list or an aptitude table (plain or Markdown)."""
    entries = []
    for line in lines:
        if line.startswith("|"):
            cell = line.strip("|").split("|")[0].strip()
            if cell and not set(cell) <= set("-: ") and normalise(cell) != "item":
                entries.append(cell)
        elif bullet := re.match(r"^(?:[\u2022*]|-(?=\s))\s*(.*)$", line):
            entries.append(bullet[1].strip())
        elif block != "aptitudes":
            entries.extend(part.strip() for part in line.split(" / ") if part.strip())
        elif not normalise(line).startswith("item description"):
            # A plain table row: the item is the longest vocabulary name the row starts with.
            key = normalise(LEVELLED.sub(r"\g<name>", line))
            known = [*vocab.names[block], *vocab.aliases[block]]
            starts = [n for n in known if key == n or key.startswith(n + " ")]
            level = LEVELLED.match(line)
            name = max(starts, key=len) if starts else line
            entries.append(f"{name} ({level['level']})" if level else name)
    return entries


def load_catalog(folder: Path, vocab: Vocabulary) -> dict[str, Occupation]:
    catalog = {}
    for path in sorted(folder.glob("*.txt")):
        title, sections = _sections(path.read_text(encoding="utf-8"))
        items: Items = {block: {} for block in BLOCKS}
        for section, (block, default) in ITEM_SECTIONS.items():
            for entry in _entries(sections.get(section, []), vocab, block):
                levelled = LEVELLED.match(entry)
                name = levelled["name"] if levelled else entry
                level = float(levelled["level"]) if levelled else default
                name = vocab.canonical(block, name) or name
                if name not in items[block] or level > items[block][name][0]:
                    items[block][name] = (level, section)
        steps = " ".join(sections.get("career path", [])).split("→")
        catalog[path.stem] = Occupation(
            id=path.stem,
            title=title,
            industry=" ".join(sections.get("industry & occupation", [])),
            path=[step.strip() for step in steps if step.strip()] or [title],
            aliases=_entries(sections.get("aliases", []), vocab, "aliases"),
            items=items,
        )
    return catalog
