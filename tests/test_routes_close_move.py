"""A close move (rule 3: a move no document gives, no dearer than CLOSE_MOVE typical moves) is
said to be one, and a documented way in to the target's path through one post wins over it.

A porter aiming at Staff Nurse was sent straight to Nursing Associate (1.48 typical moves, just
under CLOSE_MOVE) with no note, and the report called the route "the career path the target
occupation documents", while his documented way in, Healthcare Assistant (a related job whose
own path leads to Nursing Associate), was left out."""

from __future__ import annotations

import json

import pytest
from helpers import ROOT

from matcher import build_model, build_report, gaps, render_html, render_markdown
from matcher.match.costs import move_cost

#: id: (title, career path, required skills, related jobs)
WARD = {
    "porter": (
        "Hospital Porter",
        "Hospital Porter → Head Porter",
        "First Aid (3) / Patient Care (2) / Infection Control (2) / Customer Service (2)",
        ["Head Porter", "Healthcare Assistant"],
    ),
    "head-porter": (
        "Head Porter",
        "Hospital Porter → Head Porter",
        "First Aid (3) / Team Management (3) / Customer Service (3) / Patient Care (2)",
        ["Hospital Porter"],
    ),
    "healthcare-assistant": (
        "Healthcare Assistant",
        "Healthcare Assistant → Nursing Associate → Staff Nurse",
        "Personal Care (4) / Patient Care (3) / Infection Control (3) / First Aid (3)",
        ["Hospital Porter", "Staff Nurse"],
    ),
    "nursing-associate": (
        "Nursing Associate",
        "Healthcare Assistant → Nursing Associate",
        "Patient Care (4) / Medication Administration (3) / Infection Control (4) / "
        "Personal Care (3)",
        ["Staff Nurse"],
    ),
    "staff-nurse": (
        "Staff Nurse",
        "Nursing Associate → Staff Nurse → Ward Manager",
        "Patient Care (4) / Clinical Assessment (4) / Medication Administration (4) / "
        "Infection Control (4) / Medical Records (3)",
        ["Ward Manager", "Healthcare Assistant"],
    ),
    "ward-manager": (
        "Ward Manager",
        "Staff Nurse → Ward Manager",
        "Patient Care (4) / Clinical Assessment (4) / Team Management (4) / "
        "Budget Management (4) / Personnel Management (4)",
        ["Staff Nurse"],
    ),
}

TOM = {
    "name": "Tom",
    "current_job": "Hospital Porter",
    "target_job": "Staff Nurse",
    "skills": {"First Aid": 4, "Patient Care": 2, "Customer Service": 3, "Infection Control": 2},
}


def _ward(folder, way_in: bool):
    """The ward's documents; without ``way_in``, porters and assistants are not related."""
    for name, (title, path, required, related) in WARD.items():
        if not way_in:
            related = [
                r for r in related if {title, r} != {"Hospital Porter", "Healthcare Assistant"}
            ]
        (folder / f"{name}.txt").write_text(
            f"{title}\nCareer Path\n{path}\nRequired Skills\n{required}\nRelated Jobs\n"
            + "".join(f"  • {job}\n" for job in related),
            encoding="utf-8",
        )
    return build_model(folder)


def test_a_documented_way_in_wins_over_a_close_move(tmp_path):
    report = gaps(TOM, model=_ward(tmp_path, way_in=True))
    assert [s.title for s in report.steps] == [
        "Hospital Porter",
        "Healthcare Assistant",
        "Nursing Associate",
        "Staff Nurse",
    ]
    assert report.route == "career path" and report.steps[1].is_next
    assert not any(s.undocumented for s in report.steps)
    assert not any("close move" in note for note in report.notes)


@pytest.fixture
def close(tmp_path):
    return _ward(tmp_path, way_in=False)


def test_a_close_move_is_said_to_be_one(close):
    report = gaps(TOM, model=close)
    assert [s.title for s in report.steps] == [
        "Hospital Porter",
        "Nursing Associate",
        "Staff Nurse",
    ]
    assert [s.undocumented for s in report.steps] == [False, True, False]
    assert any(
        "no document gives the move from Hospital Porter to Nursing Associate" in note
        and "close move" in note
        for note in report.to_dict()["notes"]
    )


def test_a_close_move_is_said_by_its_cost(builtin_model):
    """Cashier to Web Developer costs 1.33 typical moves, more than a typical documented move,
    and the note said "as Web Developer asks little beyond Cashier"."""
    cashier = {
        "current_job": "Cashier",
        "target_job": "Web Developer",
        "skills": {"Customer Service": 3, "Cash Handling": 3},
    }
    report = gaps(cashier, model=builtin_model)
    note = next(n for n in report.notes if "no document gives the move from Cashier" in n)
    start, joined = (builtin_model.index_of(s.occupation_id) for s in report.steps[:2])
    cost = move_cost(builtin_model, start, joined)
    assert cost > 1  # the case in point: dearer than the median documented move
    assert "asks little" not in note
    assert f"costing about {cost:.1f} typical moves" in note


def test_the_report_does_not_call_a_route_with_a_close_move_documented(close):
    report = build_report(TOM, model=close)
    for text in (render_html(report), render_markdown(report).replace("\\", "")):
        assert "The way shown is the career path the target occupation documents." not in text
        assert (
            "The way shown is a move no document gives (Hospital Porter to Nursing Associate), "
            "then the career path the target occupation documents."
        ) in text
        assert "no document gives the move from Hospital Porter to Nursing Associate" in text


def test_a_move_left_where_a_step_is_left_out_is_said_to_be_undocumented(builtin_model):
    # Bookkeeper, which a path puts before Accountant, is left out of an accountant's route to
    # Bank Teller: no document gives the move that is left, and the route was shown as "a
    # route through related jobs, each move kept small", no step flagged.
    accountant = json.loads(
        (ROOT / "data" / "examples" / "accountant.json").read_text(encoding="utf-8")
    )
    person = {**accountant, "current_job": "Accountant", "target_job": "Bank Teller"}
    report = gaps(person, model=builtin_model)
    assert [s.title for s in report.steps] == ["Accountant", "Bank Teller"]
    assert [s.undocumented for s in report.steps] == [False, True]
    note = next(n for n in report.notes if "left out, Accountant covers it" in n)
    assert "no document gives the move from Accountant to Bank Teller" in note
    text = render_markdown(build_report(person, model=builtin_model)).replace("\\", "")
    assert "each move kept small" not in text
    assert "a move no document gives (Accountant to Bank Teller)" in text


def test_a_path_that_names_a_step_twice_is_documented(tmp_path):
    # A → B → A → C is read A, B, C: B to C is a documented step of that path.
    for name, (title, path) in {
        "a": ("Kitchen Porter", "Kitchen Porter → Line Cook"),
        "b": ("Line Cook", "Kitchen Porter → Line Cook"),
        "c": ("Head Chef", "Kitchen Porter → Line Cook → Kitchen Porter → Head Chef"),
    }.items():
        (tmp_path / f"{name}.txt").write_text(
            f"{title}\nCareer Path\n{path}\nRequired Skills\nCooking (3) / Food Hygiene (3)\n",
            encoding="utf-8",
        )
    person = {"name": "Ana", "skills": {"Cooking": 1, "Food Hygiene": 1}}
    report = gaps(person, "Head Chef", model=build_model(tmp_path))
    assert [s.title for s in report.steps] == ["Kitchen Porter", "Line Cook", "Head Chef"]
    assert not any(s.undocumented for s in report.steps)


def test_what_the_target_asks_is_computed_once_per_route(tmp_path, monkeypatch):
    # beyond() (a pass over every key entry of the catalog) ran for each route costed: twice
    # in choose_route and once per candidate way in, always for the same target.
    from matcher.match import routes

    model = _ward(tmp_path, way_in=True)
    calls = []
    real = routes.beyond
    monkeypatch.setattr(routes, "beyond", lambda m, t: calls.append(t) or real(m, t))
    assert gaps(TOM, model=model).steps[1].title == "Healthcare Assistant"
    assert len(calls) == 1


def test_a_route_is_costed_as_the_search_costs_it(builtin_model):
    # The cost of a move was written twice, in the search and in route_cost.
    from matcher.match.costs import beyond, route_cost
    from matcher.match.routes import shortest_route

    row = {o.title: i for i, o in enumerate(builtin_model.catalog)}
    found = shortest_route(builtin_model, row["Paralegal"], row["Judge"])
    assert len(found.rows) > 2 and not found.skipped
    assert route_cost(builtin_model, found.rows, beyond(builtin_model, row["Judge"])) == found.cost


@pytest.mark.parametrize(
    ("person", "target"),
    [
        ({"current_job": "Software Developer", "skills": {"Programming": 5}}, "Data Scientist"),
        ({"current_job": "Warehouse Worker", "skills": {"Spreadsheets": 3}}, "Data Analyst"),
    ],
)
def test_a_close_move_to_the_target_is_a_route_whatever_path_the_target_documents(
    builtin_model, capsys, tmp_path, monkeypatch, person, target
):
    # Both are one move no document gives, start to target; the first was called "career
    # path", as Data Scientist documents a path (Data Analyst → Data Scientist) it does not use.
    report = gaps(person, target, model=builtin_model)
    assert [s.undocumented for s in report.steps] == [False, True]
    assert report.route == "route"
    from matcher.cli import main

    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({**person, "target_job": target}), encoding="utf-8")
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: builtin_model)
    assert main(["gaps", str(profile)]) == 0
    assert f"path to {target} (route, 2 steps)" in capsys.readouterr().out


def test_a_route_along_the_targets_path_is_its_career_path(builtin_model):
    web = {"current_job": "Web Developer", "skills": {"Programming": 4, "Web Development": 4}}
    report = gaps(web, "Data Scientist", model=builtin_model)
    assert [s.title for s in report.steps] == ["Web Developer", "Data Analyst", "Data Scientist"]
    assert report.route == "career path"
