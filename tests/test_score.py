"""The match maths: likelihood ranking, bias robustness, seniority, ties, top_k."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from matcher.core.likelihood import ScoringParameters, match
from matcher.core.matrix import OccupationMatrix
from matcher.core.ranking import top_k


def _matrix(levels, weights=None):
    levels = np.asarray(levels, dtype=float)
    weights = np.ones_like(levels) if weights is None else np.asarray(weights, dtype=float)
    return OccupationMatrix(levels, weights, np.zeros(levels.shape[1], dtype=int))


def test_the_occupation_whose_levels_the_ratings_follow_wins():
    levels = [[5, 4, 1, 0], [0, 1, 4, 5], [3, 3, 3, 3]]
    result = match(
        np.array([[5, 4, 1, 0], [0, 1, 5, 5]], float), _matrix(levels), ScoringParameters()
    )
    assert result.log_likelihood[0].argmax() == 0
    assert result.log_likelihood[1].argmax() == 1


def test_score_is_in_unit_interval_and_blocks_add_up():
    rng = np.random.default_rng(1)
    levels = rng.uniform(0, 5, size=(7, 9))
    blocks = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2])
    matrix = OccupationMatrix(levels, rng.uniform(0.1, 1, size=(7, 9)), blocks)
    ratings = rng.integers(0, 6, size=(5, 9)).astype(float)
    ratings[rng.random(ratings.shape) < 0.3] = np.nan
    ratings[:, 0] = 3  # everyone answers something
    result = match(ratings, matrix, ScoringParameters())
    assert np.all(result.score > 0) and np.all(result.score <= 1 + 1e-12)
    np.testing.assert_allclose(result.contributions.sum(axis=-1), result.score, rtol=1e-10)
    # Ranking by score is ranking by likelihood.
    for row in range(len(ratings)):
        assert np.array_equal(
            np.argsort(-result.score[row], kind="stable"),
            np.argsort(-result.log_likelihood[row], kind="stable"),
        )


def test_an_unanswered_item_is_not_a_zero():
    # Occupation 0 needs item 2 at level 5; occupation 1 does not need it.
    levels = [[4, 4, 5], [4, 4, 0]]
    params = ScoringParameters()
    unanswered = match(np.array([[4, 4, np.nan]]), _matrix(levels), params)
    zero = match(np.array([[4, 4, 0.0]]), _matrix(levels), params)
    # Leaving it out says nothing, so both fit equally; rating it 0 favours occupation 1.
    assert unanswered.log_likelihood[0, 0] == pytest.approx(unanswered.log_likelihood[0, 1])
    assert zero.log_likelihood[0, 1] > zero.log_likelihood[0, 0] + 1


def test_shifted_and_stretched_ratings_keep_the_best_match():
    rng = np.random.default_rng(7)
    levels = rng.uniform(0, 5, size=(40, 20))
    truth = levels[:10]
    honest = np.clip(truth + rng.normal(0, 0.3, truth.shape), 0, 5)
    mean = honest.mean(axis=1, keepdims=True)
    params = ScoringParameters()
    for biased in (
        honest + 1.0,
        honest - 1.0,
        mean + 1.6 * (honest - mean),
        mean + 0.5 * (honest - mean),
    ):
        best = match(biased, _matrix(levels), params).log_likelihood.argmax(axis=1)
        assert (best == np.arange(10)).mean() >= 0.9


def test_absolute_levels_separate_occupations_of_one_shape():
    # Same shape, different seniority: a junior and a senior version.
    levels = [[2, 2, 1, 1], [4, 4, 3, 3]]
    params = ScoringParameters()
    junior = match(np.array([[2, 2, 1, 1.0]]), _matrix(levels), params).log_likelihood[0]
    senior = match(np.array([[4, 4, 3, 3.0]]), _matrix(levels), params).log_likelihood[0]
    assert junior[0] > junior[1]
    assert senior[1] > senior[0]


def test_identical_occupations_tie_and_ties_go_to_the_lower_index():
    levels = [[1, 2, 3], [3, 2, 1], [3, 2, 1]]
    result = match(np.array([[3, 2, 1.0]]), _matrix(levels), ScoringParameters())
    assert result.score[0, 1] == result.score[0, 2]
    assert list(top_k(result.score, 3)[0]) == [1, 2, 0]


def test_person_with_no_answers_is_refused():
    with pytest.raises(ValueError, match="at least one item"):
        match(np.full((1, 3), np.nan), _matrix([[1, 2, 3]]), ScoringParameters())


def test_parameters_are_validated():
    with pytest.raises(ValueError, match="noise_sd"):
        ScoringParameters(noise_sd=0)
    with pytest.raises(ValueError, match="honest_share"):
        ScoringParameters(honest_share=1.0)


def test_float32_and_float64_rank_alike():
    rng = np.random.default_rng(3)
    levels = rng.uniform(0, 5, size=(30, 12))
    ratings = rng.integers(0, 6, size=(50, 12)).astype(float)
    m64 = _matrix(levels)
    a = top_k(match(ratings, m64, ScoringParameters()).log_likelihood, 3)
    b = top_k(match(ratings, m64.astype(np.float32), ScoringParameters()).log_likelihood, 3)
    assert (a[:, 0] == b[:, 0]).mean() > 0.95


@settings(max_examples=200, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 12)),
        elements=st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]),
    ),
    st.integers(1, 14),
)
def test_top_k_matches_a_full_stable_sort(scores, k):
    expected = np.argsort(-scores, axis=1, kind="stable")[:, : min(k, scores.shape[1])]
    assert np.array_equal(top_k(scores, k), expected)


def _likelihood_scores(ratings, matrix):
    from matcher.core.likelihood import likelihood, relative_score

    log_likelihood, best, count = likelihood(ratings, matrix, ScoringParameters())
    return relative_score(log_likelihood, best, count), log_likelihood


def test_likelihood_is_match_without_the_explanations_and_subsets_agree():
    rng = np.random.default_rng(5)
    levels = rng.uniform(0, 5, size=(9, 12))
    blocks = np.repeat([0, 1, 2], 4)
    matrix = OccupationMatrix(levels, rng.uniform(0.1, 1, size=(9, 12)), blocks)
    ratings = rng.integers(0, 6, size=(20, 12)).astype(float)
    ratings[:, ::2] = np.nan
    full = match(ratings, matrix, ScoringParameters())
    score, log_likelihood = _likelihood_scores(ratings, matrix)
    np.testing.assert_allclose(score, full.score)
    np.testing.assert_allclose(log_likelihood, full.log_likelihood)
    # A matrix over the answered columns only gives the same result.
    columns = np.arange(1, 12, 2)
    score_subset, _ = _likelihood_scores(ratings[:, columns], matrix.subset(columns))
    np.testing.assert_allclose(score_subset, full.score)


@pytest.mark.parametrize("listed", [0.08, 0.5, 1.0])
def test_likelihood_of_sparse_and_dense_catalogs_is_that_of_match(listed):
    # Hand-written catalogs list few items per occupation (the sparse products);
    # O*NET rates every item (dense). Both must give match()'s numbers.
    from matcher.core.matrix import SPARSE_DENSITY

    rng = np.random.default_rng(11)
    m, f = 40, 90
    shown = rng.random((m, f)) < listed
    shown[np.arange(m), rng.integers(0, f, m)] = True
    levels = np.where(shown, rng.integers(1, 6, (m, f)), 0.0)
    discrimination = rng.uniform(0.5, 2, f)
    weights = np.where(shown, rng.uniform(0.3, 1, (m, f)), 0.15) * discrimination
    weights[:, 3] = 0  # a feature no occupation weighs: its log weight counts as 0
    matrix = OccupationMatrix(levels, weights, rng.integers(0, 3, f))
    _, (excess, _, _) = matrix._typical_and_excess()
    assert hasattr(excess, "tocsr") == (listed < SPARSE_DENSITY)
    ratings = rng.integers(0, 6, (50, f)).astype(float)
    ratings[rng.random(ratings.shape) < 0.6] = np.nan
    ratings[np.isnan(ratings).all(axis=1), 0] = 2
    full = match(ratings, matrix, ScoringParameters())
    score, log_likelihood = _likelihood_scores(ratings, matrix)
    np.testing.assert_allclose(log_likelihood, full.log_likelihood, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(score, full.score, rtol=1e-9, atol=1e-12)
    # float32 and a subset of the columns, as a batch uses it.
    columns = np.flatnonzero(rng.random(f) < 0.5)
    small = matrix.astype(np.float32).subset(columns)
    _, log32 = _likelihood_scores(ratings[:, columns].astype(np.float32), small)
    reference = match(ratings[:, columns], matrix.subset(columns), ScoringParameters())
    np.testing.assert_allclose(log32, reference.log_likelihood, rtol=1e-4, atol=1e-3)
