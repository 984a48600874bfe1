"""How a person joins the target's documented career path (rule 2 of :mod:`matcher.match.routes`).

They join at a step their post has a documented move to: a career-path move first (some
document's path takes their post straight to it), else a related job. Else, when their post
covers a step of the path (a career path puts it before their post), at the step after it: a
public health nurse covers Registered Nurse, and joins Director of Nursing's path at Head
Nurse. Else by a close move (no dearer than :data:`CLOSE_MOVE` typical moves). These last two
are moves no document gives. A step below them is never joined: one a career path puts before
their post, or a step of the path before it. Of related jobs and close moves, one that asks
less of their post than their post asks of it is below it too, unless a career path puts it
after their post; but a related job is never given up for a close move on that count alone:
when every related step of the path asks less, the route joins at the latest (a senior
software engineer joins Chief Information Officer's path at IT Project Manager, which asks
0.85 typical moves of him, he 1.02 of it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from matcher.model.moves import moves

from .costs import move_cost, route_cost

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["CLOSE_MOVE", "Join", "below", "join_path", "way_in"]

#: A move off the documented graph counts as close up to this many typical moves.
CLOSE_MOVE = 1.5


@dataclass(frozen=True)
class Join:
    """Where a person joins a path: the index of the ``step``, whether a document gives the
    move there (``documented``), and ``through``: the step before it, which their post covers,
    when that is how they join (else None)."""

    step: int
    documented: bool
    through: int | None = None


def below(model: Model, start: int, step: int) -> bool:
    """Whether ``step`` is below ``start``: a career path puts it before the start; else,
    unless one puts it after the start, it asks less of the start than the start asks of it.
    A move a career path gives goes up: a licensed practical nurse asks 0.47 typical moves of
    a care worker, she 0.51 of him, and the care worker's documented way into nursing was
    discarded as a step down."""
    index = moves(model)
    if step in index.earlier_of(start):
        return True
    if start in index.earlier_of(step):
        return False
    return move_cost(model, start, step) < move_cost(model, step, start)


def ahead(model: Model, start: int, path: Sequence[int]) -> int:
    """The first step of ``path`` that is not below ``start`` by the documents: the one after
    the last step a career path puts before the start (0 when there is none)."""
    earlier = moves(model).earlier_of(start)
    return max((i + 1 for i, step in enumerate(path) if step in earlier), default=0)


def join_path(model: Model, start: int, path: tuple[int, ...]) -> Join | None:
    """Where a person at ``start`` joins ``path`` (by the kinds of move of this module's
    rules, the first kind that has any), or None."""
    index = moves(model)
    first = ahead(model, start, path)
    steps = range(first, len(path))
    found = _documented(model, start, path, steps)
    if found is not None:
        return Join(found, True)
    covered = _covered(model, start, path, first)
    if covered is not None:
        return covered
    close = [
        i
        for i in steps
        if move_cost(model, start, path[i]) <= CLOSE_MOVE and not below(model, start, path[i])
    ]
    if not close:
        return None
    best = _cheapest(model, start, path, close)
    return Join(best, path[best] in index.of(start))  # a supplemental relation documents it


def _cheapest(model: Model, start: int, path: Sequence[int], steps: Iterable[int]) -> int:
    """The step the move to costs least, then the later one."""
    return min(steps, key=lambda i: (move_cost(model, start, path[i]), -i))


def _documented(model: Model, start: int, path: Sequence[int], steps: range) -> int | None:
    """The step of ``steps`` that ``start`` joins by a documented move, or None: the cheapest
    career-path move; else the cheapest related job not below the start, else the latest."""
    index = moves(model)
    forward = [i for i in steps if path[i] in index.forward_of(start)]
    if forward:
        return _cheapest(model, start, path, forward)
    related = [i for i in steps if path[i] in index.related_of(start)]
    up = [i for i in related if not below(model, start, path[i])]
    if up:
        return _cheapest(model, start, path, up)
    return related[-1] if related else None


def _covered(model: Model, start: int, path: Sequence[int], first: int) -> Join | None:
    """The step after the last one of the path that the start covers (a career path puts it
    before the start), if there is one: the person is on the path there."""
    if not 0 < first < len(path):
        return None
    return Join(first, path[first] in moves(model).of(start), path[first - 1])


def way_in(
    model: Model,
    start: int,
    path: tuple[int, ...],
    by: int,
    asks: Sequence[float],
    barred: frozenset[int] = frozenset(),
) -> tuple[int, ...] | None:
    """The least costly route (:func:`~matcher.match.costs.route_cost`) that joins ``path``
    from ``start`` through one post: a documented move to a post neither on the path, nor
    below the start, nor ``barred``, and from there a career-path move (some document's path
    takes the post straight there) to step ``by`` or an earlier one, not below the start; or
    None. ``asks``: as :func:`~matcher.match.costs.route_cost` takes it."""
    index = moves(model)
    first = ahead(model, start, path)
    found = []
    for post in sorted(index.of(start) - set(path) - barred):
        if below(model, start, post):
            continue
        for i in range(first, by + 1):
            if path[i] in index.forward_of(post) and not below(model, start, path[i]):
                rows = (start, post, *path[i:])
                found.append((route_cost(model, rows, asks), rows))
    return min(found)[1] if found else None
