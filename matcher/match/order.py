"""Why a match is placed before one the confidence finds likelier.

The order and the confidence read the same answers with two differences
(:func:`matcher.core.likelihood.evaluate`): the order also weighs the catalog's relations
(:mod:`matcher.core.relations`), and a free list's blanks weigh in full in the order but less
in the confidence (:data:`~matcher.core.posterior.FREE_LIST_BLANKS`). A modest bricklayer's
list put Master Carpenter (38 %) before Carpenter (61 %) with nothing said; the relations
prior was the same for both, the blanks made the order.
"""

from __future__ import annotations

from collections.abc import Sequence

from matcher.io.assessment import Assessment
from matcher.model.model import Model
from matcher.util.labels import percent

from .explain import Recommendation
from .recommend import assess, rate

__all__ = ["order_note"]

#: Less than this (nats) is float32 noise, not a push: the same prior read -0.0001 apart.
NOISE = 0.01


def order_note(
    assessment: Assessment,
    recommendations: Sequence[Recommendation],
    model: Model,
    current: tuple[str, str] | None = None,
) -> str | None:
    """What to say when the first of ``recommendations`` shows a lower confidence than the
    likeliest of them (as shown, in whole percents), else None: which of the two differences
    (the relations, the blanks' weight) pushed it first. None too when the
    likeliest is the person's ``current`` job (``(id, title)``), of which
    :func:`~matcher.match.explain.current_job_note` speaks."""
    if len(recommendations) < 2:
        return None
    first = recommendations[0]
    likeliest = max(recommendations, key=lambda r: (r.confidence, -r.rank))
    ours, theirs = percent(first.confidence), percent(likeliest.confidence)
    if likeliest is first or ours == theirs:
        return None
    if current is not None and likeliest.occupation_id == current[0]:
        return None
    person, ratings = rate(assessment, model)
    found = assess(person, ratings, model)
    rows = found.shortlist[0].tolist()
    a, b = model.index_of(first.occupation_id), model.index_of(likeliest.occupation_id)
    said = (
        f"{first.title} is placed before {likeliest.title}, though {likeliest.title} has the "
        f"higher confidence ({theirs} against {ours}): "
    )
    if a not in rows or b not in rows:  # the Gaussian pass placed one (not seen to happen)
        return said + "the order scores the likeliest few dozen occupations exactly, the rest below"
    i, j = rows.index(a), rows.index(b)
    # what the order weighs that the confidence does not, for the first against the likeliest
    weight = float(found.blank_weight[0])
    by_blanks = (1.0 - weight) * (found.blanks[0, i] - found.blanks[0, j])
    by_relations = 0.0 if found.related is None else found.related[0, i] - found.related[0, j]
    reasons = []
    if by_relations > NOISE:
        reasons.append(
            "also weighs how the catalog relates occupations (near relations of your likeliest "
            "ones kept near them), which the confidence does not"
        )
    if by_blanks > NOISE:
        reasons.append(
            f"counts what your list does not mention in full, the confidence {percent(weight)} "
            "of it"
        )
    if not reasons:  # neither pushed it up: nothing else differs (not seen to happen)
        return None
    return said + "the order " + ", and ".join(reasons)
