"""O*NET's credit: its licence (CC BY 4.0) asks anything built from the database to credit it.

A counsellor's reports made on an O*NET model said only "Made with matcher 0.1.0 (879
occupations, ...)", and no look-up named the source: the import kept no record of it. The
importer now records the source (name, release, licence, credit) in the model, and the reports,
``matcher show``, ``recommend`` and ``gaps`` carry the credit; the built-in catalog's do not.
``similar``, ``search``, ``items`` and ``assess`` said nothing of it, no ``--json`` but
``import-onet``'s had the record, nor a batch's manifest, Parquet file or ``score_survey``'s
frame: they do now.
"""

from __future__ import annotations

import io
import json
import shutil
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT

from matcher import (
    import_onet,
    load_model,
    read_survey_assessments,
    score_survey,
    write_reports,
)
from matcher.cli import main
from matcher.report.build import build_report
from matcher.report.render import render_html, render_markdown

CREATED = datetime(2025, 4, 1, 9, 30, tzinfo=UTC)
AGENCY = "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)"
PERSON = {
    "name": "Mika",
    "target_job": "Harbour Tally Clerks",
    "skills": {"Mathematics": 3, "Programming": 2},
    "interests": {"Realistic": 4},
}


def _import(folder: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return import_onet(folder)


@pytest.fixture(scope="module")
def release_folder(tmp_path_factory) -> Path:
    """The fixture database with the first lines of an O*NET release's "Read Me.txt"."""
    folder = tmp_path_factory.mktemp("credit") / "onet"
    shutil.copytree(FIXTURES / "onet", folder)
    (folder / "Read Me.txt").write_text(
        "O*NET 28.1 Database\nNovember 2023 Release\n----------------\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def model(release_folder):
    return _import(release_folder)


def _credit(release: str) -> str:
    return (
        f"This product includes information from the O*NET {release} Database by the {AGENCY}, "
        "used under the CC BY 4.0 license."
    )


def test_the_import_records_the_source_and_its_release(model):
    source = model.extra["data_source"]
    assert (source["name"], source["release"], source["licence"]) == ("O*NET", "28.1", "CC BY 4.0")
    assert source["credit"] == _credit("28.1")


def test_the_release_comes_from_the_folder_name_without_a_read_me(tmp_path):
    folder = tmp_path / "db_29_3_text"
    shutil.copytree(FIXTURES / "onet", folder)
    assert _import(folder).extra["data_source"]["credit"] == _credit("29.3")


def test_an_unknown_release_is_left_out_of_the_credit(tmp_path):
    folder = tmp_path / "onet"
    shutil.copytree(FIXTURES / "onet", folder)
    (folder / "Read Me.txt").write_bytes(b"\xff\xfe not a release line\n")
    credit = _import(folder).extra["data_source"]["credit"]
    assert credit.startswith("This product includes information from the O*NET Database by")


def test_the_record_survives_save_and_load(model, tmp_path):
    loaded = load_model(model.save(tmp_path / "onet.model"))
    assert loaded.extra["data_source"] == model.extra["data_source"]


def test_reports_made_on_an_onet_model_carry_the_credit(model):
    report = build_report(PERSON, model=model, created=CREATED)
    html, markdown = render_html(report), render_markdown(report)
    footer = html[html.index("<footer") :]
    assert _credit("28.1") in " ".join(footer.split())
    # Markdown escapes the asterisk, which would start emphasis: the credit reads as written
    assert _credit("28.1").replace("*", "\\*").replace("U.S.", "U\\.S.") in markdown


def test_reports_of_the_builtin_catalog_stay_as_they_were(builtin_model):
    report = build_report(
        ROOT / "data" / "examples" / "section-chief.json", model=builtin_model, created=CREATED
    )
    for text in (render_html(report), render_markdown(report)):
        assert "USDOL" not in text and "CC BY" not in text


def test_a_survey_index_on_an_onet_model_carries_the_credit(model, tmp_path):
    survey = tmp_path / "survey.csv"
    survey.write_text("respondent_id,skill:Mathematics\nr1,3\n", encoding="utf-8")
    people, rejects = read_survey_assessments(survey, model)
    batch = write_reports(people, tmp_path / "out", model=model, rejects=rejects, jobs=1)
    index = batch.index.read_text(encoding="utf-8")
    assert _credit("28.1") in " ".join(index.split())


def test_show_recommend_and_gaps_print_the_credit_in_one_short_line(model, tmp_path, capsys):
    path = str(model.save(tmp_path / "onet.model"))
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(PERSON), encoding="utf-8")
    line = "Data: O*NET 28.1 Database by USDOL/ETA, used under the CC BY 4.0 license."
    assert len(line) <= 80
    for command in (
        ["show", "Beacon Signal Engineers"],
        ["recommend", str(profile)],
        ["gaps", str(profile)],
    ):
        assert main([*command, "--model", path]) == 0
        out = capsys.readouterr().out
        assert line in out.splitlines(), command


def test_the_builtin_catalogs_output_names_no_source(capsys):
    profile = str(ROOT / "data" / "examples" / "section-chief.json")
    for command in (["show", "Ward Mayor"], ["recommend", profile], ["gaps", profile]):
        assert main(command) == 0
        assert "Data:" not in capsys.readouterr().out


def test_a_model_imported_before_the_record_still_credits_onet(release_folder, tmp_path, capsys):
    """A model file saved before the import kept the record says it is O*NET's only in its
    ``source``: it is credited without the release."""
    old = _import(release_folder)
    del old.extra["data_source"]
    path = str(old.save(tmp_path / "old.model"))
    assert main(["show", "Beacon Signal Engineers", "--model", path]) == 0
    assert "Data: O*NET Database by USDOL/ETA, used under the CC BY 4.0 license." in (
        capsys.readouterr().out
    )
    report = build_report(PERSON, model=load_model(path), created=CREATED)
    assert "information from the O*NET Database by the U.S." in render_html(report)


def test_import_onet_says_the_credit_and_gives_the_record_as_json(release_folder, tmp_path, capsys):
    output = tmp_path / "onet.model"
    assert main(["import-onet", str(release_folder), "-o", str(output)]) == 0
    assert "Data: O*NET 28.1 Database" in capsys.readouterr().out
    assert main(["import-onet", str(release_folder), "-o", str(output), "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["data_source"]["credit"] == _credit("28.1")


# What else carries the credit: the other look-ups, the interview, every JSON object, a batch.

LINE = "Data: O*NET 28.1 Database by USDOL/ETA, used under the CC BY 4.0 license."


@pytest.fixture
def model_path(model, tmp_path) -> str:
    """The O*NET model saved, signed with this test's key."""
    return str(model.save(tmp_path / "onet.model"))


def _last_line(out: str) -> str:
    return out.rstrip("\n").splitlines()[-1]


def test_similar_search_and_items_end_with_the_credit_line(model_path, capsys):
    for command in (
        ["similar", "Beacon Signal Engineers"],
        ["search", "beacon"],
        ["search", "no such words at all"],
        ["items"],
        ["items", "mathematics"],
        ["items", "qqqzzzxx"],
    ):
        assert main([*command, "--model", model_path]) == 0
        assert _last_line(capsys.readouterr().out) == LINE, command


def test_the_interview_ends_with_the_credit_line(model_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("3\nq\n"))
    assert main(["assess", "--model", model_path]) == 0
    out = capsys.readouterr().out
    assert "1 question, 1 answered." in out and _last_line(out) == LINE


def test_the_builtin_catalogs_lookups_and_interview_name_no_source(monkeypatch, capsys):
    for command in (["similar", "Ward Mayor"], ["search", "mayor"], ["items"], ["items", "zzq"]):
        assert main(command) == 0
        assert "Data:" not in capsys.readouterr().out, command
    monkeypatch.setattr("sys.stdin", io.StringIO("3\nq\n"))
    assert main(["assess"]) == 0
    assert "Data:" not in capsys.readouterr().out


def _json_outputs(path: list[str], profile: Path, out: Path) -> dict[str, list[str]]:
    """The commands whose ``--json`` is an object, on the model ``path`` (``[]``: the
    default)."""
    return {
        "show": ["show", "Beacon Signal Engineers" if path else "Ward Mayor"],
        "gaps": ["gaps", str(profile)],
        "report": ["report", str(profile), "-o", str(out / "reports")],
        "survey-template": ["survey-template", "-o", str(out / "template.csv")],
    }


def test_every_json_object_carries_the_record_of_the_source(model, model_path, tmp_path, capsys):
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(PERSON), encoding="utf-8")
    for name, command in _json_outputs([model_path], profile, tmp_path).items():
        assert main([*command, "--model", model_path, "--json"]) == 0
        record = json.loads(capsys.readouterr().out)["data_source"]
        assert record["credit"] == _credit("28.1"), name
        assert (record["name"], record["release"], record["licence"]) == (
            "O*NET",
            "28.1",
            "CC BY 4.0",
        )
    # a list stays a list: no room for the record beside it
    assert main(["recommend", str(profile), "--model", model_path, "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)


def test_the_builtin_catalogs_json_has_no_record(tmp_path, capsys):
    profile = ROOT / "data" / "examples" / "section-chief.json"
    for name, command in _json_outputs([], profile, tmp_path).items():
        assert main([*command, "--json"]) == 0
        assert "data_source" not in json.loads(capsys.readouterr().out), name
    assert main(["build", "-o", str(tmp_path / "built.model"), "--json"]) == 0
    assert "data_source" not in json.loads(capsys.readouterr().out)


def _survey(tmp_path: Path, column: str) -> Path:
    survey = tmp_path / "survey.csv"
    survey.write_text(f"respondent_id,{column}\nr1,3\nr2,1\n", encoding="utf-8")
    return survey


def test_a_batch_records_the_source_beside_its_results(model, model_path, tmp_path, capsys):
    import pyarrow.parquet as pq

    survey = _survey(tmp_path, "skill:Mathematics")
    for suffix in ("csv", "parquet"):
        out = tmp_path / f"{suffix}.{suffix}"
        assert main(["batch", str(survey), "-o", str(out), "--model", model_path]) == 0
        assert _last_line(capsys.readouterr().out) == LINE
        manifest = json.loads(out.with_name(f"{suffix}.manifest.json").read_text("utf-8"))
        assert manifest["data_source"] == model.extra["data_source"]
    # the Parquet file travels without its manifest: the record is in its schema
    metadata = pq.read_schema(tmp_path / "parquet.parquet").metadata
    assert json.loads(metadata[b"matcher.data_source"])["credit"] == _credit("28.1")
    # the CSV stays a plain table: its header, then a row per respondent and rank
    lines = (tmp_path / "csv.csv").read_text("utf-8").splitlines()
    assert lines[0].replace('"', "").split(",")[0] == "respondent_id"
    assert not any("O*NET" in line or line.startswith("#") for line in lines)
    out = tmp_path / "again.csv"
    assert main(["batch", str(survey), "-o", str(out), "--model", model_path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data_source"]["credit"] == _credit("28.1")


def test_score_survey_keeps_the_record_in_the_frames_attrs(model, builtin_model, tmp_path):
    frame = score_survey(_survey(tmp_path, "skill:Mathematics"), model=model, jobs=1)
    assert frame.attrs["data_source"] == model.extra["data_source"]
    builtin = score_survey(_survey(tmp_path, "skill:Policy Planning"), model=builtin_model, jobs=1)
    assert "data_source" not in builtin.attrs


def test_a_batch_of_the_builtin_catalog_records_no_source(tmp_path, capsys):
    import pyarrow.parquet as pq

    survey = _survey(tmp_path, "skill:Policy Planning")
    out = tmp_path / "results.parquet"
    assert main(["batch", str(survey), "-o", str(out)]) == 0
    assert "Data:" not in capsys.readouterr().out
    assert "data_source" not in json.loads(
        out.with_name("results.manifest.json").read_text("utf-8")
    )
    assert b"matcher.data_source" not in (pq.read_schema(out).metadata or {})
    assert main(["batch", str(survey), "-o", str(tmp_path / "r.csv"), "--json"]) == 0
    assert "data_source" not in json.loads(capsys.readouterr().out)
