"""A name from the input shown as a label: one line, of bounded length."""

from __future__ import annotations

__all__ = ["LABEL", "counted", "label", "possessive"]

#: The most of a name a line of output or a heading shows (a name is a label, not text).
LABEL = 80


def label(text: str) -> str:
    """``text`` as one line of at most :data:`LABEL` characters. A line break in a person's
    name printed a line of its own, which can pass for a result; a 400-character name set as
    a report's heading pushed the best matches off its first page."""
    text = " ".join(text.splitlines())
    return text if len(text) <= LABEL else text[: LABEL - 1].rstrip() + "\u2026"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and its noun, singular for one ("1 line", "2 lines", "1,000 rows")."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def possessive(title: str) -> str:
    """``title``'s, as English writes it: Cashiers' (not Cashiers's), Chef's."""
    return f"{title}'" if title.endswith("s") else f"{title}'s"
