"""Why a match is placed before one the confidence finds likelier.

The order and the confidence read the same answers with two differences
(:func:`matcher.core.likelihood.evaluate`): the order also weighs the catalog's relations
(:mod:`matcher.core.relations`), and a free list's blanks weigh in full in the order but less
in the confidence (:data:`~matcher.core.posterior.FREE_LIST_BLANKS`). A modest bricklayer's
list put Master Carpenter (38 %) before Carpenter (61 %) with nothing said; the relations
prior was the same for both, the blanks made the order. The same is said when the likelier
one is the person's current job (:func:`current_standing`): naming Carpenter as his job
gave "placed after occupations related to your likeliest ones", the reason just found false.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import numpy as np

from matcher.core.likelihood import Evaluation
from matcher.io.assessment import Assessment
from matcher.model.model import Model
from matcher.util.labels import percent

from .explain import Recommendation, Standing
from .recommend import assess, rank_in, rate

__all__ = ["current_standing", "order_note", "order_notes", "why_before"]

#: Less than this (nats) is float32 noise, not a push: the same prior read -0.0001 apart.
NOISE = 0.01

#: A person's self-assessment read against the model and evaluated, on first call only.
Reading = Callable[[], tuple[Assessment, Evaluation]]


def _reading(assessment: Assessment, model: Model) -> Reading:
    @functools.cache
    def read() -> tuple[Assessment, Evaluation]:
        person, ratings = rate(assessment, model)
        return person, assess(person, ratings, model)

    return read


def order_notes(
    assessment: Assessment,
    recommendations: Sequence[Recommendation],
    model: Model,
    current: tuple[str, str] | None = None,
) -> tuple[Standing | None, str | None]:
    """:func:`current_standing` and :func:`order_note` of one person, who is evaluated once
    at most (each alone evaluates them again: the CLI and every report ran the likelihood
    three times for a person with a current job)."""
    reading = _reading(assessment, model)
    return (
        _standing(reading, current, recommendations, model),
        _order_note(reading, recommendations, model, current),
    )


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
    :func:`~matcher.match.jobnote.current_job_note` speaks (with the same reason)."""
    return _order_note(_reading(assessment, model), recommendations, model, current)


def _order_note(
    reading: Reading,
    recommendations: Sequence[Recommendation],
    model: Model,
    current: tuple[str, str] | None,
) -> str | None:
    if len(recommendations) < 2:
        return None
    first = recommendations[0]
    likeliest = max(recommendations, key=lambda r: (r.confidence, -r.rank))
    ours, theirs = percent(first.confidence), percent(likeliest.confidence)
    if likeliest is first or ours == theirs:
        return None
    if current is not None and likeliest.occupation_id == current[0]:
        return None
    person, found = reading()
    why = why_before(person, found, model, first, likeliest.occupation_id)
    if why is None:  # neither pushed it up: nothing else differs (not seen to happen)
        return None
    return (
        f"{first.title} is placed before {likeliest.title}, though {likeliest.title} has the "
        f"higher confidence ({theirs} against {ours}): {why}"
    )


def why_before(
    person: Assessment, found: Evaluation, model: Model, first: Recommendation, other_id: str
) -> str | None:
    """What made the order place ``first`` before occupation ``other_id`` (``person``'s
    :class:`~matcher.core.likelihood.Evaluation`), as "the order ..." said of it; None when
    neither the relations nor the blanks pushed it up (nothing else differs).

    The blanks weigh less in the confidence for whoever left most of what they were asked
    blank (:func:`~matcher.core.blanks.questionnaire`), a questionnaire's ``"asked"`` or
    ``"all"`` too: those are items "you left blank", not what "your list does not
    mention"."""
    rows = found.shortlist[0].tolist()
    a, b = model.index_of(first.occupation_id), model.index_of(other_id)
    if a not in rows or b not in rows:  # the Gaussian pass placed one (not seen to happen)
        return "the order scores the likeliest few dozen occupations exactly, the rest below"
    i, j = rows.index(a), rows.index(b)
    # what the order weighs that the confidence does not, for the first against the other
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
        blanks = (
            "what your list does not mention" if person.asked is None else "what you left blank"
        )
        reasons.append(f"counts {blanks} in full, the confidence {percent(weight)} of it")
    return "the order " + ", and ".join(reasons) if reasons else None


def current_standing(
    assessment: Assessment,
    current: tuple[str, str] | None,
    shown: Sequence[Recommendation],
    model: Model,
) -> Standing | None:
    """Where the person's current job (``(id, title)``, or None) stands in their whole order,
    with its confidence, shown or not (the evaluation gives every occupation its share), and
    why the first is placed before it when the job has the higher confidence: what
    :func:`~matcher.match.jobnote.current_job_note` says of it. None when no job is named
    (or the catalog does not know it) or it is the first. With --top 3 a dental nurse's own
    job (#5, 12 %) was not compared, and she read that her answers fit the first (10 %)
    better; with --top 5 the opposite."""
    return _standing(_reading(assessment, model), current, shown, model)


def _standing(
    reading: Reading,
    current: tuple[str, str] | None,
    shown: Sequence[Recommendation],
    model: Model,
) -> Standing | None:
    if current is None or not shown or shown[0].occupation_id == current[0]:
        return None
    person, found = reading()
    mine = next((r for r in shown if r.occupation_id == current[0]), None)
    if mine is not None:
        rank, confidence = mine.rank, mine.confidence
    else:
        row = model.index_of(current[0])
        rank = rank_in(found.log_likelihood[0], row)
        confidence = float(found.confidence(np.array([[row]]))[0, 0])
    why = None
    if confidence > shown[0].confidence:
        why = why_before(person, found, model, shown[0], current[0])
    return Standing(rank, confidence, why)
