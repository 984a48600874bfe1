"""What the gaps command, reports and a survey index say of the next step, estimates and levels."""

from __future__ import annotations

import json

from helpers import FIXTURES

from matcher import gaps, import_onet


def test_the_cli_never_marks_where_you_are_as_next_and_prints_the_whole_plan(
    builtin_model, capsys, tmp_path
):
    from matcher.cli import main
    from matcher.model.locations import data_dir

    path = str(data_dir() / "examples" / "section-chief.json")
    assert main(["gaps", path, "--target", "Ward Mayor"]) == 0
    out = capsys.readouterr().out
    assert "1. Section Chief  [not met yet, you are here" in out and "NEXT, you are here" not in out
    assert "2. Department Head  [NEXT" in out
    report = gaps(path, "Ward Mayor", model=builtin_model)
    item = next(p for p in report.plan if p.target_level and p.level < p.target_level)
    # rating -> level by the step -> level at the target, in the CLI as in the report
    you = f"{item.rating:g}" if item.rating is not None else f"not rated (≈{item.estimate:g})"
    later = f"-> {item.target_level:g} at the target"
    assert f"{item.name}: {you} -> {item.level:g} by {item.step_title} {later}" in out
    assert main(["gaps", path, "--target", "Ward Mayor", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)["plan"]
    assert {"rating", "level", "target_level", "estimate"} <= set(plan[0])


def test_reports_say_what_the_estimate_is_and_who_is_next(builtin_model, tmp_path):
    from matcher.match.gaps import ESTIMATE_TEXT
    from matcher.report.build import build_report
    from matcher.report.render import render_html, render_markdown

    nurse = {"current_job": "Ward Nurse", "skills": {"Patient Care": 5, "Medical Knowledge": 4}}
    report = build_report(nurse, target="Registered Nurse", model=builtin_model)
    steps = report.gaps.steps
    assert [s.occupation_id for s in steps] == ["registered-nurse"] and steps[0].is_current
    gap = next(g for g in steps[0].gaps if g.estimated and g.block == "skill")
    # Two skills rated 5 and 4: (5 + 4 + 3 × 2) / (2 + 3) = 3, not their mean 4.5, and never
    # above 2: what she rates high says nothing of what she left out.
    assert gap.estimate == 2.0
    for page in (render_html(report), render_markdown(report)):
        text = " ".join(page.split())
        assert "the next is <strong>Registered Nurse" not in text
        assert "the next is **Registered Nurse" not in text
        assert "closing the gaps of your own post" in text
        assert ESTIMATE_TEXT.split(";")[0] in text and "your average rating" not in text
        assert "≈2" in text


def test_a_survey_index_never_gives_a_current_job_as_the_next_step(builtin_model, tmp_path):
    from matcher import read_survey_assessments, write_reports

    driver = {
        "skill:Driving": 5,
        "skill:Route Planning": 4,
        "skill:Cargo Handling": 4,
        "skill:Traffic Regulations": 4,
        "skill:Vehicle Maintenance": 4,
    }
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_id,current_job,target_job," + ",".join(driver) + "\n"
        "t-1,Truck Driver,Bus Driver," + ",".join(map(str, driver.values())) + "\n",
        encoding="utf-8",
    )
    people, rejects = read_survey_assessments(survey, builtin_model)
    batch = write_reports(people, tmp_path / "out", model=builtin_model, rejects=rejects, jobs=1)
    assert batch.reports[0].next_step == "Bus Driver"
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "| Bus Driver |" in index and "| Truck Driver |" not in index
    # At the target, short of it: the next step is the person's own post, and says so.
    survey.write_text(
        "respondent_id,current_job,target_job,skill:Driving\nt-2,Truck Driver,Truck Driver,2\n",
        encoding="utf-8",
    )
    people, rejects = read_survey_assessments(survey, builtin_model)
    batch = write_reports(people, tmp_path / "own", model=builtin_model, rejects=rejects, jobs=1)
    assert batch.reports[0].next_step == "Truck Driver (your own post)"


def test_onet_reports_round_levels_and_never_speak_of_aptitudes(tmp_path):
    import re
    import shutil

    from matcher.report.build import build_report
    from matcher.report.render import render_html, render_markdown

    shutil.copytree(FIXTURES / "onet", tmp_path / "onet")
    (tmp_path / "onet" / "Abilities.txt").unlink()  # as the real database: no aptitudes
    model = import_onet(tmp_path / "onet")
    person = {"skills": {"Programming": 2}, "traits": {"Dependability": 3}}
    report = build_report(person, target="Beacon Signal Engineers", model=model)
    for page in (render_markdown(report), render_html(report)):
        assert "aptitude" not in page.lower()
        assert not re.search(r"(needs|typical|≈) ?\d+\.\d\d", page), "a level with 2+ decimals"
    markdown = render_markdown(report)
    assert "## Traits and interests against Beacon Signal Engineers" in markdown
    assert all(p.block != "interest" for p in report.gaps.plan)


def test_the_plan_says_what_its_order_is(builtin_model, capsys, tmp_path, monkeypatch):
    """ "Learning plan (in this order)" was read as an order to learn in: a developer aiming at
    Data Scientist was to learn Machine Learning first, Statistics second, Mathematics fifth.
    The order is the most pressing first within a step; the catalog says nothing of which
    item builds on which."""
    from matcher import build_report, render_html, render_markdown
    from matcher.cli import main

    developer = {
        "current_job": "Software Developer",
        "target_job": "Data Scientist",
        "skills": {"Programming": 5, "Statistics": 2, "Machine Learning": 1, "Data Analysis": 2},
    }
    profile = tmp_path / "dev.json"
    profile.write_text(json.dumps(developer), encoding="utf-8")
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: builtin_model)
    assert main(["gaps", str(profile)]) == 0
    out = " ".join(capsys.readouterr().out.split())  # as wrapped to the terminal
    assert "in this order" not in out
    assert "the most pressing first within a step; not an order to learn in" in out
    report = build_report(developer, model=builtin_model)
    for text in (render_markdown(report), render_html(report)):
        assert "in order" not in text.split("Learning plan")[-1]
        assert "the most pressing first within a step" in text
        assert "not an order to learn in" in text
