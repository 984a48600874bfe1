"""Routes and gaps from a saved model: the listed entries and the stored move costs give the
same answers as the dense arrays, and a call reads the few rows it needs."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from matcher import gaps, load_model
from matcher.errors import ModelError
from matcher.match import costs, routes
from matcher.model import scoring
from matcher.model.listed import LISTED, dense_rows, listed_entries
from matcher.model.model import Model

CASE_FILES = sorted((Path(__file__).resolve().parent / "routes").glob("*.json"))
COSTS = ("moves_forward_cost", "moves_related_cost")


def _dense(model: Model) -> Model:
    """``model`` without its listed entries and move costs: what the dense arrays answer."""
    for name in (*LISTED, *COSTS):
        del model.arrays[name]
    return model


@pytest.fixture
def saved(builtin_model, tmp_path):
    return builtin_model.save(tmp_path / "builtin.model")


def test_listed_entries_give_back_the_dense_rows():
    rng = np.random.default_rng(3)
    levels = np.where(rng.random((30, 12)) < 0.2, rng.integers(1, 6, (30, 12)) / 1.0, 0.0)
    importance = np.where(levels > 0, rng.choice([0.3, 0.5, 1.0], (30, 12)), 0.0)
    importance[4, 7] = 0.5  # listed with no level
    levels[9] = importance[9] = 0.0  # lists nothing
    stored = listed_entries(levels, importance)
    assert len(stored[LISTED[1]]) == np.count_nonzero((levels != 0) | (importance != 0))
    values = (stored[LISTED[2]], stored[LISTED[3]])
    rows = np.array([9, 0, 4, 29, 4])
    got = dense_rows(stored[LISTED[0]], stored[LISTED[1]], values, rows, 12)
    np.testing.assert_array_equal(got[0], levels[rows])
    np.testing.assert_array_equal(got[1], importance[rows])
    one = dense_rows(stored[LISTED[0]], stored[LISTED[1]], values, 4, 12)
    np.testing.assert_array_equal(one[1], importance[4])


def test_a_saved_catalog_that_lists_keeps_its_listed_entries(builtin_model, saved):
    model = load_model(saved)
    assert model.listed is not None and model.is_complete()
    rows = np.arange(len(model.catalog))
    levels, importance = model.requirements(rows)
    np.testing.assert_array_equal(levels, builtin_model.levels)
    np.testing.assert_array_equal(importance, builtin_model.importance)
    assert len(model.listed[1]) < builtin_model.importance.size / 4


def test_searched_routes_are_those_of_the_dense_arrays(saved):
    stored, dense = load_model(saved), _dense(load_model(saved))
    assert dense.listed is None
    assert costs.unit(stored) == costs.unit(dense)
    n = len(stored.catalog)
    pick = random.Random(0)
    pairs = [(pick.randrange(n), pick.randrange(n)) for _ in range(300)]
    for start, target in pairs:
        found = routes.shortest_route(stored, start, target)
        assert found == routes.shortest_route(dense, start, target), (start, target)
        assert costs.move_cost(stored, start, target) == costs.move_cost(dense, start, target)
        path = routes.documented_path(stored, target).rows
        assert routes.join_path(stored, start, path) == routes.join_path(dense, start, path)


@pytest.mark.parametrize("case", CASE_FILES[:8], ids=[p.stem for p in CASE_FILES[:8]])
def test_gaps_read_the_listed_rows_not_the_dense_arrays(case, builtin_model, saved):
    case = json.loads(case.read_text(encoding="utf-8"))
    model = load_model(saved)
    report = gaps(case["assessment"], case["target"], model=model)
    assert report == gaps(case["assessment"], case["target"], model=builtin_model)
    read = model.arrays.file._checked
    assert "levels" not in read and "importance" not in read
    assert set(LISTED) <= set(read)


def test_a_model_file_without_listed_entries_or_move_costs_still_answers(
    builtin_model, saved, tmp_path, monkeypatch
):
    """As a file saved before them: gaps() reads the dense arrays and costs the moves once."""
    older = _dense(load_model(saved))
    with monkeypatch.context() as patch:
        patch.setattr(scoring, "lists_requirements", lambda importance: False)
        path = older.save(tmp_path / "old.model")
    old = load_model(path)
    assert old.listed is None and not old.is_complete()
    assert not any(name in old.arrays for name in COSTS)
    for path in CASE_FILES:
        case = json.loads(path.read_text(encoding="utf-8"))
        report = gaps(case["assessment"], case["target"], model=old)
        assert report == gaps(case["assessment"], case["target"], model=builtin_model)
    stored = load_model(saved)
    for start, target in [(34, 145), (205, 195), (16, 65)]:  # searched routes
        found = routes.shortest_route(old, start, target)
        assert found == routes.shortest_route(stored, start, target) and len(found.rows) > 3
    assert all(name in old.arrays for name in COSTS)  # kept: a save keeps them


def test_a_catalog_that_rates_every_item_keeps_dense_arrays_only(fixture_model, tmp_path):
    importance = np.maximum(fixture_model.importance, 0.1)
    model = Model(fixture_model.catalog, fixture_model.vectorizer, fixture_model.levels, importance)
    loaded = load_model(model.save(tmp_path / "rated.model"))
    assert loaded.listed is None
    np.testing.assert_array_equal(loaded.requirements([2, 0])[1], importance[[2, 0]])


def test_malformed_listed_entries_are_a_clear_error(fixture_model, tmp_path):
    model = load_model(fixture_model.save(tmp_path / "fixture.model"))
    model.arrays["listed_columns"] = np.asarray(model.arrays["listed_columns"]).astype(np.int64)
    path = model.save(tmp_path / "bad.model")
    with pytest.raises(ModelError, match=r"bad.model: the array 'listed_columns' is int64"):
        load_model(path)
