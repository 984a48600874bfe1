"""Paragraphs and tables as plain text, for output that goes to a file or a pipe.

Rich draws the same things on a terminal; here it would cost more to import than
a command spends on its answer, and a file needs no styles. Widths count terminal
cells (a wide East Asian character takes two), so a file viewed in a terminal of
that width stays inside it. Lines are wrapped at spaces; a word longer than its
column is folded. No line ends in a space. Control characters from the input are
shown as U+FFFD, so a name cannot move the cursor or colour the reader's terminal; so are bidi
embedding, override and isolate controls (one left open reversed the rest of the line on a
bidi-aware terminal) and lone surrogates (which no terminal can be sent: writing one stopped
the command with an internal error).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence

from matcher.util.invisible import BIDI_CONTROLS
from matcher.util.labels import label

__all__ = ["DEFAULT_WIDTH", "cells", "label", "printable", "table", "width", "wrap"]

#: The width of output that does not go to a terminal, unless ``COLUMNS`` says otherwise.
DEFAULT_WIDTH = 80

#: Between two columns: as rich's SIMPLE_HEAD box with padding 1 draws it.
GAP = "   "

#: Every C0 and C1 control character but the line feed (which ends a line) and the tab
#: (a space here, where columns are laid out with spaces).
_CONTROLS = {c: "\ufffd" for c in [*range(0x20), *range(0x7F, 0xA0)] if c != 0x0A}
_CONTROLS[0x09] = " "
#: Bidi embeddings, overrides and isolates (the characters the reports and CSV cells remove) and
#: lone surrogates.
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_CONTROLS.update((c, "\ufffd") for c in range(0x2000, 0x2070) if _BIDI.match(chr(c)))
_CONTROLS.update((c, "\ufffd") for c in range(0xD800, 0xE000))


def width() -> int:
    """``COLUMNS`` when it is a positive number, else :data:`DEFAULT_WIDTH`."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else DEFAULT_WIDTH


def printable(text: str) -> str:
    """``text`` with what must not reach a terminal shown as U+FFFD (see above)."""
    return text.translate(_CONTROLS)


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    if text.isascii():
        return len(text)
    return sum(_cell(c) for c in text)


def _cell(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def wrap(text: str, limit: int) -> list[str]:
    """Lines of at most ``limit`` cells: words kept whole where they fit, else folded.

    Spaces inside a line and at the start of a paragraph are kept (they align things).
    """
    limit = max(limit, 1)
    lines: list[str] = []
    for paragraph in printable(text).split("\n"):
        body = paragraph.lstrip(" ")
        line = paragraph[: len(paragraph) - len(body)]
        used, empty = len(line), True
        for word in body.split(" "):
            size, gap = cells(word), 0 if empty else 1
            if used + gap + size <= limit:
                line, used, empty = line + " " * gap + word, used + gap + size, False
                continue
            if not empty:
                lines.append(line)
            start = 0  # a word too long for a whole line is folded, read from an offset
            while size > limit:  # (cutting a copy off each time is quadratic in its length)
                end, taken = _fit(word, start, limit)
                # after a "/" or "-" when the rest then fits a line: Achievement/ | Effort,
                # not Achievement/Effor | t
                cut = max(word.rfind("/", start, end), word.rfind("-", start, end)) + 1
                if start < cut < end and cells(word[cut:]) <= limit:
                    taken, end = cells(word[start:cut]), cut
                lines.append(word[start:end])
                start, size = end, size - taken
            line, used, empty = word[start:], size, False
        lines.append(line)
    return [line.rstrip() for line in lines]


def _fit(word: str, start: int, limit: int) -> tuple[int, int]:
    """Where the longest part of ``word`` from ``start`` within ``limit`` cells ends (at least
    one character), and its cells."""
    taken = 0
    for end in range(start, len(word)):
        size = _cell(word[end])
        if taken + size > limit and end > start:
            return end, taken
        taken += size
    return len(word), taken


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    limit: int,
    numeric: Sequence[str] = (),
) -> list[str]:
    """The header, a rule of ``-`` and the rows, in at most ``limit`` cells a line.

    A column is as wide as its widest cell while the table fits; when it does not,
    the widest columns are narrowed first.
    """
    grid = [[printable(str(cell)) for cell in row] for row in [header, *rows]]
    widths = _widths(grid, limit)
    right = [name in numeric for name in header]
    lines = []
    for number, row in enumerate(grid):
        wrapped = [wrap(cell, width) for cell, width in zip(row, widths, strict=True)]
        height = max(map(len, wrapped))
        if number == 0:  # header cells sit on the rule, as rich draws them
            wrapped = [[""] * (height - len(cell)) + cell for cell in wrapped]
        for depth in range(height):
            parts = []
            for column, cell in enumerate(wrapped):
                text = cell[depth] if depth < len(cell) else ""
                pad = " " * (widths[column] - cells(text))
                parts.append(pad + text if right[column] else text + pad)
            lines.append(GAP.join(parts).rstrip())
        if number == 0:
            lines.append("-" * (sum(widths) + len(GAP) * (len(widths) - 1)))
    return lines


def _widths(grid: list[list[str]], limit: int) -> list[int]:
    """Column widths for lines of at most ``limit`` cells, as rich's tables choose them.

    Rich counts a column's padding in its width (one cell on each inner side) and
    narrows the widest columns to the width of the next widest until the table fits,
    so that terminal and file show the same layout.
    """
    columns = list(zip(*grid, strict=True))
    last = len(columns) - 1
    pads = [(index > 0) + (index < last) for index in range(len(columns))]
    widths = [
        max(cells(line) for cell in column for line in cell.split("\n")) + pad
        for column, pad in zip(columns, pads, strict=True)
    ]
    excess = sum(widths) - (limit - last)  # one cell of rule between two columns
    while excess > 0:
        widest = max(widths)
        difference = widest - max((w for w in widths if w != widest), default=0)
        if not difference:  # every column is down to nothing
            break
        at_most = [min(excess, difference) if w == widest else 0 for w in widths]
        widths = _ratio_reduce(excess, [int(w == widest) for w in widths], at_most, widths)
        excess = sum(widths) - (limit - last)
    return [max(width - pad, 1) for width, pad in zip(widths, pads, strict=True)]


def _ratio_reduce(total: int, ratios: list[int], most: list[int], values: list[int]) -> list[int]:
    """``values`` less ``total`` shared by ``ratios``, each share at most its ``most``
    (``rich._ratio.ratio_reduce``)."""
    ratios = [ratio if limit else 0 for ratio, limit in zip(ratios, most, strict=True)]
    remaining, weight = total, sum(ratios)
    reduced = []
    for ratio, limit, value in zip(ratios, most, values, strict=True):
        if ratio and weight > 0:
            share = min(limit, round(ratio * remaining / weight))
            reduced.append(value - share)
            remaining, weight = remaining - share, weight - ratio
        else:
            reduced.append(value)
    return reduced
