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
   (the route starts at their step) or can join it: from the start there is a
   documented move to a step (a career-path move first, then a related job) or
   a close move (no dearer than :data:`CLOSE_MOVE` typical moves), and the step
   is not below the start (no path puts it before the start, and it asks more
   of the start than the start asks of it). Among the steps of the best kind
   of move, the route joins at the one that costs least.
3. Otherwise the route is the cheapest chain of documented moves (related jobs
   both ways, career-path steps forward), found by a bounded Dijkstra search.
   A move a -> b costs one plus what b needs beyond a plus what b needs beyond
   the target, in typical moves: so the route prefers steps between where the
   person is and where they go, never a more senior or more specialised post
   than the target.

The documented moves and what each asks (what b needs beyond a) are computed
once, with the model, and read from the model file; what each occupation needs
beyond the target is one pass over the occupations' listed key items. No occupation × occupation
matrix is made, and a search reads neither the dense arrays nor the documents.
Ties go to the lower row (occupation id), so routes are deterministic.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from matcher.core.gapmath import KEY_IMPORTANCE, MATCH_TOLERANCE
from matcher.core.ranking import top_k as best_columns
from matcher.core.sparse import edges_to_csr
from matcher.model.listed import LISTED, listed_entries

if TYPE_CHECKING:
    from matcher.io.assessment import Assessment
    from matcher.model.model import Model

__all__ = [
    "CLOSE_MOVE",
    "CREDIBLE_MET",
    "CREDIBLE_RATED",
    "CREDIBLE_TOP",
    "Moves",
    "Route",
    "credible",
    "documented_path",
    "index_moves",
    "join_path",
    "move_cost",
    "moves",
    "shortest_route",
    "starting_point",
]

#: A credible match is looked for among this many best-ranked occupations.
CREDIBLE_TOP = 10
#: ... the person rated at least this share of its key items (by importance) ...
CREDIBLE_RATED = 0.6
#: ... and meets (within the match tolerance) at least this share of those rated.
CREDIBLE_MET = 2 / 3
#: A move off the documented graph counts as close up to this many typical moves.
CLOSE_MOVE = 1.5
#: The search gives up after settling this many occupations (a 20,000-occupation
#: catalog is never searched whole).
SEARCH_LIMIT = 2000
#: How many documented moves set the size of a typical move (the median cost).
_SAMPLE = 2000


@dataclass(frozen=True)
class Route:
    """Occupation row indices from start to target, and how they were found.

    ``kind``: ``"career path"`` (the target's documented path, maybe joined from
    off it), ``"route"`` (a chain of documented moves) or ``"direct"`` (the
    target alone).
    """

    rows: tuple[int, ...]
    kind: str
    unresolved: tuple[str, ...] = ()


@dataclass(frozen=True)
class Moves:
    """The moves a catalog documents, by occupation row, as sparse adjacency (CSR) arrays.

    ``forward``: rows some career path takes a row straight to; ``related``:
    related jobs, both ways; ``earlier``: rows some career path puts before a
    row. Each is ``(indptr, indices)``: the rows of row r are
    ``indices[indptr[r]:indptr[r + 1]]``, sorted. ``forward_cost`` and
    ``related_cost``: the raw cost (:func:`_costs`) of each of those moves, in the
    order of ``indices``, computed with the moves: a route search reads them instead
    of every occupation's requirements.
    """

    forward: tuple[np.ndarray, np.ndarray]
    related: tuple[np.ndarray, np.ndarray]
    earlier: tuple[np.ndarray, np.ndarray]
    forward_cost: np.ndarray
    related_cost: np.ndarray

    @staticmethod
    def _of(adjacency: tuple[np.ndarray, np.ndarray], row: int) -> frozenset[int]:
        indptr, indices = adjacency
        return frozenset(indices[indptr[row] : indptr[row + 1]].tolist())

    def forward_of(self, row: int) -> frozenset[int]:
        return self._of(self.forward, row)

    def related_of(self, row: int) -> frozenset[int]:
        return self._of(self.related, row)

    def earlier_of(self, row: int) -> frozenset[int]:
        return self._of(self.earlier, row)

    def of(self, row: int) -> frozenset[int]:
        """Every documented move from ``row``: career-path steps forward, related jobs."""
        return self.forward_of(row) | self.related_of(row)

    def costs_of(self, row: int) -> dict[int, float]:
        """Every documented move from ``row`` (as :meth:`of`) with its raw cost."""
        out: dict[int, float] = {}
        for (indptr, indices), cost in (
            (self.forward, self.forward_cost),
            (self.related, self.related_cost),
        ):
            begin, end = indptr[row], indptr[row + 1]
            out.update(zip(indices[begin:end].tolist(), cost[begin:end].tolist(), strict=True))
        return out

    def arrays(self) -> dict[str, np.ndarray]:
        """The moves as named arrays, as a model keeps them (see :func:`moves`)."""
        adjacency = {
            name: array
            for kind in _MOVE_KINDS
            for name, array in zip(_move_arrays(kind), getattr(self, kind), strict=True)
        }
        return {**adjacency, **{_cost_array(k): getattr(self, f"{k}_cost") for k in _COSTED}}


_MOVE_KINDS = ("forward", "related", "earlier")
#: The kinds of move a route takes, whose costs are kept.
_COSTED = ("forward", "related")


def _move_arrays(kind: str) -> tuple[str, str]:
    return f"moves_{kind}_indptr", f"moves_{kind}_indices"


def _cost_array(kind: str) -> str:
    return f"moves_{kind}_cost"


def _adjacency(pairs: list[tuple[int, int]], n: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR arrays of a set of (from, to) pairs over n rows, without repeats or self-moves."""
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return edges_to_csr(edges @ np.array([n, 1]), n)


#: Occupations costed at once (bounds the temporaries: this many × n_features floats).
_CHUNK = 4096


def _move_costs(model: Model, adjacency: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The raw cost (:func:`_costs`) of every move of one adjacency, in its order."""
    indptr, indices = adjacency
    starts = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    cost = np.empty(len(indices))
    discrimination = model.vectorizer.discrimination_
    for begin in range(0, len(indices), _CHUNK):
        a, b = starts[begin : begin + _CHUNK], indices[begin : begin + _CHUNK]
        cost[begin : begin + len(b)] = _costs(
            model.levels[a], model.levels[b], model.importance[b], discrimination
        )
    return cost


def _costed(
    model: Model,
    forward: tuple[np.ndarray, np.ndarray],
    related: tuple[np.ndarray, np.ndarray],
    earlier: tuple[np.ndarray, np.ndarray],
) -> Moves:
    costs = _move_costs(model, forward), _move_costs(model, related)
    return Moves(forward, related, earlier, *costs)


def index_moves(model: Model) -> Moves:
    """One pass over the catalog's documents: the moves they document, as :class:`Moves`.

    Names resolve by exact title or id first (a dictionary look-up), then as the
    catalog resolves a reference (normalised, aliases), once per distinct name.
    """
    exact: dict[str, int] = {}
    for row, occupation in enumerate(model.catalog):
        exact.setdefault(occupation.id, row)
        exact.setdefault(occupation.title, row)
    slow: dict[str, int | None] = {}

    def row_of(name: str) -> int | None:
        found = exact.get(name)
        if found is None and name not in exact:
            if name not in slow:
                resolved = model.catalog.resolve(name)
                slow[name] = None if resolved is None else model.index_of(resolved)
            found = slow[name]
        return found

    forward: list[tuple[int, int]] = []
    related: list[tuple[int, int]] = []
    earlier: list[tuple[int, int]] = []
    for row, occupation in enumerate(model.catalog):
        profile = occupation.profile
        for name in profile.related_jobs:
            other = row_of(name)
            if other is not None:
                related += ((row, other), (other, row))
        steps = [row_of(s) for s in profile.career_path]
        steps = [s for s in steps if s is not None]
        if not steps or steps[-1] != row:
            steps.append(row)
        forward += itertools.pairwise(steps)
        earlier += ((later, steps[i]) for j, later in enumerate(steps) for i in range(j))
    n = len(model.catalog)
    return _costed(model, _adjacency(forward, n), _adjacency(related, n), _adjacency(earlier, n))


def moves(model: Model) -> Moves:
    """The documented moves of a model's catalog: those the model carries in
    ``model.arrays`` (:meth:`Moves.arrays`, stored at build time, so that a saved
    model need not read every document nor every occupation's requirements), else
    indexed on first use, once per model. A model saved by an older matcher may carry
    the moves without their costs: those are computed then, and kept in ``model.arrays``
    (so that ``model.save`` keeps them too)."""

    def stored() -> Moves:
        adjacency = [tuple(model.arrays[name] for name in _move_arrays(k)) for k in _MOVE_KINDS]
        if not all(_cost_array(k) in model.arrays for k in _COSTED):
            model.arrays.update(_costed(model, *adjacency).arrays())
        return Moves(*adjacency, *(model.arrays[_cost_array(k)] for k in _COSTED))

    if all(name in model.arrays for kind in _MOVE_KINDS for name in _move_arrays(kind)):
        return model.cached("moves", stored)
    return model.cached("moves", lambda: index_moves(model))


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


def _costs(
    levels_a: np.ndarray, levels_b: np.ndarray, importance_b: np.ndarray, discrimination: np.ndarray
) -> np.ndarray:
    """Raw cost of moving from occupations a to occupations b (dense rows: one a for each b,
    or one a for all): over each b's key items, importance × discrimination × the levels it
    needs beyond a's."""
    need = np.where(importance_b >= KEY_IMPORTANCE, importance_b, 0.0)
    need *= discrimination
    return (need * np.maximum(levels_b - levels_a, 0.0)).sum(axis=-1)


def _beyond(model: Model, target: int) -> list[float]:
    """The raw cost of moving from ``target`` to each occupation (what it asks beyond the
    target), by row: the sum of :func:`_costs` over each occupation's listed key items only,
    in one pass over them all."""
    levels_t, _ = model.requirements(target)
    rows, columns, need, levels = model.cached("key_entries", lambda: _key_entries(model))
    cost = np.maximum(levels - levels_t[columns], 0.0)
    cost *= need
    return np.bincount(rows, cost, minlength=len(model.catalog)).tolist()


def _key_entries(model: Model) -> tuple[np.ndarray, ...]:
    """Each occupation's key items among its listed entries (made from the dense arrays when
    the model keeps none): the row, column, importance × discrimination and level of each."""
    listed = model.listed
    if listed is None:
        listed = tuple(listed_entries(model.levels, model.importance)[name] for name in LISTED)
    indptr, columns, levels, importance = listed
    key = np.flatnonzero(importance >= KEY_IMPORTANCE)
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))[key]
    cols = columns[key].astype(np.intp)
    return rows, cols, importance[key] * model.vectorizer.discrimination_[cols], levels[key]


def _unit(model: Model) -> float:
    return model.cached("typical_move", lambda: _typical_move(model))


def _typical_move(model: Model) -> float:
    """The median cost of the documented moves (an even sample of them), the unit of cost."""
    index = moves(model)
    costs = np.concatenate([index.forward_cost, index.related_cost])
    pick = np.linspace(0, len(costs) - 1, min(_SAMPLE, len(costs))).round().astype(int)
    costs = costs[pick]
    costs = costs[costs > 0]
    return _median(costs) if len(costs) else 1.0


def _median(values: np.ndarray) -> float:
    """``np.median`` of a non-empty array, without its check for masked arrays (which
    imports numpy.ma: 15-35 ms of the first route)."""
    half = len(values) // 2
    if len(values) % 2:
        return float(np.partition(values, half)[half])
    low, high = np.partition(values, [half - 1, half])[half - 1 : half + 1]
    return float((low + high) / 2)


def move_cost(model: Model, a: int, b: int) -> float:
    """What moving from occupation a to b asks, in typical moves (1 = a median documented move).

    The sum over b's key items of importance × discrimination × the levels b
    needs beyond a's.
    """
    (levels_a, levels_b), (_, importance_b) = model.requirements(np.array([a, b]))
    cost = _costs(levels_a, levels_b[None], importance_b[None], model.vectorizer.discrimination_)
    return float(cost[0]) / _unit(model)


def credible(ratings: np.ndarray, levels: np.ndarray, importance: np.ndarray) -> bool:
    """Whether one occupation is a credible place for a person to start from.

    The person rated at least :data:`CREDIBLE_RATED` of its key items and meets
    (within the match tolerance) at least :data:`CREDIBLE_MET` of those rated,
    both counted by importance (a required skill counts twice a recommended one).
    """
    key = np.where(importance >= KEY_IMPORTANCE, importance, 0.0)
    rated = np.where(np.isnan(ratings), 0.0, key)
    met = np.where(np.nan_to_num(ratings) >= levels - MATCH_TOLERANCE, rated, 0.0)
    total, rated_sum = key.sum(), rated.sum()
    return (
        total > 0 and rated_sum >= CREDIBLE_RATED * total and met.sum() >= CREDIBLE_MET * rated_sum
    )


def _below(model: Model, start: int, step: int) -> bool:
    """Whether ``step`` is below ``start``: a documented path puts it first, or it asks less
    of the start than the start asks of it."""
    if step in moves(model).earlier_of(start):
        return True
    return move_cost(model, start, step) < move_cost(model, step, start)


def join_path(model: Model, start: int, path: tuple[int, ...]) -> int | None:
    """The index of the step of ``path`` where a person at ``start`` joins it, or None.

    Candidates by kind of move, the first kind that has any: steps a career path
    takes the start straight to; related jobs; steps no dearer than
    :data:`CLOSE_MOVE`. Steps below the start are never candidates (except
    career-path moves, which go up by definition). Among candidates the least
    costly move wins, then the later step.
    """
    index = moves(model)
    kinds: tuple[Iterable[int], ...] = (
        [i for i, s in enumerate(path) if s in index.forward_of(start)],
        [
            i
            for i, s in enumerate(path)
            if s in index.related_of(start) and not _below(model, start, s)
        ],
        [
            i
            for i, s in enumerate(path)
            if move_cost(model, start, s) <= CLOSE_MOVE and not _below(model, start, s)
        ],
    )
    for candidates in kinds:
        best = sorted(candidates, key=lambda i: (move_cost(model, start, path[i]), -i))
        if best:
            return best[0]
    return None


def shortest_route(model: Model, start: int, target: int) -> Route | None:
    """The cheapest chain of documented moves from ``start`` to ``target``, or None.

    Dijkstra over documented moves; a move a -> b costs ``1 + move_cost(a, b) +
    move_cost(target, b)`` (the second term: what b asks beyond the target).
    Settles at most :data:`SEARCH_LIMIT` occupations. Ties go to the route
    through lower rows (occupation ids).
    """
    if start == target:
        return Route((target,), "direct")
    index = moves(model)
    unit = _unit(model)
    beyond = _beyond(model, target)
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
            return Route(path, "route")
        # The order the moves are tried in does not matter: the queue orders by cost, then
        # path, and a row keeps the first path found at its cost.
        for nxt, move in index.costs_of(row).items():
            if nxt in done:
                continue
            new = cost + (1.0 + (move + beyond[nxt]) / unit)
            if new < best.get(nxt, np.inf) - 1e-12:
                best[nxt] = new
                heapq.heappush(queue, (new, (*path, nxt)))
    return None


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
    top = min(CREDIBLE_TOP, len(model.catalog))
    rows = best_columns(likelihood, top)[0]
    levels, importance = model.requirements(rows)
    for row, need, weight in zip(rows.tolist(), levels, importance, strict=True):
        if credible(ratings, need, weight):
            return row, how
    return None, how
