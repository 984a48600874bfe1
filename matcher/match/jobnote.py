"""What is said of the person's current job beside their matches: where it stands when it is
not the first, and why a job the catalog does not know is not used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matcher.util.labels import counted, percent, possessive

from .explain import Recommendation, Standing

if TYPE_CHECKING:
    from matcher.io.assessment import Assessment
    from matcher.model.model import Model

__all__ = ["current_job", "current_job_note", "unknown_job", "unknown_job_note"]


def current_job(model: Model, person: Assessment) -> tuple[str, str] | None:
    """The person's current job as ``(id, title)`` of ``model``'s catalog, or None (none named,
    or a name the catalog does not know)."""
    found = model.catalog.resolve(person.current_job) if person.current_job.strip() else None
    return None if found is None else (found, model.catalog.get(found).title)


def unknown_job_note(model: Model, person: Assessment, field: str = "current_job") -> str | None:
    """What to say of a current job (or, ``field="target_job"``, a target) ``model`` does not
    know, or None (none named, or known): why, as a target of that name is answered
    (:mod:`matcher.model.resolve`). "Paramedics", an O*NET occupation without ratings, was
    "not in the catalog" beside Firefighters, Lifeguards and Coroners, and "Nurse", which
    three occupations give, beside their titles as if they were near misses."""
    why = unknown_job(model, person, field)
    return None if why is None else f"{field.replace('_', ' ')} not used: {why}"


def unknown_job(model: Model, person: Assessment, field: str) -> str | None:
    """Why the job the profile's ``field`` names is not one of ``model``'s occupations, or
    None (none named, or known)."""
    name = getattr(person, field)
    if not name.strip() or model.catalog.resolve(name) is not None:
        return None
    from matcher.model.resolve import unknown_occupation

    return unknown_occupation(model.catalog, name, model.extra, hint=False)


def current_job_note(
    current: tuple[str, str] | None,
    recommendations: list[Recommendation] | tuple,
    standing: Standing | None,
) -> str | None:
    """What to say of the person's current job (``(id, title)``, None when they named none
    the catalog knows) beside their matches, when it is not the first: a reader took a
    neighbour first (Subsection Chief at 78 % for a Section Chief) for a mislabelled person.
    ``standing``: where it stands in the person's whole order, its confidence and why it is
    placed after the first (:func:`~matcher.match.order.current_standing`), shown or not. It
    is required: the note said "your answers fit the first better" of a job not shown whose
    confidence was not compared, and was higher (12 % against 10 %; with a longer list the
    same job was said to have the higher confidence).

    The order also weighs what the confidence does not (the catalog's relations, a free
    list's blanks in full: :mod:`matcher.match.order`): a current job placed third may have
    the higher confidence, and then "your answers fit the first better" would be false (21 %
    first, 44 % third for one client); what made the order is said instead."""
    if current is None or not recommendations or recommendations[0].occupation_id == current[0]:
        return None
    if standing is None:
        raise ValueError(
            f"current_job_note: {current[0]!r} is not the first recommendation, so where it "
            "stands is needed (matcher.match.order.current_standing)"
        )
    # Counted over the whole order, not the matches shown: "your answers fit the 3 shown
    # better" of a job at #10 read as if only those 3 came first, and with --top 12 the same
    # job was said to be beaten by the first alone.
    ahead = standing.rank - 1
    after = "" if ahead == 1 else f", after {counted(ahead, 'occupation')}"
    said = f"your current job, {current[1]}, is #{standing.rank}{after}"
    first = recommendations[0]
    if standing.confidence > first.confidence:
        ours, theirs = percent(standing.confidence), percent(first.confidence)
        # "<1%" against "<1%" would not read as higher
        than = (
            f"a higher confidence than the first, {first.title} ({ours} against {theirs})"
            if ours != theirs
            else f"as high a confidence as the first, {first.title} ({ours} each)"
        )
        why = f": {standing.why}" if standing.why else ""
        return f"{said}, though your answers alone give it {than}{why}"
    # Only the first is said to fit better (its confidence is not below the job's): the order
    # has the relations in it, and "3 occupations fit your answers better" of a Plumber at #4
    # took in Apprentice Carpenter at #3, whose confidence was a fifth of the Plumber's.
    why = "the job you named counts for nothing in the order or the confidence"
    return f"{said}: your answers fit {possessive(first.title)} levels better ({why})"
