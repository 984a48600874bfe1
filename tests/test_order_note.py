"""When the first match shows less confidence than one below it, `recommend` says what made
the order: the catalog's relations, or a free list's blanks weighed in full (three quarters in
the confidence). A work coach's bricklayer got Master Carpenter (38 %) before Carpenter (61 %)
with nothing said; the order is left as it is."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest
from helpers import ROOT
from reports import report_of

from matcher import recommend
from matcher.cli import main
from matcher.io.assessment import read_assessment
from matcher.match.order import order_note
from matcher.match.recommend import assess, rate
from matcher.report.render import render_html, render_markdown
from matcher.util.labels import percent

#: A modest bricklayer after a knee operation, who left his stamina out (a free list).
BRICKLAYER = {
    "name": "Bricklayer",
    "skills": {
        "Blueprint Reading": 3,
        "Building Regulations": 2,
        "Estimating": 2,
        "Health and Safety": 3,
        "Power Tool Operation": 3,
        "Scaffolding": 2,
        "Customer Service": 3,
        "Staff Supervision": 2,
        "Construction Management": 2,
        "Coaching": 2,
        "Driving": 3,
        "Bookkeeping": 1,
    },
    "aptitudes": {
        "Spatial Awareness": 4,
        "Precision & Accuracy": 3,
        "Manual Dexterity": 4,
        "Problem Solving": 3,
        "Planning & Organization": 3,
    },
    "traits": {"Perseverance": 4, "Sense of Responsibility": 4, "Independence": 4, "Integrity": 3},
}


def _note(model, profile, top_k=3):
    recs = recommend(profile, model=model, top_k=top_k)
    return recs, order_note(read_assessment(profile, model.item_resolver), recs, model)


def _parts(model, profile, first: str, other: str) -> tuple[float, float]:
    """What the order weighs beyond the confidence, for ``first`` against ``other``: the
    relations' part and the blanks' part the confidence leaves out."""
    person, ratings = rate(profile, model)
    found = assess(person, ratings, model)
    rows = found.shortlist[0].tolist()
    i, j = rows.index(model.index_of(first)), rows.index(model.index_of(other))
    related = found.related[0, i] - found.related[0, j]
    blanks = (1 - found.blank_weight[0]) * (found.blanks[0, i] - found.blanks[0, j])
    return float(related), float(blanks)


def test_a_free_lists_blanks_are_said_to_have_made_the_order(builtin_model):
    recs, note = _note(builtin_model, BRICKLAYER)
    first, likeliest = recs[0], max(recs, key=lambda r: r.confidence)
    assert likeliest is not first, "the case no longer shows the disagreement"
    related, blanks = _parts(
        builtin_model, BRICKLAYER, first.occupation_id, likeliest.occupation_id
    )
    assert abs(related) < 0.01 < blanks  # the relations did not move it: the blanks did
    assert note.startswith(f"{first.title} is placed before {likeliest.title}")
    assert f"({percent(likeliest.confidence)} against {percent(first.confidence)})" in note
    assert "counts what your list does not mention in full, the confidence 75% of it" in note
    assert "relates" not in note
    # the order is not changed: the note only says why
    assert [r.occupation_id for r in recs] == [
        r.occupation_id for r in recommend(BRICKLAYER, model=builtin_model, top_k=3)
    ]


def test_a_questionnaires_order_is_said_to_follow_the_relations(builtin_model):
    persona = json.loads((ROOT / "tests/personas/claims-handler.json").read_text("utf-8"))
    profile = persona["assessment"]
    assert "asked" in profile
    recs, note = _note(builtin_model, profile, top_k=5)
    first, likeliest = recs[0], max(recs, key=lambda r: r.confidence)
    assert likeliest is not first, "the case no longer shows the disagreement"
    related, blanks = _parts(builtin_model, profile, first.occupation_id, likeliest.occupation_id)
    assert related > 0 and blanks == 0  # a questionnaire's blanks weigh alike in both
    assert "also weighs how the catalog relates occupations" in note
    assert "does not mention" not in note


def test_nothing_is_said_when_the_first_is_the_likeliest(builtin_model):
    profile = json.loads((ROOT / "data/examples/ward-nurse.json").read_text("utf-8"))
    recs, note = _note(builtin_model, profile)
    assert max(recs, key=lambda r: r.confidence) is recs[0] and note is None
    assert (
        order_note(read_assessment(profile, builtin_model.item_resolver), recs[:1], builtin_model)
        is None
    )


def test_the_cli_says_it_after_the_table(builtin_model, tmp_path, capsys):
    model = str(builtin_model.save(tmp_path / "builtin.model"))
    person = tmp_path / "bricklayer.json"
    person.write_text(json.dumps(BRICKLAYER), encoding="utf-8")
    _, note = _note(builtin_model, BRICKLAYER)
    assert main(["recommend", str(person), "--model", model, "--top", "3"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"Note: {note}." in out
    assert main(["recommend", str(person), "--model", model, "--top", "3", "--json"]) == 0
    assert f"matcher: note: {note}" in " ".join(capsys.readouterr().err.split())


@pytest.mark.parametrize("asked", [None, "questionnaire"])
def test_the_order_less_those_parts_is_the_confidences_order(builtin_model, asked):
    """The parts the note names are all that separates the order from the confidence."""
    profile = dict(BRICKLAYER)
    if asked:
        profile["asked"] = {b: list(BRICKLAYER[b]) for b in ("skills", "aptitudes", "traits")}
    person, ratings = rate(profile, builtin_model)
    found = assess(person, ratings, builtin_model)
    assert found.blank_weight[0] == (1.0 if asked else 0.75)
    answers = found.exact[0] - found.related[0] - (1 - found.blank_weight[0]) * found.blanks[0]
    # the confidence adds one term alike for every occupation (answers that follow no item)
    likely = found.posterior[0] > 1e-12
    by_answers = np.argsort(-answers[likely], kind="stable")
    assert list(by_answers) == list(np.argsort(-found.posterior[0][likely], kind="stable"))


def test_the_reports_say_it_at_a_glance(builtin_model):
    report = report_of(builtin_model, BRICKLAYER, top_k=3)
    _, note = _note(builtin_model, BRICKLAYER)
    assert report.order_note == note
    text = re.sub(r"<[^>]+>", " ", html.unescape(render_html(report)))
    for page in (
        " ".join(render_markdown(report).replace("\\", "").split()),
        " ".join(text.split()),
    ):
        assert f"{note[0].upper()}{note[1:]}." in page


def test_a_current_job_placed_lower_is_given_the_orders_own_reason(builtin_model, tmp_path, capsys):
    """Naming Carpenter as his job replaced the order note ("counts what your list does not
    mention in full") by "placed after occupations related to your likeliest ones", the
    reason the relations (the same for both) do not give."""
    _, note = _note(builtin_model, BRICKLAYER)
    reason = note.split("): ", 1)[1]
    assert reason.startswith("the order counts what")
    profile = {**BRICKLAYER, "current_job": "Carpenter"}
    recs = recommend(profile, model=builtin_model, top_k=3)
    carpenter = next(r for r in recs if r.title == "Carpenter")
    assert carpenter.rank > 1 and carpenter.confidence > recs[0].confidence
    wanted = (
        f"Carpenter, is #{carpenter.rank}, though your answers alone give it a higher confidence "
        f"than the first, {recs[0].title} ({percent(carpenter.confidence)} against "
        f"{percent(recs[0].confidence)}): {reason}."
    )
    person = tmp_path / "bricklayer.json"
    person.write_text(json.dumps(profile), encoding="utf-8")
    assert main(["recommend", str(person), "--top", "3"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert wanted in out and "related to your likeliest" not in out
    report = report_of(builtin_model, profile, top_k=3)
    assert wanted in " ".join(render_markdown(report).replace("\\", "").split())


def test_a_questionnaire_left_mostly_blank_is_told_of_its_blanks_not_of_a_list(builtin_model):
    """Asked everything ("all"), the bricklayer left most of it blank: his blanks weigh as a
    free list's, but the note said "counts what your list does not mention", of a person who
    wrote no list."""
    profile = {**BRICKLAYER, "asked": "all"}
    recs, note = _note(builtin_model, profile)
    assert recs[0].confidence < max(r.confidence for r in recs)  # the case in point
    assert "counts what you left blank in full, the confidence 75% of it" in note
    assert "list" not in note
