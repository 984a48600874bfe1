"""Building, saving, loading and trusting models."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import FIXTURES

from matcher import build_model, default_model, load_model, recommend, trust_model
from matcher.errors import ModelError, UntrustedModelError
from matcher.model import default as default_module
from matcher.model.store import FORMAT_VERSION, read_header

PROFILE = {"skills": {"Policy Planning": 4, "Budget Management": 3}, "traits": {"Leadership": 4}}


def test_save_then_load_gives_the_same_recommendations(fixture_model, tmp_path):
    path = fixture_model.save(tmp_path / "m.joblib")
    loaded = load_model(path)
    assert [r.to_dict() for r in recommend(PROFILE, model=loaded)] == [
        r.to_dict() for r in recommend(PROFILE, model=fixture_model)
    ]
    header = read_header(path)
    assert header["format_version"] == FORMAT_VERSION
    assert header["catalog_hash"] == fixture_model.catalog_hash


def test_a_model_signed_by_someone_else_is_refused(fixture_model, tmp_path, monkeypatch):
    path = fixture_model.save(tmp_path / "m.joblib")
    monkeypatch.setenv("MATCHER_HOME", str(tmp_path / "another-user"))
    with pytest.raises(UntrustedModelError, match="matcher trust"):
        load_model(path)
    trust_model(path)  # the other user decides to trust it
    assert len(load_model(path).catalog) == len(fixture_model.catalog)


def test_a_tampered_payload_is_refused_before_it_is_unpickled(fixture_model, tmp_path):
    path = fixture_model.save(tmp_path / "m.joblib")
    blob = bytearray(path.read_bytes())
    blob[-10] ^= 0xFF
    path.write_bytes(bytes(blob))
    with pytest.raises(UntrustedModelError):
        load_model(path)


def test_another_format_version_is_refused_with_the_rebuild_command(fixture_model, tmp_path):
    path = fixture_model.save(tmp_path / "m.joblib")
    magic, header, payload = path.read_bytes().split(b"\n", 2)
    data = json.loads(header)
    data["format_version"] = FORMAT_VERSION + 1
    path.write_bytes(magic + b"\n" + json.dumps(data).encode() + b"\n" + payload)
    with pytest.raises(ModelError, match="matcher build -o"):
        load_model(path)


def test_not_a_model_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(ModelError, match="not a matcher model"):
        load_model(path)
    with pytest.raises(ModelError, match="no such model file"):
        load_model(tmp_path / "missing.joblib")


def test_default_model_is_cached_and_rebuilt_when_the_catalog_changes(tmp_path, monkeypatch):
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    monkeypatch.setattr(default_module, "builtin_catalog_dir", lambda: catalog)
    monkeypatch.setattr(default_module, "CHECK_INTERVAL", 0.0)
    default_module._DEFAULT.clear()
    first = default_model()
    assert default_model() is first
    path = default_module.models_dir() / "default.joblib"
    assert read_header(path)["catalog_hash"] == first.catalog_hash
    # A changed profile means a new digest: the model is rebuilt and the file replaced.
    doc = catalog / "clerk.txt"
    doc.write_text(
        doc.read_text().replace("Office Administration (3)", "Office Administration (5)")
    )
    second = default_model()
    assert second is not first and second.catalog_hash != first.catalog_hash
    assert read_header(path)["catalog_hash"] == second.catalog_hash
    default_module._DEFAULT.clear()


def test_unknown_catalog_names_are_kept_and_reported(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    doc = catalog / "clerk.txt"
    doc.write_text(doc.read_text().replace("IT Literacy (2)", "Abacus Mastery (2)"))
    with pytest.warns(UserWarning, match="skill:Abacus Mastery"):
        model = build_model(catalog)
    assert ("skill", "Abacus Mastery") in model.unresolved
    assert "skill:Abacus Mastery" in model.vectorizer.get_feature_names_out()
    # A person can rate it by the same name.
    assert model.resolve_item("skill", "abacus mastery") == "Abacus Mastery"


def test_similar_lists_neighbours_without_the_occupation_itself(fixture_model):
    neighbours = fixture_model.similar("Office Manager", k=3)
    assert len(neighbours) == 3
    assert "office-manager" not in [n.occupation_id for n in neighbours]
    assert neighbours == sorted(neighbours, key=lambda n: -n.similarity)
    assert neighbours[0].occupation_id in {"policy-director", "clerk", "mayor"}


def test_block_weights_change_what_counts():
    def weighted(skill, trait):
        weights = {"skill": skill, "aptitude": 1.0, "trait": trait}
        return build_model(FIXTURES / "catalog", block_weights=weights)

    person = {"skills": {"Programming": 5}, "traits": {"Compassion": 5, "Patience": 5}}
    assert recommend(person, model=weighted(1.0, 0.01))[0].occupation_id == "web-programmer"
    assert recommend(person, model=weighted(0.01, 1.0))[0].occupation_id == "ward-nurse"
