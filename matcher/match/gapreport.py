"""What a gap report holds: each step of the path with its gaps, and the learning plan.

The types :func:`matcher.match.gaps.gaps` returns (each with ``to_dict`` for JSON), and how
a level and an estimate are said to a person. No arithmetic here
(:mod:`matcher.core.gapmath`) and no route search (:mod:`matcher.match.routes`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from matcher.core.gapmath import PRIOR_RATING, PRIOR_WEIGHT

__all__ = ["ESTIMATE_TEXT", "Gap", "GapReport", "PathStep", "PlanItem"]


#: What an estimate of an unrated item is, exactly (matcher.core.gapmath.block_means).
ESTIMATE_TEXT = (
    "the mean of your ratings in the same block, pulled towards "
    f"{PRIOR_RATING:g} (“can do it with guidance”) as if you had given {PRIOR_WEIGHT:g} more "
    f"ratings of {PRIOR_RATING:g}; with no rating in the block, the mean of all your ratings, "
    f"pulled the same way; never above {PRIOR_RATING:g}: what you rate high says nothing of "
    "what you left out"
)


@dataclass(frozen=True)
class Gap:
    """One item a step needs more of.

    ``rating`` is None when the person did not rate it; ``estimate`` is then the
    rating assumed (the block mean shrunk towards 2). ``skipped``: unrated, and the
    person's questionnaire asked it (``"asked"`` lists it, or is ``"all"``): left blank, not
    never asked (False for an item a questionnaire did not ask, and for every unrated item of
    a free list, which names what the person has and asks nothing). ``level`` is what the
    step needs, capped at the target's level; levels are given to one decimal.
    """

    block: str
    name: str
    rating: float | None
    level: float
    deficit: float
    priority: float
    estimated: bool = False
    estimate: float | None = None
    skipped: bool = False


@dataclass(frozen=True)
class PathStep:
    """One occupation on the way.

    ``reached``: no key item falls short by more than the tolerance (unrated
    ones judged on their estimate), and the person rated enough of them to say so
    (:func:`~matcher.match.routes.rated_enough`): estimates alone never reach a step.
    ``unrated`` names the key items the person did not rate: rating them makes the
    judgement firm; ``skipped`` names those of them the person was asked and left blank
    (:attr:`Gap.skipped`). ``is_current``: the
    person is here (their current job, or the credible match the route starts
    from); ``is_next``: the step to work towards now. ``undocumented``: no document gives
    the move to this step from the one before it (a close move, the straight move).
    """

    occupation_id: str
    title: str
    score: float
    reached: bool
    gaps: tuple[Gap, ...]
    unrated: tuple[str, ...] = ()
    is_next: bool = False
    is_current: bool = False
    undocumented: bool = False
    skipped: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        """``reached``, ``next``, ``not met yet`` (where the person is, short of it: not ahead
        of them) or ``ahead``: what the CLI and the reports label the step."""
        if self.reached:
            return "reached"
        if self.is_next:
            return "next"
        return "not met yet" if self.is_current else "ahead"


@dataclass(frozen=True)
class PlanItem:
    """Learn ``name`` from ``rating`` to ``level`` by step ``step`` (index into the steps);
    the target needs ``target_level`` (None when the target does not need the item).
    ``estimated``, ``estimate`` and ``skipped`` as for :class:`Gap`."""

    block: str
    name: str
    rating: float | None
    level: float
    target_level: float | None
    step: int
    step_title: str
    priority: float
    estimated: bool = False
    estimate: float | None = None
    skipped: bool = False


#: How the step the person is at is named, by what it is (:attr:`GapReport.start`): beside the
#: step, and in a report's sentence.
_NAMED = {
    "current job": ("you are here", "your own post"),
    "match": ("your closest match", "your closest match"),
}


@dataclass(frozen=True)
class GapReport:
    """Gaps along the route from where a person is to a target occupation.

    ``route`` is ``"career path"`` (along the target's documented path, maybe joined
    from off it), ``"route"`` (a chain of related jobs and career moves, or one move to the
    target: a close move no document gives is flagged on its step), ``"straight"``
    (from where the person is to the target in one move no document gives: no chain leads
    there more directly) or ``"direct"`` (the target alone). ``next_step`` indexes the step to work
    towards now: never the step the person is at, unless that is the target;
    None when the target is reached. ``blocks`` are the model's blocks. ``start``: what the
    step the person is at (``is_current``) is: ``"current job"``, the one they gave, or
    ``"match"``, their closest credible match (no current job given, or one not in the
    catalog: never to be called their post); None when the route has no such step.
    """

    person: str
    target_id: str
    target_title: str
    route: str
    steps: tuple[PathStep, ...]
    next_step: int | None
    plan: tuple[PlanItem, ...]
    notes: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()
    start: str | None = None

    @property
    def here(self) -> str:
        """How the step the person is at is named: ``you are here`` at the current job they
        gave, ``your closest match`` at a match (they may not hold that post)."""
        return _NAMED.get(self.start, _NAMED["match"])[0]

    @property
    def mine(self) -> str:
        """The step the person is at, as a report's sentence names it: ``your own post`` or
        ``your closest match``."""
        return _NAMED.get(self.start, _NAMED["match"])[1]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
