"""The `matcher` command line: output, exit codes, stdin."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from helpers import FIXTURES

from matcher import recommend
from matcher.cli import main
from matcher.model.locations import data_dir

PROFILE = {"name": "Aiko", "skills": {"Office Administration": 4, "Citizen Services": 4}}


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "aiko.json"
    path.write_text(json.dumps(PROFILE), encoding="utf-8")
    return str(path)


def test_recommend_prints_a_table(fixture_model, model_file, profile_file, capsys):
    best = recommend(PROFILE, model=fixture_model)[0]
    assert main(["recommend", profile_file, "--model", model_file, "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "Best matches for Aiko" in out
    assert best.title in out.splitlines()[4] and f"{best.score:.2f}" in out.splitlines()[4]
    assert "Why #1:" in out


def test_recommend_json_from_stdin(fixture_model, model_file, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(PROFILE)))
    assert main(["recommend", "-", "--model", model_file, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = [{**r.to_dict(), "alike": False} for r in recommend(PROFILE, model=fixture_model)]
    assert data == json.loads(json.dumps(expected))
    assert {"score", "contributions", "matched", "missing", "unrated", "explanation"} <= set(
        data[0]
    )


def test_recommend_json_says_when_the_ratings_hardly_vary(
    fixture_model, model_file, capsys, tmp_path
):
    """An all-3s questionnaire: `recommend` printed "your ratings hardly vary" and the batch
    has an `alike` column, but `--json` (what a school portal reads) had no such field."""
    names = [f.split(":", 1)[1] for f in fixture_model.vectorizer.feature_names_[:8]]
    flat = tmp_path / "flat.json"
    flat.write_text(json.dumps({"skills": dict.fromkeys(names, 3)}), encoding="utf-8")
    for path, alike in ((flat, True), (None, False)):
        if path is None:
            path = tmp_path / "aiko.json"
            path.write_text(json.dumps(PROFILE), encoding="utf-8")
        assert main(["recommend", str(path), "--model", model_file, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data and all(r["alike"] is alike for r in data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"skills": {"Office Administration": 9}}), "rating 9 is outside 0-5"),
        (
            json.dumps({"skills": {"Ofice Administration": 3}}),
            "did you mean 'Office Administration'",
        ),
    ],
)
def test_bad_profiles_exit_2_with_a_message(model_file, tmp_path, capsys, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["recommend", str(path), "--model", model_file]) == 2
    err = capsys.readouterr().err
    assert message in err and str(path) in err


def test_missing_profile_file_exits_2(model_file, capsys):
    assert main(["recommend", "/no/such/profile.json", "--model", model_file]) == 2
    assert "no such profile file" in capsys.readouterr().err


def test_show_search_similar(model_file, capsys):
    assert main(["show", "Town Office Clerk", "--model", model_file]) == 0
    assert "Municipal Clerk" in capsys.readouterr().out
    assert main(["search", "manager", "--model", model_file]) == 0
    assert "office-manager" in capsys.readouterr().out
    assert main(["similar", "clerk", "--model", model_file, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["occupation_id"] != "clerk"
    assert main(["show", "Astronaut", "--model", model_file]) == 2
    assert "no occupation is called 'Astronaut'" in capsys.readouterr().err


def test_gaps_table_and_json(model_file, profile_file, capsys):
    assert main(["gaps", profile_file, "--target", "Policy Director", "--model", model_file]) == 0
    out = capsys.readouterr().out
    assert "path to Policy Director" in out and "Learning plan" in out
    assert (
        main(["gaps", profile_file, "--target", "Policy Director", "--model", model_file, "--json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["target_id"] == "policy-director"


def test_one_rating_is_one_item(model_file, tmp_path, capsys):
    profile = tmp_path / "one.json"
    profile.write_text('{"skills": {"Policy Planning": 4}}')
    assert main(["recommend", str(profile), "--model", model_file, "--top", "2"]) == 0
    assert "(1 item rated)" in capsys.readouterr().out
    empty = tmp_path / "empty.json"
    empty.write_text('{"skills": {}}')
    assert main(["recommend", str(empty), "--model", model_file]) == 2
    assert "skill, aptitude, trait or interest" in capsys.readouterr().err


def test_an_unknown_target_names_where_it_came_from(model_file, tmp_path, capsys):
    profile = tmp_path / "p.json"
    profile.write_text('{"target_job": "Polcy Director", "skills": {"Policy Planning": 4}}')
    assert main(["gaps", str(profile), "--model", model_file]) == 2
    error = capsys.readouterr().err
    assert f"{profile}: target_job: no occupation is called 'Polcy Director'" in error
    assert main(["gaps", str(profile), "--target", "Mayr", "--model", model_file]) == 2
    assert "--target: no occupation is called 'Mayr'" in capsys.readouterr().err
    # a report too (it said neither the file nor the field), and how to get one anyway
    out = tmp_path / "reports"
    assert main(["report", str(profile), "--model", model_file, "-o", str(out)]) == 2
    error = capsys.readouterr().err
    assert f"{profile}: target_job: no occupation is called 'Polcy Director'" in error
    assert "--target TITLE" in error
    assert (
        main(["report", str(profile), "--target", "mayor", "--model", model_file, "-o", str(out)])
        == 0
    )


def test_build_and_catalog_check(tmp_path, capsys):
    output = tmp_path / "built.joblib"
    assert main(["build", "--catalog", str(FIXTURES / "catalog"), "-o", str(output)]) == 0
    assert output.exists() and "6 occupations" in capsys.readouterr().out
    assert main(["catalog", "check", str(FIXTURES / "catalog")]) == 0
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.txt").write_text("Summary\n", encoding="utf-8")
    assert main(["catalog", "check", str(broken)]) == 1
    # a warning hidden without -v is said to be there, and -v shows it
    import shutil

    warned = tmp_path / "warned"
    shutil.copytree(FIXTURES / "catalog", warned)
    doc = warned / "clerk.txt"
    doc.write_text(doc.read_text().replace("Required Skills", "Requird Skills"))
    capsys.readouterr()
    main(["catalog", "check", str(warned)])
    out = " ".join(capsys.readouterr().out.split())
    assert "warnings (-v shows them)" in out and "Requird" not in out
    main(["catalog", "check", "-v", str(warned)])
    out = " ".join(capsys.readouterr().out.split())
    assert "Requird Skills" in out and "-v shows them" not in out


def test_untrusted_model_exits_2(model_file, profile_file, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MATCHER_HOME", str(tmp_path / "someone-else"))
    assert main(["recommend", profile_file, "--model", model_file]) == 2
    assert "matcher trust" in capsys.readouterr().err
    assert main(["trust", model_file]) == 0
    assert main(["recommend", profile_file, "--model", model_file]) == 0


def test_module_entry_point_runs_the_builtin_example():
    example = data_dir() / "examples" / "ward-nurse.json"
    done = subprocess.run(
        [sys.executable, "-m", "matcher", "recommend", str(example), "--top", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Nurse" in done.stdout or "Midwife" in done.stdout


def test_an_empty_name_is_said_to_be_empty(model_file, profile_file, capsys):
    """`show ''` said no occupation is called "''"; `search ''` exited 0."""
    assert main(["show", "", "--model", model_file]) == 2
    assert "an empty name names no occupation" in capsys.readouterr().err
    assert main(["gaps", profile_file, "--target", "", "--model", model_file]) == 2
    err = capsys.readouterr().err
    assert "''" not in err
    assert main(["search", " ", "--model", model_file]) == 2
    assert "give the words to look for" in capsys.readouterr().err
