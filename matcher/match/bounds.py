"""The posts a route does not pass: none more senior or more specialised than its target.

What a step asks beyond the target is part of its cost (:func:`~matcher.match.costs.move_price`),
and that did not keep routes from such posts: a nursery teacher was sent to Registered Nurse
through Midwife (Registered Nurse → Midwife), a paramedic to Licensed Practical Nurse through
Registered Nurse, a surveying technician (O*NET Job Zone 3) to Zoologists and Wildlife
Biologists (4) through Geoscientists (5). The route search (:mod:`matcher.match.routes`) passes
these posts only when no chain avoids them, and says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from matcher.model.moves import moves

if TYPE_CHECKING:
    from matcher.model.model import Model

__all__ = ["barred_note", "barred_steps"]


def barred_steps(model: Model, start: int, target: int) -> frozenset[int]:
    """The posts a route from ``start`` to ``target`` does not pass: those a career path puts
    after the target, and those whose O*NET Job Zone is above both the start's and the
    target's (when the model knows both). A post the start covers is left out of a route
    anyway (and passing it is no step up)."""
    indptr, indices = moves(model).earlier
    later = np.searchsorted(indptr, np.flatnonzero(indices == target), side="right") - 1
    barred = set(later.tolist())
    zones = _zones(model)
    if zones[start] and zones[target]:
        barred.update(np.flatnonzero(zones > max(zones[start], zones[target])).tolist())
    return frozenset(barred - moves(model).earlier_of(start) - {start, target})


def _zones(model: Model) -> np.ndarray:
    """Each occupation's O*NET Job Zone by row, 0 where unknown; once per model."""

    def by_row() -> np.ndarray:
        zones = model.extra.get("job_zone") or {}
        if not zones:  # a catalog of documents: nothing to look up for 20,000 occupations
            return np.zeros(len(model.ids), np.int8)
        # by id: making every occupation (their names, documents) took 50-65 ms at 20,000
        return np.array([zones.get(i) or 0 for i in model.ids], dtype=np.int8)

    return model.cached("job_zones", by_row)


def barred_note(model: Model, start: int, target: int, passed: list[int]) -> str:
    """What a route that passes posts :func:`barred_steps` names says of them: no documented
    chain avoids them."""
    zones = _zones(model)
    title = model.catalog[target].title
    why = []
    for row in passed:
        if target in moves(model).earlier_of(row):
            why.append(f"{model.catalog[row].title}, which a career path puts after {title}")
        else:
            why.append(
                f"{model.catalog[row].title}, which asks for more preparation than both (O*NET "
                f"Job Zone {zones[row]})"
            )
    return (
        f"no documented chain of related jobs leads from {model.catalog[start].title} to "
        f"{title} without passing {' and '.join(why)}"
    )
