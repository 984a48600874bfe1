"""A survey made for another model is refused, not scored from the few columns that happen to
name an item of this one (a built-in survey read with an O*NET model: 2 of 60 columns read,
290 of 300 respondents "scored")."""

from __future__ import annotations

import pandas as pd
import pytest

from matcher import score_survey
from matcher.errors import InputError


def _survey(columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({"respondent_id": ["a", "b"]})
    for k, column in enumerate(columns):
        frame[column] = [3, (k % 5) + 1]
    return frame


def test_a_survey_of_mostly_unknown_items_is_refused_naming_the_model(onet_fixture_model):
    known = [f"skill:{n}" for n in ("Mathematics", "Programming")]
    others = [f"skill:Unknown Craft {k}" for k in range(12)]
    with pytest.raises(InputError, match=r"12 of the 14 rating columns name no item of this mod"):
        score_survey(_survey(known + others), model=onet_fixture_model)


def test_a_few_unknown_columns_are_a_warning(onet_fixture_model):
    known = [f"skill:{n}" for n in ("Mathematics", "Programming")]
    with pytest.warns(UserWarning):
        frame = score_survey(_survey([*known, "skill:Typo One"]), model=onet_fixture_model, top_k=1)
    assert len(frame) == 2
