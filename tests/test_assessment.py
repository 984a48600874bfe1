"""Self-assessments that used to end in a traceback: each is an InputError naming the source."""

from __future__ import annotations

import pytest

from matcher import AssessmentError, InputError, recommend
from matcher.cli import main


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"skills": {"Policy Planning": ' + "9" * 400 + "}}",
            r"rating 9{20}\.\.\. is outside 0-5",
        ),
        ('{"skills": {"Policy Planning": ' + "9" * 5000 + "}}", "not a profile: Exceeds the limit"),
        ('{"skills": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON nested too deeply"),
        ('{"skills": {"Policy Planning": -' + "1" * 30 + "}}", "is outside 0-5"),
    ],
)
def test_hostile_numbers_and_nesting_are_input_errors(
    tmp_path, model_file, fixture_model, capsys, text, message
):
    path = tmp_path / "p.json"
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        recommend(str(path), model=fixture_model)
    assert main(["recommend", str(path), "--model", model_file]) == 2
    error = capsys.readouterr().err
    assert "Traceback" not in error and str(path) in error


def test_a_huge_integer_in_a_dict_is_outside_the_scale(fixture_model):
    with pytest.raises(AssessmentError, match="is outside 0-5"):
        recommend({"skills": {"Policy Planning": 10**400}}, model=fixture_model)


def test_a_bad_rating_of_a_misspelt_item_says_both(fixture_model):
    """Every problem at once: "Programing": 9 said the 9, and the typo only once it was
    fixed."""
    with pytest.raises(AssessmentError) as caught:
        recommend({"skills": {"Polcy Planning": 9, "Policy Planning": "x"}}, model=fixture_model)
    problems = caught.value.problems
    assert any("'Polcy Planning': rating 9 is outside 0-5" in p for p in problems)
    assert any("'Polcy Planning': unknown skill name" in p for p in problems)
    assert any("'Policy Planning': rating 'x' is not a number" in p for p in problems)
    assert len(problems) == 3  # a known name with a bad rating is said once


def test_a_folder_as_the_profile_is_an_input_error(tmp_path, model_file, fixture_model, capsys):
    with pytest.raises(InputError, match="is a folder, not a profile file"):
        recommend(str(tmp_path), model=fixture_model)
    assert main(["recommend", str(tmp_path), "--model", model_file]) == 2
    assert "is a folder, not a profile file" in capsys.readouterr().err
