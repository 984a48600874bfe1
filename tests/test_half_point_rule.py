"""The half-point rule is judged on the numbers as shown: a level and a rating to one decimal.

Levels are shown to one decimal, but the rule ("within half a point is met") was applied to
the unrounded level: in one explanation Time Management (level 2.478) and Negotiation (2.532)
both read "(2 / needs 2.5)", the first met and the second "to work on"; a gap of "0.51" stood
in the gap table beside "3 -> 3.5" in the plan. Now every verdict is that of the numbers shown,
so a level of 2.532 is judged as the 2.5 it is shown as, everywhere: matched or missing, the
score, a gap, the plan, the batch's gaps and a report's needs chart.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from helpers import quiet_score

from matcher import gaps, recommend
from matcher.core.gapmath import deficits, shown
from matcher.report.build import build_report
from matcher.report.render import render_markdown

#: mayor's levels (shown "2.5" each, and the rating 2 meets them) and Decision Making's 3.53
#: (shown 3.5, met by 3). 2.55 is 2.5499... in binary (round() says 2.5, np.round 2.6); 2.45
#: is 2.4500...01 (both say 2.5).
ODD = {
    ("skill", "Policy Planning"): 2.532,
    ("skill", "Budget Management"): 2.478,
    ("skill", "Crisis Management"): 2.55,
    ("skill", "Public Speaking"): 2.45,
    ("aptitude", "Decision Making"): 3.53,
}
#: rates mayor's other key items high: the items of ODD are the only ones that could fall short
PERSON = {
    "name": "Jake",
    "skills": dict.fromkeys(("Policy Planning", "Budget Management", "Crisis Management"), 2)
    | {"Public Speaking": 2}
    | dict.fromkeys(("Stakeholder Management", "Administrative Law", "Media Relations"), 5),
    "aptitudes": {"Decision Making": 3}
    | dict.fromkeys(("Stress Tolerance", "Communication Skills", "Initiative & Leadership"), 5),
    "traits": dict.fromkeys(
        ("Calm Under Pressure", "Integrity", "Leadership", "Public Service Orientation"), 5
    ),
}


def _with_levels(model, levels_of: dict) -> object:
    levels = model.levels.copy()
    row = model.index_of("mayor")
    for (block, name), level in levels_of.items():
        levels[row, model.vectorizer.feature_index(block, name)] = level
    return type(model)(model.catalog, model.vectorizer, levels, model.importance)


@pytest.fixture(scope="module")
def odd(fixture_model):
    return _with_levels(fixture_model, ODD)


@pytest.fixture(scope="module")
def as_shown(fixture_model):
    """The same levels as they are shown: what the verdicts must be judged on."""
    return _with_levels(fixture_model, {key: round(level, 1) for key, level in ODD.items()})


def test_shown_rounds_as_the_displays_do():
    values = np.array([2.532, 2.478, 2.55, 2.45, 0.25, 0.75, 1.45, 3.51, np.nan])
    rounded = shown(values)
    assert np.isnan(rounded[-1])
    # as round() and f"{x:.1f}", the displays' rounding, give them (np.round says 2.6 for 2.55)
    assert rounded[:-1].tolist() == [round(v, 1) for v in values[:-1].tolist()]
    assert [f"{v:.1f}" for v in rounded[:-1]] == [f"{v:.1f}" for v in values[:-1]]
    # a deficit is the difference of the numbers shown, to one decimal (3.6 - 3.1 is 0.5)
    short = deficits(np.array([2.532, 3.6, 4.4, 2.0]), np.array([2.0, 3.1, 3.0, 2.96]))
    assert short.tolist() == [0.5, 0.5, 1.4, 0.0]


def test_an_item_shown_as_met_is_met_in_the_match(odd):
    mayor = next(r for r in recommend(PERSON, model=odd, top_k=6) if r.occupation_id == "mayor")
    matched = {e.name: e for e in mayor.matched}
    for (_, name), _level in ODD.items():
        assert name in matched, name
        assert str(matched[name]).endswith(f"/ needs {round(_level, 1):g})")
    assert not {name for _, name in ODD} & {e.name for e in mayor.missing}
    # every item of the explanation agrees with its own numbers
    sentences = re.findall(r"(You meet|To work on)[^:]*: (.*?)\.(?= [A-Z]|$)", mayor.explanation)
    assert sentences
    for verdict, items in sentences:
        for rating, level in re.findall(r"\(([\d.]+) / needs ([\d.]+)\)", items):
            short = round(float(level) - float(rating), 1)
            assert (short <= 0.5) == (verdict == "You meet"), (verdict, rating, level)


def test_the_score_and_the_gaps_are_those_of_the_levels_as_shown(odd, as_shown):
    first = next(r for r in recommend(PERSON, model=odd, top_k=6) if r.occupation_id == "mayor")
    second = next(
        r for r in recommend(PERSON, model=as_shown, top_k=6) if r.occupation_id == "mayor"
    )
    assert first.score == pytest.approx(second.score)
    assert [e.name for e in first.missing] == [e.name for e in second.missing]
    report, same = gaps(PERSON, "mayor", model=odd), gaps(PERSON, "mayor", model=as_shown)
    assert report.steps[-1].gaps == same.steps[-1].gaps
    assert report.plan == same.plan
    assert not {name for _, name in ODD} & {g.name for s in report.steps for g in s.gaps}


def test_a_shown_gap_is_its_numbers_difference(odd):
    """The deficit of a gap is what its row shows: "needs" less "you", more than 0.5."""
    person = {"skills": {"Policy Planning": 1, "Budget Management": 1}}
    for step in gaps(person, "mayor", model=odd).steps:
        for gap in step.gaps:
            you = gap.rating if gap.rating is not None else gap.estimate
            assert gap.deficit == round(gap.level - round(you, 1), 1) > 0.5


def test_the_batch_judges_as_recommend_and_gaps_do(odd, as_shown, tmp_path):
    ratings = [
        (f"{block[:-1]}:{name}", value)
        for block in ("skills", "aptitudes", "traits")
        for name, value in PERSON[block].items()
    ]
    survey = tmp_path / "survey.csv"
    header = ",".join(column for column, _ in ratings)
    row = ",".join(str(value) for _, value in ratings)
    survey.write_text(f"respondent_id,{header}\nr1,{row}\n", encoding="utf-8")
    scored = quiet_score(survey, model=odd, top_k=6, jobs=1)
    mayor = scored[scored["occupation_id"] == "mayor"].iloc[0]
    shown_mayor = next(
        r for r in recommend(PERSON, model=as_shown, top_k=6) if r.occupation_id == "mayor"
    )
    assert mayor["score"] == pytest.approx(shown_mayor.score, abs=1e-6) == 1.0
    # each is met, as shown: no gap (the first three were Decision Making, Crisis Management
    # and Policy Planning, short by 0.53, 0.55 and 0.532 of unrounded levels)
    assert mayor[["gap_1", "gap_2", "gap_3"]].isna().all()


def test_a_reports_needs_chart_says_met_for_a_level_shown_as_met(odd):
    report = build_report(PERSON, target="mayor", model=odd)
    item = next(i for i in report.need_items if i.name == "Decision Making")
    assert item.meets and item.shortfall == 0.5
    line = next(
        line
        for line in render_markdown(report).splitlines()
        if line.startswith("| Decision Making")
    )
    assert "| 3 | 3.5 |" in line and "meets it" in line


def test_a_rating_typed_with_two_decimals_is_judged_alike_in_batch_and_gaps(
    fixture_model, tmp_path
):
    """A survey's ratings travel as float32: 1.45 widened to 1.4500000477 was shown 1.5 in the
    batch, meeting a level of 2 there, where gaps() shows the typed 1.45 as 1.4, short by 0.6."""
    model = _with_levels(fixture_model, {("skill", "Policy Planning"): 2.0})
    person = {"skills": {"Policy Planning": 1.45}}
    step = gaps(person, "mayor", model=model).steps[-1]
    assert [g.deficit for g in step.gaps if g.name == "Policy Planning"] == [0.6]
    survey = tmp_path / "survey.csv"
    survey.write_text("respondent_id,skill:Policy Planning\nr1,1.45\n", encoding="utf-8")
    scored = quiet_score(survey, model=model, top_k=len(model.ids), jobs=1)
    mayor = scored[scored["occupation_id"] == "mayor"].iloc[0]
    matched = next(
        r
        for r in recommend(person, model=model, top_k=len(model.ids))
        if r.occupation_id == "mayor"
    )
    assert "Policy Planning" in {e.name for e in matched.missing}
    assert mayor["score"] == pytest.approx(matched.score, abs=1e-6)
