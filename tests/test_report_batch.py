"""Gap reports for many people: batches of reports, their index and rejects, determinism,
and the ``matcher report`` command."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from reports import CREATED, PROFILE, XSS, Page, report_of

from matcher import (
    Assessment,
    read_survey_assessments,
    write_report,
    write_reports,
)
from matcher.cli import main
from matcher.errors import InputError, UnknownOccupationError
from matcher.report import files as report_files
from matcher.report.context import format_time

# --------------------------------------------------------------------------- batches


def _people(model, n: int, seed: int = 0) -> list[tuple[str, Assessment]]:
    rng = np.random.default_rng(seed)
    keys = [model.vectorizer.key(c) for c in range(model.vectorizer.n_features)]
    people = []
    for i in range(n):
        columns = rng.choice(len(keys), 12, replace=False)
        ratings = {keys[c]: float(rng.integers(0, 6)) for c in columns}
        people.append((f"r{i:03d}", Assessment(name=f"Person {i}", ratings=ratings)))
    return people


def test_batch_writes_reports_index_and_rejects(fixture_model, tmp_path):
    people = _people(fixture_model, 5)
    evil = [
        ("../../etc/passwd", Assessment(name=XSS, ratings=people[0][1].ratings)),
        ('=HYPERLINK("http://x")', Assessment(ratings=people[1][1].ratings)),
        ("r001", Assessment(ratings=people[2][1].ratings)),  # duplicate id
        ("lost", Assessment(ratings=people[3][1].ratings, target_job="Astronaut")),
        ("aimed", Assessment(ratings=people[3][1].ratings, target_job="Policy Director")),
    ]
    outdir = tmp_path / "out" / "reports"
    result = write_reports(people + evil, outdir, model=fixture_model, created=CREATED, jobs=1)
    assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} == {outdir}
    written = [r.respondent_id for r in result.reports]
    assert written == [i for i, _ in people] + [
        "../../etc/passwd",
        '=HYPERLINK("http://x")',
        "aimed",
    ]
    aimed = result.reports[-1]
    assert aimed.target_title == "Policy Director" and aimed.target_source == "profile"
    assert {(r.respondent_id, r.column) for r in result.rejected} == {
        ("r001", "respondent_id"),
        ("lost", "target_job"),
    }
    assert any("Astronaut" in r.reason for r in result.rejected)
    # Two files per report, the index, index.md and rejects.csv; nothing else.
    assert len(list(outdir.iterdir())) == 2 * len(written) + 3

    index = (outdir / "index.html").read_text(encoding="utf-8")
    parsed = Page(index)
    links = set(parsed.links)
    assert links, "index has no links"
    for link in links:
        assert "/" not in link and (outdir / link).is_file(), link
    for entry in result.reports:
        assert entry.files["html"] in links and entry.files["md"] in links
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index and "<script>" not in index
    assert "duplicate of an earlier row" in index and "Astronaut" in index
    for entry in result.reports:
        page = (outdir / entry.files["html"]).read_text(encoding="utf-8")
        assert 'href="index.html"' in page
    evil_page = (outdir / result.reports[len(people)].files["html"]).read_text(encoding="utf-8")
    assert "<script>" not in evil_page and "&lt;script&gt;" in evil_page

    rejects = list(csv.DictReader(io.StringIO(result.rejects_file.read_text(encoding="utf-8"))))
    assert [r["respondent_id"] for r in rejects] == ["r001", "lost"]
    index_md = (outdir / "index.md").read_text(encoding="utf-8")
    assert r"\<script\>alert(1)\</script\>" in index_md and "<script>" not in index_md


def test_rejects_csv_neutralises_formulas():
    rows = [report_files.RejectedRow("s.csv", 3, "=cmd|' /C calc'!A0", "+x", "-1", "@SUM(A1)")]
    text = report_files.rejects_csv(rows)
    record = next(csv.DictReader(io.StringIO(text)))
    assert record == {
        "file": "s.csv",
        "line": "3",
        "respondent_id": "'=cmd|' /C calc'!A0",
        "column": "'+x",
        "value": "'-1",
        "reason": "'@SUM(A1)",
    }


def test_unknown_batch_target_stops_before_any_work(fixture_model, tmp_path):
    with pytest.raises(UnknownOccupationError, match="Astronaut"):
        write_reports(
            _people(fixture_model, 2), tmp_path / "out", model=fixture_model, target="Astronaut"
        )
    assert not (tmp_path / "out").exists()


def test_batch_in_parallel_is_byte_identical_to_serial(fixture_model, tmp_path):
    people = _people(fixture_model, report_files.MIN_PARALLEL + 4, seed=1)
    serial = write_reports(
        people, tmp_path / "serial", model=fixture_model, created=CREATED, jobs=1
    )
    parallel = write_reports(
        people, tmp_path / "parallel", model=fixture_model, created=CREATED, jobs=2
    )
    assert serial.reports == parallel.reports
    names = sorted(p.name for p in (tmp_path / "serial").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "parallel").iterdir())
    for name in names:
        assert (tmp_path / "serial" / name).read_bytes() == (
            tmp_path / "parallel" / name
        ).read_bytes(), name


def test_output_differs_only_in_the_timestamp(fixture_model, tmp_path):
    people = _people(fixture_model, 3, seed=2)
    later = datetime(2026, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=9), "JST"))
    first = write_reports(people, tmp_path / "a", model=fixture_model, created=CREATED)
    second = write_reports(people, tmp_path / "b", model=fixture_model, created=later)
    stamps = {
        "a": (CREATED.isoformat(), format_time(CREATED)),
        "b": (later.isoformat(), format_time(later)),
    }
    assert stamps["b"][1] == "2026-02-03 04:05 JST"
    for path in sorted((tmp_path / "a").iterdir()):
        texts = {}
        for side in ("a", "b"):
            text = (tmp_path / side / path.name).read_text(encoding="utf-8")
            assert stamps[side][1] in text, path.name
            for stamp in stamps[side]:
                text = text.replace(stamp, "<time>")
            texts[side] = text
        assert texts["a"] == texts["b"], path.name
    assert first.reports == second.reports


def test_progress_bar_only_when_asked_or_on_a_terminal(fixture_model, tmp_path, capsys):
    people = _people(fixture_model, 3)
    write_reports(people, tmp_path / "quiet", model=fixture_model)
    assert capsys.readouterr().err == ""  # stderr is not a terminal under pytest
    write_reports(people, tmp_path / "loud", model=fixture_model, progress=True)
    err = capsys.readouterr().err
    assert "reports" in err and "3/3" in err


def test_empty_batch_still_writes_an_index(fixture_model, tmp_path):
    result = write_reports([], tmp_path / "none", model=fixture_model, formats=["html"])
    assert result.reports == () and "No report was made" in result.index.read_text("utf-8")
    assert not (tmp_path / "none" / "index.md").exists()


def test_formats_are_checked(fixture_model, tmp_path):
    with pytest.raises(InputError, match=r"report format must be one of html, md, got 'pdf'"):
        report_files.parse_formats("html,pdf")
    assert report_files.parse_formats(" MD ,html,md") == ("md", "html")
    paths = write_report(report_of(fixture_model, target="mayor"), tmp_path, ["md"])
    assert list(paths) == ["md"] and paths["md"].suffix == ".md"


def test_survey_rows_become_reports_and_rejects(fixture_model, tmp_path):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_id,target_job,skill:Budget Management,aptitude:Stress Tolerance,"
        "trait:Leadership\n"
        f'"{XSS}",mayor,3,4,4\n'
        "r2,,2,2,2\n"
        "r3,Astronaut,3,3,3\n"
        "r4,,9,1,1\n",
        encoding="utf-8",
    )
    people, rejects = read_survey_assessments(survey, fixture_model)
    result = write_reports(
        people, tmp_path / "out", model=fixture_model, rejects=rejects, created=CREATED
    )
    assert [r.respondent_id for r in result.reports] == [XSS, "r2"]
    assert result.reports[0].target_title == "Mayor of a Small Town"
    assert {(r.line, r.respondent_id) for r in result.rejected} == {(4, "r3"), (5, "r4")}
    index = result.index.read_text(encoding="utf-8")
    assert "survey.csv, line 4" in index and "survey.csv, line 5" in index
    assert "<script>" not in index


# --------------------------------------------------------------------------- command line


def test_cli_report_for_one_profile(model_file, tmp_path, capsys):
    profile = tmp_path / "aiko.json"
    profile.write_text(json.dumps({**PROFILE, "name": XSS}), encoding="utf-8")
    out = tmp_path / "out"
    assert (
        main(
            [
                "report",
                str(profile),
                "--target",
                "mayor",
                "-o",
                str(out),
                "--model",
                model_file,
                "--top",
                "3",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).suffix for p in printed) == [".html", ".md"]
    page = Path(printed[0]).read_text(encoding="utf-8")
    assert Path(printed[0]).parent == out and Path(printed[0]).name.startswith("aiko-")
    assert "<script>" not in page and page.count('<tr>\n        <td class="num">') == 3
    assert not (out / "index.html").exists()

    assert (
        main(
            ["report", str(profile), "--target", "Astronaut", "-o", str(out), "--model", model_file]
        )
        == 2
    )
    assert "no occupation is called 'Astronaut'" in capsys.readouterr().err
    assert (
        main(["report", str(profile), "-o", str(out), "--model", model_file, "--format", "pdf"])
        == 2
    )
    assert "report format must be one of html, md" in capsys.readouterr().err
    # a profile saved without the .json suffix is still one profile, not a survey
    bare = tmp_path / "aiko"
    bare.write_bytes(b"\xef\xbb\xbf\n  " + profile.read_bytes())
    assert main(["report", str(bare), "-o", str(tmp_path / "bare"), "--model", model_file]) == 0
    assert sorted(p.suffix for p in (tmp_path / "bare").iterdir()) == [".html", ".md"]


def test_cli_report_for_a_survey(model_file, tmp_path, capsys):
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_id,skill:Budget Management,aptitude:Stress Tolerance\na,3,4\nb,4,2\nc,x,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert (
        main(
            [
                "report",
                str(survey),
                "-o",
                str(out),
                "--model",
                model_file,
                "--format",
                "html",
                "--jobs",
                "1",
            ]
        )
        == 1
    )  # one row rejected
    captured = capsys.readouterr()
    assert "2 reports" in captured.out and "index.html" in captured.out
    assert "1 problem kept" in captured.err and "rejects.csv" in captured.err
    assert len(list(out.glob("*.html"))) == 3 and not list(out.glob("*.md"))
    assert (
        main(
            ["report", str(survey), "-o", str(out), "--model", model_file, "--target", "Astronaut"]
        )
        == 2
    )
    survey.write_text("respondent_id,skill:Budget Management\na,3\n", encoding="utf-8")
    assert main(["report", str(survey), "-o", str(tmp_path / "clean"), "--model", model_file]) == 0
