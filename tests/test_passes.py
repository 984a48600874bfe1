"""The likelihood passes' shortcuts give what their definitions give."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.core import shortlist as passes
from matcher.core.ranking import top_k


def _shortlist_by_definition(gauss: np.ndarray, probe: np.ndarray) -> np.ndarray:
    """Every occupation ranked by both passes, keyed by the better of the two ranks."""
    n, m = gauss.shape
    size = min(sum(passes.SHORTLIST), m)
    ratio = passes.SHORTLIST[0] / passes.SHORTLIST[1]
    rows = np.arange(n)[:, None]
    rank_g = np.empty((n, m))
    rank_g[rows, np.argsort(-gauss, axis=1, kind="stable")] = np.arange(m)
    rank_p = np.full((n, m), float(m))
    rank_p[rows, np.argsort(-probe, axis=1, kind="stable")[:, :size]] = np.arange(size)
    key = np.minimum(rank_g, rank_p * ratio) + rank_g / (2 * m)
    return np.argsort(key, axis=1, kind="stable")[:, :size]


@pytest.mark.parametrize("shortlist", [(30, 15), (30, 20), (40, 15), (10, 30), (7, 3)])
@pytest.mark.parametrize("m", [210, 20])
def test_the_shortlist_ranks_only_what_can_enter_it(monkeypatch, shortlist, m):
    monkeypatch.setattr(passes, "SHORTLIST", shortlist)
    rng = np.random.default_rng(sum(shortlist) + m)
    gauss = rng.normal(size=(40, m))
    probe = rng.normal(size=(40, m))
    gauss[:, 5] = gauss[:, 9]  # ties go to the lower occupation
    probe[:, 3] = probe[:, 4]
    gauss[:8] = np.round(gauss[:8], 1)  # many ties
    size, from_probes, _ = passes.sizes(m)
    got = passes.pick(gauss, top_k(gauss, size), top_k(probe, from_probes))
    np.testing.assert_array_equal(got, _shortlist_by_definition(gauss, probe))


def test_styles_are_chosen_on_the_shortlists_first_and_the_gaussian_passs_best():
    rng = np.random.default_rng(3)
    half = passes.SUPPORT // 2
    for _ in range(50):
        n, m = 4, 60
        gauss = rng.normal(size=(n, m))
        by_gauss = top_k(gauss, 30)
        shortlist = np.array(
            [rng.permutation(np.unique(np.r_[r[:20], rng.choice(m, 25)]))[:20] for r in by_gauss]
        )
        support = passes.support(shortlist, by_gauss)
        assert support.shape == (n, passes.SUPPORT)
        for row, short, best in zip(support, shortlist, by_gauss, strict=True):
            assert len(set(row.tolist())) == passes.SUPPORT  # no occupation twice
            assert row[:half].tolist() == short[:half].tolist()
            rest = [j for j in best.tolist() if j not in short[:half]][: passes.SUPPORT - half]
            assert row[half:].tolist() == rest


def test_a_catalog_smaller_than_the_support_chooses_styles_on_every_occupation():
    by_gauss = np.array([[2, 0, 1]])
    np.testing.assert_array_equal(passes.support(np.array([[1, 2, 0]]), by_gauss), by_gauss)


@pytest.mark.parametrize("people", [1, 5])
def test_the_k_best_with_equal_scores_at_the_boundary_are_the_lower_columns(people):
    """top_k's pass for scores shared at the boundary (a person of few items: many
    occupations alike) gives what a stable sort gives; NaN sorts last."""
    rng = np.random.default_rng(people)
    for _ in range(40):
        m = int(rng.integers(8, 60))
        scores = np.round(rng.normal(size=(people, m)), 1)  # many equal scores
        scores[:, rng.choice(m, m // 3, replace=False)] = scores.max()  # a tie at the top
        if rng.random() < 0.3:
            scores[0, rng.choice(m, 2, replace=False)] = np.nan
        for k in (1, 3, 6, m - 1):
            expected = np.argsort(-scores, axis=1, kind="stable")[:, :k]
            np.testing.assert_array_equal(top_k(scores, k), expected)


def test_the_first_of_an_order_are_its_shortlists_best(builtin_model):
    """first_of_order (what recommend ranks by) picks the top of the whole order, which puts
    the shortlist above the rest, from the shortlist alone."""
    from matcher.core.likelihood import evaluate_one
    from matcher.core.ranking import first_of_order

    rng = np.random.default_rng(4)
    features = builtin_model.vectorizer.n_features
    for size in (1, 2, 5, 30):
        ratings = np.full(features, np.nan)
        ratings[rng.choice(features, size, replace=False)] = rng.integers(0, 6, size)
        result = evaluate_one(ratings, np.ones(features, bool), builtin_model.scorer)
        for k in (1, 10, result.shortlist.shape[1], result.shortlist.shape[1] + 3):
            np.testing.assert_array_equal(
                first_of_order(result.log_likelihood, result.shortlist, result.exact, k),
                top_k(result.log_likelihood, k),
            )
    tied = np.array([[0.5, 2.0, 2.0, 1.0, 3.0]])  # the order itself: equal scores, lower row
    shortlist, exact = np.array([[2, 4, 1]]), np.array([[2.0, 3.0, 2.0]])
    np.testing.assert_array_equal(first_of_order(tied, shortlist, exact, 3), [[4, 1, 2]])
