"""Where a person joins the target's documented career path (README, rule 3).

A move a career path gives was discarded as a step down because of a cost comparison: a
licensed practical nurse asks a little less of a care worker (0.47 typical moves) than she of
him (0.51), so a care worker aiming at Head Nurse was sent to Registered Nurse by "a move no
document gives", past her documented way into nursing; a senior software engineer went to
Chief Information Officer in one undocumented jump, past IT Project Manager, his related job
and the rung before it on the CIO's own path."""

from __future__ import annotations

import pytest

from matcher import gaps
from matcher.match.join import below

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
