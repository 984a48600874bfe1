"""How a person joins the target's documented career path (rule 2 of :mod:`matcher.match.routes`).

They join at a step their post has a documented move to: a career-path move first (some
document's path takes their post straight to it), else a related job, else by a close move (no
dearer than :data:`CLOSE_MOVE` typical moves), one no document gives. A step below them is
never joined: one a career path puts before their post, or one that asks less of their post
than their post asks of it (except by a career-path move, which goes up by definition).
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
    """Where a person joins a path: the index of the ``step``, and whether a document gives
    the move there (``documented``)."""

    step: int
    documented: bool


def below(model: Model, start: int, step: int) -> bool:
    """Whether ``step`` is below ``start``: a documented path puts it first, or it asks less
    of the start than the start asks of it."""
    if step in moves(model).earlier_of(start):
        return True
    return move_cost(model, start, step) < move_cost(model, step, start)


def join_path(model: Model, start: int, path: tuple[int, ...]) -> Join | None:
    """Where a person at ``start`` joins ``path`` (by the kinds of move of this module's
    rules, the first kind that has any), or None. Among the steps of a kind the least costly
    move wins, then the later step."""
    index = moves(model)
    kinds: tuple[Iterable[int], ...] = (
        [i for i, s in enumerate(path) if s in index.forward_of(start)],
        [
            i
            for i, s in enumerate(path)
            if s in index.related_of(start) and not below(model, start, s)
        ],
        [
            i
            for i, s in enumerate(path)
            if move_cost(model, start, s) <= CLOSE_MOVE and not below(model, start, s)
        ],
    )
    for kind, candidates in enumerate(kinds):
        best = sorted(candidates, key=lambda i: (move_cost(model, start, path[i]), -i))
        if best:
            # a close move is documented only where a supplemental relation gives it
            return Join(best[0], kind < 2 or path[best[0]] in index.of(start))
    return None


def way_in(
    model: Model, start: int, path: tuple[int, ...], by: int, asks: Sequence[float]
) -> tuple[int, ...] | None:
    """The least costly route (:func:`~matcher.match.costs.route_cost`) that joins ``path``
    from ``start`` through one post: a documented move to a post neither on the path nor
    below the start, and from there a career-path move (some document's path takes the post
    straight there) to step ``by`` or an earlier one, not below the start; or None.
    ``asks``: as :func:`~matcher.match.costs.route_cost` takes it."""
    index = moves(model)
    found = []
    for post in sorted(index.of(start) - set(path)):
        if below(model, start, post):
            continue
        for i in range(by + 1):
            if path[i] in index.forward_of(post) and not below(model, start, path[i]):
                rows = (start, post, *path[i:])
                found.append((route_cost(model, rows, asks), rows))
    return min(found)[1] if found else None
