"""OccupationVectorizer (a scikit-learn estimator) and the FeatureSpace it learns."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import check_estimator
from sklearn.utils.validation import check_is_fitted

from matcher import InputError, parse_profile
from matcher.core.features import FeatureSpace
from matcher.core.vectorise import (
    DEFAULT_BLOCK_WEIGHTS,
    OccupationVectorizer,
    Requirement,
    profile_requirements,
)
from matcher.core.vocabulary import Vocabulary
from matcher.io.vocabulary import builtin_vocabulary

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

# --------------------------------------------------------------------------- scikit-learn's checks

#: Every check scikit-learn runs that fits on a numeric array: the vectoriser's samples
#: are occupations (mappings of requirements), as DictVectorizer's are dicts, so an
#: array is refused with a TypeError. What these checks assert is checked below on
#: occupations instead (fit returns self, leaves its parameters alone, is idempotent,
#: order and subset invariance, fit_transform, pickling, set_output).
_ARRAY_INPUT = "fits on a numeric array; the vectoriser's samples are occupations (mappings)"
NOT_APPLICABLE = dict.fromkeys(
    [
        "check_fit_score_takes_y",
        "check_estimators_overwrite_params",
        "check_dont_overwrite_parameters",
        "check_estimators_fit_returns_self",
        "check_readonly_memmap_input",
        "check_n_features_in_after_fitting",
        "check_positive_only_tag_during_fit",
        "check_estimators_dtypes",
        "check_complex_data",
        "check_dtype_object",
        "check_estimators_empty_data_messages",
        "check_pipeline_consistency",
        "check_estimators_nan_inf",
        "check_estimator_sparse_tag",
        "check_estimator_sparse_array",
        "check_estimator_sparse_matrix",
        "check_estimators_pickle",
        "check_f_contiguous_array_estimator",
        "check_transformer_data_not_an_array",
        "check_transformer_general",
        "check_transformer_preserve_dtypes",
        "check_methods_sample_order_invariance",
        "check_methods_subset_invariance",
        "check_fit2d_1sample",
        "check_fit2d_1feature",
        "check_dict_unchanged",
        "check_fit_idempotent",
        "check_fit_check_is_fitted",
        "check_n_features_in",
        "check_fit1d",
        "check_fit2d_predict1d",
    ],
    _ARRAY_INPUT,
)
NOT_APPLICABLE["check_array_api_input"] = "the vectoriser takes mappings, not Array API arrays"


@pytest.mark.parametrize(
    "estimator", [OccupationVectorizer(), OccupationVectorizer(VOCABULARY, use_idf=False)]
)
def test_scikit_learn_estimator_checks(estimator):
    """Every check that applies passes (cloning, repr, get/set_params, nothing set in
    __init__, unfitted errors, mixin order, ...); the others are listed with why."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = check_estimator(estimator, on_fail=None)
    status = {r["check_name"]: r["status"] for r in results}
    applicable = {name for name in status if name not in NOT_APPLICABLE}
    assert {"check_estimator_cloneable", "check_set_params", "check_estimator_repr"} <= applicable
    assert {n: s for n, s in status.items() if n in applicable and s != "passed"} == {}


def test_fit_returns_self_leaves_its_parameters_alone_and_is_idempotent():
    vectorizer = OccupationVectorizer(VOCABULARY, block_weights={"skill": 2.0})
    params = vectorizer.get_params()
    with pytest.raises(NotFittedError):
        check_is_fitted(vectorizer)
    assert vectorizer.fit(OCCUPATIONS) is vectorizer
    check_is_fitted(vectorizer)
    assert vectorizer.get_params() == params  # the defaults went into block_weights_
    assert vectorizer.block_weights == {"skill": 2.0}
    assert vectorizer.block_weights_ == {**DEFAULT_BLOCK_WEIGHTS, "skill": 2.0}
    first = vectorizer.transform(OCCUPATIONS), vectorizer.discrimination_.copy()
    vectorizer.fit(OCCUPATIONS)
    np.testing.assert_array_equal(vectorizer.transform(OCCUPATIONS), first[0])
    np.testing.assert_array_equal(vectorizer.discrimination_, first[1])


def test_clone_set_params_and_fit_transform():
    vectorizer = OccupationVectorizer(VOCABULARY).fit(OCCUPATIONS)
    copy = clone(vectorizer)
    assert not hasattr(copy, "feature_space_") and copy.get_params() == vectorizer.get_params()
    copy.set_params(unlisted_weight=0.5)
    assert copy.unlisted_weight == 0.5 and vectorizer.unlisted_weight == 0.15
    np.testing.assert_array_equal(
        OccupationVectorizer(VOCABULARY).fit_transform(OCCUPATIONS),
        vectorizer.transform(OCCUPATIONS),
    )


def test_transform_is_row_wise_so_order_and_subsets_do_not_matter():
    vectorizer = OccupationVectorizer(VOCABULARY).fit(OCCUPATIONS)
    full = vectorizer.transform(OCCUPATIONS)
    np.testing.assert_array_equal(vectorizer.transform(OCCUPATIONS[::-1]), full[::-1])
    np.testing.assert_array_equal(vectorizer.transform(OCCUPATIONS[1:2]), full[1:2])
    np.testing.assert_array_equal(
        vectorizer.transform_importance(OCCUPATIONS[2:]),
        vectorizer.transform_importance(OCCUPATIONS)[2:],
    )


def test_set_output_gives_a_frame_with_the_feature_names():
    pytest.importorskip("pandas")
    vectorizer = OccupationVectorizer(VOCABULARY).set_output(transform="pandas")
    frame = vectorizer.fit_transform(OCCUPATIONS)
    assert list(frame.columns) == list(vectorizer.get_feature_names_out())
    assert frame.loc[0, "skill:B"] == 2 and frame.shape == (3, 5)


def test_a_fitted_vectoriser_pickles():
    import pickle

    vectorizer = OccupationVectorizer(VOCABULARY).fit(OCCUPATIONS)
    again = pickle.loads(pickle.dumps(vectorizer))
    np.testing.assert_array_equal(again.transform(OCCUPATIONS), vectorizer.transform(OCCUPATIONS))


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"block_weights": {"skills": 1}}, "each key of block_weights must be one of skill,"),
        ({"block_weights": {"skill": -1}}, r"block_weights\['skill'\] must be a finite number"),
        ({"block_weights": {"skill": float("nan")}}, "must be a finite number"),
        ({"block_weights": {"skill": "1"}}, "must be a finite number"),
        ({"block_weights": [("skill", 1)]}, "block_weights must be a mapping"),
        ({"unlisted_weight": -0.1}, "unlisted_weight must be"),
        ({"unlisted_weight": "0.1"}, "unlisted_weight must be"),
        ({"use_idf": "yes"}, "use_idf must be True or False"),
        ({"vocabulary": {"skill": {}}}, "vocabulary must be a Vocabulary"),
    ],
)
def test_parameters_are_validated_in_fit(params, message):
    # by the one parameter-check layer: an InputError (a ValueError), as build_model's are
    vectorizer = OccupationVectorizer(**params)  # __init__ only stores them
    with pytest.raises(InputError, match=message):
        vectorizer.fit(OCCUPATIONS)


def test_input_that_is_not_occupations_is_refused_with_what_was_expected():
    with pytest.raises(TypeError, match="mapping"):
        OccupationVectorizer().fit(np.ones((3, 2)))
    with pytest.raises(TypeError, match="expected a Requirement"):
        OccupationVectorizer().fit([{("skill", "A"): 3}])
    with pytest.raises(ValueError, match="empty catalog"):
        OccupationVectorizer(VOCABULARY).fit([])


# --------------------------------------------------------------------------- the feature space


def test_fit_transform_shapes_and_feature_names():
    vectorizer = OccupationVectorizer(VOCABULARY).fit(OCCUPATIONS)
    names = list(vectorizer.get_feature_names_out())
    assert names == ["skill:A", "skill:B", "skill:C", "aptitude:X", "trait:T"]
    levels = vectorizer.transform(OCCUPATIONS)
    importance = vectorizer.transform_importance(OCCUPATIONS)
    assert levels.shape == importance.shape == (3, 5)
    assert levels[0, names.index("skill:B")] == 2 and importance[0, names.index("skill:B")] == 0.5
    assert levels[1, names.index("skill:B")] == 0 and importance[1, names.index("skill:B")] == 0


def test_the_fitted_feature_space_is_what_a_model_keeps():
    vectorizer = OccupationVectorizer(VOCABULARY, unlisted_weight=0.3).fit(OCCUPATIONS)
    space = vectorizer.feature_space_
    assert isinstance(space, FeatureSpace)
    assert list(space.feature_names_) == list(vectorizer.feature_names_)
    assert space.key(3) == ("aptitude", "X") and space.feature_index("aptitude", "x") == 3
    importance = vectorizer.transform_importance(OCCUPATIONS)
    np.testing.assert_array_equal(
        space.match_weights(importance), vectorizer.match_weights(importance)
    )
    with pytest.raises(ValueError, match="block:name"):
        FeatureSpace(["A"], np.ones(1), block_weights={}, unlisted_weight=0)


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
    importance = light.fit(OCCUPATIONS).transform_importance(OCCUPATIONS)
    heavy.fit(OCCUPATIONS)
    t = list(light.get_feature_names_out()).index("trait:T")
    assert heavy.match_weights(importance)[0, t] == pytest.approx(
        20 * light.match_weights(importance)[0, t]
    )


def test_people_map_into_the_same_space_with_nan_for_unanswered():
    space = OccupationVectorizer(VOCABULARY).fit(OCCUPATIONS).feature_space_
    ratings = space.transform_ratings([{("skill", "A"): 4.0}, {("trait", "T"): 0.0}])
    assert ratings.shape == (2, 5)
    assert ratings[0, 0] == 4 and np.isnan(ratings[0, 1:]).all()
    assert ratings[1, 4] == 0


def test_not_fitted_is_an_error_saying_so():
    with pytest.raises(NotFittedError, match="fit"):
        OccupationVectorizer(VOCABULARY).get_feature_names_out()
    with pytest.raises(NotFittedError):
        OccupationVectorizer(VOCABULARY).transform(OCCUPATIONS)


def test_unknown_names_stay_features_of_their_own():
    profile = parse_profile(
        "Kite Maker\n\nRequired Skills\n\nKite Aerodynamics (4) / Carpentry (3)\n"
    )
    requirements, unresolved = profile_requirements(profile, builtin_vocabulary())
    assert ("skill", "Kite Aerodynamics") in requirements
    assert requirements[("skill", "Carpentry")] == Requirement(1.0, 3.0)
    assert unresolved == [("skill", "Kite Aerodynamics")]


def test_a_feature_space_remembers_spellings_within_a_bound(builtin_model, monkeypatch):
    import matcher.core.features as features

    space = builtin_model.vectorizer
    monkeypatch.setattr(features, "FOUND_SPELLINGS", 8)
    column = space.feature_index("skill", "cooking")
    assert column is not None and space.key(column) == ("skill", "Cooking")
    for k in range(20):  # unknown spellings do not grow it without end
        assert space.feature_index("skill", f"no such skill {k}") is None
    assert len(space._found) <= 8
    assert space.feature_index("skill", "cooking") == column
