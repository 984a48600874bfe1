"""Where no current job was given, the route starts at the person's closest credible match:
a note says so every time, and nothing calls that match their post.

A childcare assistant with no current job, aiming at Nursery Teacher, had Nursery Teacher as
her closest match: the CLI showed "you are here" on it with no note, and the report said
"closing the gaps of your own post, Nursery Teacher" and "the post you are in", as if she were
a nursery teacher (the note was given only when the match was not the target)."""

from __future__ import annotations

import json

import pytest

from matcher import build_report, gaps, render_html, render_markdown
from matcher.cli import main

ASSISTANT = {
    "name": "Haruka",
    "target_job": "Nursery Teacher",
    "skills": {
        "Child Development": 3,
        "First Aid": 3,
        "Music Performance": 2,
        "Food Hygiene": 3,
        "Housekeeping": 3,
        "Teaching": 2,
        "Child Protection": 2,
    },
    "aptitudes": {
        "Observation Skills": 4,
        "Physical Stamina": 4,
        "Communication Skills": 3,
        "Creative Thinking": 3,
    },
    "traits": {"Patience": 5, "Compassion": 5, "Positive Attitude": 4},
}
HELD = ("your own post", "the post you are in", "you are here")


@pytest.fixture
def profile(tmp_path):
    path = tmp_path / "haruka.json"
    path.write_text(json.dumps(ASSISTANT), encoding="utf-8")
    return path


def test_a_closest_match_that_is_the_target_is_noted_and_not_called_her_post(
    builtin_model, profile, capsys
):
    report = gaps(profile, model=builtin_model)
    assert [s.title for s in report.steps] == ["Nursery Teacher"] and report.steps[0].is_current
    assert report.start == "match"
    assert any(
        "no current job was given" in n and "closest credible match, Nursery Teacher" in n
        for n in report.notes
    )
    assert main(["gaps", str(profile)]) == 0
    out = capsys.readouterr().out
    assert "1. Nursery Teacher  [NEXT, your closest match;" in out and "no current job" in out
    assert not any(words in out for words in HELD)
    assert main(["gaps", str(profile), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"] == list(report.notes)
    whole = build_report(profile, model=builtin_model)
    for page in (render_html(whole), render_markdown(whole).replace("\\", "")):
        text = " ".join(page.split())
        assert not any(words in text for words in HELD)
        assert "closing the gaps of your closest match, Nursery Teacher" in text
        assert "no current job was given" in text


def test_a_current_job_given_is_still_the_persons_post(builtin_model):
    teacher = {**ASSISTANT, "current_job": "Nursery Teacher"}
    report = gaps(teacher, model=builtin_model)
    assert report.start == "current job" and not any("no current job" in n for n in report.notes)
    text = render_markdown(build_report(teacher, model=builtin_model))
    assert "you are here" in text and "closing the gaps of your own post, Nursery Teacher" in text


def test_a_step_left_out_is_covered_by_the_start_named_not_by_your_post(builtin_model):
    # The start may be a match the person does not hold: "your post covers it" said they did.
    from matcher.match.routes import choose_route

    row = {o.title: i for i, o in enumerate(builtin_model.catalog)}
    notes: list[str] = []
    route = choose_route(
        builtin_model, row["Accountant"], row["Bank Teller"], notes, lambda _: False
    )
    assert route.skipped == (row["Bookkeeper"],)
    assert notes == [
        "the documented moves pass Bookkeeper, which a career path puts before Accountant: "
        "left out, Accountant covers it; no document gives the move from Accountant to Bank "
        "Teller"
    ]
