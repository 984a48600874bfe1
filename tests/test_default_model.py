"""The default model: built from the built-in catalog once, cached, and rebuilt when the
catalog, matcher or the scoring maths change."""

from __future__ import annotations

import os
import shutil

import numpy as np
from helpers import FIXTURES
from modelfiles import member_span

from matcher import default_model, load_model, recommend
from matcher.model import default as default_module
from matcher.model import moves, scoring, store
from matcher.model.store import read_header

# --------------------------------------------------------------------------- the default model


def _as_builtin(tmp_path, monkeypatch):
    """A copy of the fixture catalog standing in for the built-in one, nothing cached."""
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    monkeypatch.setattr(default_module, "builtin_catalog_dir", lambda: catalog)
    default_module._DEFAULT.clear()
    return catalog


def test_default_model_is_cached_and_rebuilt_when_the_catalog_changes(tmp_path, monkeypatch):
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    monkeypatch.setattr(default_module, "builtin_catalog_dir", lambda: catalog)
    monkeypatch.setattr(default_module, "CHECK_INTERVAL", 0.0)
    default_module._DEFAULT.clear()
    first = default_model()
    assert default_model() is first
    path = default_module.models_dir() / default_module.DEFAULT_FILE
    assert read_header(path)["catalog_hash"] == first.catalog_hash
    # A changed profile means a new digest: the model is rebuilt and the file replaced.
    doc = catalog / "clerk.txt"
    doc.write_text(
        doc.read_text().replace("Office Administration (3)", "Office Administration (5)")
    )
    second = default_model()
    assert second is not first and second.catalog_hash != first.catalog_hash
    assert read_header(path)["catalog_hash"] == second.catalog_hash
    # Another process finds the cache and loads it (nothing is built).
    default_module._DEFAULT.clear()
    monkeypatch.setattr("matcher.model.build.build_model", _must_not_build)
    assert default_model().catalog_hash == second.catalog_hash
    default_module._DEFAULT.clear()


def _must_not_build(*args, **kwargs):
    raise AssertionError("the cached default model should have been loaded")


def test_the_default_cache_is_checked_without_reading_the_catalog(tmp_path, monkeypatch):
    catalog = _as_builtin(tmp_path, monkeypatch)
    first = default_model()
    digests = []
    real_digest = default_module.catalog_digest
    monkeypatch.setattr(
        default_module, "catalog_digest", lambda d: digests.append(d) or real_digest(d)
    )
    monkeypatch.setattr("matcher.model.build.build_model", _must_not_build)
    default_module._DEFAULT.clear()  # a new process: same files, same fingerprint
    assert default_model().catalog_hash == first.catalog_hash and digests == []
    # Same content, new modification time (a checkout): the digest decides, the model
    # stays, and the file notes the new fingerprint so the next start is cheap again.
    doc = catalog / "clerk.txt"
    doc.write_bytes(doc.read_bytes())
    os.utime(doc, ns=(1, 1))
    default_module._DEFAULT.clear()
    assert default_model().catalog_hash == first.catalog_hash and digests == [catalog]
    default_module._DEFAULT.clear()
    assert default_model().catalog_hash == first.catalog_hash and digests == [catalog]
    default_module._DEFAULT.clear()


AIKO = {
    "skills": {"Office Administration": 4, "Citizen Services": 4, "Document Preparation": 3},
    "aptitudes": {"Communication Skills": 4},
}


def _older(model):
    """``model`` as an older matcher saved it: without the arrays added since."""
    for name in [n for n in model.arrays if n.startswith(("listing_", "moves_"))]:
        del model.arrays[name]
    return model


def test_a_default_cache_of_an_older_matcher_is_rebuilt(tmp_path, monkeypatch):
    _as_builtin(tmp_path, monkeypatch)
    first = default_model()
    path = default_module.models_dir() / default_module.DEFAULT_FILE
    old = _older(load_model(path))
    old.sources = first.sources
    old.save(path)
    assert not load_model(path).is_complete()
    default_module._DEFAULT.clear()
    again = default_model()
    assert again.is_complete() and load_model(path).is_complete()
    assert [r.occupation_id for r in recommend(AIKO, model=again)] == [
        r.occupation_id for r in recommend(AIKO, model=first)
    ]
    default_module._DEFAULT.clear()


def test_a_default_cache_of_other_scoring_maths_is_rebuilt(tmp_path, monkeypatch):
    # Same catalog, same arrays, but made by a matcher whose style prior differed: a cache
    # kept on the catalog's digest alone would rank with the old maths for ever.
    _as_builtin(tmp_path, monkeypatch)
    first = default_model()
    path = default_module.models_dir() / default_module.DEFAULT_FILE
    old = load_model(path)
    old.arrays["scoring_version"] = np.array([scoring.SCORING_VERSION - 1])
    old.arrays["styles_tables"] = np.zeros_like(old.arrays["styles_tables"])
    old.save(path)
    assert not load_model(path).is_complete()
    default_module._DEFAULT.clear()
    again = default_model()
    assert int(again.arrays["scoring_version"][0]) == scoring.SCORING_VERSION
    np.testing.assert_array_equal(again.arrays["styles_tables"], first.arrays["styles_tables"])
    default_module._DEFAULT.clear()


def test_a_saved_model_of_other_scoring_maths_ranks_with_this_ones(fixture_model, tmp_path):
    old = load_model(fixture_model.save(tmp_path / "fresh.model"))
    old.arrays["scoring_version"] = np.array([scoring.SCORING_VERSION + 1])
    old.arrays["styles_tables"] = np.zeros_like(old.arrays["styles_tables"])
    old = load_model(old.save(tmp_path / "other.model"))
    assert [(r.occupation_id, round(r.confidence, 6)) for r in recommend(AIKO, model=old)] == [
        (r.occupation_id, round(r.confidence, 6)) for r in recommend(AIKO, model=fixture_model)
    ]


def test_a_saved_model_of_an_older_matcher_still_ranks_as_a_new_one(fixture_model, tmp_path):
    path = _older(load_model(fixture_model.save(tmp_path / "fresh.model"))).save(
        tmp_path / "old.model"
    )
    old = load_model(path)
    assert not old.is_complete()
    assert [(r.occupation_id, round(r.confidence, 6)) for r in recommend(AIKO, model=old)] == [
        (r.occupation_id, round(r.confidence, 6)) for r in recommend(AIKO, model=fixture_model)
    ]


def test_a_damaged_default_cache_is_rebuilt(tmp_path, monkeypatch):
    _as_builtin(tmp_path, monkeypatch)
    first = default_model()
    path = default_module.models_dir() / default_module.DEFAULT_FILE
    start, _ = member_span(path, "importance")
    blob = bytearray(path.read_bytes())
    blob[start] ^= 0xFF
    path.write_bytes(bytes(blob))
    default_module._DEFAULT.clear()
    again = default_model()
    np.testing.assert_array_equal(again.importance, first.importance)
    store.ModelFile(path).check()  # the cache was written again, whole
    default_module._DEFAULT.clear()


def test_a_default_cache_with_moves_of_an_older_reading_is_rebuilt(tmp_path, monkeypatch):
    # Same catalog, but its moves read by a matcher that read career paths otherwise: a cache
    # kept on the catalog's digest alone would route with the old reading for ever.
    _as_builtin(tmp_path, monkeypatch)
    default_model()
    path = default_module.models_dir() / default_module.DEFAULT_FILE
    old = load_model(path)
    old.arrays["moves_version"] = np.array([moves.MOVES_VERSION - 1])
    old.save(path)
    assert not load_model(path).is_complete()
    default_module._DEFAULT.clear()
    again = default_model()
    assert int(again.arrays["moves_version"][0]) == moves.MOVES_VERSION
    assert load_model(path).is_complete()
    default_module._DEFAULT.clear()
