"""Career paths: the steps of a target's documented ladder, or a route to it.

A route runs through the graph of related jobs and career-path moves. Each
move A → B costs one plus what B needs that A does not (importance ×
discrimination × how many levels higher), so the cheapest route keeps every
move small.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["Route", "documented_path", "move_costs", "shortest_route"]


@dataclass(frozen=True)
class Route:
    """Occupation row indices from start to target, and how they were found."""

    rows: tuple[int, ...]
    kind: str  # "career path" | "route" | "direct"
    unresolved: tuple[str, ...] = ()


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


def move_costs(model: Model) -> np.ndarray:
    """What each move asks of a person, shape (n, n): cost[a, b] for moving from a to b.

    The sum over features of importance_b × discrimination × max(0, level_b - level_a),
    divided by the catalog's median of that sum so that 1 is a typical move.
    """
    need = model.importance * model.vectorizer.discrimination_[None, :]
    levels = model.levels
    # (n, n) without an (n, n, features) array: loop over targets, vectorise over sources.
    cost = np.empty((len(levels), len(levels)))
    for b in range(len(levels)):
        cost[:, b] = (np.maximum(levels[b][None, :] - levels, 0) * need[b][None, :]).sum(axis=1)
    scale = np.median(cost[cost > 0]) if np.any(cost > 0) else 1.0
    return cost / scale


def _edges(model: Model) -> dict[int, set[int]]:
    """Moves the catalog documents: related jobs (both ways) and career-path steps (forward)."""
    edges: dict[int, set[int]] = {i: set() for i in range(len(model.catalog))}
    for row, occupation in enumerate(model.catalog):
        for name in occupation.profile.related_jobs:
            other = model.catalog.resolve(name)
            if other is not None and other != occupation.id:
                j = model.index_of(other)
                edges[row].add(j)
                edges[j].add(row)
        steps = [model.catalog.resolve(s) for s in occupation.profile.career_path]
        steps = [model.index_of(s) for s in steps if s is not None]
        for a, b in itertools.pairwise(steps):
            if a != b:
                edges[a].add(b)
    return edges


def shortest_route(model: Model, start_row: int, target_row: int) -> Route | None:
    """Cheapest route from ``start_row`` to ``target_row``, or None when none exists.

    Dijkstra over documented moves, each costing 1 + :func:`move_costs`; ties go
    to the route through lower row indices (occupation ids), so the result is
    deterministic.
    """
    if start_row == target_row:
        return Route((target_row,), "direct")
    edges = model.cached("edges", lambda: _edges(model))
    costs = model.cached("move_costs", lambda: move_costs(model))
    best = {start_row: 0.0}
    queue = [(0.0, (start_row,), start_row)]
    done: set[int] = set()
    while queue:
        cost, path, row = heapq.heappop(queue)
        if row in done:
            continue
        done.add(row)
        if row == target_row:
            return Route(path, "route")
        for nxt in sorted(edges[row]):
            if nxt in done:
                continue
            new = cost + 1.0 + float(costs[row, nxt])
            if new < best.get(nxt, np.inf) - 1e-12:
                best[nxt] = new
                heapq.heappush(queue, (new, (*path, nxt), nxt))
    return None
