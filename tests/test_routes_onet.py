"""Career routes on a real O*NET database: what a careers adviser would accept of ``gaps()``.

``tests/routes/onet/cases.json`` holds ten cases (registered nurse to nurse manager,
electrician to site supervisor, dishwasher to chef, ...) written blind by an adviser from
O*NET's own files (Related Occupations, Job Zones, the levels of Skills and Knowledge) and
judgement, never from the engine's output: the person, the target, at most how many steps,
the occupations a route must or must not pass, items the plan must and must not list. O*NET
documents no career paths, so every route is a searched one. Skipped without ../shared/onet.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matcher import gaps

CASES = json.loads(
    (Path(__file__).resolve().parent / "routes" / "onet" / "cases.json").read_text("utf-8")
)


@pytest.fixture(scope="module")
def onet_model(shared_onet_model):
    return shared_onet_model


def route_problems(report, case: dict) -> list[str]:
    """What of a gap report the adviser's expectations do not accept (empty when all hold)."""
    titles = [step.title for step in report.steps]
    plan = {item.name for item in report.plan}
    problems = []
    if len(titles) > case["max_steps"]:
        problems.append(f"{len(titles)} steps, at most {case['max_steps']} expected")
    problems += [f"does not pass {t}" for t in case["must_pass"] if t not in titles]
    problems += [f"passes {t}" for t in case["must_not_pass"] if t in titles]
    problems += [f"the plan lacks {i}" for i in case["plan_must_include"] if i not in plan]
    problems += [f"the plan lists {i}" for i in case["plan_must_not_include"] if i in plan]
    return problems


def test_the_cases_are_well_formed():
    assert len(CASES) >= 10 and len({c["name"] for c in CASES}) == len(CASES)
    for case in CASES:
        rated = set(case["person"]["skills"])
        # the plan's expectations are about what the person said they have and lack
        assert set(case["plan_must_include"]) <= rated
        assert set(case["plan_must_not_include"]) <= rated


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_an_onet_route_is_one_an_adviser_would_accept(onet_model, case):
    report = gaps(case["person"], case["target"], model=onet_model)
    titles = " -> ".join(step.title for step in report.steps)
    assert route_problems(report, case) == [], titles
