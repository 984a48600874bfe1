"""How things are worded in output: a name from the input as a label (one line, of bounded
length), a count with its noun, a level or rating and an unrated item's estimate (and whether
it was left blank or never asked), a share.

The CLI, the reports, the charts and ``str()`` of a match's items all word them through
here, so that one number reads the same everywhere (``4.9``, ``not rated (≈2)``)."""

from __future__ import annotations

__all__ = [
    "BLANK_ADVICE",
    "ESTIMATE_SIGN",
    "LABEL",
    "counted",
    "estimate_text",
    "label",
    "level_text",
    "percent",
    "possessive",
    "rating_text",
    "sentence",
]

#: The most of a name a line of output or a heading shows (a name is a label, not text).
LABEL = 80
#: The sign before the estimate an unrated item is given (the CLI had ``~``, the reports
#: ``≈``, the chart "estimated").
ESTIMATE_SIGN = "\u2248"
#: What an item the person was asked and left blank is told, where one never asked (or not
#: mentioned in a free list) is told to "rate it to be sure": a dental nurse who skipped
#: Clinical Assessment on her questionnaire read "not rated yet ... rate it to be sure", as if
#: she had never been asked it.
BLANK_ADVICE = "you left it blank: rate it if you can"


def label(text: str) -> str:
    """``text`` as one line of at most :data:`LABEL` characters. A line break in a person's
    name printed a line of its own, which can pass for a result; a 400-character name set as
    a report's heading pushed the best matches off its first page."""
    text = " ".join(text.splitlines())
    return text if len(text) <= LABEL else text[: LABEL - 1].rstrip() + "\u2026"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and its noun, singular for one ("1 line", "2 lines", "1,000 rows")."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def level_text(value: float) -> str:
    """A level or rating as shown: one decimal at most, as the 0-5 scale supports (``4.9``,
    ``3``), rounded as :func:`matcher.core.gapmath.shown_value` rounds it."""
    return f"{round(float(value), 1):g}"


def estimate_text(estimate: float) -> str:
    """The estimate an unrated item is given, marked as one: ``≈2``."""
    return f"{ESTIMATE_SIGN}{level_text(estimate)}"


def rating_text(
    rating: float | None, estimate: float | None = None, *, skipped: bool = False
) -> str:
    """A person's rating as shown: ``4``; unrated, ``not rated (≈2)`` with the estimate the
    gaps assume, or ``not rated`` where none is assumed (a matter of fit, an explanation);
    ``left blank (≈2)`` where the person was asked the item and gave no rating (``skipped``:
    a questionnaire's ``"asked"`` lists it), told apart from an item never asked."""
    if rating is not None:
        return level_text(rating)
    said = "left blank" if skipped else "not rated"
    return said if estimate is None else f"{said} ({estimate_text(estimate)})"


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


def sentence(text: str | None) -> str | None:
    """``text`` begun with a capital, as a sentence of its own (None stays None): notes are
    made to follow a clause, and a report also shows them alone."""
    return None if text is None else text[0].upper() + text[1:]
