"""Building, saving, loading and trusting models; the model file format."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from dataclasses import fields

import numpy as np
import pytest
from helpers import FIXTURES

from matcher import build_model, default_model, gaps, load_model, recommend, trust_model
from matcher.cli import main
from matcher.errors import ModelError, UnknownOccupationError, UntrustedModelError
from matcher.io.catalog import Occupation
from matcher.io.profile import Aptitude, Item, JobProfile
from matcher.match import moves
from matcher.model import default as default_module
from matcher.model import scoring, signing, store
from matcher.model.documents import decode_profile, encode_profile
from matcher.model.store import FORMAT_VERSION, read_header

PROFILE = {"skills": {"Policy Planning": 4, "Budget Management": 3}, "traits": {"Leadership": 4}}


def _parts(path):
    """``(magic, header, data)`` of a model file."""
    blob = path.read_bytes()
    magic, rest = blob.split(b"\n", 1)
    line, data = rest.split(b"\n", 1)
    return magic + b"\n", json.loads(line), data


def _rewrite(path, header, data, sign=False):
    """Write a model file with this header and data (re-signed with this user's key)."""
    if sign:
        header["signature"] = signing.sign(header)
    path.write_bytes(b"MATCHER-MODEL\n" + store._header_line(header) + data)


def _member(path, name):
    """Absolute byte range of a member in the file."""
    magic, header, _ = _parts(path)
    start = len(magic) + len(store._header_line(header))
    spec = header["members"][name]
    return start + spec["offset"], spec["size"]


# --------------------------------------------------------------------------- round trip


def test_save_then_load_gives_the_same_model(fixture_model, tmp_path):
    path = fixture_model.save(tmp_path / "m.model")
    loaded = load_model(path)
    assert [r.to_dict() for r in recommend(PROFILE, model=loaded)] == [
        r.to_dict() for r in recommend(PROFILE, model=fixture_model)
    ]
    header = read_header(path)
    assert header["format_version"] == FORMAT_VERSION
    assert header["catalog_hash"] == fixture_model.catalog_hash
    assert header["source"] == fixture_model.source
    assert loaded.ids == fixture_model.ids and loaded.titles == fixture_model.titles
    assert list(loaded.catalog) == list(fixture_model.catalog)  # profiles and sources too
    assert loaded.catalog.names == fixture_model.catalog.names
    assert loaded.catalog.resolve("town office clerk") == "clerk"
    assert loaded.similar("clerk", k=5) == fixture_model.similar("clerk", k=5)
    assert loaded.unresolved == fixture_model.unresolved and loaded.extra == fixture_model.extra
    assert set(loaded.arrays) == set(fixture_model.arrays)  # the documents are apart
    for name in fixture_model.arrays:
        np.testing.assert_array_equal(loaded.arrays[name], fixture_model.arrays[name])
    assert loaded.vectorizer.block_weights == fixture_model.vectorizer.block_weights
    assert loaded.vectorizer.vocabulary == fixture_model.vectorizer.vocabulary


def test_every_document_of_the_builtin_catalog_survives_the_file(builtin_model, tmp_path):
    loaded = load_model(builtin_model.save(tmp_path / "m.model"))
    # Names are at hand: searching, and failing to find, read no document.
    for text in ("nurse", "ward mayer", "Mayor of a Small Town", "no such thing at all"):
        found = [(o.id, o.title) for o in loaded.search(text)]
        assert found == [(o.id, o.title) for o in builtin_model.search(text)]
    with pytest.raises(UnknownOccupationError) as error:
        loaded.resolve_occupation("Astronot")
    assert str(error.value) == str(_unknown(builtin_model, "Astronot"))
    assert loaded.catalog._loaded == {}
    assert [o.profile for o in loaded.catalog] == [o.profile for o in builtin_model.catalog]
    assert loaded.catalog.duplicate_names == builtin_model.catalog.duplicate_names
    assert loaded.catalog.get("ward-mayor") == builtin_model.catalog.get("ward-mayor")


def test_every_field_of_a_profile_survives_the_file():
    profile = JobProfile(
        title="Ferry Pilot",
        reading="ふぇりー",
        industry="Transport",
        classification=("Transport", "Water", "Pilots"),
        summary="Steers ferries.",
        description="Line one.\nLine two \ud800 with a lone surrogate.",
        outlook="Steady.",
        traits=(Item("Calm Under Pressure"), Item("Patience", 2.5)),
        work_style=("Shifts",),
        career_path=("Deckhand", "Ferry Pilot"),
        required_skills=(Item("Navigation", 4.0),),
        recommended_skills=(Item("First Aid", 1e-05),),
        aptitudes=(Aptitude("Concentration", "Fog.", 3.0), Aptitude("Stamina")),
        aliases=("Ferry Captain",),
        related_jobs=("Deckhand",),
        tags=("sea",),
        keywords=("ferry", "boat"),
        extra_sections=(("Licences", ("Master Mariner", "Radio")),),
    )
    defaults = JobProfile(title="")
    assert all(getattr(profile, f.name) != getattr(defaults, f.name) for f in fields(JobProfile))
    occupation = Occupation("ferry-pilot", profile, "somewhere/ferry-pilot.txt")
    document = json.loads(encode_profile(occupation))
    assert document["source"] == occupation.source
    assert decode_profile(document["profile"]) == profile


def test_a_loaded_model_routes_without_reading_every_document(builtin_model, tmp_path):
    loaded = load_model(builtin_model.save(tmp_path / "m.model"))
    person = {"skills": {"Policy Planning": 3}, "current_job": "Registered Nurse"}
    report = gaps(person, "Ward Mayor", model=loaded)
    assert report.steps[0].title == "Registered Nurse" and len(report.steps) > 2
    assert len(loaded.catalog._loaded) <= 3  # the target's path, not the catalog
    stored, indexed = moves.moves(loaded), moves.index_moves(loaded)
    for kind in ("forward", "related", "earlier"):
        for a, b in zip(getattr(stored, kind), getattr(indexed, kind), strict=True):
            np.testing.assert_array_equal(a, b)
    assert gaps(person, "Ward Mayor", model=builtin_model) == report


def _unknown(model, name):
    with pytest.raises(UnknownOccupationError) as error:
        model.resolve_occupation(name)
    return error.value


def test_arrays_are_mapped_read_only_and_extra_arrays_are_kept(fixture_model, tmp_path):
    fixture_model.arrays["derived"] = np.arange(12, dtype=np.float32).reshape(3, 4)
    try:
        loaded = load_model(fixture_model.save(tmp_path / "m.model"))
    finally:
        del fixture_model.arrays["derived"]
    np.testing.assert_array_equal(loaded.arrays["derived"], np.arange(12).reshape(3, 4))
    assert loaded.arrays["derived"].dtype == np.float32
    assert not loaded.levels.flags.writeable and not loaded.levels.flags.owndata
    header = read_header(tmp_path / "m.model")
    assert {spec["kind"] for spec in header["members"].values()} == {"array", "json"}
    # Aligned, so that mapped arrays are too.
    assert all(spec["offset"] % store.ALIGNMENT == 0 for spec in header["members"].values())
    assert loaded.levels.ctypes.data % store.ALIGNMENT == 0


def test_loading_reads_no_document_and_checks_each_part_when_it_is_used(fixture_model, tmp_path):
    path = fixture_model.save(tmp_path / "m.model")
    start, size = _member(path, "documents")
    blob = bytearray(path.read_bytes())
    blob[start + size // 2] ^= 0x01
    path.write_bytes(bytes(blob))
    loaded = load_model(path)  # the documents are not read yet
    assert recommend(PROFILE, model=loaded)[0].title
    assert loaded.similar("clerk", k=2)
    with pytest.raises(UntrustedModelError, match="'documents' was changed after"):
        _ = loaded.catalog[0].profile


def test_a_loaded_model_pickles_by_value_for_worker_processes(fixture_model, tmp_path):
    """Report workers and Dask workers get the model pickled: the arrays and documents
    travel with it, not the file (which a worker may not see)."""
    path = fixture_model.save(tmp_path / "m.model")
    loaded = load_model(path)
    blob = pickle.dumps(loaded)
    path.unlink()
    again = pickle.loads(blob)
    assert [r.to_dict() for r in recommend(PROFILE, model=again)] == [
        r.to_dict() for r in recommend(PROFILE, model=fixture_model)
    ]
    assert list(again.catalog) == list(fixture_model.catalog)
    assert again.similar("clerk", k=3) == fixture_model.similar("clerk", k=3)


def test_saving_and_loading_import_no_scikit_learn_scipy_joblib_pandas_or_pyarrow(
    fixture_model, tmp_path
):
    path = fixture_model.save(tmp_path / "m.model")
    code = (
        "import sys\n"
        "from matcher import load_model, recommend\n"
        f"model = load_model({str(path)!r})\n"
        "recommend({'skills': {'Policy Planning': 4}}, model=model, top_k=3)\n"
        "model.similar('clerk', k=3)\n"
        "model.catalog[0].profile\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "numpy" in loaded
    assert loaded & {"sklearn", "scipy", "joblib", "pandas", "pyarrow"} == set()


# --------------------------------------------------------------------------- the trust rule


def test_a_model_signed_by_someone_else_is_refused(fixture_model, tmp_path, monkeypatch):
    path = fixture_model.save(tmp_path / "m.model")
    monkeypatch.setenv("MATCHER_HOME", str(tmp_path / "another-user"))
    with pytest.raises(UntrustedModelError, match="matcher trust"):
        load_model(path)
    trust_model(path)  # the other user decides to trust it
    assert len(load_model(path).catalog) == len(fixture_model.catalog)


@pytest.mark.parametrize("field", ["catalog_hash", "source"])
def test_the_signature_covers_the_header(fixture_model, tmp_path, field):
    path = fixture_model.save(tmp_path / "m.model")
    _, header, data = _parts(path)
    header[field] = "something else"
    _rewrite(path, header, data)
    with pytest.raises(UntrustedModelError, match="not built with your key"):
        load_model(path)


@pytest.mark.parametrize("member", ["levels", "evidence_weight"])
def test_a_changed_member_is_refused_before_it_is_used(fixture_model, tmp_path, member):
    path = fixture_model.save(tmp_path / "m.model")
    start, size = _member(path, member)
    blob = bytearray(path.read_bytes())
    blob[start + size - 1] ^= 0xFF
    path.write_bytes(bytes(blob))
    if member == "levels":  # a catalog that lists: recommend() reads the listed entries
        with pytest.raises(UntrustedModelError, match="'levels' was changed"):
            load_model(path).levels.sum()
    else:  # the ranking's arrays
        with pytest.raises(UntrustedModelError, match=f"'{member}' was changed"):
            recommend(PROFILE, model=load_model(path))
    with pytest.raises(ModelError, match=f"'{member}' does not match the digest"):
        trust_model(path)  # trusting a damaged file is refused too


def test_another_format_version_is_refused_with_the_rebuild_command(fixture_model, tmp_path):
    path = fixture_model.save(tmp_path / "m.model")
    _, header, data = _parts(path)
    header["format_version"] = FORMAT_VERSION + 1
    _rewrite(path, header, data, sign=True)
    with pytest.raises(ModelError, match="matcher build -o"):
        load_model(path)
    with pytest.raises(ModelError, match=f"model format {FORMAT_VERSION + 1}"):
        trust_model(path)
    # A file of format 2: a JSON header and a joblib (pickle) payload, never unpickled.
    old = tmp_path / "old.joblib"
    old.write_bytes(b'MATCHER-MODEL\n{"format_version": 2, "signature": "ab"}\n\x80\x04payload')
    with pytest.raises(ModelError, match=r"model format 2 .*matcher build -o"):
        load_model(old)


# --------------------------------------------------------------------------- bad files


def test_not_a_model_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(ModelError, match="not a matcher model"):
        load_model(path)
    with pytest.raises(ModelError, match="no such model file"):
        load_model(tmp_path / "missing.model")
    empty = tmp_path / "empty.model"
    empty.write_bytes(b"")
    with pytest.raises(ModelError, match="not a matcher model"):
        load_model(empty)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (b'{"format_version": 3, "sour', "header is truncated"),
        (b"[1, 2]", "header is list, not a JSON object"),
        (b"null", "header is null, not a JSON object"),
        (b'{"source": "\xff\xfe"}', "header is not UTF-8"),
        (b"{not json}", "header is not JSON"),
        (b'"MATCHER"', "header is str"),
    ],
)
def test_a_damaged_header_is_a_model_error(tmp_path, header, message):
    path = tmp_path / "m.model"
    path.write_bytes(b"MATCHER-MODEL\n" + header + (b"" if "truncated" in message else b"\n"))
    with pytest.raises(ModelError, match=message):
        load_model(path)
    with pytest.raises(ModelError, match=message):
        trust_model(path)
    with pytest.raises(ModelError, match=message):
        read_header(path)


def test_a_folder_is_not_a_model(tmp_path, capsys, monkeypatch):
    with pytest.raises(ModelError, match="is a folder; give a model file"):
        load_model(tmp_path)
    with pytest.raises(ModelError, match="is a folder"):
        trust_model(tmp_path)
    person = tmp_path / "p.json"
    person.write_text(json.dumps(PROFILE))
    assert main(["recommend", str(person), "--model", str(tmp_path)]) == 2
    assert main(["trust", str(tmp_path)]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors == [f"matcher: error: {tmp_path}: is a folder; give a model file"] * 2


def test_a_pipe_is_not_a_model(tmp_path):
    pipe = tmp_path / "pipe.model"
    os.mkfifo(pipe)
    with pytest.raises(ModelError, match="not a regular file"):
        load_model(pipe)  # and does not wait for a writer


@pytest.mark.parametrize("content", ["not hex at all", "", "abc"])
def test_a_signing_key_that_is_not_hex_is_a_model_error(fixture_model, tmp_path, content):
    path = fixture_model.save(tmp_path / "m.model")
    signing.key_path().write_text(content)
    for action in (lambda: load_model(path), lambda: trust_model(path)):
        with pytest.raises(ModelError, match=r"signing key is not hexadecimal; .*Delete it"):
            action()
    with pytest.raises(ModelError, match=r"signing\.key"):
        fixture_model.save(tmp_path / "other.model")


def test_a_missing_member_is_named(fixture_model, tmp_path):
    path = fixture_model.save(tmp_path / "m.model")
    _, header, data = _parts(path)
    del header["members"]["neighbour_rows"]
    _rewrite(path, header, data, sign=True)
    with pytest.raises(ModelError, match="neighbour"):
        load_model(path)
    _, header, data = _parts(path)
    del header["members"]["catalog.json"]
    _rewrite(path, header, data, sign=True)
    with pytest.raises(ModelError, match=r"the member 'catalog\.json' is missing; rebuild"):
        load_model(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"dtype": "<f4"}, r"'levels' holds \d+ bytes, but <f4 of shape"),
        ({"dtype": "|O"}, "has dtype '|O'; a model holds plain numbers"),
        ({"shape": [1, 2]}, "'levels' holds"),
        ({"shape": [2**32, 2**32]}, "'levels' holds"),  # no overflow to a matching size
        ({"size": 10**9}, "the file is truncated"),
        ({"offset": 3}, "misplaced"),
        ({"kind": "pickle"}, "of kind 'pickle'"),
        ({"offset": "0"}, "described wrongly"),
    ],
)
def test_a_member_of_the_wrong_size_or_dtype_is_a_model_error(
    fixture_model, tmp_path, change, message
):
    path = fixture_model.save(tmp_path / "m.model")
    _, header, data = _parts(path)
    header["members"]["levels"].update(change)
    _rewrite(path, header, data, sign=True)
    with pytest.raises(ModelError, match=message):
        load_model(path)


def test_an_array_of_the_right_size_but_the_wrong_dtype_or_shape_is_named(fixture_model, tmp_path):
    fixture_model.arrays["levels"], levels = (
        fixture_model.levels.astype(np.int64),
        (fixture_model.levels),
    )
    try:
        path = fixture_model.save(tmp_path / "m.model")
    finally:
        fixture_model.arrays["levels"] = levels
    with pytest.raises(ModelError, match=r"'levels' is int64 .* float64 of shape"):
        load_model(path)


def test_a_truncated_file_is_a_model_error(fixture_model, tmp_path):
    path = fixture_model.save(tmp_path / "m.model")
    blob = path.read_bytes()
    path.write_bytes(blob[: len(blob) - 100])
    with pytest.raises(ModelError, match="the file is truncated"):
        load_model(path)


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
    start, _ = _member(path, "importance")
    blob = bytearray(path.read_bytes())
    blob[start] ^= 0xFF
    path.write_bytes(bytes(blob))
    default_module._DEFAULT.clear()
    again = default_model()
    np.testing.assert_array_equal(again.importance, first.importance)
    store.ModelFile(path).check()  # the cache was written again, whole
    default_module._DEFAULT.clear()


# --------------------------------------------------------------------------- building


def test_unknown_catalog_names_are_kept_and_reported(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    doc = catalog / "clerk.txt"
    doc.write_text(doc.read_text().replace("IT Literacy (2)", "Abacus Mastery (2)"))
    with pytest.warns(UserWarning, match="skill:Abacus Mastery"):
        model = build_model(catalog)
    assert ("skill", "Abacus Mastery") in model.unresolved
    assert "skill:Abacus Mastery" in model.vectorizer.get_feature_names_out()
    # A person can rate it by the same name, in a saved model too.
    assert model.resolve_item("skill", "abacus mastery") == "Abacus Mastery"
    loaded = load_model(model.save(tmp_path / "m.model"))
    assert loaded.resolve_item("skill", "abacus mastery") == "Abacus Mastery"
    assert ("skill", "Abacus Mastery") in loaded.unresolved


def test_a_profile_that_states_no_item_is_built_and_reported(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    (catalog / "draft.txt").write_text("Draft Occupation\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"1 profile\(s\) state no skill.*draft\.txt"):
        model = build_model(catalog)
    assert "Draft Occupation" in model.titles


def test_similar_lists_neighbours_without_the_occupation_itself(fixture_model):
    neighbours = fixture_model.similar("Office Manager", k=3)
    assert len(neighbours) == 3
    assert "office-manager" not in [n.occupation_id for n in neighbours]
    assert neighbours == sorted(neighbours, key=lambda n: -n.similarity)
    assert neighbours[0].occupation_id in {"policy-director", "clerk", "mayor"}
    assert len(fixture_model.similar("Office Manager", k=50)) == 5  # everyone else


def test_block_weights_change_what_counts():
    def weighted(skill, trait):
        weights = {"skill": skill, "aptitude": 1.0, "trait": trait}
        return build_model(FIXTURES / "catalog", block_weights=weights)

    person = {"skills": {"Programming": 5}, "traits": {"Compassion": 5, "Patience": 5}}
    assert recommend(person, model=weighted(1.0, 0.01))[0].occupation_id == "web-programmer"
    assert recommend(person, model=weighted(0.01, 1.0))[0].occupation_id == "ward-nurse"
