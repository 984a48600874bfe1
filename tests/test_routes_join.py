"""Where a person joins the target's documented career path (README, rule 3).

A move a career path gives was discarded as a step down because of a cost comparison: a
licensed practical nurse asks a little less of a care worker (0.47 typical moves) than she of
him (0.51), so a care worker aiming at Head Nurse was sent to Registered Nurse by "a move no
document gives", past her documented way into nursing; a senior software engineer went to
Chief Information Officer in one undocumented jump, past IT Project Manager, his related job
and the rung before it on the CIO's own path. And a step the start covers was left out, the
move left (no document gives it) shown as documented, landing at the top of the ladder: a
public health nurse went straight to Director of Nursing."""

from __future__ import annotations

import pytest

from matcher import build_model, build_report, gaps, render_html, render_markdown
from matcher.match.join import below
from matcher.match.routes import choose_route

CARE_WORKER = {
    "name": "Yui Hayashi",
    "current_job": "Care Worker",
    "skills": {
        "Personal Care": 5,
        "Patient Care": 3,
        "Infection Control": 3,
        "First Aid": 3,
        "Disability Support": 4,
        "Care Planning": 2,
        "Medical Records": 2,
        "Medication Administration": 2,
    },
    "aptitudes": {"Physical Stamina": 4, "Observation Skills": 4, "Communication Skills": 4},
    "traits": {"Compassion": 5, "Patience": 4},
}


def _titles(report) -> list[str]:
    return [s.title for s in report.steps]


@pytest.mark.parametrize("target", ["Registered Nurse", "Head Nurse", "Director of Nursing"])
def test_a_care_worker_joins_the_nursing_ladder_at_practical_nurse(builtin_model, target):
    report = gaps(CARE_WORKER, target, model=builtin_model)
    titles = _titles(report)
    assert titles[:3] == ["Care Worker", "Licensed Practical Nurse", "Registered Nurse"]
    assert titles[-1] == target and report.steps[1].is_next
    assert not any(s.undocumented for s in report.steps)
    assert not any("no document gives" in note for note in report.notes)


def test_a_move_a_career_path_gives_is_never_below(builtin_model):
    row = {o.title: i for i, o in enumerate(builtin_model.catalog)}
    care, practical = row["Care Worker"], row["Licensed Practical Nurse"]
    assert below(builtin_model, practical, care)  # her path puts it before hers
    assert not below(builtin_model, care, practical)


def test_a_related_rung_of_the_targets_path_is_joined_though_it_asks_less(builtin_model):
    engineer = {
        "current_job": "Senior Software Engineer",
        "skills": {"Programming": 5, "Software Architecture": 4, "Project Management": 3},
        "aptitudes": {"Analytical & Logical Thinking": 5, "Problem Solving": 5},
    }
    report = gaps(engineer, "Chief Information Officer", model=builtin_model)
    assert _titles(report) == [
        "Senior Software Engineer",
        "IT Project Manager",
        "Chief Information Officer",
    ]
    assert report.route == "career path" and not any(s.undocumented for s in report.steps)


PUBLIC_HEALTH_NURSE = {
    "name": "Naoko Ishii",
    "current_job": "Public Health Nurse",
    "skills": {
        "Patient Care": 4,
        "Clinical Assessment": 4,
        "Health Education": 5,
        "Team Management": 3,
        "Budget Management": 2,
    },
    "aptitudes": {"Communication Skills": 5, "Planning & Organization": 4},
}


def test_a_post_the_start_covers_joins_the_path_at_the_step_after_it(builtin_model):
    # A public health nurse covers Registered Nurse (her path: Registered Nurse → Public
    # Health Nurse): she joins Director of Nursing's path at the step after it, as a midwife
    # does, by a move no document gives, and the route says so.
    report = gaps(PUBLIC_HEALTH_NURSE, "Director of Nursing", model=builtin_model)
    assert _titles(report) == ["Public Health Nurse", "Head Nurse", "Director of Nursing"]
    assert [s.undocumented for s in report.steps] == [False, True, False]
    assert any(
        "left out, Public Health Nurse covers it" in note
        and "no document gives the move from Public Health Nurse to Head Nurse" in note
        for note in report.notes
    )
    person = {**PUBLIC_HEALTH_NURSE, "target_job": "Director of Nursing"}
    report = build_report(person, model=builtin_model)
    for text in (render_html(report), render_markdown(report).replace("\\", "")):
        assert "each move kept small" not in text
        assert "a move no document gives (Public Health Nurse to Head Nurse)" in text


def test_a_covered_post_left_out_of_a_route_leaves_a_move_no_document_gives(builtin_model):
    # An agricultural extension officer covers Local Government Official, a related job of
    # Department Head: he went straight to Department Head, "a route through related jobs,
    # each move kept small", no step flagged.
    officer = {
        "current_job": "Agricultural Extension Officer",
        "target_job": "Department Head",
        "skills": {"Crop Cultivation": 4, "Training Delivery": 4, "Team Management": 3},
    }
    report = gaps(officer, model=builtin_model)
    assert _titles(report) == ["Agricultural Extension Officer", "Department Head"]
    assert [s.undocumented for s in report.steps] == [False, True]
    assert any(
        "pass Local Government Official" in note
        and "no document gives the move from Agricultural Extension Officer to Department Head"
        in note
        for note in report.notes
    )
    text = render_markdown(build_report(officer, model=builtin_model)).replace("\\", "")
    assert "each move kept small" not in text


#: A sous chef covers Commis Chef, whose related job Baker leads to Pastry Chef; cleaners
#: and attendants make the typical documented move a small one.
KITCHEN = {
    "sous": "Sous Chef\nCareer Path\nCommis Chef → Sous Chef\nRequired Skills\nCooking (4) / "
    "Food Hygiene (4) / Menu Planning (3)\nRelated Jobs\nCommis Chef\n",
    "commis": "Commis Chef\nRequired Skills\nCooking (3) / Food Hygiene (3)\nRelated Jobs\nBaker\n",
    "baker": "Baker\nRequired Skills\nCooking (3) / Food Hygiene (3) / Nutrition (3)\n"
    "Related Jobs\nPastry Chef\n",
    "pastry": "Pastry Chef\nRequired Skills\nCooking (4) / Food Hygiene (4) / Nutrition (4) / "
    "Inventory Management (4)\n",
    "cleaner": "Hotel Cleaner\nRequired Skills\nHousekeeping (3) / Food Hygiene (2)\n"
    "Related Jobs\nRoom Attendant\n",
    "attendant": "Room Attendant\nRequired Skills\nHousekeeping (3) / Hospitality (2)\n"
    "Related Jobs\nHotel Cleaner\n",
}


def test_a_searched_route_flags_a_move_left_where_a_covered_step_is_left_out(tmp_path):
    for name, text in KITCHEN.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    chef = {"current_job": "Sous Chef", "skills": {"Food Hygiene": 4, "Cooking": 4}}
    report = gaps(chef, "Pastry Chef", model=build_model(tmp_path))
    assert report.route == "route"
    assert _titles(report) == ["Sous Chef", "Baker", "Pastry Chef"]
    assert [s.undocumented for s in report.steps] == [False, True, False]
    assert report.notes == (
        "the documented moves pass Commis Chef, which a career path puts before Sous Chef: "
        "left out, Sous Chef covers it; no document gives the move from Sous Chef to Baker",
    )


def test_a_move_down_ones_own_path_is_its_paths(builtin_model):
    # Bookkeeper → Accountant → Accounting Manager: the accounting manager's route to
    # Bookkeeper leaves out Accountant, and his own path gives the move that is left.
    row = {o.title: i for i, o in enumerate(builtin_model.catalog)}
    notes: list[str] = []
    start, target = row["Accounting Manager"], row["Bookkeeper"]
    route = choose_route(builtin_model, start, target, notes, lambda _: False)
    assert route.rows == (start, target) and route.skipped == (row["Accountant"],)
    assert route.undocumented == () and "no document gives" not in notes[-1]
