"""A job name as a CSV matcher wrote it (a ``'`` before a title a spreadsheet would run as a
formula) reads back as the title everywhere a job is named: a survey's job cells, ``--target``,
a profile's ``target_job`` and ``current_job``, the library."""

from __future__ import annotations

import json
import shutil
import warnings

import pytest
from helpers import FIXTURES, quiet_score

from matcher import Assessment, UnknownOccupationError, build_model, gaps
from matcher.cli import main
from matcher.match.jobnote import current_job

TITLE = "@Municipal Clerk"  # clerk.txt's title, as a catalog could give it


@pytest.fixture(scope="module")
def formula_model(tmp_path_factory):
    """The fixture catalog with the clerk's title starting with ``@`` and its id with ``+``."""
    catalog = tmp_path_factory.mktemp("formula") / "catalog"
    shutil.copytree(FIXTURES / "catalog", catalog)
    clerk = catalog / "clerk.txt"
    clerk.write_text("@" + clerk.read_text(encoding="utf-8"), encoding="utf-8")
    clerk.rename(catalog / "+clerk.txt")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # related jobs naming the clerk by its old name
        return build_model(catalog)


def test_the_model_resolves_a_neutralised_title_or_id(formula_model):
    assert formula_model.resolve_occupation(TITLE).id == "+clerk"
    assert formula_model.resolve_occupation("'" + TITLE).id == "+clerk"
    assert formula_model.resolve_occupation("'+clerk").id == "+clerk"


@pytest.mark.parametrize("pasted", [f" '{TITLE}", f"'{TITLE}  ", "\t'+clerk "])
def test_a_neutralised_name_with_spaces_around_it_reads_back_alike(
    formula_model, tmp_path, monkeypatch, pasted
):
    """A survey cell is trimmed before the look-up; --target, a profile and the library tried
    the quote only at the very start: " '@Home Clerk" was unknown there."""
    assert formula_model.resolve_occupation(pasted).id == "+clerk"
    person = Assessment(ratings={("skill", "Office Administration"): 4}, current_job=pasted)
    assert current_job(formula_model, person) == ("+clerk", TITLE)
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: formula_model)
    profile = tmp_path / "p.json"
    profile.write_text(
        json.dumps({"skills": {"Office Administration": 4}, "target_job": pasted}), "utf-8"
    )
    assert main(["gaps", str(profile), "--json"]) == 0
    assert main(["gaps", str(profile), "--target", pasted, "--json"]) == 0


def test_only_a_quote_before_a_formula_start_is_removed(formula_model):
    assert formula_model.resolve_occupation("mayor").id == "mayor"
    with pytest.raises(UnknownOccupationError, match='"\'mayor"'):
        formula_model.resolve_occupation("'mayor")
    with pytest.raises(UnknownOccupationError, match="''@Municipal Clerk"):
        formula_model.resolve_occupation("''" + TITLE)  # one quote is matcher's, not two


def test_a_profiles_jobs_and_the_library_read_it_back(formula_model):
    person = Assessment(ratings={("skill", "Office Administration"): 4}, current_job="'" + TITLE)
    assert current_job(formula_model, person) == ("+clerk", TITLE)
    profile = {"skills": {"Office Administration": 4}, "target_job": "'" + TITLE}
    assert gaps(profile, "'" + TITLE, model=formula_model).target_title == TITLE


def test_the_cli_reads_it_back_as_target_and_target_job(formula_model, tmp_path, monkeypatch):
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: formula_model)
    profile = tmp_path / "p.json"
    profile.write_text(
        json.dumps({"skills": {"Office Administration": 4}, "target_job": "'" + TITLE}),
        encoding="utf-8",
    )
    assert main(["gaps", str(profile), "--json"]) == 0
    assert main(["gaps", str(profile), "--target", "'+clerk", "--json"]) == 0


def test_a_surveys_job_cells_still_read_it_back(formula_model, tmp_path):
    survey = tmp_path / "s.csv"
    survey.write_text(
        f"respondent_id,skill:Office Administration,target_job\nr1,4,'{TITLE}\n", encoding="utf-8"
    )
    frame = quiet_score(survey, model=formula_model, top_k=1)
    assert frame["target_id"].tolist() == ["+clerk"]
