"""One occupation as a model scores it: what its document leaves out, for ``matcher show``.

An O*NET occupation's document lists its work styles without levels and has no interests
and no Job Zone, though the model scores a person on all three: the work styles and the
interests (RIASEC) at their "typical" levels (a matter of fit, never a gap, as ``recommend``
and the reports show them: "Dependability (5 / typical 4.5)") and the Job Zone in the notes
of a route. A counsellor reads the interest profile and the Job Zone first; ``show`` gave
neither. :func:`occupation_facts` gives them from the model.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from matcher.core.gapmath import FIT_BLOCKS, fit_blocks, shown_value
from matcher.io.profile import Item, JobProfile

if TYPE_CHECKING:
    from .model import Model

__all__ = ["OccupationFacts", "occupation_facts"]


@dataclass(frozen=True)
class OccupationFacts:
    """``profile``: the occupation's document, its items of a fit block (O*NET's work styles)
    given the model's typical levels where the document states none; ``interests``: the
    model's interests of the occupation, strongest first (empty when the model has none);
    ``job_zone``: O*NET's Job Zone (1-5, the preparation it asks for), or None."""

    profile: JobProfile
    interests: tuple[Item, ...] = ()
    job_zone: int | None = None


def occupation_facts(model: Model, occupation_id: str) -> OccupationFacts:
    """What ``model`` scores the occupation ``occupation_id`` on beyond its document."""
    row = model.index_of(occupation_id)
    profile = model.catalog[row].profile
    levels, _ = model.requirements(row)
    space = model.vectorizer

    def typical(block: str, name: str) -> float | None:
        column = space.feature_index(block, name)
        return None if column is None else shown_value(levels[column])

    # the traits of a model that rates them for fit alone (O*NET's work styles)
    if "trait" in fit_blocks(model) - FIT_BLOCKS:
        traits = tuple(
            item if item.level is not None else Item(item.name, typical("trait", item.name))
            for item in profile.traits
        )
        profile = replace(profile, traits=traits)
    # all six, a 0 too: "Social 0" is a fact of the occupation, as the model scores it
    interests = [
        Item(name, shown_value(levels[c]))
        for c, (block, name) in enumerate(model.feature_keys)
        if block == "interest"
    ]
    interests.sort(key=lambda item: (-(item.level or 0.0), item.name))
    zone = (model.extra.get("job_zone") or {}).get(occupation_id)
    return OccupationFacts(profile, tuple(interests), None if zone is None else int(zone))
