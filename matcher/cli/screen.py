"""Text and tables that fit the terminal, drawn by rich, imported only when something is drawn.

The width is the terminal's, or ``COLUMNS`` when set (rich reads it), else 80;
cells wrap at word boundaries and long words fold, so no line is wider. On a
terminal tables get a heading rule and bold headers; written to a file or a
pipe the output is plain text: no colour codes, ASCII rules, no trailing
spaces. Text from the input (names, titles) is never read as rich markup.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from typing import Any

__all__ = ["Screen"]


class Screen:
    """Where a command prints its human-readable output (standard output)."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(markup=False, highlight=False, emoji=False, file=sys.stdout)
        self.plain = not self.console.is_terminal

    @property
    def width(self) -> int:
        return self.console.width

    def text(self, line: str = "", *, indent: int = 0) -> None:
        """A paragraph, wrapped at word boundaries to the width, every line indented."""
        from rich.padding import Padding
        from rich.text import Text

        paragraph = Text(line, overflow="fold")
        self._print(Padding(paragraph, (0, 0, 0, indent)) if indent else paragraph)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        numeric: Sequence[str] = (),
        indent: int = 0,
    ) -> None:
        """Rows under a header; the ``numeric`` columns right-aligned."""
        from rich import box
        from rich.padding import Padding
        from rich.table import Table
        from rich.text import Text

        table = Table(
            box=_ascii_head() if self.plain else box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            header_style="" if self.plain else "bold",
            expand=False,
        )
        for name in header:
            table.add_column(name, justify="right" if name in numeric else "left", overflow="fold")
        for row in rows:
            table.add_row(*(Text(str(cell)) for cell in row))
        self._print(Padding(table, (0, 0, 0, indent)) if indent else table)

    def _print(self, renderable: Any) -> None:
        if not self.plain:
            self.console.print(renderable)
            return
        with self.console.capture() as captured:
            self.console.print(renderable)
        lines = captured.get().split("\n")
        sys.stdout.write("\n".join(line.rstrip() for line in lines))


@functools.cache
def _ascii_head() -> Any:
    """SIMPLE_HEAD's layout with an ASCII rule under the header."""
    from rich.box import Box

    return Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
