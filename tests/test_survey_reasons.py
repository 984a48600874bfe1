"""Rejects quote what is in the file: a value as it is written there, not as Python writes it."""

from __future__ import annotations

import pytest

from matcher import score_survey


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("C:\\jobs\\clerk", "'C:\\jobs\\clerk'"),  # a backslash was shown doubled: 'C:\\\\jobs'
        ("O'Brien\\N", '"O\'Brien\\N"'),
        ("x\\" * 150, "'" + ("x\\" * 150)[:199] + "'\u2026"),  # cut short, as the look-up does
    ],
)
def test_an_unknown_job_is_quoted_as_the_file_has_it(tmp_path, fixture_model, name, shown):
    path = tmp_path / "s.csv"
    path.write_text(
        f"respondent_id,skill:Office Administration,target_job\nr1,3,{name}\n", encoding="utf-8"
    )
    with pytest.warns(UserWarning, match="1 rejected"):
        frame = score_survey(path, model=fixture_model)
    rejects = frame.attrs["rejects"].to_pandas()
    assert rejects["value"].tolist() == [name]
    assert rejects["reason"][0].startswith(f"no occupation is called {shown}; ")
