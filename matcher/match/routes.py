"""Career routes: where a person starts, and the steps from there to a target occupation.

The rules (the README's *Gaps along the career path* says the same to users):

1. **Where the person is.** Their current job when it names an occupation of the
   catalog. Otherwise the first of the best-ranked occupations (at most
   :data:`CREDIBLE_TOP`, in ranking order) that is a *credible* match: the
   person rated at least :data:`CREDIBLE_RATED` of its key items and meets at
   least :data:`CREDIBLE_MET` of those they rated, both counted by importance.
   The ranking decides the
   order only; no score threshold is used.
2. **The target's documented career path** is used whenever the person is on it
   (the route starts at their step) or can join it (:func:`~matcher.match.join.join_path`:
   by a documented move, at the step after one their post covers, or by a close move, no
   dearer than :data:`CLOSE_MOVE` typical moves). A join no document gives is one: a documented
   way in through one post (a documented move to it, and from it a career-path move to the
   same step or an earlier one) is taken instead unless it costs more than the joining
   route plus :data:`UNDOCUMENTED_MOVE` (costs as in rule 3:
   :func:`~matcher.match.costs.route_cost`); else a note names the move.
3. Otherwise the route is the cheapest chain of documented moves (related jobs
   both ways, career-path steps forward), found by a bounded Dijkstra search.
   A move a -> b costs one plus what b needs beyond a plus what b needs beyond
   the target, in typical moves: so the route prefers steps between where the
   person is and where they go. It never passes a post a career path puts after the
   target (more senior or more specialised than it), nor one whose O*NET Job Zone is
   above both the start's and the target's, unless no chain avoids it (then a note
   says so): the costs alone sent a nursery teacher to Registered Nurse through
   Midwife. A step a career path puts before the start is left out of the route: the
   person's post covers it, and a move left with no document to give it is said to be
   one.

The documented moves and what each asks (:mod:`matcher.model.moves`) are computed
once, with the model, and read from the model file; what each occupation needs
beyond the target is one pass over the occupations' listed key items. No occupation × occupation
matrix is made, and a search reads neither the dense arrays nor the documents.
Ties go to the lower row (occupation id), so routes are deterministic.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from matcher.core.gapmath import KEY_IMPORTANCE, MATCH_TOLERANCE, deficits, gap_items
from matcher.core.ranking import top_k as best_columns
from matcher.model.moves import moves

from .bounds import barred_note, barred_steps
from .costs import beyond, move_cost, move_price, route_cost, unit
from .join import CLOSE_MOVE, join_path, way_in

if TYPE_CHECKING:
    from matcher.io.assessment import Assessment
    from matcher.model.model import Model

__all__ = [
    "CLOSE_MOVE",
    "CREDIBLE_MET",
    "CREDIBLE_RATED",
    "CREDIBLE_TOP",
    "UNDOCUMENTED_MOVE",
    "Route",
    "asked_too_few",
    "choose_route",
    "credible",
    "documented_path",
    "join_path",
    "rated_enough",
    "shortest_route",
    "starting_point",
]

#: A credible match is looked for among this many best-ranked occupations.
CREDIBLE_TOP = 10
#: ... the person rated at least this share of its key items (by importance) ...
CREDIBLE_RATED = 0.6
#: ... and meets (within the match tolerance) at least this share of those rated.
CREDIBLE_MET = 2 / 3
#: The search gives up after settling this many occupations (a 20,000-occupation
#: catalog is never searched whole).
SEARCH_LIMIT = 2000
#: What a move no document gives costs beside what it asks, in typical moves: a searched
#: chain dearer than the straight move at this price is no route (a cook's only documented
#: way to Programmer went through Food Processing Worker, Quality Control Inspector and QA
#: Engineer). At 3, a chain of three moves wins while what it asks stays within a typical move
#: of the straight move's.
UNDOCUMENTED_MOVE = 3.0


@dataclass(frozen=True)
class Route:
    """Occupation row indices from start to target, and how they were found.

    ``kind``: ``"career path"`` (along the target's documented path, maybe joined from
    off it), ``"route"`` (other moves: a chain of documented moves, or a move to the target,
    documented or not), ``"straight"`` (one move no document gives, where a searched chain
    costs more: :data:`UNDOCUMENTED_MOVE`) or ``"direct"`` (the target alone).
    ``cost``: a searched route's cost, in typical moves. ``undocumented``: the indices of
    the steps reached by a move no document gives (a close move, the straight move, a move
    left where a step the start covers was left out: ``skipped``), as the route was chosen.
    """

    rows: tuple[int, ...]
    kind: str
    unresolved: tuple[str, ...] = ()
    cost: float = 0.0
    skipped: tuple[int, ...] = ()  # steps a career path puts before the start, left out
    undocumented: tuple[int, ...] = ()


def documented_path(model: Model, target_row: int) -> Route:
    """The target's own career path, resolved to catalog occupations.

    Steps that name no occupation of the catalog are reported in ``unresolved``;
    the target itself always ends the path.
    """
    profile = model.catalog[target_row].profile
    rows: list[int] = []
    unresolved: list[str] = []
    for step in profile.career_path:
        occupation_id = model.catalog.resolve(step)
        if occupation_id is None:
            unresolved.append(step)
            continue
        row = model.index_of(occupation_id)
        if row not in rows:
            rows.append(row)
    if target_row in rows:
        rows = rows[: rows.index(target_row)]
    rows.append(target_row)
    return Route(tuple(rows), "career path" if len(rows) > 1 else "direct", tuple(unresolved))


def credible(ratings: np.ndarray, levels: np.ndarray, importance: np.ndarray) -> bool:
    """Whether one occupation is a credible place for a person to start from.

    The person rated at least :data:`CREDIBLE_RATED` of its key items and meets
    (within the match tolerance) at least :data:`CREDIBLE_MET` of those rated,
    both counted by importance (a required skill counts twice a recommended one).
    """
    key = np.where(importance >= KEY_IMPORTANCE, importance, 0.0)
    rated = np.where(np.isnan(ratings), 0.0, key)
    met = np.where(deficits(levels, np.nan_to_num(ratings)) <= MATCH_TOLERANCE, rated, 0.0)
    return rated_enough(ratings, importance) and met.sum() >= CREDIBLE_MET * rated.sum()


def rated_enough(ratings: np.ndarray, importance: np.ndarray) -> bool:
    """Whether the person rated at least :data:`CREDIBLE_RATED` of an occupation's key items,
    by importance: what saying they are at it, or have reached it, needs. Estimates of the
    rest never do: someone who rated Piloting alone has not reached Cashier because their
    other ratings average high."""
    key = np.where(importance >= KEY_IMPORTANCE, importance, 0.0)
    total = key.sum()
    return bool(total > 0 and np.where(np.isnan(ratings), 0.0, key).sum() >= CREDIBLE_RATED * total)


def shortest_route(
    model: Model, start: int, target: int, barred: frozenset[int] = frozenset()
) -> Route | None:
    """The cheapest chain of documented moves from ``start`` to ``target`` passing none of
    ``barred``, or None.

    Dijkstra over documented moves, each costing :func:`~matcher.match.costs.move_price`.
    Settles at most :data:`SEARCH_LIMIT` occupations. Ties go to the route through lower
    rows (occupation ids).
    """
    if start == target:
        return Route((target,), "direct")
    index = moves(model)
    typical = unit(model)
    asks = beyond(model, target)
    best = {start: 0.0}
    queue: list[tuple[float, tuple[int, ...]]] = [(0.0, (start,))]
    done: set[int] = set()
    while queue and len(done) < SEARCH_LIMIT:
        cost, path = heapq.heappop(queue)
        row = path[-1]
        if row in done:
            continue
        done.add(row)
        if row == target:
            return _leave_out_covered(model, path, cost)
        # The order the moves are tried in does not matter: the queue orders by cost, then
        # path, and a row keeps the first path found at its cost.
        for nxt, move in index.costs_of(row).items():
            if nxt in done or (nxt in barred and nxt != target):
                continue
            new = cost + move_price(move, asks[nxt], typical)
            if new < best.get(nxt, np.inf) - 1e-12:
                best[nxt] = new
                heapq.heappush(queue, (new, (*path, nxt)))
    return None


def _leave_out_covered(model: Model, path: tuple[int, ...], cost: float) -> Route:
    """A searched chain without the steps a career path puts before its start: the person's
    post covers them (a Director of Nursing's route to Disaster Management Officer went
    through Registered Nurse, the only documented way out of nursing; not every step that
    asks less: a lateral post asks less of a senior one and is still a step). A move left
    between two steps that no document gives is one (a public health nurse's route to
    Director of Nursing, through Registered Nurse, was shown as a documented move); a move
    down to a post a career path puts before one's own is its path's."""
    index = moves(model)
    start, *between, target = path
    earlier = index.earlier_of(start)
    rows = (start, *(r for r in between if r not in earlier), target)
    skipped = tuple(r for r in between if r in earlier)
    undocumented = ()
    if skipped:
        pairs = enumerate(itertools.pairwise(rows), 1)
        undocumented = tuple(
            i for i, (a, b) in pairs if b not in index.of(a) and b not in index.earlier_of(a)
        )
    return Route(rows, "route", cost=cost, skipped=skipped, undocumented=undocumented)


def _left_out_note(model: Model, route: Route) -> str:
    """What a route that leaves out steps the start covers says of them, and of a move left
    with no document to give it."""
    left = ", ".join(model.catalog[row].title for row in route.skipped)
    here = model.catalog[route.rows[0]].title  # (not "your post": the start may be a match)
    note = f"the documented moves pass {left}, which a career path puts before {here}: left "
    note += f"out, {here} covers it"
    for i in route.undocumented:
        a, b = (model.catalog[row].title for row in route.rows[i - 1 : i + 1])
        note += f"; no document gives the move from {a} to {b}"
    return note


def choose_route(
    model: Model,
    start: int | None,
    target: int,
    notes: list[str],
    meets: Callable[[int], bool],
) -> Route:
    """The steps from ``start`` (None: unknown) to a target the person does not meet yet, by
    the rules above (2 and 3); what the person should know of the route is added to ``notes``.

    ``meets(row)``: whether the person already qualifies for an occupation.
    """
    path = documented_path(model, target)
    if start is None:
        return path
    if start == target:
        return Route((target,), "direct")
    if start in path.rows:
        return replace(path, rows=path.rows[path.rows.index(start) :])
    barred = barred_steps(model, start, target)
    join = join_path(model, start, path.rows)
    if join is not None:
        # "career path" only for a route along the target's documented path: a move straight
        # to the target is a route, whether the target documents a path or not (a close move
        # from Software Developer to Data Scientist was a career path, one from Warehouse
        # Worker to Data Analyst a route)
        kind = "career path" if join.step < len(path.rows) - 1 else "route"
        rows = (start, *path.rows[join.step :])
        if join.documented:
            return replace(path, rows=rows, kind=kind)
        # A move no document gives: a documented way in through one post, to the same step or
        # an earlier one (never past rungs of the ladder), wins unless it costs more than the
        # join at the price of such a move (a porter joined Staff Nurse's path at Nursing
        # Associate, 1.48 typical moves away, past his documented way in through Healthcare
        # Assistant, whose own path leads there).
        asks = beyond(model, target)
        way = way_in(model, start, path.rows, join.step, asks, barred)
        if way is not None and (
            route_cost(model, way, asks) <= route_cost(model, rows, asks) + UNDOCUMENTED_MOVE
        ):
            return replace(path, rows=way, kind="career path" if way[2] != target else "route")
        joined = replace(path, rows=rows, kind=kind, undocumented=(1,))
        if join.through is not None:
            joined = replace(joined, skipped=(join.through,))
            notes.append(_left_out_note(model, joined))
            return joined
        here, there = model.catalog[start].title, model.catalog[rows[1]].title
        # said by its cost: "Software Developer asks little beyond Cashier" was said of a move
        # dearer than a typical documented one (1.34), as anything up to CLOSE_MOVE passes
        cost = move_cost(model, start, rows[1])
        notes.append(
            f"no document gives the move from {here} to {there}: the route takes it as a "
            f"close move, costing about {cost:.1f} typical moves (1 = the median documented move)"
        )
        return joined
    found = shortest_route(model, start, target, barred)
    passed: list[int] = []
    if found is None and barred and (found := shortest_route(model, start, target)):
        passed = [row for row in found.rows if row in barred]
    if found is None:
        notes.append(
            f"no chain of related jobs leads from {model.catalog[start].title} to "
            f"{model.catalog[target].title}; showing the target's own path"
        )
        return path
    if target in moves(model).of(start) and any(map(meets, found.rows[1:-1])):
        # A searched route makes no detour through a post the person already qualifies for.
        return Route((start, target), "route")
    straight = 1.0 + move_cost(model, start, target) + UNDOCUMENTED_MOVE
    if len(found.rows) > 2 and found.cost > straight:
        notes.append(
            f"no documented chain of related jobs leads from {model.catalog[start].title} to "
            f"{model.catalog[target].title} more directly than learning what it needs: the "
            f"route goes there straight"
        )
        return Route((start, target), "straight", undocumented=(1,))
    if passed:
        notes.append(barred_note(model, start, target, passed))
    if found.skipped:
        notes.append(_left_out_note(model, found))
    return found


def starting_point(
    model: Model, person: Assessment, ratings: np.ndarray, likelihood: np.ndarray
) -> tuple[int | None, str]:
    """Where the person is (rule 1): ``(row, how)``, how being ``"current job"``, or
    ``"best match"`` / ``"unknown job"`` (no current job, or one not in the catalog) with the
    row of the first credible best match, or None when none is credible.

    ``likelihood``: (1, n_occupations) the ranking's log-likelihoods of the person.
    """
    if person.current_job.strip():
        current = model.catalog.resolve(person.current_job)
        if current is not None:
            return model.index_of(current), "current job"
    how = "unknown job" if person.current_job.strip() else "best match"
    for row, need, weight in _candidates(model, likelihood):
        if credible(ratings, need, weight):
            return row, how
    return None, how


def _candidates(model: Model, likelihood: np.ndarray):
    """The best matches a start is looked for among: (row, levels, importance) each, in
    ranking order, interests weighing nothing (they are no credentials)."""
    rows = best_columns(likelihood, min(CREDIBLE_TOP, len(model.catalog)))[0]
    levels, importance = model.requirements(rows)
    importance = np.where(gap_items(model), importance, 0.0)
    return zip(rows.tolist(), levels, importance, strict=True)


def asked_too_few(model: Model, asked: np.ndarray, likelihood: np.ndarray) -> tuple[int, int]:
    """Of the best matches a start is looked for among, how many no answer to the questions
    asked (``asked``: (n_features,) bool) could have made credible, as too few of their key
    items were asked; and how many there are. A 40-item questionnaire over 280 items asks
    under 60 % of almost any occupation's key items: its respondents were told they "rated too
    few of their key items"."""
    answered = np.where(asked, 0.0, np.nan)  # as if every question asked were answered
    candidates = list(_candidates(model, likelihood))
    short = sum(not rated_enough(answered, weight) for _, _, weight in candidates)
    return short, len(candidates)
