"""The habits every `matcher` command keeps: --version, help for every argument, one meaning
per option, -q and --json, `-` for standard input and output, tables that fit the terminal,
and the error boundary with its exit codes."""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, make_survey

import matcher
from matcher.cli import base, build_parser, main

PERSON = {"name": "Aiko", "skills": {"Office Administration": 4, "Citizen Services": 4}}
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def person_file(tmp_path):
    path = tmp_path / "aiko.json"
    path.write_text(json.dumps(PERSON), encoding="utf-8")
    return str(path)


def _parsers(parser: argparse.ArgumentParser, path: str = "matcher"):
    """Every parser of the command tree, with the command line that reaches it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helped = {choice.dest for choice in action._choices_actions if choice.help}
            for name, child in action.choices.items():
                assert name in helped, f"`{path} {name}` has no help line"
                yield from _parsers(child, f"{path} {name}")


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"matcher {matcher.__version__}"


def test_every_argument_of_every_command_has_help():
    checked = 0
    for path, parser in _parsers(build_parser()):
        for action in parser._actions:
            label = "/".join(action.option_strings) or action.dest
            assert action.help and action.help != argparse.SUPPRESS, f"{path} {label}: no help"
            checked += 1
    assert checked > 80  # the walk reached every command


def test_one_name_and_one_meaning_per_option():
    seen: dict[str, set[str]] = {}
    for path, parser in _parsers(build_parser()):
        for action in parser._actions:
            for option in action.option_strings:
                seen.setdefault(option, set()).add(path)
            if "--jobs" in action.option_strings:
                assert action.help == base.JOBS_HELP == "parallel workers (default: every CPU)"
            if "-q" in action.option_strings:
                assert action.option_strings == ["-q", "--quiet"], path
    assert not {"--limit", "-k", "--k", "-n", "--n"} & set(seen)  # --top, everywhere
    assert seen["--jobs"] == {"matcher batch", "matcher report"}
    for command in ("batch", "report", "catalog check", "build", "import-onet", "trust"):
        assert f"matcher {command}" in seen["--json"] & seen["--quiet"], command
    assert "matcher survey-template" in seen["--json"] & seen["--quiet"]


# -- --json and -q -----------------------------------------------------------------------


def test_batch_json_summary_and_quiet(fixture_model, model_file, tmp_path, capsys):
    survey = make_survey(tmp_path / "survey.csv", fixture_model, n=12, extra_rows="bad\n")
    out = tmp_path / "out.csv"
    args = ["batch", str(survey), "-o", str(out), "--model", model_file]
    assert main([*args, "--json"]) == 1  # one row rejected
    summary = json.loads(capsys.readouterr().out)
    assert summary["rows_read"] == 13 and summary["scored"] == 12 and summary["rejected"] == 1
    assert summary["output"] == str(out) and summary["rejects"].endswith("out.rejects.csv")
    assert main([*args, "-q"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "1 row rejected" in captured.err  # the warning still says why the status is 1


def test_report_json_lists_files_and_rejects(fixture_model, model_file, tmp_path, capsys):
    survey = make_survey(
        tmp_path / "survey.csv", fixture_model, n=3, target=False, extra_rows="r9,x\n"
    )
    outdir = tmp_path / "reports"
    args = ["report", str(survey), "-o", str(outdir), "--model", model_file, "--jobs", "1"]
    assert main([*args, "--json", "--format", "md"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [r["respondent_id"] for r in data["reports"]] == ["r000", "r001", "r002"]
    for report in data["reports"]:
        assert set(report["files"]) == {"md"}
        assert Path(report["files"]["md"]).parent == outdir
        assert Path(report["files"]["md"]).exists()
    assert data["rejected"] and data["rejected"][0]["line"] == 5
    assert data["index"].endswith("index.html") and data["rejects"].endswith("rejects.csv")
    assert main([*args, "-q"]) == 1
    assert capsys.readouterr().out == ""


def test_report_json_of_one_profile_has_the_shape_of_a_batchs(model_file, tmp_path, capsys):
    # one report's JSON had no respondent_id, index or rejects, and the CLI wrote each
    # shape by hand; now both are ReportBatch's (written_dict)
    from matcher import load_model, read_survey_assessments, write_reports

    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"skills": {"Policy Planning": 4}}), encoding="utf-8")
    outdir = tmp_path / "one"
    assert main(["report", str(profile), "-o", str(outdir), "--model", model_file, "--json"]) == 0
    one = json.loads(capsys.readouterr().out)
    (report,) = one["reports"]
    assert report["respondent_id"] == "" and set(report["files"]) == {"html", "md"}
    assert all(Path(path).parent == outdir for path in report["files"].values())
    assert (one["rejected"], one["index"], one["rejects"]) == ([], None, None)
    model = load_model(model_file)
    people, rejects = read_survey_assessments(make_survey(tmp_path / "s.csv", model, n=2), model)
    batch = write_reports(people, tmp_path / "many", model=model, rejects=rejects, jobs=1)
    data = batch.to_dict()
    assert set(data) == set(one) - {"data_source"}
    assert [r["respondent_id"] for r in data["reports"]] == ["r000", "r001"]
    assert all(Path(p).exists() for r in data["reports"] for p in r["files"].values())


def test_catalog_check_json_and_quiet(tmp_path, capsys):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.txt").write_text("Summary\n", encoding="utf-8")
    assert main(["catalog", "check", str(broken), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["errors"] >= 1 and isinstance(data["summary"]["profiles"], int)
    assert {"severity", "source", "line", "message"} <= set(data["findings"][0])
    assert main(["catalog", "check", str(FIXTURES / "catalog"), "-q"]) == 0
    assert capsys.readouterr().out == ""


def test_models_and_template_json_and_quiet(tmp_path, capsys):
    built = tmp_path / "built.joblib"
    assert main(["build", "--catalog", str(FIXTURES / "catalog"), "-o", str(built), "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["model"] == str(built) and facts["occupations"] == 6 and facts["features"] > 0
    assert main(["trust", str(built), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"model": str(built), "signed": True}
    assert main(["trust", str(built), "-q"]) == 0
    onet = tmp_path / "onet.joblib"
    assert main(["import-onet", str(FIXTURES / "onet"), "-o", str(onet), "-q"]) == 0
    assert capsys.readouterr().out == "" and onet.exists()
    assert main(["import-onet", str(FIXTURES / "onet"), "-o", str(onet), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["occupations"] > 0
    survey = tmp_path / "template.csv"
    assert main(["survey-template", "-o", str(survey), "--model", str(built), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["survey"] == str(survey)
    assert survey.read_text(encoding="utf-8").startswith(",".join(data["columns"][:3]))
    assert main(["survey-template", "-o", str(survey), "--model", str(built), "-q"]) == 0
    assert capsys.readouterr().out == ""


# -- standard input and output ------------------------------------------------------------


def _stdin(monkeypatch, text: str) -> None:
    data = io.BytesIO(text.encode())
    data.name = "<stdin>"  # as sys.stdin.buffer is named
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(data, "utf-8"))


def test_batch_reads_a_survey_from_standard_input(
    fixture_model, model_file, tmp_path, monkeypatch, capsys
):
    survey = make_survey(tmp_path / "survey.csv", fixture_model, n=8, extra_rows="r1,2\n")
    _stdin(monkeypatch, survey.read_text(encoding="utf-8"))
    out = tmp_path / "from-stdin.csv"
    assert main(["batch", "-", "-o", str(out), "--model", model_file, "--json"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["files"] == ["<stdin>"] and summary["scored"] == 8
    expected = tmp_path / "from-file.csv"
    assert main(["batch", str(survey), "-o", str(expected), "--model", model_file, "-q"]) == 1
    assert out.read_bytes() == expected.read_bytes()
    rejects = (tmp_path / "from-stdin.rejects.csv").read_text(encoding="utf-8").splitlines()
    assert rejects[1].startswith("<stdin>,10,")  # the line of standard input, no temp file
    # the manifest describes the rejects file as written (it was renamed after, unsaid)
    manifest = json.loads((tmp_path / "from-stdin.manifest.json").read_text(encoding="utf-8"))
    assert manifest["rejects_bytes"] == (tmp_path / "from-stdin.rejects.csv").stat().st_size
    assert manifest["summary"]["files"] == ["<stdin>"]


def test_batch_writes_csv_to_standard_output(fixture_model, model_file, tmp_path, capfdbinary):
    survey = make_survey(tmp_path / "survey.csv", fixture_model, n=5)
    expected = tmp_path / "expected.csv"
    assert main(["batch", str(survey), "-o", str(expected), "--model", model_file, "-q"]) == 0
    capfdbinary.readouterr()
    rejects = tmp_path / "r.csv"
    args = ["batch", str(survey), "-o", "-", "--rejects", str(rejects), "--model", model_file]
    assert main(args) == 0
    captured = capfdbinary.readouterr()
    assert captured.out == expected.read_bytes()  # only the CSV on standard output
    assert b"5 rows read" in captured.err  # the summary goes to standard error
    assert rejects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "say where the rejects go with --rejects FILE"),
        (["--rejects", "r.csv", "--json"], "--json and -o - both write to standard output"),
    ],
)
def test_batch_to_standard_output_needs_rejects_and_no_json(
    model_file, tmp_path, capsys, extra, message
):
    assert main(["batch", "s.csv", "-o", "-", "--model", model_file, *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize("output", ["out.csv", "-"])
def test_batch_refuses_rejects_to_standard_output(
    fixture_model, model_file, tmp_path, monkeypatch, capsys, output
):
    """--rejects - made a file named '-' and the summary said the rejects went to '-'."""
    monkeypatch.chdir(tmp_path)
    survey = make_survey(tmp_path / "s.csv", fixture_model, n=3)
    args = ["batch", str(survey), "-o", output, "--rejects", "-", "--model", model_file]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "--rejects -: the rejects are a file" in err and err.count("\n") == 1
    assert not (tmp_path / "-").exists() and not list(tmp_path.glob("out*"))


def test_survey_template_to_standard_output(model_file, tmp_path, capfdbinary):
    path = tmp_path / "t.csv"
    assert main(["survey-template", "-o", str(path), "--model", model_file, "-q"]) == 0
    capfdbinary.readouterr()
    assert main(["survey-template", "-o", "-", "--model", model_file]) == 0
    assert capfdbinary.readouterr().out == path.read_bytes()


# -- tables that fit ------------------------------------------------------------------------


def _commands(model_file, person_file, tmp_path):
    broken = tmp_path / "catalog"
    broken.mkdir()
    for path in (FIXTURES / "catalog").glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        (broken / path.name).write_text(text.replace("Policy Planning", "Stress Tolerance"))
    model = ["--model", model_file]
    return {
        "recommend": ["recommend", person_file, *model],
        "gaps": ["gaps", person_file, "--target", "Policy Director", *model],
        "search": ["search", "manager", *model],
        "similar": ["similar", "clerk", *model],
        "catalog check": ["catalog", "check", str(broken), "-v"],  # warnings: shown with -v
    }


@pytest.mark.parametrize("width", [60, 200])
def test_tables_fit_the_width_and_stay_plain_off_a_terminal(
    model_file, person_file, tmp_path, monkeypatch, capsys, width
):
    monkeypatch.setenv("COLUMNS", str(width))
    commands = _commands(model_file, person_file, tmp_path)
    for name, argv in commands.items():
        main(argv)
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert len(lines) >= 3, name
        assert max(map(len, lines)) <= width, (name, max(lines, key=len))
        assert "\x1b" not in out, name  # no colour codes in a file or a pipe
        assert not any(line != line.rstrip() for line in lines), name
        assert not set(out) & set("─━│┃"), name  # ASCII rules
        assert "…" not in out, name  # cells wrap: nothing is cut off
    main([*commands["search"], "--json"])
    found = json.loads(capsys.readouterr().out)
    main(commands["search"])
    lines = capsys.readouterr().out.splitlines()
    if width == 200:  # wide enough: one line a row
        assert len(lines) == 2 + len(found)
        assert all(o["id"] in line for o, line in zip(found, lines[2:], strict=True))


def test_tables_on_a_terminal_fit_it(model_file, person_file, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    argv = _commands(model_file, person_file, tmp_path)["recommend"]
    env = {k: v for k, v in __import__("os").environ.items() if k != "COLUMNS"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "matcher", *argv],
        dimensions=(40, 64),
        env={**env, "TERM": "xterm-256color"},
        encoding="utf-8",
        timeout=60,
    )
    out = child.read()
    child.close()
    assert child.exitstatus == 0, out
    lines = [ANSI.sub("", line) for line in out.splitlines()]
    assert "Best matches for Aiko" in lines[0]
    assert max(map(len, lines)) <= 64
    assert "\x1b[" in out  # on a terminal, styled


# -- gaps and the self-assessment's target --------------------------------------------------


def test_gaps_uses_the_target_job_of_the_self_assessment(model_file, tmp_path, capsys):
    path = tmp_path / "goal.json"
    path.write_text(json.dumps({**PERSON, "target_job": "Policy Director"}), encoding="utf-8")
    assert main(["gaps", str(path), "--model", model_file, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["target_id"] == "policy-director"
    assert main(["gaps", str(path), "--target", "Office Manager", "--model", model_file]) == 0
    assert "path to Office Manager" in capsys.readouterr().out  # --target wins


def test_gaps_without_any_target_says_how_to_give_one(model_file, person_file, capsys):
    assert main(["gaps", person_file, "--model", model_file]) == 2
    err = capsys.readouterr().err
    assert err.startswith("matcher: error: ") and err.count("\n") == 1
    assert "--target" in err and '"target_job"' in err


# -- the error boundary ----------------------------------------------------------------------


def _broken(monkeypatch, error: BaseException) -> None:
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr("matcher.match.recommend.ranked", fail)  # what the command ranks with


def test_bad_input_is_one_line_and_exit_2(model_file, tmp_path, capsys):
    assert main(["recommend", str(tmp_path / "none.json"), "--model", model_file]) == 2
    err = capsys.readouterr().err
    assert err.startswith("matcher: error: ") and err.count("\n") == 1
    assert main(["similar", "Astronaut", "--model", model_file]) == 2
    assert "no occupation is called 'Astronaut'" in capsys.readouterr().err
    assert main(["catalog", "check", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_an_internal_error_says_so_in_one_line_and_exits_3(
    model_file, person_file, monkeypatch, capsys
):
    monkeypatch.delenv("MATCHER_DEBUG", raising=False)
    _broken(monkeypatch, ZeroDivisionError("division by zero"))
    assert main(["recommend", person_file, "--model", model_file]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("matcher: internal error: ZeroDivisionError: division by zero")
    assert "--debug" in err and "MATCHER_DEBUG=1" in err


@pytest.mark.parametrize("how", ["option", "environment"])
def test_debug_shows_the_traceback(model_file, person_file, monkeypatch, capsys, how):
    _broken(monkeypatch, ZeroDivisionError("division by zero"))
    argv = ["recommend", person_file, "--model", model_file]
    if how == "option":
        argv.insert(0, "--debug")
    else:
        monkeypatch.setenv("MATCHER_DEBUG", "1")
    assert main(argv) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ZeroDivisionError" in err


def test_ctrl_c_exits_130_quietly(model_file, person_file, monkeypatch, capsys):
    _broken(monkeypatch, KeyboardInterrupt())
    assert main(["recommend", person_file, "--model", model_file]) == 130
    assert capsys.readouterr().err == ""


def test_an_unwritable_output_is_bad_input(model_file, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["survey-template", "-o", str(blocker / "t.csv"), "--model", model_file]) == 2
    err = capsys.readouterr().err
    assert err.startswith("matcher: error: ") and str(blocker) in err


def test_a_wrapped_plan_item_continues_under_its_text(monkeypatch, capsys):
    """The learning plan's long items wrapped back to the left of their numbers."""
    from matcher.model.locations import data_dir

    monkeypatch.setenv("COLUMNS", "50")
    example = data_dir() / "examples" / "section-chief.json"
    assert main(["gaps", str(example)]) == 0
    plan = capsys.readouterr().out.split("Learning plan")[1].split("\n\n")[0].splitlines()
    first = next(n for n, line in enumerate(plan) if re.match(r"^ +1\. ", line))
    plan = plan[first:]  # after the heading, which may wrap too
    items = [line for line in plan if re.match(r"^ +\d+\. ", line)]
    rest = [line for line in plan if line not in items]
    assert items and rest  # some wrap at 50 columns
    assert all(line.startswith("      ") and line[6] != " " for line in rest)
