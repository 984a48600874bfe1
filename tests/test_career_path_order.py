"""A document's career path is read in its order: when it names its own occupation, the steps
before it are below it and the steps after it are moves up from it; a path that does not name
it leads to it (the author's Healthcare Assistant document, `Healthcare Assistant → Nursing
Associate → Staff Nurse → Ward Manager`, had Staff Nurse and Ward Manager counted below the
assistant)."""

from __future__ import annotations

import numpy as np
import pytest

from matcher import build_model, gaps, load_model, recommend
from matcher.model.moves import moves

GARY = {
    "current_job": "Estates Electrician",
    "skills": {"Electrical Wiring": 4, "Troubleshooting": 4, "Safety Management": 3},
}


def _estates_catalog(folder, electrician_path):
    """An estates ladder (the author's five documents): Estates Electrician -> Estates Supervisor
    -> Facilities Manager, and the porters' ladder beside it."""
    documents = {
        "estates-electrician": (
            "Estates Electrician",
            electrician_path,
            "Electrical Wiring (4) / Troubleshooting (4) / Safety Management (3)",
            ["Estates Supervisor"],
        ),
        "estates-supervisor": (
            "Estates Supervisor",
            "Estates Electrician → Estates Supervisor",
            "Team Management (3) / Safety Management (4) / "
            "Electrical Wiring (3) / Contract Management (3)",
            ["Estates Electrician", "Facilities Manager"],
        ),
        "facilities-manager": (
            "Facilities Manager",
            "Head Porter → Facilities Manager",
            "Team Management (4) / Budget Management (4) / "
            "Contract Management (4) / Safety Management (4)",
            ["Estates Supervisor", "Head Porter"],
        ),
        "head-porter": (
            "Head Porter",
            "Hospital Porter → Head Porter",
            "Team Management (3) / Customer Service (3) / Patient Care (2)",
            ["Facilities Manager", "Hospital Porter"],
        ),
        "porter": (
            "Hospital Porter",
            "Hospital Porter",
            "Customer Service (2) / Patient Care (2)",
            ["Head Porter"],
        ),
    }
    for name, (title, path, required, related) in documents.items():
        (folder / f"{name}.txt").write_text(
            f"{title}\nCareer Path\n{path}\nRequired Skills\n{required}\nRelated Jobs\n"
            + "".join(f"  • {job}\n" for job in related),
            encoding="utf-8",
        )
    return build_model(folder)


@pytest.mark.parametrize(
    "path",
    [
        "Estates Electrician → Estates Supervisor",  # the ladder goes on past the occupation
        "Apprentice Electrician → Estates Electrician",  # it ends at the occupation
    ],
)
def test_a_career_path_that_goes_on_past_its_occupation_leads_up_from_it(tmp_path, path):
    # The electrician's own path `Estates Electrician → Estates Supervisor` had the electrician
    # appended after the supervisor: the supervisor counted as below the electrician, the route
    # to Facilities Manager left it out ("your post covers it"), and a move led down from it.
    model = _estates_catalog(tmp_path, path)
    row = {occupation.id: i for i, occupation in enumerate(model.catalog)}
    index = moves(model)
    assert row["estates-supervisor"] not in index.earlier_of(row["estates-electrician"])
    assert row["estates-electrician"] in index.earlier_of(row["estates-supervisor"])
    assert row["estates-electrician"] not in index.forward_of(row["estates-supervisor"])
    report = gaps(GARY, "Facilities Manager", model=model)
    assert [s.occupation_id for s in report.steps] == [
        "estates-electrician",
        "estates-supervisor",
        "facilities-manager",
    ]
    assert report.steps[1].is_next and not any("covers it" in note for note in report.notes)


def test_a_model_saved_with_the_older_reading_is_read_again(tmp_path):
    # A model file keeps its moves and the ranking's relations of them: one saved before paths
    # were read in order kept the supervisor below the electrician, in its routes and its
    # ranking, until rebuilt by hand.
    for folder in ("fresh", "older"):
        (tmp_path / folder).mkdir()
    path = "Estates Electrician → Estates Supervisor → Facilities Manager"
    fresh = _estates_catalog(tmp_path / "fresh", path)
    # the old reading of that path: the electrician appended after Facilities Manager
    older = _estates_catalog(tmp_path / "older", "Estates Supervisor → Facilities Manager")
    stale = load_model(fresh.save(tmp_path / "fresh.model"))
    for name in [n for n in stale.arrays if n.startswith(("moves_", "relations_"))]:
        del stale.arrays[name]
    for name in older.arrays:  # as an older matcher saved them: no moves_version
        if name.startswith(("moves_", "relations_")) and name != "moves_version":
            stale.arrays[name] = np.asarray(older.arrays[name])
    old = load_model(stale.save(tmp_path / "old.model"))
    assert not old.is_complete()
    report = gaps(GARY, "Facilities Manager", model=old)
    assert [s.occupation_id for s in report.steps] == [
        "estates-electrician",
        "estates-supervisor",
        "facilities-manager",
    ]
    assert not any("covers it" in note for note in report.notes)
    recommend(GARY, model=old)  # the ranking's relations, made of the moves read again
    for name in ("relations_indptr", "relations_indices"):
        np.testing.assert_array_equal(old.arrays[name], fresh.arrays[name])
    again = load_model(old.save(tmp_path / "again.model"))
    assert again.is_complete()
    assert gaps(GARY, "Facilities Manager", model=again) == report
