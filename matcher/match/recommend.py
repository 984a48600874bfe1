"""``recommend(profile)``: the occupations that fit a person's self-assessment best, explained."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from matcher.core.likelihood import match
from matcher.core.ranking import top_k as best_columns
from matcher.io.assessment import Assessment, read_assessment
from matcher.model.default import default_model
from matcher.model.model import Model
from matcher.validation import check_positive_int

from .explain import Recommendation, evidence

__all__ = ["rate", "recommend"]


def rate(
    profile: Assessment | Mapping[str, Any] | str | Path,
    model: Model,
    *,
    lenient: bool = False,
) -> tuple[Assessment, np.ndarray]:
    """Validate a self-assessment against a model; return it and its ratings row (n_features,)."""
    person = read_assessment(profile, model.item_resolver, lenient=lenient)
    return person, model.vectorizer.transform_ratings([person.ratings])[0]


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
        README, a path to such a JSON file, or an :class:`Assessment`.
    top_k : how many recommendations to return.
    model : default: the built-in catalog's model.
    lenient : ignore unknown item names with a warning instead of failing.

    Ties are broken by occupation id.
    """
    top_k = check_positive_int("top_k", top_k)
    model = model or default_model()
    _, ratings = rate(profile, model, lenient=lenient)
    result = match(ratings[None, :], model.occupation_matrix(), model.params)
    keys = model.feature_keys
    blocks = model.block_names
    recommendations = []
    for rank, row in enumerate(best_columns(result.log_likelihood, top_k)[0].tolist(), start=1):
        matched, missing, unrated = evidence(
            ratings,
            model.levels[row],
            model.importance[row],
            model.weights[row],
            keys,
            model.name_rank,
        )
        occupation = model.catalog[row]
        recommendations.append(
            Recommendation(
                rank=rank,
                occupation_id=occupation.id,
                title=occupation.title,
                score=float(result.score[0, row]),
                contributions={
                    b: float(result.contributions[0, row, i]) for i, b in enumerate(blocks)
                },
                matched=matched,
                missing=missing,
                unrated=unrated,
                offset=float(result.offset[0, row]),
                scale=float(result.scale[0, row]),
            )
        )
    return recommendations
