"""Career routes written blind: what a careers adviser would accept of ``gaps()``.

Two sets of ten, each written by an adviser (a helper) who never ran the engine nor read its
code or tests, after every rule of the routes was made: ``tests/routes/blind/onet.json`` from
O*NET 29.3's own files (Related Occupations, Job Zones, the levels of Skills and Knowledge;
registered nurse to nurse manager, electrician to site supervisor, dishwasher to chef, ...;
O*NET documents no career paths, so every route is a searched one; skipped without
../shared/onet) and ``tests/routes/blind/builtin.json`` from the built-in catalog's documents
(a move up one's own ladder, sideways, a change of industry with no documented link, joining a
ladder from outside, ...). Each case: the person, the target, at most how many steps, the
occupations a route must or must not pass, items the plan must and must not list.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matcher import gaps

BLIND = Path(__file__).resolve().parent / "routes" / "blind"
ONET = json.loads((BLIND / "onet.json").read_text("utf-8"))
BUILTIN = json.loads((BLIND / "builtin.json").read_text("utf-8"))


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


@pytest.mark.parametrize("cases", [ONET, BUILTIN], ids=["onet", "builtin"])
def test_the_cases_are_well_formed(cases):
    assert len(cases) >= 10 and len({c["name"] for c in cases}) == len(cases)
    for case in cases:
        rated = {
            name
            for block in ("skills", "aptitudes", "traits")
            for name in case["person"].get(block, {})
        }
        # the plan's expectations are about what the person said they have and lack
        assert set(case["plan_must_include"]) <= rated
        assert set(case["plan_must_not_include"]) <= rated


@pytest.mark.parametrize("case", ONET, ids=[c["name"] for c in ONET])
def test_an_onet_route_is_one_an_adviser_would_accept(onet_model, case):
    report = gaps(case["person"], case["target"], model=onet_model)
    titles = " -> ".join(step.title for step in report.steps)
    assert route_problems(report, case) == [], titles


@pytest.mark.parametrize("case", BUILTIN, ids=[c["name"] for c in BUILTIN])
def test_a_builtin_route_is_one_an_adviser_would_accept(builtin_model, case):
    report = gaps(case["person"], case["target"], model=builtin_model)
    titles = " -> ".join(step.title for step in report.steps)
    assert route_problems(report, case) == [], titles
