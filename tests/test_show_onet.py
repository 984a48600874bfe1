"""``matcher show`` on an O*NET model gives what the model scores the occupation on.

The document of an O*NET occupation lists its work styles without levels and has no interests
and no Job Zone: ``show RN`` gave "Dependability" where ``recommend`` said "Dependability (5 /
typical 4.5)", and neither the RIASEC profile nor the Job Zone, the first things an O*NET
counsellor reads. The fixture database (tests/fixtures/onet) rates Beacon Signal Engineers
(99-0001.00): interests Realistic OI 5, Investigative OI 7, Social OI 1; work style
Dependability IM 5; Job Zone 4.
"""

from __future__ import annotations

import json

import pytest

from matcher.cli import main

BEACON = "99-0001.00"


@pytest.fixture
def model_path(onet_fixture_model, tmp_path) -> str:
    """The model saved, and signed with this test's key."""
    return str(onet_fixture_model.save(tmp_path / "onet.model"))


def interest(oi: float) -> float:
    return round((oi - 1) * 5 / 6, 1)


def style(im: float) -> float:
    return round((im - 1) * 5 / 4, 1)


def test_show_json_gives_interests_job_zone_and_work_style_levels(model_path, capsys):
    assert main(["show", BEACON, "--model", model_path, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["job_zone"] == 4
    interests = {i["name"]: i["level"] for i in shown["interests"]}
    assert interests == {"Investigative": interest(7), "Realistic": interest(5), "Social": 0.0}
    assert [i["name"] for i in shown["interests"]][:2] == ["Investigative", "Realistic"]
    traits = {t["name"]: t["level"] for t in shown["traits"]}
    assert traits["Dependability"] == style(5)


def test_show_says_them_in_text(model_path, capsys):
    assert main(["show", BEACON, "--model", model_path]) == 0
    out = capsys.readouterr().out
    assert f"Investigative ({interest(7):g}) / Realistic ({interest(5):g}) / Social (0)" in out
    assert "Job Zone: 4 of 5" in out
    assert f"Dependability ({style(5):g})" in out
    assert "never a need" in out  # typical levels, not requirements


def test_the_builtin_catalog_shows_no_interests_nor_job_zone(capsys):
    assert main(["show", "Ward Mayor", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert "interests" not in shown and "job_zone" not in shown
    assert main(["show", "Ward Mayor"]) == 0
    out = capsys.readouterr().out
    assert "Interests (RIASEC" not in out and "Job Zone" not in out and "matter of fit" not in out
