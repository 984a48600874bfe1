"""A rating on the 0-5 scale: the groups ratings are given in, which values are ratings, what
is wrong with one that is not, and when a person's ratings together say little.

One rule for every way a rating comes in (a profile's JSON, a dict, an
:class:`~matcher.io.assessment.Assessment`, an interview's answer), so that a value refused
in one is refused in all, in the same words.
"""

from __future__ import annotations

import json
import math
import numbers
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy is imported by the one function that needs it
    import numpy as np

__all__ = [
    "ALIKE_TEXT",
    "GROUPS",
    "MAX_RATING",
    "MIN_RATING",
    "RATING_KEYS",
    "HugeNumber",
    "rating_number",
    "rating_problem",
    "rating_text",
    "ratings_alike",
]

#: Ratings from which answers all within one point are said to say little (``alike``).
ALIKE_COUNT = 8
#: The words that say so, beside the matches (CLI and reports).
ALIKE_TEXT = (
    "your ratings hardly vary (all within one point), so they say little about which "
    "occupations fit; rate what you do best high and what you lack low"
)
MIN_RATING, MAX_RATING = 0.0, 5.0
#: JSON key of each group of ratings -> its block.
RATING_KEYS = {
    "skills": "skill",
    "aptitudes": "aptitude",
    "traits": "trait",
    "interests": "interest",
}
#: The JSON group of each block (``"skill"`` -> ``"skills"``): RATING_KEYS read backwards.
GROUPS = {block: group for group, block in RATING_KEYS.items()}


def ratings_alike(ratings: np.ndarray) -> np.ndarray:
    """Whether each person's ratings hardly vary: eight or more, all within one point
    (:attr:`Assessment.alike` for many at once). Such answers say little about which
    occupations fit (every 3, or every 4 and 5, fits any job whose levels sit there), and a
    reader is told so beside the matches. ``ratings`` (n, F) with NaN where unanswered;
    returns bool (n,)."""
    import numpy as np

    ratings = np.asarray(ratings)  # a batch's float32 as it is: no copy
    if ratings.shape[1] == 0:
        return np.zeros(len(ratings), bool)
    # fmax and fmin pass over NaN: one pass each, no masked copies of a batch's ratings
    spread = np.fmax.reduce(ratings, axis=1) - np.fmin.reduce(ratings, axis=1)
    return (np.count_nonzero(ratings == ratings, axis=1) >= ALIKE_COUNT) & (spread <= 1)


@dataclass(frozen=True)
class HugeNumber:
    """A JSON number no float or int holds, kept as written: ``1e999`` (read as ``inf``, it
    was said to be "rating inf") or an integer of thousands of digits (which Python refuses to
    read, its error advising ``sys.set_int_max_str_digits``). No rating, whatever its sign."""

    text: str

    def __repr__(self) -> str:
        text = self.text
        return text if len(text) <= 20 else f"{text[:20]}... ({len(text):,} characters)"

    @staticmethod
    def parse_float(text: str) -> float | HugeNumber:
        """``json.loads``'s ``parse_float``."""
        number = float(text)
        return number if math.isfinite(number) else HugeNumber(text)

    @staticmethod
    def parse_int(text: str) -> int | HugeNumber:
        """``json.loads``'s ``parse_int``."""
        try:
            return int(text)
        except ValueError:  # more digits than Python reads (sys.get_int_max_str_digits)
            return HugeNumber(text)


def rating_number(value: Any) -> float | None:
    """A rating as a float; None for what is not a real number. NumPy's and pandas' numbers,
    Decimal and Fraction are numbers; True and False are not ratings."""
    if isinstance(value, bool):
        return None
    if not isinstance(value, numbers.Real):
        from decimal import Decimal  # here: 4 ms of every start-up otherwise

        if not isinstance(value, Decimal):
            return None
    try:
        number = float(value)
    except (OverflowError, ValueError):
        return None
    return number + 0.0 if math.isfinite(number) else None  # -0 is shown as 0


def rating_problem(value: Any, unanswered: str = "null for unanswered") -> str | None:
    """What is wrong with a rating, and what to give instead (``unanswered``: how the way it
    came in leaves an item unanswered), or None for a number 0-5."""
    advice = f"give a number from 0 to 5, or {unanswered}"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**6:
        return f"rating {str(value)[:20]}... is outside 0-5; {advice}"  # too large for a float
    if isinstance(value, HugeNumber):
        return f"rating {value!r} is outside 0-5; {advice}"
    number = rating_number(value)
    if number is None:
        # as JSON writes it ("true", not Python's "True"): the file is JSON
        shown = json.dumps(value) if isinstance(value, bool | list | dict) else repr(value)
        return f"rating {shown} is not a number; {advice}"
    if not MIN_RATING <= number <= MAX_RATING:
        return f"rating {rating_text(number)} is outside 0-5; {advice}"
    return None


def rating_text(number: float) -> str:
    """A rating as a message shows it: short (``9``, not ``9.0``), yet never another value:
    ``:g`` alone showed 5.000000000000001, a slider's float noise, as "rating 5 is outside
    0-5"."""
    short = f"{number:g}"
    return short if float(short) == number else repr(number)
