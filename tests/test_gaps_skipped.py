"""An item a questionnaire asked and the person left blank is told apart from one never asked,
in `gaps()`, `matcher gaps` (and its --json) and both reports (adviser3's finding 6,
2026-12-02: a dental nurse who skipped Clinical Assessment read "not rated (~2)" and "not rated
yet ... rate it to be sure", exactly as for Customer Orientation, which she was never asked)."""

from __future__ import annotations

import html
import json
import re

import pytest
from dentalnurse import RATINGS

from matcher import build_report, gaps, render_html, render_markdown
from matcher.cli import main
from matcher.util.labels import BLANK_ADVICE, rating_text

# Her jobcentre healthcare questionnaire: 25 items asked, 16 answered. Clinical Assessment and
# Personal Care were asked and left blank; Customer Orientation (a key aptitude of her target)
# was not on it.
DENTAL_NURSE = {
    "name": "Chloe Bennett",
    "target_job": "Dental Hygienist",
    "asked": {
        "skills": [
            "Dental Care",
            "Infection Control",
            "Patient Care",
            "Medical Records",
            "Medical Imaging",
            "First Aid",
            "Personal Care",
            "Medication Administration",
            "Clinical Assessment",
            "Health Education",
            "Customer Service",
            "Laboratory Testing",
            "Office Administration",
            "Medical Knowledge",
        ],
        "aptitudes": [
            "Manual Dexterity",
            "Precision & Accuracy",
            "Communication Skills",
            "Teamwork",
            "Physical Stamina",
            "Observation Skills",
        ],
        "traits": [
            "Cleanliness",
            "Compassion",
            "Confidentiality",
            "Patience",
            "Calm Under Pressure",
        ],
    },
    **RATINGS,
}
SKIPPED, NEVER_ASKED = "Clinical Assessment", "Customer Orientation"


def _gap(report, name):
    return next(g for s in report.steps for g in s.gaps if g.name == name)


def _plan(report, name):
    return next(p for p in report.plan if p.name == name)


def _variant(asked):
    person = dict(DENTAL_NURSE)
    if asked is None:
        person.pop("asked")
    else:
        person["asked"] = asked
    return person


def test_gaps_tell_an_item_left_blank_from_one_never_asked(builtin_model):
    report = gaps(DENTAL_NURSE, model=builtin_model)
    skipped, never = _gap(report, SKIPPED), _gap(report, NEVER_ASKED)
    assert skipped.estimated and never.estimated
    assert skipped.skipped and not never.skipped
    assert _plan(report, SKIPPED).skipped and not _plan(report, NEVER_ASKED).skipped
    # Personal Care, asked and skipped, meets the step on its estimate: listed apart, as left
    # blank; a key item never asked is not
    (step,) = report.steps
    assert "Personal Care" in step.skipped and SKIPPED in step.skipped
    assert NEVER_ASKED not in step.skipped and set(step.skipped) <= set(step.unrated)
    assert set(step.unrated) - set(step.skipped)  # some were never asked


@pytest.mark.parametrize(("asked", "skipped"), [(None, False), ("all", True)])
def test_a_free_list_asks_nothing_and_all_asks_everything(builtin_model, asked, skipped):
    """Every unrated item of a free list is simply not mentioned; of "asked": "all", left
    blank. The estimate is the same whichever it is."""
    report = gaps(_variant(asked), model=builtin_model)
    estimated = [g for s in report.steps for g in s.gaps if g.estimated]
    assert estimated and all(g.skipped is skipped for g in estimated)
    assert all(p.skipped is skipped for p in report.plan if p.estimated)
    step = report.steps[-1]
    assert set(step.skipped) == (set(step.unrated) if skipped else set())
    questionnaire = gaps(DENTAL_NURSE, model=builtin_model)
    for name in (SKIPPED, NEVER_ASKED):
        assert _gap(report, name).estimate == _gap(questionnaire, name).estimate


def test_the_cli_and_its_json_say_which_was_left_blank(
    builtin_model, capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "200")  # a table row on one line
    path = tmp_path / "dental-nurse.json"
    path.write_text(json.dumps(DENTAL_NURSE), "utf-8")
    model = str(builtin_model.save(tmp_path / "builtin.model"))
    assert main(["gaps", str(path), "--model", model]) == 0
    lines = capsys.readouterr().out.splitlines()
    skipped = _gap(gaps(DENTAL_NURSE, model=builtin_model), SKIPPED)

    def row(name):
        return next(line for line in lines if re.match(rf"\s+{name}\s+(skill|aptitude)\s", line))

    assert rating_text(None, skipped.estimate, skipped=True) in row(SKIPPED)
    assert "left blank (≈" in row(SKIPPED) and "not rated" not in row(SKIPPED)
    assert "not rated (≈" in row(NEVER_ASKED) and "left blank" not in row(NEVER_ASKED)
    plan = {line.split(":")[0].split(". ", 1)[-1]: line for line in lines if " -> " in line}
    assert "left blank (≈" in plan[SKIPPED] and "not rated (≈" in plan[NEVER_ASKED]
    blank = next(line.strip() for line in lines if line.strip().startswith("left blank:"))
    assert "Personal Care" in blank
    not_yet = [line for line in lines if "not rated yet:" in line]
    assert not any("Personal Care" in line for line in not_yet)
    out = " ".join(" ".join(lines).split())
    assert BLANK_ADVICE in out and "rate it to be sure" in out  # one of each kind

    assert main(["gaps", str(path), "--model", model, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_name = {g["name"]: g for s in data["steps"] for g in s["gaps"]}
    assert by_name[SKIPPED]["skipped"] is True and by_name[NEVER_ASKED]["skipped"] is False
    assert {p["name"]: p["skipped"] for p in data["plan"]}[SKIPPED] is True
    assert "Personal Care" in data["steps"][0]["skipped"]


def _path_section(page: str) -> str:
    """The path to the target and the learning plan, not the profile chart between them."""
    path = page[page.index("Path to") : page.index("against Dental Hygienist")]
    return path + page[page.index("Learning plan") :]


def test_both_reports_say_which_was_left_blank(builtin_model):
    report = build_report(DENTAL_NURSE, model=builtin_model)
    gap = _gap(report.gaps, SKIPPED)
    blank = rating_text(None, gap.estimate, skipped=True)
    markdown = _path_section(render_markdown(report))
    assert f"| {SKIPPED} | skill | {blank} |" in markdown  # the gap table
    assert f"| {SKIPPED} | skill | {blank}\\* |" in markdown  # the plan
    assert re.search(rf"\| {NEVER_ASKED} \| aptitude \| not rated \(≈", markdown)
    page = _path_section(html.unescape(render_html(report)))
    assert f">{blank}<" in page and f">{blank}<span" in page  # the gap table, the plan
    for text in (markdown, page):
        flat = " ".join(text.split())
        said = re.search(r"Left blank when you were asked \([^)]*\): ([^.<]*)\.", flat)
        assert said and "Personal Care" in said.group(1)
        not_yet = re.search(r"Not rated yet \([^)]*\): ([^.<]*)\.", flat)
        assert not_yet and "Personal Care" not in not_yet.group(1)
        assert BLANK_ADVICE[0].upper() + BLANK_ADVICE[1:] in flat
        assert "\\:" not in flat  # the advice is not escaped as a person's text would be


def test_the_aptitudes_and_traits_their_chart_and_the_matches_say_left_blank_too(builtin_model):
    """Customer Orientation, asked and skipped, read "left blank (≈2)" in the path and plan but
    "not rated (the estimate short by 2.0)" in the aptitudes and traits table, "not rated (≈2)"
    on its chart and "Not rated: Customer Orientation" in the matches."""
    from matcher import recommend

    person = json.loads(json.dumps(DENTAL_NURSE))
    person["asked"]["aptitudes"].append("Customer Orientation")
    report = build_report(person, model=builtin_model)
    item = next(i for i in report.need_items if i.name == "Customer Orientation")
    assert item.rating is None and not item.is_fit  # the case in point
    blank = rating_text(None, item.estimate, skipped=True)
    markdown = render_markdown(report)
    apt = markdown[markdown.index("## Aptitudes and traits") : markdown.index("## Learning plan")]
    row = next(line for line in apt.splitlines() if line.startswith("| Customer Orientation"))
    assert blank in row and "not rated" not in row and "left blank (the estimate" in row
    assert "\\* Left blank:" in apt and "left blank)" in apt  # the footnote, the summary
    page = html.unescape(render_html(report))
    assert f"Customer Orientation  ·  {blank}, needs" in page  # the chart's label
    assert "Customer Orientation  ·  not rated" not in page
    recs = recommend(person, model=builtin_model, top_k=5)
    blanks = [r for r in recs if any(e.name == "Customer Orientation" for e in r.left_blank)]
    assert blanks
    for r in blanks:
        assert "Left blank: " in r.explanation
        assert "Customer Orientation" not in r.explanation.split("Left blank")[0]
    flat = " ".join(markdown.split())
    assert "Left blank: Customer Orientation" in flat
    assert not re.search(r"Not rated: [^.|]*Customer Orientation", flat)
