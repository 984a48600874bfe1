"""Skill gaps along the career path to a target occupation, and a learning plan.

For every step of the route (:mod:`matcher.match.routes` chooses it), each key
item of the step (importance at least :data:`~matcher.core.gapmath.KEY_IMPORTANCE`)
is set against the person's rating: the deficit (levels short) and a priority,
importance × deficit × discrimination (:mod:`matcher.core.gapmath` holds the
arithmetic). A step never asks more of an item than the target does: where the
target also needs an item, the step's level is capped at the target's. An item
the person did not rate is estimated from their other ratings in the same block
(the block mean shrunk towards :data:`~matcher.core.gapmath.PRIOR_RATING`); the
gap is marked ``estimated`` and its priority halved for the uncertainty; ``skipped`` too
where the person's questionnaire asked the item and they left it blank (told apart from an
item never asked; estimated the same way: a blank's weak evidence that the person lacks the
item is the ranking's to weigh, and names no level).
Interests are not things to learn: they are never gaps. Gaps are judged on
absolute ratings: the bias correction of the ranking does not apply here,
because a step needs what it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from matcher.core.fit import fit_scores
from matcher.core.gapmath import (
    FIT_BLOCKS,
    KEY_IMPORTANCE,
    MATCH_TOLERANCE,
    estimated_ratings,
    fit_blocks,
    gap_items,
    gap_matrix,
    key_need,
    shown,
    shown_value,
)
from matcher.errors import InputError
from matcher.io.assessment import Assessment
from matcher.model.default import model_or_default
from matcher.model.model import Model

from .gapnotes import start_notes, zone_note
from .gapreport import ESTIMATE_TEXT, Gap, GapReport, PathStep, PlanItem
from .recommend import asked_mask, assess, rate
from .routes import Route, choose_route, rated_enough, starting_point

__all__ = [
    "ESTIMATE_TEXT",
    "FIT_BLOCKS",
    "Gap",
    "GapReport",
    "PathStep",
    "PlanItem",
    "gaps",
    "resolve_target",
    "skipped_items",
    "step_gaps",
]


def step_gaps(
    model: Model,
    row: int,
    ratings: np.ndarray,
    estimates: np.ndarray,
    cap: np.ndarray | None = None,
    skipped: np.ndarray | None = None,
) -> tuple[Gap, ...]:
    """The gaps of one occupation (row) for one person, most pressing first (then by name).

    ``ratings`` (n_features,) NaN where unrated; ``estimates`` the same with every
    unrated item estimated (:func:`~matcher.core.gapmath.estimated_ratings`);
    ``cap`` (n_features,) the most a step may ask of each item (the target's
    levels; +inf where the target does not need it); ``skipped`` (n_features,) bool, the
    items the person was asked and left blank (:func:`skipped_items`; default none).
    Interests (and O*NET's work styles: :func:`~matcher.core.gapmath.fit_blocks`) are not
    gaps.
    """
    levels, importance = model.requirements(row)
    levels = levels if cap is None else np.minimum(levels, cap)
    need = key_need(importance, model.vectorizer.discrimination_)
    deficit, priority = gap_matrix(np.isnan(ratings), shown(estimates), shown(levels), need)
    found = []
    fits = fit_blocks(model)
    for c in np.flatnonzero(deficit > MATCH_TOLERANCE):
        block, name = model.vectorizer.key(c)
        if block in fits:
            continue
        rated = not np.isnan(ratings[c])
        found.append(
            Gap(
                block=block,
                name=name,
                rating=float(ratings[c]) if rated else None,
                level=shown_value(levels[c]),
                # one decimal, the difference of the level and the rating as shown
                deficit=shown_value(deficit[c]),
                priority=round(float(priority[c]), 6),
                estimated=not rated,
                estimate=None if rated else shown_value(estimates[c]),
                skipped=skipped is not None and bool(skipped[c]),
            )
        )
    return tuple(sorted(found, key=lambda g: (-g.priority, g.name)))


def skipped_items(person: Assessment, ratings: np.ndarray, model: Model) -> np.ndarray:
    """Which items the person was asked and left blank, (n_features,) bool: unrated items of
    their questionnaire (``"asked"`` naming them, or ``"all"``). None for a free list: it
    names what the person has and asks nothing, so an item it leaves out is "not rated", as
    an item a questionnaire did not ask is."""
    if person.asked is None:
        return np.zeros(ratings.shape, dtype=bool)
    return np.isnan(ratings) & asked_mask(person, model)


def _reached(
    model: Model,
    row: int,
    ratings: np.ndarray,
    estimates: np.ndarray,
    cap: np.ndarray | None = None,
) -> bool:
    """Whether a person has reached one occupation: nothing short, and enough of its key
    items rated to say so (see :class:`PathStep`)."""
    _, importance = model.requirements(row)
    counted = np.where(gap_items(model), importance, 0.0)
    return not step_gaps(model, row, ratings, estimates, cap) and rated_enough(ratings, counted)


def resolve_target(model: Model, name: str) -> int:
    """The row of the occupation called ``name`` (id, title or alias).

    Raises
    ------
    UnknownOccupationError
        Saying why when the model left the occupation out on purpose, else listing similar
        names, by spelling (:meth:`~matcher.model.model.Model.resolve_occupation`).
    """
    return model.index_of(model.resolve_occupation(name).id)


def gaps(
    profile: Assessment | Mapping[str, Any] | str | Path,
    target: str | None = None,
    *,
    model: Model | None = None,
    lenient: bool = False,
) -> GapReport:
    """What a person lacks at each step on the way to ``target`` (id, title or alias).

    Where the person starts and which steps lead on are chosen by the rules of
    :mod:`matcher.match.routes`: the current job (else a credible best match),
    the target's documented path when the person is on it or can join it,
    else the cheapest chain of documented moves; the target alone when the
    person already meets it.

    Parameters
    ----------
    profile : the person's self-assessment: a dict in the JSON shape of the
        README, a path to such a JSON file, or an :class:`~matcher.Assessment`.
    target : the target occupation's id, title or alias (default: the profile's
        ``target_job``).
    model : default: the built-in catalog's model.
    lenient : ignore unknown item names with a warning instead of failing.

    Raises
    ------
    UnknownOccupationError
        An unknown target, listing similar names by spelling (or saying why the
        model left it out).
    InputError
        No target given and none in the profile.
    """
    model = model_or_default(model)
    # a wrong target is said before the profile is read
    target_row = None if target is None else resolve_target(model, target)
    person, ratings = rate(profile, model, lenient=lenient)
    if target_row is None:
        target_row = _profile_target(model, person)
    result = assess(person, ratings, model)
    # An item left blank is estimated as one never asked is: the estimate is already at most
    # 2 ("with guidance"), never vouched for by high ratings elsewhere; a blank's weak evidence
    # that the person lacks the item is the ranking's to weigh (a free list's every unnamed
    # item is one too), and no level follows from it.
    estimates = estimated_ratings(ratings[None, :], model.block_codes)[0]
    skipped = skipped_items(person, ratings, model)
    target_levels, target_importance = model.requirements(target_row)
    cap = np.where(target_importance >= KEY_IMPORTANCE, target_levels, np.inf)
    reached_target = _reached(model, target_row, ratings, estimates)
    start, how = starting_point(model, person, ratings, result.log_likelihood)
    notes = start_notes(
        model, person, ratings, result.log_likelihood, start, how, target_row, reached_target
    )
    route = _route(
        model,
        start,
        how,
        target_row,
        notes,
        reached_target,
        lambda row: _reached(model, row, ratings, estimates, cap),
    )
    steps = _steps(model, route, start, ratings, estimates, cap, skipped)
    next_step = _mark_next(steps)
    at: str | None = None  # what the step the person is at is, if the route has one
    if any(step.is_current for step in steps):
        at = "current job" if how == "current job" else "match"
    return GapReport(
        person=person.name,
        target_id=model.catalog[target_row].id,
        target_title=model.catalog[target_row].title,
        route=route.kind,
        steps=tuple(steps),
        next_step=next_step,
        plan=_plan(model, steps, target_row),
        notes=tuple(notes),
        blocks=model.block_names,
        start=at,
    )


def _profile_target(model: Model, person: Assessment) -> int:
    """The row of the target the profile names (``target_job``), when none was given."""
    if not person.target_job.strip():
        raise InputError(
            "no target occupation: pass gaps(profile, TARGET) or give the profile a "
            '"target_job" (an id, title or alias; model.search(TEXT) finds titles)'
        )
    return resolve_target(model, person.target_job)


def _route(
    model: Model,
    start: int | None,
    how: str,
    target: int,
    notes: list[str],
    reached: bool,
    meets: Callable[[int], bool],
) -> Route:
    """The route to the target (the target alone when the person already meets it), its
    notes added to ``notes``: a route to a target already met, the route's own
    (:func:`~matcher.match.routes.choose_route`), a move between Job Zones, steps left out."""
    title = model.catalog[target].title
    if reached:
        route = Route((target,), "direct")
        if start is not None and start != target:
            notes.append(f"you already meet what {title} needs: no step leads there")
    else:
        route = choose_route(model, start, target, notes, meets)
    if start is not None and (zone := zone_note(model, start, target, how)):
        notes.append(zone)
    if route.unresolved:
        notes.append(
            "career path steps not in the catalog were left out: " + ", ".join(route.unresolved)
        )
    return route


def _steps(
    model: Model,
    route: Route,
    start: int | None,
    ratings: np.ndarray,
    estimates: np.ndarray,
    cap: np.ndarray,
    skipped: np.ndarray,
) -> list[PathStep]:
    """Each step of the route with its score, its gaps (capped at the target's levels) and its
    key items left unrated; ``start`` is the step the person is at, if any."""
    rows = list(route.rows)  # the score of the route's steps only, not of every occupation
    levels, importance = model.requirements(rows)
    scores = fit_scores(
        ratings[None, :], levels, importance, model.block_codes, len(model.block_names)
    )[0][0].tolist()
    steps: list[PathStep] = []
    fits = fit_blocks(model)
    counted = gap_items(model)
    for i, (row, score, weight) in enumerate(zip(rows, scores, importance, strict=True)):
        row_gaps = step_gaps(model, row, ratings, estimates, cap, skipped)
        key = np.flatnonzero(weight >= KEY_IMPORTANCE)
        keys = [(model.vectorizer.key(c), c) for c in key if np.isnan(ratings[c])]
        unrated = tuple(sorted(name for (block, name), _ in keys if block not in fits))
        blank = tuple(sorted(name for (block, name), c in keys if block not in fits and skipped[c]))
        steps.append(
            PathStep(
                occupation_id=model.catalog[row].id,
                title=model.catalog[row].title,
                score=score,
                reached=not row_gaps and rated_enough(ratings, np.where(counted, weight, 0.0)),
                gaps=row_gaps,
                unrated=unrated,
                is_current=row == start,
                undocumented=i in route.undocumented,  # as the route was chosen
                skipped=blank,
            )
        )
    return steps


def _mark_next(steps: list[PathStep]) -> int | None:
    """Mark the next step (in ``steps``) and return its index, None when every step is reached.

    "Next" is where to go from here: never the step the person is at, unless it is the
    target itself (then the route is that step alone)."""
    first = 1 if steps[0].is_current and len(steps) > 1 else 0
    next_step = next((i for i in range(first, len(steps)) if not steps[i].reached), None)
    if next_step is not None:
        steps[next_step] = replace(steps[next_step], is_next=True)
    return next_step


def _plan(model: Model, steps: list[PathStep], target_row: int) -> tuple[PlanItem, ...]:
    """Each item once, at the step where it first matters; most pressing first within a step.

    The post the person is in is no step to learn for when the route leads on: its gaps are
    listed with it, and are planned where a later step needs them (a nurse moving to a
    practical nurse's post was to learn first what only her own post asks)."""
    plan: list[PlanItem] = []
    planned: set[tuple[str, str]] = set()
    levels, importance = model.requirements(target_row)
    for index, step in enumerate(steps):
        if step.is_current and len(steps) > 1:
            continue
        for gap in step.gaps:  # already in priority order
            key = (gap.block, gap.name)
            if key in planned:
                continue
            planned.add(key)
            column = model.vectorizer.feature_index(gap.block, gap.name)
            plan.append(
                PlanItem(
                    block=gap.block,
                    name=gap.name,
                    rating=gap.rating,
                    level=gap.level,
                    target_level=shown_value(levels[column])
                    if importance[column] >= KEY_IMPORTANCE
                    else None,
                    step=index,
                    step_title=step.title,
                    priority=gap.priority,
                    estimated=gap.estimated,
                    estimate=gap.estimate,
                    skipped=gap.skipped,
                )
            )
    return tuple(plan)
