"""The neighbour graph: the k most similar occupations of each, computed a stripe at a time."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from matcher.core import similarity
from matcher.core.similarity import NEIGHBOURS, SimilarityViews, neighbour_graph
from matcher.errors import InputError
from matcher.io.profile import JobProfile


def _profiles(model):
    return [o.profile for o in model.catalog]


def _dense_top(model, k):
    """The old way, written out: the whole n x n blend, then the k best of each row."""
    vectors = model.levels * np.sqrt(model.importance + similarity.IMPORTANCE_FLOOR)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = [" ".join([p.title] * 3 + list(p.aliases) + [p.description]) for p in _profiles(model)]
    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2).fit_transform(texts)
    share = similarity.TEXT_SHARE
    full = (1 - share) * (unit @ unit.T) + share * (tfidf @ tfidf.T).toarray()
    np.fill_diagonal(full, -np.inf)
    rows = np.argsort(-full, axis=1, kind="stable")[:, :k]  # ties: the lower row first
    return rows, np.take_along_axis(full, rows, axis=1)


def test_the_graph_keeps_exactly_the_best_of_the_whole_matrix(builtin_model):
    graph = builtin_model.neighbours
    n = len(builtin_model.catalog)
    assert graph.rows.shape == graph.similarity.shape == (n, NEIGHBOURS)
    assert graph.rows.dtype == np.int32
    rows, values = _dense_top(builtin_model, NEIGHBOURS)
    np.testing.assert_array_equal(graph.rows, rows)
    np.testing.assert_allclose(graph.similarity, values, rtol=0, atol=1e-12)
    assert not (graph.rows == np.arange(n)[:, None]).any()  # never its own neighbour
    assert graph.similarity.min() >= 0 and graph.similarity.max() <= 1 + 1e-12
    assert (np.diff(graph.similarity, axis=1) <= 0).all()  # best first


def test_stripes_of_one_row_give_the_same_graph(fixture_model, monkeypatch):
    whole = fixture_model.neighbours
    monkeypatch.setattr(similarity, "STRIPE_BYTES", 1)
    views = SimilarityViews(
        fixture_model.levels, fixture_model.importance, _profiles(fixture_model)
    )
    assert [stop - start for start, stop, _ in views.stripes()] == [1] * 6
    tiny = neighbour_graph(fixture_model.levels, fixture_model.importance, _profiles(fixture_model))
    np.testing.assert_array_equal(tiny.rows, whole.rows)
    np.testing.assert_array_equal(tiny.similarity, whole.similarity)


def test_ties_go_to_the_lower_row_and_small_catalogs_keep_everyone():
    levels = np.array([[3.0, 0], [3.0, 0], [3.0, 0], [0, 4.0]])
    importance = np.ones_like(levels)
    profiles = [JobProfile(title=f"Job {i}") for i in range(4)]
    graph = neighbour_graph(levels, importance, profiles, k=10)
    assert graph.rows.shape == (4, 3)  # everyone else, no more
    assert graph.rows[2].tolist() == [0, 1, 3]  # 0 and 1 are alike: the lower first
    assert graph.rows[3].tolist() == [0, 1, 2]
    single = neighbour_graph(levels[:1], importance[:1], profiles[:1])
    assert single.rows.shape == (1, 0)


def test_without_a_shared_word_the_text_view_counts_only_for_itself():
    levels = np.array([[3.0, 1], [1.0, 3]])
    profiles = [JobProfile(title="Alpha"), JobProfile(title="Omega")]
    views = SimilarityViews(levels, np.ones_like(levels), profiles)
    assert views.text is None
    full = views.rows(0, 2)
    np.testing.assert_allclose(np.diag(full), 1.0)
    cosine = (3 + 3) / 10
    np.testing.assert_allclose(full[0, 1], (1 - similarity.TEXT_SHARE) * cosine)


def test_similar_reads_the_graph_and_refuses_more_than_it_keeps(builtin_model):
    top = builtin_model.similar("Section Chief", k=NEIGHBOURS)
    assert len(top) == NEIGHBOURS
    assert builtin_model.similar("Section Chief", k=5) == top[:5]
    row = builtin_model.index_of("section-chief")
    assert [n.occupation_id for n in top] == [
        builtin_model.ids[r] for r in builtin_model.neighbours.rows[row]
    ]
    with pytest.raises(InputError, match=f"at most {NEIGHBOURS}"):
        builtin_model.similar("Section Chief", k=NEIGHBOURS + 1)
