"""What a model file holds beside its arrays and is checked on load: the block weights (a
signed file still refused if it could not have been built), and the blanks' every-item counts
stored with the model (a file written before them makes them on first use)."""

from __future__ import annotations

import copy
import re

import numpy as np
import pytest
from modelfiles import PROFILE

from matcher import load_model, recommend
from matcher.errors import ModelError


@pytest.mark.parametrize(
    ("weights", "unlisted", "field"),
    [
        ({"skill": -1.0}, 0.15, "block_weights['skill']"),
        ({"skill": float("nan")}, 0.15, "block_weights['skill']"),
        ({"skils": 1.0}, 0.15, "block_weights"),
        ({"skill": 1.0}, -0.5, "unlisted_weight"),
    ],
)
def test_weights_a_model_could_not_be_built_with_are_refused_on_load(
    fixture_model, tmp_path, weights, unlisted, field
):
    # a signed file was still written by some program: a negative or NaN block weight would
    # multiply every rating's log-likelihood and score, where build_model refuses it
    model = copy.deepcopy(fixture_model)
    model.vectorizer.block_weights = weights
    model.vectorizer.unlisted_weight = unlisted
    path = tmp_path / "weights.joblib"
    model.save(path)
    with pytest.raises(ModelError, match=re.escape(field)) as refused:
        load_model(path)
    assert str(path) in str(refused.value) and "rebuild the model" in str(refused.value)


def test_the_stored_blank_counts_rank_as_counts_made_on_first_use(fixture_model, tmp_path):
    # listing_total (what a person asked everything has in all, per occupation) is stored by
    # a model built now; a file written before it has none and makes it: the same ranking
    from matcher.core.weights import LevelWeights

    older = copy.deepcopy(fixture_model)
    del older.arrays["listing_total"]
    with_total = load_model(fixture_model.save(tmp_path / "now.model"))
    without = load_model(older.save(tmp_path / "older.model"))
    assert "listing_total" not in without.arrays.file.index
    stored, made = with_total.scorer.listing, without.scorer.listing
    assert "total" in stored.__dict__ and "total" not in made.__dict__
    fresh = LevelWeights(*(getattr(made, f) for f in LevelWeights.__dataclass_fields__))
    np.testing.assert_array_equal(stored.total, fresh.total)
    people = [
        PROFILE,
        {"skills": {"Policy Planning": 2}},
    ]
    skills = [name for block, name in fixture_model.feature_keys if block == "skill"]
    people.append({**PROFILE, "asked": {"skills": [*skills[:8], "Policy Planning"]}})
    for person in people:
        a, b = recommend(person, model=with_total), recommend(person, model=without)
        assert [(r.occupation_id, r.score, r.confidence) for r in a] == [
            (r.occupation_id, r.score, r.confidence) for r in b
        ]
    assert "total" in made.__dict__  # the ranking used the counts: made on first use


def test_stored_blank_counts_of_the_wrong_shape_are_a_model_error(fixture_model, tmp_path):
    model = copy.deepcopy(fixture_model)
    model.arrays["listing_total"] = model.arrays["listing_total"][:-1]
    path = model.save(tmp_path / "short.model")
    with pytest.raises(ModelError, match="listing_total") as refused:
        recommend(PROFILE, model=load_model(path))
    assert str(path) in str(refused.value)
