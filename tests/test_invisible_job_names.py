"""A job name holding characters that show as nothing (a zero-width space, a left-to-right
mark, a bidi control, a soft hyphen, a byte-order mark) names its occupation wherever a job is
named, as a survey's job names do: a title copied from a web page named Chef in a survey, and
no occupation in a profile or ``--target`` (exit 2)."""

from __future__ import annotations

import json

import pytest

from matcher import gaps
from matcher.cli import main


@pytest.mark.parametrize("hidden", ["\u200b", "\u200e", "\u202e", "\u00ad", "\ufeff"])
def test_a_job_name_holding_what_shows_as_nothing_names_its_occupation(
    builtin_model, tmp_path, monkeypatch, capsys, hidden
):
    assert builtin_model.resolve_occupation(f"Chef{hidden}").id == "chef"
    assert builtin_model.resolve_occupation(f"{hidden}chef").id == "chef"
    cook = {"current_job": f"Co{hidden}ok", "target_job": f"Chef{hidden}", "skills": {"Cooking": 4}}
    report = gaps(cook, model=builtin_model)
    assert [s.title for s in report.steps] == ["Cook", "Chef"] and report.start == "current job"
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: builtin_model)
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({**cook, "target_job": "Cashier"}), "utf-8")
    assert main(["gaps", str(profile), "--target", f"{hidden}Chef", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["target_id"] == "chef" and shown["steps"][0]["title"] == "Cook"


def test_a_joiner_stays_part_of_a_name(builtin_model):
    # the zero-width joiner is how emoji and some scripts are written: no name loses it
    assert builtin_model.catalog.resolve("Ch\u200def") is None
