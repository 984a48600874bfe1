"""Text and tables that fit the terminal: drawn by rich on a terminal, as plain text elsewhere.

On a terminal the width is the terminal's (or ``COLUMNS``), tables get a heading
rule and bold headers, and rich is imported when the first thing is drawn.
Written to a file or a pipe the output is plain text from :mod:`matcher.cli.plain`
(``COLUMNS`` wide, else 80): no colour codes, ASCII rules, no trailing spaces, and
no rich to import. Either way cells wrap at word boundaries and long words fold,
so no line is wider; text from the input (names, titles) is never read as markup,
and its control characters are not sent to the terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from . import plain

__all__ = ["Screen"]


class Screen:
    """Where a command prints its human-readable output (standard output)."""

    def __init__(self) -> None:
        isatty = getattr(sys.stdout, "isatty", None)
        # a dumb terminal draws no box characters: the plain layout (ASCII rules)
        dumb = os.environ.get("TERM", "") == "dumb"
        self.plain = dumb or not (isatty and isatty())
        # NO_COLOR (no-color.org) asks for no styling at all: bold headers included
        self.style = "" if os.environ.get("NO_COLOR") else "bold"
        self.console = None
        if not self.plain:
            from rich.console import Console

            self.console = Console(markup=False, highlight=False, emoji=False, file=sys.stdout)

    @property
    def width(self) -> int:
        return plain.width() if self.console is None else self.console.width

    def text(self, line: str = "", *, indent: int = 0, hang: int = 0) -> None:
        """A paragraph, wrapped at word boundaries to the width, every line indented, and the
        lines after the first ``hang`` cells more (under the text of a numbered item)."""
        if self.console is None or hang:
            lines = plain.wrap(line, self.width - indent - hang)
            self._write(lines[:1], indent)
            self._write(lines[1:], indent + hang)
            return
        from rich.padding import Padding
        from rich.text import Text

        paragraph = Text(plain.printable(line), overflow="fold")
        self.console.print(Padding(paragraph, (0, 0, 0, indent)) if indent else paragraph)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        numeric: Sequence[str] = (),
        indent: int = 0,
    ) -> None:
        """Rows under a header; the ``numeric`` columns right-aligned."""
        if self.console is None:
            lines = plain.table(header, rows, limit=self.width - indent, numeric=numeric)
            self._write(lines, indent)
            return
        from rich import box
        from rich.padding import Padding
        from rich.table import Table
        from rich.text import Text

        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            header_style=self.style,
            expand=False,
        )
        for name in header:
            table.add_column(name, justify="right" if name in numeric else "left", overflow="fold")
        for row in rows:
            table.add_row(*(Text(plain.printable(str(cell))) for cell in row))
        self.console.print(Padding(table, (0, 0, 0, indent)) if indent else table)

    @staticmethod
    def _write(lines: list[str], indent: int) -> None:
        margin = " " * indent
        sys.stdout.write("".join(f"{margin}{line}".rstrip() + "\n" for line in lines))
