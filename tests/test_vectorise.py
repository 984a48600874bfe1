"""OccupationVectorizer: one feature space for occupations and people."""

from __future__ import annotations

import numpy as np
import pytest

from matcher import parse_profile
from matcher.core.vectorise import OccupationVectorizer, Requirement, profile_requirements
from matcher.core.vocabulary import Vocabulary, builtin_vocabulary

VOCABULARY = Vocabulary(
    {"skill": {"A": (), "B": (), "C": ()}, "aptitude": {"X": ()}, "trait": {"T": ()}}
)
OCCUPATIONS = [
    {
        ("skill", "A"): Requirement(1.0, 4),
        ("skill", "B"): Requirement(0.5, 2),
        ("trait", "T"): Requirement(0.6, 3),
    },
    {("skill", "A"): Requirement(1.0, 3), ("aptitude", "X"): Requirement(0.8, 4)},
    {("skill", "A"): Requirement(1.0, 2), ("skill", "C"): Requirement(1.0, 5)},
]


def test_fit_transform_shapes_and_feature_names():
    vectorizer = OccupationVectorizer(VOCABULARY).fit(OCCUPATIONS)
    names = list(vectorizer.get_feature_names_out())
    assert names == ["skill:A", "skill:B", "skill:C", "aptitude:X", "trait:T"]
    levels, importance = vectorizer.transform(OCCUPATIONS)
    assert levels.shape == importance.shape == (3, 5)
    assert levels[0, names.index("skill:B")] == 2 and importance[0, names.index("skill:B")] == 0.5
    assert levels[1, names.index("skill:B")] == 0 and importance[1, names.index("skill:B")] == 0


def test_shared_features_discriminate_less_and_unused_ones_not_at_all():
    vectorizer = OccupationVectorizer(VOCABULARY).fit(OCCUPATIONS)
    d = dict(zip(vectorizer.get_feature_names_out(), vectorizer.discrimination_, strict=True))
    assert d["skill:A"] < d["skill:C"]  # A: every occupation; C: one
    unused = OccupationVectorizer(
        Vocabulary({**VOCABULARY.entries, "skill": {"A": (), "B": (), "C": (), "Z": ()}})
    ).fit(OCCUPATIONS)
    assert (
        dict(zip(unused.get_feature_names_out(), unused.discrimination_, strict=True))["skill:Z"]
        == 0
    )


def test_required_skills_weigh_more_than_recommended(fixture_model):
    # The fixture's office manager requires Office Administration, recommends Citizen Services.
    model = fixture_model
    row = model.index_of("office-manager")
    column = {n: i for i, n in enumerate(model.vectorizer.get_feature_names_out())}
    required = model.importance[row, column["skill:Office Administration"]]
    recommended = model.importance[row, column["skill:Citizen Services"]]
    assert required > recommended > 0


def test_block_weights_are_configurable():
    light = OccupationVectorizer(
        VOCABULARY, block_weights={"skill": 1, "aptitude": 1, "trait": 0.1}
    )
    heavy = OccupationVectorizer(VOCABULARY, block_weights={"skill": 1, "aptitude": 1, "trait": 2})
    _, importance = light.fit(OCCUPATIONS).transform(OCCUPATIONS)
    heavy.fit(OCCUPATIONS)
    t = list(light.get_feature_names_out()).index("trait:T")
    assert heavy.match_weights(importance)[0, t] == pytest.approx(
        20 * light.match_weights(importance)[0, t]
    )
    with pytest.raises(ValueError, match="unknown blocks"):
        OccupationVectorizer(VOCABULARY, block_weights={"skills": 1}).fit(OCCUPATIONS)


def test_people_map_into_the_same_space_with_nan_for_unanswered():
    vectorizer = OccupationVectorizer(VOCABULARY).fit(OCCUPATIONS)
    ratings = vectorizer.transform_ratings([{("skill", "A"): 4.0}, {("trait", "T"): 0.0}])
    assert ratings.shape == (2, 5)
    assert ratings[0, 0] == 4 and np.isnan(ratings[0, 1:]).all()
    assert ratings[1, 4] == 0


def test_not_fitted_and_empty_catalog_errors():
    with pytest.raises(RuntimeError, match="fit"):
        OccupationVectorizer(VOCABULARY).get_feature_names_out()
    with pytest.raises(ValueError, match="empty catalog"):
        OccupationVectorizer(VOCABULARY).fit([])


def test_unknown_names_stay_features_of_their_own():
    profile = parse_profile(
        "Kite Maker\n\nRequired Skills\n\nKite Aerodynamics (4) / Carpentry (3)\n"
    )
    requirements, unresolved = profile_requirements(profile, builtin_vocabulary())
    assert ("skill", "Kite Aerodynamics") in requirements
    assert requirements[("skill", "Carpentry")] == Requirement(1.0, 3.0)
    assert unresolved == [("skill", "Kite Aerodynamics")]
