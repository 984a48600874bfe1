"""The items a model rates (``model.items``, ``matcher items``): the names a person can use.

The O*NET fixture's ``Content Model Reference.txt`` describes its elements in words written for
these tests (a lighthouse for the knowledge area Geography, sums for the skill Mathematics and
algebra for the knowledge area of the same name).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from matcher import AssessmentError, import_onet, recommend
from matcher.cli import main

ONET_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet"
BLOCK_KEYS = {
    "skill": "skills",
    "aptitude": "aptitudes",
    "trait": "traits",
    "interest": "interests",
}


def test_every_item_is_listed_once_in_column_order_and_can_be_rated(builtin_model):
    listed = builtin_model.items()
    assert [(i.block, i.name) for i in listed] == builtin_model.feature_keys
    for item in listed[::7]:  # a self-assessment naming it is read, not refused
        recommend({BLOCK_KEYS[item.block]: {item.name: 3}}, model=builtin_model, top_k=1)


def test_key_for_counts_the_occupations_holding_the_item_as_a_key_item(builtin_model):
    importance = np.asarray(builtin_model.importance)
    for column, item in list(enumerate(builtin_model.items()))[::11]:
        assert item.key_for == int((importance[:, column] >= 0.5).sum())


def test_an_item_names_the_occupations_that_need_it_most(builtin_model):
    # O*NET's Food Production ("planting, growing, and harvesting") found by "cooking" read
    # as a mistake; that chefs need it most says what it is about in practice
    surgery = next(i for i in builtin_model.items("Surgery") if i.name == "Surgery")
    assert surgery.needed_most and len(surgery.needed_most) <= 3
    assert "Surgeon" in surgery.needed_most
    levels, importance = np.asarray(builtin_model.levels), np.asarray(builtin_model.importance)
    column = builtin_model.feature_keys.index(("skill", "Surgery"))
    rows = [builtin_model.titles.index(t) for t in surgery.needed_most]
    assert all(importance[r, column] >= 0.5 for r in rows)  # a key item of each
    assert [levels[r, column] for r in rows] == sorted(
        (levels[r, column] for r in rows), reverse=True
    )
    top = max(levels[importance[:, column] >= 0.5, column])
    assert levels[rows[0], column] == top


def test_a_text_finds_items_by_name_alias_or_a_typo(builtin_model):
    assert [i.name for i in builtin_model.items("Cooking")] == ["Cooking"]  # no "Coding"
    assert builtin_model.items("cookery")[0].name == "Cooking"  # an alias
    assert [i.name for i in builtin_model.items("Bookeeping")] == ["Bookkeeping"]  # a typo ...
    assert builtin_model.items("zzqx") == []  # ... where nothing else is found


def test_a_word_finds_its_other_forms_but_not_a_near_spelling(builtin_model):
    managing = {i.name for i in builtin_model.items("managers")}
    assert {"Team Management", "Project Management"} <= managing
    assert managing == {i.name for i in builtin_model.items("management")}
    found = {i.name for i in builtin_model.items("patients")}
    assert "Patient Care" in found and "Intellectual Property" not in found  # no "patents"


def test_onet_items_carry_their_descriptions_by_element_id(onet_fixture_model):
    described = {i.key: i.description for i in onet_fixture_model.items()}
    # the skill and the knowledge area that share a name keep their own descriptions
    assert described["skill:Mathematics"].startswith("Working out sums")
    assert described["skill:Mathematics (Knowledge)"].startswith("Knowing algebra")
    assert described["interest:Realistic"].startswith("Work with tools")
    # a high-point code is not an item, and a category row of the reference is not either
    assert not any("High-Point" in key or "Basic Skills" in key for key in described)


def test_a_word_of_a_description_finds_the_item_it_describes(onet_fixture_model):
    assert [i.key for i in onet_fixture_model.items("lighthouse")] == ["skill:Geography"]
    assert [i.key for i in onet_fixture_model.items("LIGHTHOUSES coasts")] == ["skill:Geography"]
    # prose is matched by whole words and their forms, not by near spellings
    assert onet_fixture_model.items("lighthose") == []
    assert [i.key for i in onet_fixture_model.items("algebra")] == ["skill:Mathematics (Knowledge)"]


def test_onet_items_are_found_by_everyday_words(onet_fixture_model):
    """People say "coding" where O*NET says Programming, "caring" where it says Service
    Orientation: an import gives its items everyday words (data/vocabulary/onet_words.csv)."""
    assert [i.key for i in onet_fixture_model.items("coding")] == ["skill:Programming"]
    assert "skill:Service Orientation" in [i.key for i in onet_fixture_model.items("caring")]
    assert "skill:Service Orientation" not in [i.key for i in onet_fixture_model.items("car")]
    words = dict(onet_fixture_model.extra["item_words"])
    assert set(words) <= {i.key for i in onet_fixture_model.items()}  # only the model's own items
    with pytest.raises(AssessmentError, match=r"'Coding'.*items about it: 'Programming'"):
        recommend({"skills": {"Coding": 4}}, model=onet_fixture_model)  # a word, still no name


def test_descriptions_survive_save_and_load(onet_fixture_model, tmp_path):
    from matcher import load_model

    loaded = load_model(onet_fixture_model.save(tmp_path / "onet.model"))
    assert loaded.items() == onet_fixture_model.items()


def test_without_the_reference_the_items_are_listed_undescribed(tmp_path):
    import shutil

    folder = shutil.copytree(ONET_FIXTURE, tmp_path / "onet")
    (folder / "Content Model Reference.txt").unlink()
    with pytest.warns(match="Content Model Reference.txt"):
        bare = import_onet(folder)
    assert bare.items() and all(i.description == "" for i in bare.items())
    assert bare.items("lighthouse") == []


def test_an_unknown_name_with_no_close_match_says_where_the_names_are(onet_fixture_model):
    with pytest.raises(AssessmentError, match=r"no close match \(`matcher items"):
        recommend({"skills": {"Driving": 4}}, model=onet_fixture_model)


def test_cli_lists_and_finds_items(onet_fixture_model, tmp_path, capsys):
    path = str(onet_fixture_model.save(tmp_path / "onet.model"))
    assert main(["items", "--model", path, "--json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert [d["key"] for d in every] == [i.key for i in onet_fixture_model.items()]
    assert main(["items", "lighthouse", "--model", path]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "skill:Geography" in lines  # a key on a line of its own, to copy or grep
    assert any(line.strip().startswith("needed most by: ") for line in lines)
    # a work style (rated for importance alone) is no need: the occupations highest in it
    assert main(["items", "--model", path]) == 0
    out = capsys.readouterr().out
    traits = out[out.index("trait:") :]
    assert (
        "highest in: " in traits.split("\n\n")[0] and "needed most" not in traits.split("\n\n")[0]
    )
    assert main(["items", "zzqx", "--model", path]) == 0
    assert "no item's name, alias, everyday word or description matches 'zzqx'" in (
        capsys.readouterr().out
    )
    assert main(["items", "x" * 5000, "--model", path]) == 0
    assert len(capsys.readouterr().out) < 300  # a long text is not echoed whole
    assert main(["items", "  ", "--model", path]) == 2
    assert "TEXT is empty" in capsys.readouterr().err
    assert main(["items"]) == 0  # the built-in catalog
    out = capsys.readouterr().out
    assert "This model rates 280 items" in out and "skill:Cooking" in out
