"""Building, saving and loading models (the trust rule and damaged files:
tests/test_model_file.py; the default model's cache: tests/test_default_model.py)."""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
from dataclasses import fields

import numpy as np
import pytest
from helpers import FIXTURES
from modelfiles import PROFILE, member_span

from matcher import build_model, gaps, load_model, recommend
from matcher.errors import UnknownOccupationError, UntrustedModelError
from matcher.io.catalog import Occupation
from matcher.io.profile import Aptitude, Item, JobProfile
from matcher.model import moves, store
from matcher.model.documents import decode_profile, encode_profile
from matcher.model.store import FORMAT_VERSION, read_header

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
    # a searched route of three steps (a nurse's to Ward Mayor now goes straight: a chain
    # dearer than the straight move is no route)
    person = {"skills": {"Policy Planning": 3}, "current_job": "Paralegal"}
    report = gaps(person, "Judge", model=loaded)
    assert report.route == "route" and report.steps[0].title == "Paralegal"
    assert len(report.steps) > 2
    assert len(loaded.catalog._loaded) <= 3  # the target's path, not the catalog
    stored, indexed = moves.moves(loaded), moves.index_moves(loaded)
    for kind in ("forward", "related", "earlier"):
        for a, b in zip(getattr(stored, kind), getattr(indexed, kind), strict=True):
            np.testing.assert_array_equal(a, b)
    assert gaps(person, "Judge", model=builtin_model) == report


def _unknown(model, name):
    with pytest.raises(UnknownOccupationError) as error:
        model.resolve_occupation(name)
    return error.value


def test_arrays_are_read_only_and_aligned_and_extra_arrays_are_kept(fixture_model, tmp_path):
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
    # Aligned in the file, and in memory when read.
    assert all(spec["offset"] % store.ALIGNMENT == 0 for spec in header["members"].values())
    assert loaded.levels.ctypes.data % store.ALIGNMENT == 0


def test_loading_reads_no_document_and_checks_each_part_when_it_is_used(fixture_model, tmp_path):
    path = fixture_model.save(tmp_path / "m.model")
    start, size = member_span(path, "documents")
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


def test_a_near_miss_of_a_known_item_and_a_misspelt_heading_are_said_at_build(tmp_path):
    """A misspelt "Requird Skills" built a profile without its skills, unsaid, and
    "Leadershp" became an item of its own beside Leadership with no hint of the typo."""
    import warnings

    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    doc = catalog / "clerk.txt"
    text = doc.read_text().replace("Required Skills", "Requird Skills")
    # "Manual Handling", a new name correctly spelt, one word from an alias of Animal Care, is
    # no typo of it (it was said as one)
    new = "Records Managment (2) / Manual Handling (2)"
    doc.write_text(text.replace("Records Management (2)", new))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        build_model(catalog)
    said = " ".join(str(w.message) for w in caught)
    assert "clerk.txt:35: unknown heading 'Requird Skills'" in said
    assert "`matcher catalog check -v" in said
    assert "skill:Records Managment (did you mean 'Records Management'?)" in said
    assert "skill:Manual Handling" in said and "Animal" not in said


def test_a_profile_that_states_no_item_is_built_and_reported(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    (catalog / "draft.txt").write_text("Draft Occupation\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"1 profile states no skill.*draft\.txt"):
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


def test_a_block_left_out_of_block_weights_keeps_its_default():
    """build_model(block_weights={"skill": 2}) weighed aptitudes and traits 0 (every block
    not named was read as 0), so a person's aptitudes and traits counted for nothing."""
    from matcher.core.vectorise import DEFAULT_BLOCK_WEIGHTS

    model = build_model(FIXTURES / "catalog", block_weights={"skill": 2.0})
    blocks = model.vectorizer.blocks_
    weights = model.feature_block_weights
    assert set(weights[blocks == "skill"]) == {2.0}
    assert set(weights[blocks == "aptitude"]) == {DEFAULT_BLOCK_WEIGHTS["aptitude"]}
    assert set(weights[blocks == "trait"]) == {DEFAULT_BLOCK_WEIGHTS["trait"]}


def test_the_largest_block_weight_accepted_still_scores():
    """A skill weight of 1e38 passed the check and overflowed the float32 sums: every
    recommend() stopped with a raw IndexError. The most accepted is within what they take."""
    import warnings

    from matcher.core.vectorise import MAX_BLOCK_WEIGHT

    weights = {"skill": MAX_BLOCK_WEIGHT, "aptitude": MAX_BLOCK_WEIGHT, "trait": 0.0}
    model = build_model(FIXTURES / "catalog", block_weights=weights)
    person = {
        "skills": {name: 5 for name in ("Programming", "Cooking", "Accounting", "Welding")},
        "aptitudes": {"Teamwork": 0, "Physical Stamina": 5},
        "traits": {"Compassion": 5},
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no overflow on the way
        found = recommend(person, model=model, top_k=3)
    assert all(np.isfinite(r.confidence) for r in found) and found[0].confidence > 0.5


def test_index_of_an_unknown_id_or_a_non_id_is_an_input_error(fixture_model):
    """A raw KeyError, and for an Occupation passed whole one that printed its profile."""
    from matcher import InputError

    first = fixture_model.ids[0]
    assert fixture_model.index_of(first) == 0
    with pytest.raises(InputError, match="no occupation is called 'nope'"):
        fixture_model.index_of("nope")
    title = fixture_model.titles[0]
    if title != first:  # a title for the id: the id it has
        with pytest.raises(InputError, match=f"whose id is {first!r}"):
            fixture_model.index_of(title)
    occupation = fixture_model.resolve_occupation(first)
    with pytest.raises(InputError, match=r"pass its \.id") as caught:
        fixture_model.index_of(occupation)
    assert len(str(caught.value)) < 200
    with pytest.raises(InputError, match="got None"):
        fixture_model.index_of(None)


def test_building_from_documents_indexes_the_names_of_the_catalog_once(fixture_model, monkeypatch):
    """``build_model`` indexed every title and alias twice, reading the folder and again
    assembling the model from the same occupations in the same order (half a second of a
    20,000-occupation build)."""
    from matcher.io import catalog_names

    tables = []
    real = catalog_names.name_table
    monkeypatch.setattr(
        catalog_names, "name_table", lambda *args, **kwargs: tables.append(1) or real(*args)
    )
    model = build_model(FIXTURES / "catalog")
    assert len(tables) == 1
    assert model.ids == fixture_model.ids
    assert model.resolve_occupation("municipal clerk").id == "clerk"
    assert np.array_equal(model.arrays["neighbour_rows"], fixture_model.arrays["neighbour_rows"])
