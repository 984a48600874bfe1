"""``recommend(profile)``: the occupations that fit a person's self-assessment best, explained."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from matcher.core.fit import fit_scores
from matcher.core.gapmath import fit_blocks, shown
from matcher.core.likelihood import Evaluation, evaluate_one
from matcher.core.ranking import first_of_order
from matcher.io.assessment import ALL, Assessment, read_assessment
from matcher.model.default import model_or_default
from matcher.model.model import Model
from matcher.util.warn import warn
from matcher.validation import check_positive_int

from .explain import Recommendation, evidence_of_many, key_items
from .jobnote import unknown_job

__all__ = [
    "asked_items",
    "asked_mask",
    "assess",
    "rank_in",
    "ranked",
    "rate",
    "recommend",
    "standing",
]


def rate(
    assessment: Assessment | Mapping[str, Any] | str | Path,
    model: Model,
    *,
    lenient: bool = False,
) -> tuple[Assessment, np.ndarray]:
    """Validate a self-assessment against a model; return it and its ratings row (n_features,)."""
    person = read_assessment(assessment, model.item_resolver, lenient=lenient)
    return person, model.vectorizer.transform_ratings([person.ratings])[0]


def asked_mask(person: Assessment, model: Model) -> np.ndarray:
    """Which of the model's features the person was asked (n_features,): every feature for a
    free list or ``"asked": "all"``, else those named (and those rated)."""
    if person.asked is None or person.asked == ALL:
        return np.ones(model.vectorizer.n_features, bool)
    mask = np.zeros(model.vectorizer.n_features, bool)
    for block, name in person.asked:
        column = model.vectorizer.feature_index(block, name)
        if column is not None:
            mask[column] = True
    return mask


def asked_items(person: Assessment, ratings: np.ndarray, model: Model) -> np.ndarray:
    """What the person was asked, every item they rated included (n_features,)."""
    return asked_mask(person, model) | ~np.isnan(ratings)


def assess(person: Assessment, ratings: np.ndarray, model: Model) -> Evaluation:
    """The likelihood passes for one person (see :mod:`matcher.core.likelihood`)."""
    return evaluate_one(ratings, asked_items(person, ratings, model), model.scorer)


def recommend(
    profile: Assessment | Mapping[str, Any] | str | Path,
    *,
    top_k: int = 10,
    model: Model | None = None,
    lenient: bool = False,
) -> list[Recommendation]:
    """Rank occupations for one person, best first.

    Parameters
    ----------
    profile : the person's self-assessment: a dict in the JSON shape of the
        README, a path to such a JSON file, or an :class:`Assessment` (checked as its
        dict would be: ratings by ``(block, name)``, a name resolved through the aliases).
    top_k : how many recommendations to return.
    model : default: the built-in catalog's model.
    lenient : ignore unknown item names with a warning instead of failing.

    Ties are broken by occupation id. A ``current_job`` or ``target_job`` that names no
    occupation of the model is said in a warning (with the names spelt like it) and not
    used: ``score_survey`` rejects such a row, and ``gaps()`` a target it cannot find.
    """
    top_k = check_positive_int("top_k", top_k)
    model = model_or_default(model)
    person, ratings = rate(profile, model, lenient=lenient)
    _warn_unknown_jobs(person, model)
    return ranked(person, ratings, model, top_k)


def _warn_unknown_jobs(person: Assessment, model: Model) -> None:
    """Warn of a job the profile names that the model does not know: ranked without it in
    silence, a misspelt current job went unnoticed in a notebook (the command and the reports
    say it in a note, and read the profile themselves)."""
    for field in ("current_job", "target_job"):
        if why := unknown_job(model, person, field):
            warn(f"{field} not used: {why}")


def ranked(
    person: Assessment, ratings: np.ndarray, model: Model, top_k: int
) -> list[Recommendation]:
    """:func:`recommend` of a person and ratings :func:`rate` gave, without its warnings (the
    command and the reports say what they would in notes of their own)."""
    asked = asked_items(person, ratings, model)  # a key item not asked is said (not_asked)
    result = evaluate_one(ratings, asked, model.scorer)
    rows = first_of_order(result.log_likelihood, result.shortlist, result.exact, top_k)
    confidence = result.confidence(rows)[0]
    rows = rows[0]
    blocks = model.block_names
    # the matches' rows only: a big catalog's whole levels need not be read (nor checked)
    levels, importance = model.requirements(rows)
    score, parts = fit_scores(
        ratings[None, :], levels[None], importance[None], model.block_codes, len(blocks)
    )
    known = model.cached("key_items", dict)  # an occupation's key items, once per process
    as_shown = shown(ratings)  # the half-point rule's reading, once for every match
    for k, row in enumerate(rows.tolist()):
        if row not in known:
            known[row] = key_items(
                levels[k],
                importance[k],
                model.vectorizer.match_weights(importance[k][None])[0],
                model.feature_keys,
                model.name_rank,
                fit_blocks(model),
            )
    keys = [known[row] for row in rows.tolist()]
    # the matches' key items read at once: ratings, verdicts, asked and left blank
    verdicts = evidence_of_many(ratings, keys, as_shown)
    columns = np.concatenate([key[0] for key in keys]) if keys else np.empty(0, np.intp)
    # by column, not by comparing items: "e not in not_asked" compared dataclasses pairwise
    # (about 0.3 ms of a questionnaire's 2.4 ms at 1,000 occupations)
    was_asked = asked[columns].tolist()
    # what a questionnaire asked and the person skipped (a free list asks nothing)
    skipped = (np.isnan(ratings[columns]) & asked[columns]).tolist()
    answered = None if person.asked is None else asked & ~np.isnan(ratings)
    recommendations, start = [], 0
    for rank, (k, row) in enumerate(zip(range(len(rows)), rows.tolist(), strict=True), start=1):
        matched, missing, unrated = verdicts[k]
        items = keys[k][2]
        end = start + len(items)
        not_asked = tuple(e for e, a in zip(items, was_asked[start:end], strict=True) if not a)
        blank = ()
        if person.asked is not None:
            blank = tuple(e for e, s in zip(items, skipped[start:end], strict=True) if s)
        start = end
        # a questionnaire's answers to items the occupation does not list are evidence too
        # (a free list's are read as the catalog has them: not said)
        unneeded = ratings[answered & (importance[k] == 0)] if answered is not None else ()
        recommendations.append(
            Recommendation(
                rank=rank,
                occupation_id=model.ids[row],
                title=model.titles[row],
                score=float(score[0, k]),
                confidence=float(confidence[k]),
                contributions={b: float(parts[0, k, i]) for i, b in enumerate(blocks)},
                matched=matched,
                missing=missing,
                unrated=unrated,
                offset=float(result.offset[0, row]),
                scale=float(result.scale[0, row]),
                not_asked=not_asked,
                left_blank=blank,
                unneeded=len(unneeded),
                unneeded_rating=float(np.mean(unneeded)) if len(unneeded) else None,
                alike=person.alike,
            )
        )
    return recommendations


def standing(assessment: Assessment, occupation_id: str, model: Model) -> int:
    """Where one occupation stands in a person's whole order, 1 for the first (ties to the
    lower row, as :func:`recommend` breaks them): to say where their current job is when it
    is not among the matches shown."""
    person, ratings = rate(assessment, model)
    scores = assess(person, ratings, model).log_likelihood[0]
    return rank_in(scores, model.index_of(occupation_id))


def rank_in(scores: np.ndarray, row: int) -> int:
    """Where ``row`` stands among ``scores`` (one person's order, (m,)), 1 for the first; ties
    to the lower row, as :func:`recommend` breaks them."""
    ahead = np.count_nonzero(scores > scores[row])
    return int(ahead + np.count_nonzero(scores[:row] == scores[row]) + 1)
