"""gaps(): what a person lacks at each step towards a target, and in what order to learn it."""

from __future__ import annotations

import pytest

from matcher import UnknownOccupationError, gaps

CLERK = {
    "name": "Aiko",
    "current_job": "Municipal Clerk",
    "skills": {
        "Office Administration": 4,
        "Citizen Services": 4,
        "Document Preparation": 3,
        "Policy Planning": 2,
        "Team Management": 3,
        "Budget Management": 3,
        "Administrative Law": 3,
        "Personnel Management": 2,
        "IT Literacy": 3,
        "Records Management": 3,
    },
    "aptitudes": {
        "Communication Skills": 4,
        "Planning & Organization": 4,
        "Initiative & Leadership": 3,
        "Precision & Accuracy": 4,
        "Time Management": 3,
        "Teamwork": 4,
    },
    "traits": {"Has leadership": 3, "Meticulous": 4, "Patient": 4, "Public-minded": 4},
}


def test_steps_of_the_career_path_with_reached_and_next(fixture_model):
    report = gaps(CLERK, "Mayor of a Small Town", model=fixture_model)
    assert report.route == "career path"
    assert [s.occupation_id for s in report.steps] == [
        "clerk",
        "office-manager",
        "policy-director",
        "mayor",
    ]
    assert report.steps[0].is_current and report.steps[0].reached
    assert report.next_step == next(i for i, s in enumerate(report.steps) if not s.reached)
    assert report.steps[report.next_step].is_next
    director = report.steps[2]
    policy = next(g for g in director.gaps if g.name == "Policy Planning")
    assert (policy.rating, policy.level, policy.deficit) == (2, 4, 2)
    assert [g.priority for g in director.gaps] == sorted(
        (g.priority for g in director.gaps), reverse=True
    )


def test_the_learning_plan_lists_each_item_once_where_it_first_matters(fixture_model):
    report = gaps(CLERK, "Mayor of a Small Town", model=fixture_model)
    names = [(p.block, p.name) for p in report.plan]
    assert len(names) == len(set(names))
    policy = next(p for p in report.plan if p.name == "Policy Planning")
    assert policy.step_title == "Policy Director" and policy.level == 4 and policy.final_level == 5
    assert [p.step for p in report.plan] == sorted(p.step for p in report.plan)


def test_unrated_items_are_estimated_not_zero(fixture_model):
    person = {"skills": {"Policy Planning": 2, "Budget Management": 3}}
    report = gaps(person, "Mayor of a Small Town", model=fixture_model)
    crisis = next(g for g in report.steps[-1].gaps if g.name == "Crisis Management")
    # Needs 4; not rated, so estimated from the person's skill ratings (2, 3) shrunk
    # towards the prior (2, worth 3 ratings): (2 + 3 + 3 * 2) / 5 = 2.2. Not from 0.
    assert crisis.rating is None and crisis.estimated
    assert crisis.deficit == pytest.approx(1.8)
    rated = next(g for g in report.steps[-1].gaps if g.name == "Policy Planning")
    assert not rated.estimated and rated.deficit == 3


def test_two_high_ratings_do_not_vouch_for_everything(fixture_model):
    report = gaps(
        {"skills": {"Office Administration": 5, "Citizen Services": 5}},
        "Policy Director",
        model=fixture_model,
    )
    director = report.steps[-1]
    assert not director.reached
    assert "Policy Planning" in director.unrated
    assert all(g.estimated for g in director.gaps if g.name == "Policy Planning")


def test_a_current_job_off_the_path_gets_a_route_through_related_jobs(fixture_model):
    nurse = {
        "current_job": "Hospital Ward Nurse",
        "skills": {"Patient Care": 4, "Policy Planning": 2},
    }
    report = gaps(nurse, "Policy Director", model=fixture_model)
    assert report.route == "route"
    ids = [s.occupation_id for s in report.steps]
    assert ids[0] == "ward-nurse" and ids[-1] == "policy-director"
    assert report.steps[0].is_current


def test_a_target_without_a_ladder_starts_at_the_best_match(fixture_model):
    coder = {"skills": {"Programming": 5, "Web Development": 4, "Database Management": 3}}
    report = gaps(coder, "Hospital Ward Nurse", model=fixture_model)
    assert report.steps[0].occupation_id == "web-programmer"
    assert report.steps[-1].occupation_id == "ward-nurse"
    assert any("best match" in note for note in report.notes)


def test_unknown_current_job_is_noted_not_fatal(fixture_model):
    report = gaps({**CLERK, "current_job": "Astronaut"}, "Office Manager", model=fixture_model)
    assert any("Astronaut" in note for note in report.notes)


def test_unknown_target_lists_the_closest_titles(fixture_model):
    with pytest.raises(UnknownOccupationError, match="Office Manager"):
        gaps(CLERK, "Ofice Manger", model=fixture_model)


def test_builtin_ladder_to_ward_mayor(builtin_model):
    from matcher.model.locations import data_dir

    report = gaps(data_dir() / "examples" / "section-chief.json", "Ward Mayor", model=builtin_model)
    titles = [s.title for s in report.steps]
    assert titles[0] == "Section Chief" and titles[-1].startswith("Ward Mayor")
    assert report.plan and report.next_step is not None
