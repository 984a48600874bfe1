"""The route suite: what a careers adviser would accept of ``gaps()`` on the built-in catalog.

Each case in tests/routes/ (see its README) is a person, a target and the expectations an
adviser wrote from the occupation documents, never from the engine's output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from matcher import gaps

CASES = Path(__file__).resolve().parent / "routes"
CASE_FILES = sorted(CASES.glob("*.json"))


def route_problems(report, expect: dict) -> list[str]:
    """What in a gap report an adviser's expectations do not accept (empty when all hold)."""
    route = [s.occupation_id for s in report.steps]
    problems = []
    if "first_step" in expect and route[0] != expect["first_step"]:
        problems.append(f"starts at {route[0]}, expected {expect['first_step']}")
    steps = iter(route)
    if not all(step in steps for step in expect.get("must_pass", [])):
        problems.append(f"does not pass {expect['must_pass']} in this order")
    passed = [x for x in expect.get("must_not_pass", []) if x in route]
    if passed:
        problems.append(f"passes {passed}")
    if len(route) > expect.get("max_steps", len(route)):
        problems.append(f"{len(route)} steps, at most {expect['max_steps']} expected")
    if "next_step" in expect:
        found = None if report.next_step is None else route[report.next_step]
        if found != expect["next_step"]:
            problems.append(f"next step {found}, expected {expect['next_step']}")
    if "reached_target" in expect and report.steps[-1].reached != expect["reached_target"]:
        problems.append(f"target reached is {report.steps[-1].reached}")
    plan = [item.name for item in report.plan]
    late = [x for x in expect.get("plan_first", []) if x not in plan[:3]]
    if late:
        problems.append(f"{late} not among the first plan items {plan[:3]}")
    listed = [x for x in expect.get("plan_excludes", []) if x in plan]
    if listed:
        problems.append(f"the plan lists {listed}, already met at the target's level")
    return problems


def test_the_suite_has_the_cases_the_issue_asks_for():
    assert len(CASE_FILES) >= 25


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_route(path, builtin_model):
    case = json.loads(path.read_text(encoding="utf-8"))
    report = gaps(case["assessment"], case["target"], model=builtin_model)
    route = " -> ".join(s.occupation_id for s in report.steps)
    assert route_problems(report, case["expect"]) == [], f"{route}; notes: {report.notes}"
    # Rules every route keeps, whatever the case.
    current = [i for i, s in enumerate(report.steps) if s.is_current]
    at_target = len(report.steps) == 1
    if report.next_step is not None and current and not at_target:
        assert report.next_step not in current, "'you are here' is also 'next'"
    if report.steps[-1].reached:
        assert at_target and report.next_step is None and report.plan == ()


def test_the_checker_holds_every_case_to_the_documents():
    """The cases stay sound against the catalog (run by their own reader, not by matcher)."""
    done = subprocess.run(
        [sys.executable, str(CASES / "check_routes.py")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(CASE_FILES)} cases, 0 with problems" in done.stdout


def test_the_checker_notices_an_unsound_case(tmp_path):
    case = json.loads((CASES / "cook-to-chef.json").read_text(encoding="utf-8"))
    case["expect"]["must_pass"] = ["chef", "cook"]  # backwards: goes down the ladder
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(case), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(CASES / "check_routes.py"), str(broken)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "must_pass" in done.stdout
