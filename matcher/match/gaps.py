"""Skill gaps along the career path to a target occupation, and a learning plan.

For every step of the path, each key item of the step (importance at least
:data:`~matcher.core.gapmath.KEY_IMPORTANCE`) is set against the person's
rating: the deficit (levels short) and a priority, importance × deficit ×
discrimination (:mod:`matcher.core.gapmath` holds the arithmetic). An item the
person did not rate is estimated from their other ratings in the same block;
the gap is marked ``estimated`` and its priority halved for the uncertainty.
Gaps are judged on absolute ratings: the bias correction of the ranking does
not apply here, because a step needs what it needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from matcher.core.gapmath import (
    KEY_IMPORTANCE,
    MATCH_TOLERANCE,
    estimated_ratings,
    gap_matrix,
    key_need,
)
from matcher.core.likelihood import match
from matcher.io.assessment import Assessment
from matcher.model.default import default_model
from matcher.model.model import Model

from .recommend import rate
from .routes import Route, documented_path, shortest_route

__all__ = ["Gap", "GapReport", "PathStep", "PlanItem", "gaps", "step_gaps"]


@dataclass(frozen=True)
class Gap:
    """One item a step needs more of. ``rating`` is None when the person did not rate it."""

    block: str
    name: str
    rating: float | None
    level: float
    deficit: float
    priority: float
    estimated: bool = False


@dataclass(frozen=True)
class PathStep:
    """One occupation on the way.

    ``reached``: no key item falls short by more than the tolerance (unrated
    ones judged on their estimate). ``unrated`` names the key items the person
    did not rate: rating them makes the judgement firm.
    """

    occupation_id: str
    title: str
    score: float
    reached: bool
    gaps: tuple[Gap, ...]
    unrated: tuple[str, ...] = ()
    is_next: bool = False
    is_current: bool = False


@dataclass(frozen=True)
class PlanItem:
    """Learn ``name`` from ``rating`` to ``level`` by step ``step`` (index into the steps)."""

    block: str
    name: str
    rating: float | None
    level: float
    final_level: float
    step: int
    step_title: str
    priority: float
    estimated: bool = False


@dataclass(frozen=True)
class GapReport:
    """Gaps along the path from where a person is to a target occupation.

    ``route`` is ``"career path"`` (the target's documented ladder), ``"route"``
    (found through related jobs from the current or best-matching occupation)
    or ``"direct"`` (the target alone). ``next_step`` indexes the first unmet
    step, or is None when every step is reached.
    """

    person: str
    target_id: str
    target_title: str
    route: str
    steps: tuple[PathStep, ...]
    next_step: int | None
    plan: tuple[PlanItem, ...]
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def step_gaps(
    model: Model, row: int, ratings: np.ndarray, estimates: np.ndarray
) -> tuple[Gap, ...]:
    """The gaps of one occupation (row) for one person, most pressing first (then by name).

    ``ratings`` (n_features,) NaN where unrated; ``estimates`` the same with every
    unrated item estimated (:func:`~matcher.core.gapmath.estimated_ratings`).
    """
    need = key_need(model.importance[row], model.vectorizer.discrimination_)
    deficit, priority = gap_matrix(np.isnan(ratings), estimates, model.levels[row], need)
    found = []
    for c in np.flatnonzero(deficit > MATCH_TOLERANCE):
        block, name = model.vectorizer.key(c)
        rated = not np.isnan(ratings[c])
        found.append(
            Gap(
                block=block,
                name=name,
                rating=float(ratings[c]) if rated else None,
                level=float(model.levels[row, c]),
                deficit=float(deficit[c]),
                priority=float(priority[c]),
                estimated=not rated,
            )
        )
    return tuple(sorted(found, key=lambda g: (-g.priority, g.name)))


def gaps(
    profile: Assessment | Mapping[str, Any] | str | Path,
    target: str,
    *,
    model: Model | None = None,
    lenient: bool = False,
) -> GapReport:
    """What a person lacks at each step on the way to ``target`` (id, title or alias).

    The way is the target's career path; when the person names a
    ``current_job`` that is not on it, or the target documents no path, it is
    the cheapest route through related jobs from the current job (or, with no
    current job, from the person's best-matching occupation).

    Parameters
    ----------
    profile : the person's self-assessment: a dict in the JSON shape of the
        README, a path to such a JSON file, or an :class:`~matcher.Assessment`.
    target : the target occupation's id, title or alias.
    model : default: the built-in catalog's model.
    lenient : ignore unknown item names with a warning instead of failing.

    Raises
    ------
    UnknownOccupationError
        An unknown target, listing the closest titles.
    """
    model = model or default_model()
    target_row = model.index_of(model.resolve_occupation(target).id)
    person, ratings = rate(profile, model, lenient=lenient)
    notes: list[str] = []

    result = match(ratings[None, :], model.occupation_matrix(), model.params)
    scores, likelihood = result.score[0], result.log_likelihood[0]
    route = documented_path(model, target_row)
    start_row = None
    if person.current_job:
        current = model.catalog.resolve(person.current_job)
        if current is None:
            notes.append(
                f"current job {person.current_job!r} is not in the catalog; it was not used"
            )
        else:
            start_row = model.index_of(current)
    if start_row is None and route.kind == "direct":
        # No ladder documented: start where the person fits best.
        start_row = int(np.lexsort((np.arange(len(scores)), -likelihood))[0])
        if start_row != target_row:
            notes.append(
                f"{model.catalog[target_row].title} documents no career path; the route starts "
                f"at your best match, {model.catalog[start_row].title}"
            )
    if start_row is not None and start_row != target_row:
        if start_row in route.rows:
            route = Route(route.rows[route.rows.index(start_row) :], route.kind, route.unresolved)
        else:
            found = shortest_route(model, start_row, target_row)
            if found is None:
                notes.append(
                    f"no chain of related jobs leads from {model.catalog[start_row].title} to "
                    f"{model.catalog[target_row].title}; showing the target's own path"
                )
            else:
                route = found
    if route.unresolved:
        notes.append(
            "career path steps not in the catalog were left out: " + ", ".join(route.unresolved)
        )

    estimates = estimated_ratings(ratings[None, :], model.block_codes)[0]
    steps: list[PathStep] = []
    for row in route.rows:
        row_gaps = step_gaps(model, row, ratings, estimates)
        key = np.flatnonzero(model.importance[row] >= KEY_IMPORTANCE)
        unrated = tuple(sorted(model.vectorizer.key(c)[1] for c in key if np.isnan(ratings[c])))
        steps.append(
            PathStep(
                occupation_id=model.catalog[row].id,
                title=model.catalog[row].title,
                score=float(scores[row]),
                reached=not row_gaps,
                gaps=row_gaps,
                unrated=unrated,
                is_current=row == start_row,
            )
        )
    next_step = next((i for i, s in enumerate(steps) if not s.reached), None)
    if next_step is not None:
        steps[next_step] = PathStep(**{**steps[next_step].__dict__, "is_next": True})

    final_level: dict[tuple[str, str], float] = {}
    for step in steps:
        for gap in step.gaps:
            key = (gap.block, gap.name)
            final_level[key] = max(final_level.get(key, 0.0), gap.level)
    plan: list[PlanItem] = []
    planned: set[tuple[str, str]] = set()
    for index, step in enumerate(steps):
        for gap in step.gaps:  # already in priority order
            key = (gap.block, gap.name)
            if key in planned:
                continue
            planned.add(key)
            plan.append(
                PlanItem(
                    block=gap.block,
                    name=gap.name,
                    rating=gap.rating,
                    level=gap.level,
                    final_level=final_level[key],
                    step=index,
                    step_title=step.title,
                    priority=gap.priority,
                    estimated=gap.estimated,
                )
            )
    return GapReport(
        person=person.name,
        target_id=model.catalog[target_row].id,
        target_title=model.catalog[target_row].title,
        route=route.kind,
        steps=tuple(steps),
        next_step=next_step,
        plan=tuple(plan),
        notes=tuple(notes),
    )
