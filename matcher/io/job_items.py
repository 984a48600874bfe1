"""The items of a job-profile document: a name with its level in brackets, ``Policy Planning
(4)``, in a list or in the aptitude table (plain ``Item  Description`` rows or a Markdown
table), and the items a document lists twice (:mod:`matcher.io.job_reader` reads the rest).

A level is a number from 0 to 5 with at most one decimal (full-width digits and brackets too,
``（3）``, as a Japanese input method types them); a bracket that looks like a mistyped one
(``(-1)``, ``()``, ``(1e0)``) or holds a version (``(3.11)``, ``(2.0.1)``) is an error naming
the line, never part of the name or a level; a word in brackets stays in the name (``Ward
Mayor (Tokyo Special Wards)``).
"""

from __future__ import annotations

import re
import unicodedata
import warnings

from matcher.errors import ProfileParseError, ProfileWarning

from .job_format import BULLET, HEADING_OF, LEVEL, LEVEL_VALUE, TABLE_SEPARATOR, title_like
from .job_levels import other_level, refuse_version
from .profile import Aptitude, Item

__all__ = [
    "aptitude_rows",
    "may_be_several",
    "several_items",
    "split_items",
    "split_level",
    "warn_duplicates",
    "warn_related",
]

_LEVEL_INSIDE = re.compile(r"^(.*?\S)\s*\((\d+(?:\.\d+)?)\)\s+(\S.*)$")
_PLAIN_SPLIT = re.compile(r"\t+|\s{2,}|\s+\|\s+|\s*:\s+|\s+[-–]\s+")
_BRACKETED = re.compile(r"^(.*?\S)\s*([(（]([^()（）]*)[)）])$")
_LEVEL_WORDS = frozenset(
    [
        "none",
        "low",
        "basic",
        "beginner",
        "medium",
        "mid",
        "moderate",
        "intermediate",
        "high",
        "advanced",
        "expert",
        "strong",
    ]
)
#: The block each item section's names belong to (``matcher/core/vectorise.py``).
_ITEM_BLOCKS = {
    "required_skills": "skill",
    "recommended_skills": "skill",
    "aptitudes": "aptitude",
    "traits": "trait",
}


def warn_duplicates(located: list[tuple[str, int, Item | Aptitude]], source: str) -> None:
    """Warn about an item listed twice (or by an alias) in one block: only one of them counts,
    the stronger requirement (``profile_requirements``), so the other's level is lost."""
    if not located:
        return
    from matcher.core.vocabulary import normalize_name

    from .vocabulary import builtin_vocabulary

    vocabulary = builtin_vocabulary()
    first: dict[tuple[str, str], tuple[str, int, Item | Aptitude]] = {}
    for field_name, number, row in located:
        block = _ITEM_BLOCKS[field_name]
        key = (block, vocabulary.resolve(block, row.name) or normalize_name(row.name))
        if key not in first:
            first[key] = (field_name, number, row)
            continue
        other_field, other_number, other = first[key]
        warnings.warn(
            ProfileWarning(
                f"{source}:{number}: {block} {row.name!r} ({_level_text(row.level)}, "
                f"{HEADING_OF[field_name]}) is already listed at line {other_number} as "
                f"{other.name!r} ({_level_text(other.level)}, {HEADING_OF[other_field]}); "
                f"only the stronger requirement counts, so list it once"
            ),
            stacklevel=3,
        )


def warn_related(items: list[tuple[int, str]], names: list[str], source: str) -> None:
    """Warn about a related job that names the occupation itself (its title or an alias), and
    one listed again in another spelling (``tech lead``, ``Tech  Lead.``): both say nothing."""
    from matcher.core.vocabulary import normalize_name

    own = {normalize_name(name) for name in names}
    first: dict[str, tuple[int, str]] = {}
    for number, name in items:
        key = normalize_name(name)
        if key in own:
            warnings.warn(
                ProfileWarning(
                    f"{source}:{number}: related job {name!r} is this occupation itself; "
                    f"list other occupations"
                ),
                stacklevel=3,
            )
        elif key in first:
            other_number, other = first[key]
            warnings.warn(
                ProfileWarning(
                    f"{source}:{number}: related job {name!r} is already listed at line "
                    f"{other_number} as {other!r}; list it once"
                ),
                stacklevel=3,
            )
        else:
            first[key] = (number, name)


def _parts(text: str) -> list[str]:
    """The parts of ``text`` between ``,`` and ``;`` outside brackets ("Microsoft Office (Word,
    Excel) (3)" is one), stripped, empty ones left out. One pass: linear in any input."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        if char in "([（":
            depth += 1
        elif char in ")]）":
            depth = max(depth - 1, 0)
        elif char in ",;" and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def several_items(text: str, block: str) -> list[str] | None:
    """The items a ``,``/``;`` list in one item holds: where each part has its own level
    (``Programming (4), Statistics (3)``), or none has and each names a different item of the
    vocabulary where the whole does not (``Programming; Statistics``). None for one item."""
    parts = _parts(text)
    if len(parts) < 2:
        return None
    if all(LEVEL_VALUE.match(part) for part in parts):
        return parts
    from .vocabulary import builtin_vocabulary

    vocabulary = builtin_vocabulary()
    if vocabulary.resolve(block, text) is not None:  # a real name holding a comma
        return None
    # names alone, each a different item: nothing to lose by splitting. With a level on some
    # parts only, "Accounting, Auditing (4)" would leave Accounting without the 4 its author
    # likely meant, and "Food Safety, HACCP (3)" (an alias of it) would list one item twice.
    if any(LEVEL_VALUE.match(part) for part in parts):
        return None
    found = [vocabulary.resolve(block, part) for part in parts]
    if all(found) and len(set(found)) == len(found):
        return parts
    return None


def may_be_several(text: str) -> bool:
    """Does one item look like a list the reader cannot split for sure (``A; B``, ``A (4),
    b c``)? The reader warns of it."""
    if "," not in text and ";" not in text:  # one part (most items)
        return False
    parts = _parts(text)
    # a level on the last part only is the whole item's ("Reading, Writing and Arithmetic (4)")
    return len(parts) > 1 and (";" in text or LEVEL_VALUE.match(parts[0]) is not None)


def split_items(
    items: list[tuple[int, str]], field_name: str, source: str
) -> list[tuple[int, str]]:
    """``items`` with a ``,`` or ``;`` list written as one item split into its items (it was one
    skill, ``Programming (4), Statistics (3), Data Analysis`` at level 3)."""
    block = _ITEM_BLOCKS[field_name]
    out = []
    for number, text in items:
        parts = several_items(text, block) if ("," in text or ";" in text) else None
        if parts is not None:
            out.extend((number, part) for part in parts)
            continue
        if may_be_several(text):
            warnings.warn(
                ProfileWarning(
                    f"{source}:{number}: {block} {text!r} may be several names in one item; "
                    f"join items with ' / ' (each with its own level, 'Programming (4) / "
                    f"Statistics (3)') or put each on a bullet line"
                ),
                stacklevel=3,
            )
        out.append((number, text))
    return out


def _level_text(level: float | None) -> str:
    return "no level" if level is None else f"level {level:g}"


def split_level(
    text: str, line: int, source: str, field_name: str = ""
) -> tuple[str, float | None]:
    match = LEVEL_VALUE.match(text)
    if not match and (bracketed := _BRACKETED.match(text)) is not None:
        # a full-width level, "（3）" or "(３)", as a Japanese input method types it
        match = LEVEL_VALUE.match(
            f"{bracketed.group(1)} {unicodedata.normalize('NFKC', bracketed.group(2))}"
        )
    if not match:
        other = other_level(text, line, source, _ITEM_BLOCKS.get(field_name, ""))
        if other is not None:
            return other
        _check_bracket(text, line, source)
        return text, None
    # "Programming (4) (3)" was 'Programming (4)' at 3 (its tail only: LEVEL is quadratic in
    # a run of spaces)
    name = match.group(1)
    if len(name) <= 200 and name.endswith((")", "）")) and LEVEL.match(name):
        raise ProfileParseError(
            source,
            line,
            f"{text!r} has two levels; write one level from 0 (none) to 5 (expert), such as "
            f"'{LEVEL.match(match.group(1)).group(1)} (4)'",  # type: ignore[union-attr]
        )
    # "Python (3.11)" was Python at level 3.11: a version, not a level
    refuse_version(match.group(2), text[len(name) :].strip(), name, line, source)
    level = float(match.group(2))
    if level > 5:
        raise ProfileParseError(
            source,
            line,
            f"level {match.group(2)} of {match.group(1)!r} is outside 0-5; write a level "
            f"from 0 (none) to 5 (expert) or leave it out",
        )
    return match.group(1), level


def _check_bracket(text: str, line: int, source: str) -> None:
    """Refuse a bracket at the end of an item that holds a mistyped level."""
    bracketed = _BRACKETED.match(text)
    if bracketed is None:
        return
    name, written = bracketed.group(1), bracketed.group(2)
    inside = unicodedata.normalize("NFKC", bracketed.group(3)).strip()
    refuse_version(inside, written, name, line, source)  # "Python (2.0.1)"
    if LEVEL.match(text):  # mistyped: LEVEL_VALUE did not take it
        raise ProfileParseError(
            source,
            line,
            f"level {written!r} of {name!r} is not a level; write a number from 0 (none) to "
            f"5 (expert) in ASCII digits and brackets, such as '{name} (3)', or leave it out",
        )
    if inside.casefold() in _LEVEL_WORDS:
        warnings.warn(
            ProfileWarning(
                f"{source}:{line}: {written!r} after {name!r} looks like a level in words, kept "
                f"as part of the name {text!r}; a level is a number from 0 (none) to 5 "
                f"(expert), such as '{name} (4)'"
            ),
            stacklevel=6,
        )


def _table_cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    if "\\" not in body:  # no escape: the cells are what lies between the pipes
        return [cell.strip() for cell in body.split("|")]
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


#: Every character a separator row can hold (a row holding another cannot be one).
_SEPARATOR_CHARS = re.compile(r"[|:\-\\\s]*")


def _is_separator_row(line: str) -> bool:
    if _SEPARATOR_CHARS.fullmatch(line) is None:  # most rows: no table cell of them is "---"
        return False
    cells = _table_cells(line)
    return all(TABLE_SEPARATOR.match(c.replace(" ", "")) for c in cells) and any(cells)


def aptitude_rows(
    lines: list[tuple[int, str]], source: str, errors: list[ProfileParseError] | None = None
) -> list[tuple[int, Aptitude]]:
    """The aptitudes of the table's ``lines``. With ``errors``, a row that cannot be read is
    left out and its error added there, rather than raised."""
    rows: list[tuple[int, Aptitude]] = []
    # A Markdown table may leave out its outer pipes ("Item | Description", ":--- | :---"):
    # with a separator row, every row holding a pipe is one of its rows.
    header = bool(lines) and [c.casefold() for c in _table_cells(lines[0][1]) if c] == [
        "item",
        "description",
    ]
    table = header or any("|" in line and _is_separator_row(line) for _, line in lines)
    for index, (number, line) in enumerate(lines):
        if line.startswith("|") or (table and "|" in line):
            if _is_separator_row(line):
                continue
            following = lines[index + 1][1] if index + 1 < len(lines) else ""
            if "|" in following and _is_separator_row(following):
                continue  # the header row of a Markdown table
            cells = _table_cells(line)
            if index == 0 and [c.casefold() for c in cells if c] == ["item", "description"]:
                continue  # a table's header row without its separator row
            name, reason = cells[0], " | ".join(c for c in cells[1:] if c)
            if name and sum(bool(c) for c in cells[1:]) > 1:
                warnings.warn(
                    ProfileWarning(
                        f"{source}:{number}: aptitude row {line[:60]!r} has "
                        f"{len(cells)} cells; expected two, '| aptitude (level) | reason |'. "
                        f"The extra cells were joined into the reason {reason[:40]!r}; write "
                        f"a | inside a reason as \\|"
                    ),
                    stacklevel=4,
                )
        else:
            if index == 0 and re.fullmatch(r"item\s+description", line, flags=re.IGNORECASE):
                continue
            bullet = BULLET.match(line)
            name, reason = _split_plain_row(bullet.group(1) if bullet else line, number, source)
        try:
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
            name, level = split_level(name, number, source, "aptitudes")
        except ProfileParseError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        rows.append((number, Aptitude(name, reason, level)))
    return rows


def _split_plain_row(line: str, number: int, source: str) -> tuple[str, str]:
    """Separate an aptitude from its reason in a plain table row.

    Seeds separate them by a single space, so a separator alone is not
    enough: a level suffix, then a known aptitude name, mark the end of the item.
    """
    if LEVEL_VALUE.match(line):  # "Concentration (4)", no reason: its level, not a reason
        return line, ""
    inside = _LEVEL_INSIDE.match(line)
    if inside:
        return f"{inside.group(1)} ({inside.group(2)})", inside.group(3).strip()
    parts = _PLAIN_SPLIT.split(line, maxsplit=1)
    known = _known_aptitude_prefix(line)
    if len(parts) == 2 and LEVEL_VALUE.match(parts[0]) is None and len(parts[0].split()) <= 6:
        name = parts[0].strip()
        # A known aptitude's name, then words of the reason before its separator ("Stress
        # Tolerance Overnight crossings - often in rough seas"): the name is the aptitude.
        if known is None or not name.startswith(known + " "):
            return name, parts[1].strip()
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
    from .vocabulary import builtin_vocabulary  # seed-style rows only

    vocabulary = builtin_vocabulary()
    words = line.split(" ")
    for count in range(min(len(words) - 1, 6), 0, -1):
        prefix = " ".join(words[:count])
        if vocabulary.resolve("aptitude", prefix):
            return prefix
    return None
