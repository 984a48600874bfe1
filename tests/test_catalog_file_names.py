"""A catalog document whose file name is not UTF-8 (``may\\xffor.txt`` on Linux): read, built,
checked, saved and written like any other, its name escaped where it is shown or written."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES

from matcher import build_model, check_catalog, load_model
from matcher.cli import main
from matcher.errors import InputError
from matcher.io.catalog import catalog_digest, load_catalog
from matcher.io.vocabulary import builtin_vocabulary

ODD = b"may\xffor.txt"  # 0xff begins no UTF-8 character
ODD_ID = "may\\xffor"  # the id: the byte written as Python writes it


@pytest.fixture
def catalog(tmp_path):
    folder = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", folder)
    return folder


def _add_odd_document(folder, name: bytes = ODD) -> str:
    """A copy of the clerk's document under a name that is not UTF-8, with titles of its own;
    returns its path as Python names it (a lone surrogate for the byte)."""
    text = (folder / "clerk.txt").read_text("utf-8")
    text = text.replace("Town Office Clerk", "Odd Keeper").replace("Municipal Clerk", "Odd Clerk")
    path = os.path.join(os.fsencode(folder), name)
    try:
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
    except OSError:  # a file system that holds UTF-8 names only (macOS)
        pytest.skip("this file system takes no file name that is not UTF-8")
    return os.fsdecode(path)


def _old_digest(catalog: Path) -> str:
    """The catalog digest as it was computed before names that are not UTF-8 were read."""
    h = hashlib.sha256()
    for path in sorted(catalog.glob("*.txt")):
        h.update(path.name.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    h.update(builtin_vocabulary().digest().encode())
    return h.hexdigest()


def test_the_digest_of_a_catalog_of_utf8_names_is_what_it_was(catalog):
    # a model built before remembers it: a changed digest would call every saved model stale
    assert catalog_digest(catalog) == _old_digest(catalog)
    (catalog / "dépôt-clerk.txt").write_bytes((catalog / "clerk.txt").read_bytes())
    (catalog / "clerk.txt").unlink()  # one title, one document
    assert catalog_digest(catalog) == _old_digest(catalog)


def test_a_file_name_that_is_not_utf8_is_digested_and_built(catalog, tmp_path, capsys):
    """`matcher build --catalog DIR` and build_model(DIR) stopped with a raw UnicodeEncodeError
    from the digest, and the occupation's id held a lone surrogate no CSV could be written in."""
    source = _add_odd_document(catalog)
    digest = catalog_digest(catalog)
    os.rename(os.fsencode(source), os.path.join(os.fsencode(catalog), b"may\xfeor.txt"))
    assert catalog_digest(catalog) != digest  # the name's own bytes count
    os.rename(os.path.join(os.fsencode(catalog), b"may\xfeor.txt"), os.fsencode(source))
    assert catalog_digest(catalog) == digest

    model = build_model(catalog)
    assert model.catalog.resolve(ODD_ID) == ODD_ID == model.catalog.resolve("Odd Keeper")
    assert model.catalog.get(ODD_ID).source == source  # the file, to be read again
    assert [o.id for o in load_catalog(catalog)] == model.ids
    out = tmp_path / "odd.model"
    assert main(["build", "--catalog", str(catalog), "-o", str(out)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    saved = load_model(out)
    assert saved.catalog.get(ODD_ID).source == source and saved.catalog_hash == digest


def test_a_file_name_that_is_not_utf8_is_shown_escaped_by_catalog_check(catalog, capsys):
    source = _add_odd_document(catalog)
    with open(source, "a", encoding="utf-8") as file:
        file.write("\nRelatd Jobs\n\nClerk\n")  # a warning, which names the file
    findings, _ = check_catalog(catalog)
    assert [f.source for f in findings if "Relatd Jobs" in f.message] == [source]
    assert main(["catalog", "check", "-v", str(catalog)]) == 0
    out = capsys.readouterr().out
    assert "may\ufffdor.txt" in out and "Relatd Jobs" in out
    assert main(["catalog", "check", "-v", "--json", str(catalog)]) == 0
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [f["source"] for f in found if "Relatd Jobs" in f["message"]] == [source]


def test_an_occupation_of_a_name_that_is_not_utf8_is_written_by_batch_and_report(
    catalog, tmp_path, capsys
):
    _add_odd_document(catalog)
    model = tmp_path / "odd.model"
    assert main(["build", "--catalog", str(catalog), "-o", str(model)]) == 0
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_id,target_job,skill:Office Administration,skill:Citizen Services\n"
        "r1,Odd Keeper,3,3\n",
        "utf-8",
    )
    for suffix in ("csv", "parquet"):
        out = tmp_path / f"scored-{suffix}.{suffix}"
        assert main(["batch", str(survey), "-o", str(out), "--model", str(model)]) == 0
    with open(tmp_path / "scored-csv.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert {r["target_id"] for r in rows} == {ODD_ID}
    assert ODD_ID in {r["occupation_id"] for r in rows}
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"skills": {"Office Administration": 3}}), "utf-8")
    reports = tmp_path / "reports"
    args = ["report", str(profile), "-o", str(reports), "--target", ODD_ID, "--model", str(model)]
    assert main(args) == 0
    assert "Odd Clerk" in next(reports.glob("*.md")).read_text("utf-8")
    assert main(["show", ODD_ID, "--model", str(model)]) == 0
    assert ODD_ID in capsys.readouterr().out


def test_two_names_that_give_one_id_are_an_error_naming_both(catalog, tmp_path, monkeypatch):
    # the id writes the byte as \xff, so a file named so in UTF-8 gives it too: build stopped
    # with a raw "occupation ids must be unique"
    odd = _add_odd_document(catalog)
    written = catalog / f"{ODD_ID}.txt"
    written.write_text((catalog / "mayor.txt").read_text("utf-8").replace("Mayor", "Reeve"))
    with pytest.raises(InputError, match=r"gives the occupation id 'may\\xffor', as .* does"):
        build_model(catalog)
    # Python's own standard error, which escapes the name's lone surrogate (pytest's does not)
    err = io.TextIOWrapper(io.BytesIO(), "utf-8", errors="backslashreplace")
    monkeypatch.setattr("sys.stderr", err)
    assert main(["build", "--catalog", str(catalog), "-o", str(tmp_path / "m.model")]) == 2
    err.flush()
    message = err.buffer.getvalue().decode("utf-8")
    assert "may\\udcffor.txt: its name gives the occupation id" in message
    assert "rename one" in message and "Traceback" not in message
    findings, summary = check_catalog(catalog)
    clash = [f for f in findings if "gives the occupation id" in f.message]
    assert [(f.severity, f.source) for f in clash] == [("error", odd)]
    assert str(written) in clash[0].message and summary["profiles"] == 7
