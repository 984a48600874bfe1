"""People who answer on a few points of the scale (1, 3 and 5; yes or no) are read by cells
of it, and nobody else is."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import shared_or_skip

import matcher.core.likelihood as likelihood
from matcher.core.coarse import MIN_SUPPORT, cells, points, reread


def _answers(*counts: int) -> np.ndarray:
    return np.array([counts], float)


def test_points_count_answers_and_share_a_rating_between_two_points():
    ratings = np.array([[0, 5, 5, np.nan, 2.5, 1], [np.nan] * 6])
    assert points(ratings)[0] == pytest.approx([1, 1, 0.5, 0.5, 0, 2])
    assert points(ratings)[1] == pytest.approx([0] * 6)


def test_one_three_and_five_read_as_cells_of_the_scale():
    found = cells(_answers(0, 20, 0, 15, 0, 6), np.array([True]))
    assert found is not None and found.who.tolist() == [True]
    merge = found.merge[0]
    assert merge[1] == pytest.approx([1, 1, 0.5, 0, 0, 0])  # 0 is nearest to 1
    assert merge[3] == pytest.approx([0, 0, 0.5, 1, 0.5, 0])
    assert merge[5] == pytest.approx([0, 0, 0, 0, 0.5, 1])
    # every whole point belongs to the cells as a whole, once
    assert merge[[1, 3, 5]].sum(axis=0) == pytest.approx(np.ones(6))


def test_yes_or_no_answers_split_the_scale_in_the_middle():
    found = cells(_answers(30, 0, 0, 0, 0, 12), np.array([True]))
    assert found is not None
    assert found.merge[0][0] == pytest.approx([1, 1, 1, 0, 0, 0])
    assert found.merge[0][5] == pytest.approx([0, 0, 0, 1, 1, 1])


@pytest.mark.parametrize(
    "counts, questionnaire, why",
    [
        ((40, 8, 9, 12, 6, 3), True, "the whole scale"),
        ((250, 0, 0, 6, 10, 4), True, "neighbouring points: lacks most items, has some"),
        ((0, 3, 0, 2, 0, 1), True, "too few answers to tell a way of answering from chance"),
        ((0, 20, 0, 15, 0, 6), False, "a free list names what a person has"),
        ((0, 0, 30, 22, 1, 0), True, "a narrow range: a squeezed scale, the styles read it"),
        ((0, 0, 5, 12, 6, 3), True, "a few answers at the lowest point: no floor"),
        ((4, 0, 25, 12, 6, 3), True, "answers at 0: no floor"),
    ],
)
def test_nobody_else_is_read_by_cells(counts, questionnaire, why):
    assert cells(_answers(*counts), np.array([questionnaire])) is None, why


def test_the_support_either_side_of_a_gap_decides():
    low = MIN_SUPPORT // 2
    assert cells(_answers(0, low, 0, MIN_SUPPORT - low, 0, 0), np.array([True])) is not None
    assert cells(_answers(0, low, 0, MIN_SUPPORT - low - 1, 0, 0), np.array([True])) is None


def test_cells_keep_a_probability_distribution(builtin_model):
    scorer = builtin_model.scorer
    found = cells(_answers(0, 20, 0, 15, 0, 6), np.array([True]))
    tables = scorer.by_style[None, :50].copy()  # (1, 50 styles, L 6)
    read = reread(tables, found).reshape(50, -1, 6)
    total = np.exp(read[:, :, [1, 3, 5]]).sum(axis=2)
    assert total == pytest.approx(np.ones_like(total), abs=1e-4)
    untouched = scorer.by_style[None, :50].copy()
    assert reread(untouched, None) is untouched


def _hit_at_1(model, ratings: np.ndarray) -> float:
    found = likelihood.evaluate_many(ratings, None, model.scorer).log_likelihood
    return float(np.mean(np.argmax(found, axis=1) == np.arange(len(ratings))))


@pytest.mark.parametrize("points_used, gain", [((1, 3, 5), 0.03), ((0, 5), 0.0), ((0, 3, 5), 0.0)])
def test_coarse_answers_find_the_occupation(builtin_model, monkeypatch, points_used, gain):
    # Every occupation's people answer every item: what they have at about its level, the
    # rest at about 0, each answer the nearest of the points they use. Read against the
    # background (a questionnaire), 0s and 5s already find the occupation by points; 1, 3
    # and 5 need the cells (by points 1 is "a little" of everything: 0.96, by cells 0.995).
    rng = np.random.default_rng(3)
    levels = np.where(builtin_model.importance > 0, builtin_model.levels, 0.0)
    latent = levels + rng.normal(0.0, 0.5, levels.shape)
    used = np.array(points_used, float)
    ratings = used[np.abs(latent[..., None] - used).argmin(axis=2)]
    by_cells = _hit_at_1(builtin_model, ratings)
    monkeypatch.setattr(likelihood, "cells", lambda *_, **__: None)
    by_points = _hit_at_1(builtin_model, ratings)
    assert by_cells >= 0.95  # honest answers on the whole scale: 0.99
    assert by_cells >= by_points + gain - 0.01


def test_a_floor_reads_the_lowest_point_as_that_or_less():
    found = cells(_answers(0, 0, 25, 12, 6, 3), np.array([True]))
    assert found is not None
    assert found.merge[0][2] == pytest.approx([1, 1, 1, 0, 0, 0])
    assert found.merge[0][[3, 4, 5]] == pytest.approx(np.eye(6)[[3, 4, 5]])
    at_one = cells(_answers(0, 25, 0, 12, 6, 3), np.array([True]))
    assert at_one is not None
    assert at_one.merge[0][1] == pytest.approx([1, 1, 0, 0, 0, 0])


def _floored_respondents(model, floor: float, rng) -> tuple[np.ndarray, np.ndarray]:
    """Whole questionnaires of every occupation: listed items near their levels, the rest
    near 0, nothing below ``floor``."""
    listed = model.importance > 0
    latent = np.where(listed, model.levels, 0.0) + rng.normal(0.0, 0.5, listed.shape)
    ratings = np.clip(np.round(np.maximum(latent, floor)), 0, 5)
    return ratings, np.arange(len(listed))


@pytest.mark.parametrize("floor, gain", [(1, 0.08), (2, 0.0)])
def test_a_floor_finds_the_occupation_in_a_listing_catalog(builtin_model, monkeypatch, floor, gain):
    # Read as points, 260 answers of 1 fit a squeezed scale with careless answers under which
    # every occupation is alike (hit@1 0.88 here, 0.99 as floors); nothing below 2 fits the
    # styles' shift as well.
    ratings, truth = _floored_respondents(builtin_model, floor, np.random.default_rng(3))

    def hits() -> float:
        found = likelihood.evaluate_many(ratings, None, builtin_model.scorer).log_likelihood
        own = found[np.arange(len(truth)), truth][:, None]
        return float(np.mean((found > own).sum(axis=1) == 0))

    as_read = hits()
    monkeypatch.setattr(likelihood, "cells", lambda *_, **__: None)
    by_points = hits()
    assert as_read >= 0.95
    assert as_read >= by_points + gain


def test_a_floor_finds_the_occupation_in_a_catalog_that_rates_every_item(monkeypatch):
    # O*NET rates every item for every occupation, many of them low; these people never
    # answer below a floor of their own (1.5-2.5), and leave 10-30 % blank.
    from matcher import import_onet

    model = import_onet(shared_or_skip("onet"), related=False)
    rng = np.random.default_rng(5)
    truth = np.arange(0, len(model.ids), 3)
    levels = model.levels[truth]
    latent = levels + rng.normal(0.0, 0.6, levels.shape)
    ratings = np.clip(np.round(np.maximum(latent, rng.uniform(1.5, 2.5, (len(truth), 1)))), 0, 5)
    ratings[rng.random(ratings.shape) < rng.uniform(0.1, 0.3, (len(truth), 1))] = np.nan

    def mrr() -> float:
        found = likelihood.evaluate_many(ratings, None, model.scorer).log_likelihood
        own = found[np.arange(len(truth)), truth][:, None]
        return float(np.mean(1.0 / (1 + (found > own).sum(axis=1))))

    by_floor = mrr()
    monkeypatch.setattr(likelihood, "cells", lambda *_, **__: None)
    by_points = mrr()
    assert by_floor >= 0.7  # honest answers: above 0.95
    assert by_floor >= by_points + 0.15


def test_a_cell_of_improbable_points_stays_finite():
    # with no careless answers a table's least probability is 1e-300 (its floor)
    found = cells(_answers(0, 20, 0, 15, 0, 6), np.array([True]))
    tables = np.full((1, 3, 12), np.log(1e-300), np.float32)
    read = reread(tables, found)
    assert np.isfinite(read).all()
    assert read[0, 0, 1] == pytest.approx(np.log(2.5e-300), rel=1e-6)  # 0, 1 and half of 2


def test_probes_read_by_cells_of_the_whole_scale_are_the_first_pass_probes(builtin_model):
    # the shortlist of a person read by cells comes from probes read the same way; with
    # every cell one point, they are the first pass's own
    from matcher.core.coarse import Coarse

    scorer = builtin_model.scorer
    rng = np.random.default_rng(2)
    ratings = np.where(rng.random((3, 280)) < 0.4, rng.integers(0, 6, (3, 280)), np.nan)
    evidence = scorer.evidence(ratings, None)
    whole = Coarse(np.ones(3, bool), np.broadcast_to(np.eye(6, dtype=np.float32), (3, 6, 6)))
    by_cells = likelihood._probes_by_cells(evidence, scorer, whole)
    first = likelihood.reduced(evidence, scorer)[7:]
    assert by_cells == pytest.approx(first, rel=1e-4, abs=1e-3)
