"""What a gap report notes of its route beside the steps: where it starts and why there, why
no best match is credible, and what a move between O*NET Job Zones asks that ratings do not
show (:func:`matcher.match.gaps.gaps` adds the route's own notes between them)."""

from __future__ import annotations

import numpy as np

from matcher.io.assessment import Assessment
from matcher.model.model import Model
from matcher.util.labels import possessive

from .jobnote import unknown_job_note
from .recommend import asked_items
from .routes import asked_too_few, documented_path

__all__ = ["start_notes", "zone_note"]


def start_notes(
    model: Model,
    person: Assessment,
    ratings: np.ndarray,
    likelihood: np.ndarray,
    start: int | None,
    how: str,
    target: int,
    reached: bool,
) -> list[str]:
    """Where the route starts, when it is not the person's current job: a current job the
    model does not know, the closest credible match started from, or none credible.

    ``start``, ``how``: as :func:`~matcher.match.routes.starting_point` gives them;
    ``likelihood`` the ranking's log-likelihoods; ``reached``: whether the person already
    meets the target (then no route is needed, and none is said to be missing).
    """
    notes = []
    if how == "unknown job" and (unknown := unknown_job_note(model, person)):
        notes.append(unknown)
    title = model.catalog[target].title
    if start is not None and how != "current job":
        # said when the match is the target too: without it, "you are here" on Nursery Teacher
        # read as if an unqualified assistant held the post
        itself = ", the target itself" if start == target else ""
        notes.append(
            f"no current job {'in the catalog ' if person.current_job else ''}was given: "
            f"the route starts at your closest credible match, {model.catalog[start].title}"
            f"{itself}"
        )
    elif start is None and not reached:
        # the target's own path, or the target alone where it documents none (a report said
        # "own career path" under "no path leads to it")
        path = len(documented_path(model, target).rows) > 1
        way = f"{possessive(title)} own career path" if path else f"{title} alone"
        why = _why_none(model, person, ratings, likelihood)
        notes.append(f"none of your best matches is credible{why}: the route is {way}")
    return notes


def zone_note(model: Model, start: int, target: int, how: str) -> str | None:
    """What a move between O*NET Job Zones (1-5, the preparation an occupation asks for) means,
    when both are known: gaps in ratings say nothing of a degree or a licence (an assistant
    aiming at Registered Nurses), nor that a move asks less than the post one holds."""
    zones = model.extra.get("job_zone") or {}
    here, there = (zones.get(model.catalog[row].id) for row in (start, target))
    if here is None or there is None or here == there:
        return None
    mine = "your current job" if how == "current job" else model.catalog[start].title
    if there > here:
        return (
            f"the target asks for more preparation than {mine} (O*NET Job Zone {there} "
            f"against {here}): check the education, training or licence it requires"
        )
    return (
        f"the target is a step down in preparation from {mine} (O*NET Job Zone {there} "
        f"against {here})"
    )


def _why_none(model: Model, person: Assessment, ratings: np.ndarray, likelihood: np.ndarray) -> str:
    """Why no best match is credible, as the note says it: a questionnaire that asked too
    few of their key items is not the person's doing (18 of a class's 19 reports blamed the
    student, "you rated too few of their key items", for items never asked)."""
    asked = asked_items(person, ratings, model)
    short, of = asked_too_few(model, asked, likelihood)
    if short and short == of:
        return (
            ", as your questionnaire did not ask enough of their key items to place you (a "
            "fuller questionnaire could)"
        )
    if short:
        return (
            " (your questionnaire did not ask enough of the key items of some; of the others "
            "you rated too few, or meet too few of those you rated)"
        )
    return " (you rated too few of their key items, or meet too few of those you rated)"
