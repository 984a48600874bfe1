"""Model files: the trust rule, and damaged or foreign files refused with a clear error."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from modelfiles import PROFILE, member_span, parts, rewrite

from matcher import gaps, load_model, recommend, trust_model
from matcher.cli import main
from matcher.errors import ModelError, UntrustedModelError
from matcher.model import signing
from matcher.model.store import FORMAT_VERSION, ModelFile, read_header
from matcher.model.writing import write_model

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
    _, header, data = parts(path)
    header[field] = "something else"
    rewrite(path, header, data)
    with pytest.raises(UntrustedModelError, match="not built with your key"):
        load_model(path)


@pytest.mark.parametrize("member", ["levels", "evidence_weight"])
def test_a_changed_member_is_refused_before_it_is_used(fixture_model, tmp_path, member):
    path = fixture_model.save(tmp_path / "m.model")
    start, size = member_span(path, member)
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


def test_a_loaded_model_keeps_what_it_checked_when_its_file_is_rewritten_in_place(
    fixture_model, tmp_path
):
    """A loaded model read its arrays from a mapping of the file, checked once: a file
    zeroed in place later (as `cp` over it rewrites it) changed its answers silently."""
    path = fixture_model.save(tmp_path / "m.model")
    model = load_model(path)

    def answers():
        return [r.title for r in recommend(PROFILE, model=model, top_k=3)], gaps(
            PROFILE, "Policy Director", model=model
        )

    before = answers()
    spans = [member_span(path, name) for name in parts(path)[1]["members"]]
    with path.open("r+b") as handle:  # the same file, every member zeroed
        for start, size in spans:
            handle.seek(start)
            handle.write(bytes(size))
    assert answers() == before  # the bytes it checked, not the file as it is now
    with pytest.raises(UntrustedModelError, match="rewritten after this model was loaded"):
        model.similar("Policy Director", 2)  # the neighbour graph, not read before


def test_a_free_list_never_reads_the_weights_a_questionnaire_is_read_with(fixture_model, tmp_path):
    """The questionnaire's reading of the evidence (``asked_*``, 11 MB of a 20,000-occupation
    model) was read and checked with the rest of the scorer, for every call: a free list never
    uses it. Read when a questionnaire first needs it, it is checked then (a file changed
    since it was loaded is refused from that member on)."""
    path = fixture_model.save(tmp_path / "m.model")
    model = load_model(path)
    start, size = member_span(path, "asked_weight")
    with path.open("r+b") as handle:  # changed in place after loading
        handle.seek(start)
        handle.write(bytes(size))
    names = [name for block, name in fixture_model.feature_keys if block == "skill"][:16]
    assert len(names) == 16  # enough answers to be read as a questionnaire
    free = {"skills": dict.fromkeys(names, 3)}
    expected = [(r.occupation_id, r.confidence) for r in recommend(free, model=fixture_model)]
    assert [(r.occupation_id, r.confidence) for r in recommend(free, model=model)] == expected
    with pytest.raises(UntrustedModelError, match="'asked_weight' was changed"):
        recommend({**free, "asked": {"skills": names}}, model=model)


def test_threads_reading_a_just_loaded_model_at_once_get_the_serial_answers(model_file):
    """Members are read through one open file (a seek and a read): threads asking for the
    same ones at once must each get them whole."""

    def answers(model):
        return (
            [r.title for r in recommend(PROFILE, model=model, top_k=3)],
            model.similar("Policy Director", 2),
            [occupation.profile for occupation in model.catalog],
        )

    expected = answers(load_model(model_file))
    for _ in range(5):
        model = load_model(model_file)
        barrier = threading.Barrier(8)

        def run(_: int, model=model, barrier=barrier):
            barrier.wait()
            return answers(model)

        with ThreadPoolExecutor(8) as pool:
            assert list(pool.map(run, range(8))) == [expected] * 8


def test_a_file_cut_short_after_loading_is_a_model_error_not_a_crash(model_file):
    """A member read after the file was truncated killed the process with SIGBUS."""
    script = f"""
import os
from matcher import load_model, recommend
from matcher.errors import ModelError
model = load_model({model_file!r})
print(recommend({PROFILE!r}, model=model, top_k=1)[0].title)
os.truncate({model_file!r}, 1000)
print(recommend({PROFILE!r}, model=model, top_k=1)[0].title)
try:
    model.similar("Policy Director", 2)
except ModelError as exc:
    print(exc)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, (done.returncode, done.stderr)
    first, again, error = done.stdout.splitlines()
    assert again == first
    assert "cut short after this model was loaded" in error and "'neighbour_rows'" in error


def test_another_format_version_is_refused_with_the_rebuild_command(fixture_model, tmp_path):
    path = fixture_model.save(tmp_path / "m.model")
    _, header, data = parts(path)
    header["format_version"] = FORMAT_VERSION + 1
    rewrite(path, header, data, sign=True)
    # the command rebuilds from what the model was built from (the fixture catalog's folder)
    folder = header["source"].removeprefix("catalog ")
    with pytest.raises(ModelError, match=rf"matcher build --catalog {re.escape(folder)} -o "):
        load_model(path)
    header["source"] = "O*NET /data/onet 29.3"  # an O*NET model: import-onet, not build
    rewrite(path, header, data, sign=True)
    with pytest.raises(ModelError, match=r"matcher import-onet '/data/onet 29.3' -o "):
        load_model(path)
    with pytest.raises(ModelError, match=f"model format {FORMAT_VERSION + 1}"):
        trust_model(path)
    # A file of format 2: a JSON header and a joblib (pickle) payload, never unpickled.
    old = tmp_path / "old.joblib"
    old.write_bytes(b'MATCHER-MODEL\n{"format_version": 2, "signature": "ab"}\n\x80\x04payload')
    with pytest.raises(ModelError, match=r"model format 2 .*matcher build --catalog DIR -o"):
        load_model(old)


# --------------------------------------------------------------------------- bad files


def test_not_a_model_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(ModelError, match="not a matcher model") as caught:
        load_model(path)
    assert "b'" not in str(caught.value) and "import-onet" in str(caught.value)  # no bytes repr
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
        (b"[" * 100_000, "header is JSON nested too deeply"),  # not a RecursionError
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


def test_a_json_member_nested_too_deeply_is_a_model_error(tmp_path):
    path = write_model(tmp_path / "m.model", {}, {"deep": np.frombuffer(b"[" * 100_000, "u1")})
    _, header, data = parts(path)
    header["members"]["deep"].update(kind="json")
    rewrite(path, header, data, sign=True)
    with pytest.raises(ModelError, match="the member 'deep' is not JSON"):
        ModelFile(path).json("deep")


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
    _, header, data = parts(path)
    del header["members"]["neighbour_rows"]
    rewrite(path, header, data, sign=True)
    with pytest.raises(ModelError, match="neighbour"):
        load_model(path)
    _, header, data = parts(path)
    del header["members"]["catalog.json"]
    rewrite(path, header, data, sign=True)
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
    _, header, data = parts(path)
    header["members"]["levels"].update(change)
    rewrite(path, header, data, sign=True)
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


def _saved_with(fixture_model, path, name, change):
    """The fixture model saved (and signed) with ``change(array)`` as its array ``name``."""
    original = fixture_model.arrays[name]
    fixture_model.arrays[name] = change(np.array(original))
    try:
        return fixture_model.save(path)
    finally:
        fixture_model.arrays[name] = original


def _set(index, value):
    def change(array):
        array[index] = value
        return array

    return change


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("neighbour_rows", _set((0, 0), 999), r"'neighbour_rows' holds the index 999; .* 0-5;"),
        ("neighbour_rows", _set((1, 0), -1), r"'neighbour_rows' holds the index -1"),
        ("listed_columns", _set(0, 10**6), r"'listed_columns' holds the index 1000000"),
        ("evidence_index", _set(0, -3), r"'evidence_index' holds the index -3"),
        ("moves_forward_indptr", _set(1, 10**6), r"'moves_forward_indptr' is no row pointers"),
        ("relations_indptr", lambda a: a + 1, r"'relations_indptr' is no row pointers"),
        ("styles_probes", _set(0, 10**6), r"'styles_probes' holds the index 1000000; .* 0-"),
        ("styles_probes", _set(1, -1), r"'styles_probes' holds the index -1"),
        ("styles_cell_members", _set((0, 0), 10**6), r"'styles_cell_members' holds the index"),
    ],
)
def test_an_index_outside_the_catalog_in_a_trusted_model_is_a_model_error_naming_it(
    fixture_model, tmp_path, capsys, name, change, message
):
    """A neighbour row of 999 in a model its user had signed stopped `similar` with an internal
    IndexError (exit 3), and -1 named the last occupation as a neighbour."""
    path = _saved_with(fixture_model, tmp_path / "m.model", name, change)
    model = load_model(path)
    # a nurse's way to the mayor's path is searched over the moves (a person on the path is not)
    person = {**PROFILE, "current_job": "Hospital Ward Nurse"}
    with pytest.raises(ModelError, match=message):
        model.similar("clerk")
        recommend(person, model=model)
        gaps(person, model=model, target="mayor")
    (tmp_path / "p.json").write_text(json.dumps(person))
    command = (
        ["similar", "clerk"]
        if name == "neighbour_rows"
        else ["gaps", str(tmp_path / "p.json"), "--target", "mayor"]
    )
    assert main([*command, "--model", str(path)]) == 2
    assert f"{path}: the array '{name}'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("styles_cell_members", lambda a: a[:-5], r"is int64 of shape \((\d+), \d+\); integer"),
        ("styles_cell_valid", lambda a: a[:, :-1], r"of shape \(\d+, \d+\) is needed \(one per"),
        ("styles_cell_valid", lambda a: a[:-3], r"is bool of shape \(\d+, \d+\); bool of shape"),
        ("styles_cell_valid", lambda a: a.astype(np.int64), r"is int64 of .*; bool of shape"),
        ("styles_tables", lambda a: a[:, :-10], r"float32 of shape \(\d+, \d+\); float of shape"),
        ("styles_tables", lambda a: a[:-6], r"\(a row per rating 0-5 of each level"),
        ("styles_tables", lambda a: a.ravel(), r"float32 of shape \(\d+,\); float of shape \(\d"),
        ("styles_shifted", lambda a: a[:, :, :-1], r"float of shape \(2, \d+, \d+\) is needed"),
        ("styles_group_bits", lambda a: a[:-1], r"uint8 of shape \(\d+, \d+\) is needed"),
        ("styles_group_size", lambda a: a * 0 + 7, r"holds 7; it must divide the \d+ styles"),
        ("styles_scale", lambda a: a[:-1], r"is needed \(one per style, as 'styles_offset', "),
        # the array that is wrong is named, not a sound one sized by it: a centre of 1e12
        # blamed 'styles_cell_members', an offset a row short 'styles_scale'
        ("styles_offset", lambda a: a[:-1], r"is needed \(one per style, as 'styles_scale', "),
        ("styles_centre", lambda a: a * 0 + 1e12, r"holds 1000000000000.0; the catalog's typ"),
        ("styles_centre", lambda a: a * 0 - 3, r"holds -3.0; the catalog's typical level"),
    ],
)
def test_a_scoring_array_of_the_wrong_shape_in_a_trusted_model_is_a_model_error_naming_it(
    fixture_model, tmp_path, capsys, name, change, message
):
    """Cell members of fewer rows than the style lattice, validity flags unlike them, tables
    of too few styles or levels: a signed model stopped scoring with a raw IndexError or
    ValueError, or scored on (its group bits a row short) reading past what it holds."""
    path = _saved_with(fixture_model, tmp_path / "m.model", name, change)
    model = load_model(path)
    with pytest.raises(ModelError, match=rf"{re.escape(str(path))}: the array '{name}' "):
        recommend(PROFILE, model=model)
    with pytest.raises(ModelError, match=message):
        recommend(PROFILE, model=load_model(path))
    (tmp_path / "p.json").write_text(json.dumps(PROFILE))
    assert main(["recommend", str(tmp_path / "p.json"), "--model", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: the array '{name}'" in err and "rebuild the model" in err
