"""O*NET's ratings on matcher's scales, without a file: the arithmetic import_onet did inside
itself (a 194-line function) is a pure function of the rated rows, tested on a few."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from matcher.core.vectorise import Requirement
from matcher.io.onet.profiles import IMPORTANCE_KEY, job_profile
from matcher.io.onet.requirements import onet_requirements
from matcher.io.onet.tables import CODE, NAME, SCALE

NURSE = "29-1141.00"


def rated(*rows: tuple[str, str, str, float, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[CODE, NAME, SCALE, "value", "block"])


def test_importance_and_level_become_a_self_rating_level():
    found = onet_requirements(
        rated((NURSE, "Speaking", "IM", 4.0, "skill"), (NURSE, "Speaking", "LV", 3.5, "skill"))
    )
    # importance (4-1)/4 = 0.75; level the mean of 3.5×5/7 = 2.5 and 0.75×5 = 3.75
    assert found == {NURSE: {("skill", "Speaking"): Requirement(0.75, 3.125)}}


def test_a_level_not_relevant_stays_zero_and_a_work_style_is_its_importance():
    found = onet_requirements(
        rated(
            (NURSE, "Speaking", "IM", 2.0, "skill"),
            (NURSE, "Speaking", "LV", 0.0, "skill"),
            (NURSE, "Integrity", "IM", 5.0, "trait"),
        )
    )
    assert found[NURSE][("skill", "Speaking")] == Requirement(0.25, 0.0)
    assert found[NURSE][("trait", "Integrity")] == Requirement(1.0, 5.0)


def test_an_interest_is_its_importance_and_its_level_and_a_high_point_code_no_rating():
    found = onet_requirements(
        rated(
            (NURSE, "Social", "OI", 7.0, "interest"),
            (NURSE, "First Interest High-Point", "IH", 3.0, "interest"),
            (NURSE, "Artistic", "OI", np.nan, "interest"),
        )
    )
    assert found == {NURSE: {("interest", "Social"): Requirement(1.0, 5.0)}}


def test_a_profile_lists_key_items_as_required_and_the_next_as_recommended():
    need = {
        ("skill", "Speaking"): Requirement(IMPORTANCE_KEY, 3.04),
        ("skill", "Writing"): Requirement(0.55, 2.0),
        ("skill", "Sewing"): Requirement(0.2, 1.0),
    }
    profile = job_profile(NURSE, "Registered  Nurses", "Care for patients. More.", need, {}, {})
    assert profile.title == "Registered Nurses" and profile.industry.startswith("Healthcare")
    assert [(i.name, i.level) for i in profile.required_skills] == [("Speaking", 3.0)]
    assert [i.name for i in profile.recommended_skills] == ["Writing"]
    assert profile.summary == "Care for patients."


@pytest.mark.parametrize("code", ["99-0001.00", "12-3456.00"])
def test_an_unknown_major_group_is_other(code):
    profile = job_profile(code, "X", "", {}, {}, {})
    assert profile.industry == "Other" and profile.summary == ""
