"""A name from the input shown as a label: one line, of bounded length."""

from __future__ import annotations

__all__ = ["LABEL", "counted", "label", "percent", "possessive"]

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


def percent(share: float) -> str:
    """A probability as a whole percentage that never reads as a certainty: "<1%" and ">99%"
    where rounding would print 0 % or 100 % (a career changer read "0 %" beside their target
    as a verdict, and "100 %" from a dozen ratings as proof)."""
    if share < 0.005:
        return "<1%"
    if share > 0.995:
        return ">99%"
    return f"{share:.0%}"
