"""The catalog's relations as a prior that follows a person's likely occupations."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from matcher import recommend
from matcher.core.likelihood import evaluate_one
from matcher.core.relations import RELATED_FLOOR, related_prior, relation_graph
from matcher.match.recommend import asked_mask, rate


def _csr(edges: list[tuple[int, int]], n: int) -> tuple[np.ndarray, np.ndarray]:
    rows = [sorted(b for a, b in edges if a == r) for r in range(n)]
    indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])])
    return indptr, np.array([b for r in rows for b in r], dtype=np.int64)


def test_the_graph_joins_every_kind_both_ways_without_self_loops():
    forward = _csr([(0, 1), (2, 2)], 4)  # a career path 0 → 1, and a self-step
    related = _csr([(3, 2)], 4)
    indptr, indices = relation_graph([forward, related], 4)
    neighbours = [set(indices[indptr[r] : indptr[r + 1]].tolist()) for r in range(4)]
    assert neighbours == [{1}, {0}, {3}, {2}]


def test_the_prior_follows_the_likely_occupations():
    graph = relation_graph([_csr([(0, 1), (2, 3)], 5)], 5)
    shortlist = np.array([[0, 1, 2, 3, 4]])
    posterior = np.array([[0.9, 0.05, 0.05, 0.0, 0.0]])
    prior = np.exp(related_prior(shortlist, posterior, graph, 5))[0] - RELATED_FLOOR
    assert prior == pytest.approx([0.95, 0.95, 0.05, 0.05, 0.0])
    # the same in any order of the shortlist, for several people at once
    order = np.array([[4, 3, 2, 1, 0], [0, 1, 2, 3, 4]])
    again = related_prior(order, np.vstack([posterior[0, ::-1], posterior[0]]), graph, 5)
    assert again[0, ::-1] == pytest.approx(again[1])


def test_a_clear_best_match_stays_first_and_its_relatives_rise(builtin_model):
    person = {
        "skills": {
            "Technical Support": 4,
            "Troubleshooting": 3,
            "Customer Service": 4,
            "Network Administration": 2,
        },
        "aptitudes": {"Communication Skills": 4, "Problem Solving": 3},
    }
    scorer = builtin_model.scorer
    assert scorer.relations is not None
    assessment, ratings = rate(person, builtin_model)
    asked = asked_mask(assessment, builtin_model) | ~np.isnan(ratings)
    plain = evaluate_one(ratings, asked, dataclasses.replace(scorer, relations=None))
    related = evaluate_one(ratings, asked, scorer)
    assert np.argmax(related.log_likelihood[0]) == np.argmax(plain.log_likelihood[0])
    best = int(np.argmax(plain.log_likelihood[0]))
    indptr, indices = scorer.relations
    relatives = set(indices[indptr[best] : indptr[best + 1]].tolist())
    rows = plain.shortlist[0]
    gain = dict(zip(rows.tolist(), (related.exact - plain.exact)[0].tolist(), strict=True))
    others = [gain[r] for r in rows.tolist() if r != best and r not in relatives]
    kin = [gain[r] for r in rows.tolist() if r in relatives]
    assert kin and others and min(kin) > max(others)
    top = [r.occupation_id for r in recommend(person, model=builtin_model, top_k=1)]
    assert top == [builtin_model.ids[best]]
