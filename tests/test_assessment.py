"""Self-assessments that used to end in a traceback: each is an InputError naming the source."""

from __future__ import annotations

import pytest

from matcher import Assessment, AssessmentError, InputError, gaps, recommend
from matcher.cli import main
from matcher.io.assessment import read_assessment
from matcher.io.item_names import NAME_LIMIT
from matcher.model.model import Model


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"skills": {"Policy Planning": ' + "9" * 400 + "}}",
            r"rating 9{20}\.\.\. is outside 0-5",
        ),
        # not Python's advice to call sys.set_int_max_str_digits, naming no field
        (
            '{"skills": {"Policy Planning": ' + "9" * 5000 + "}}",
            r"skills / 'Policy Planning': rating 9{20}\.\.\. \(5,000 characters\) is outside 0-5",
        ),
        # as written, not "rating inf"
        ('{"skills": {"Policy Planning": 1e999}}', r"rating 1e999 is outside 0-5; give a number"),
        ('{"skills": {"Policy Planning": -1E+400}}', r"rating -1E\+400 is outside 0-5"),
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


def test_many_unknown_names_fail_fast(fixture_model):
    """A suggestion was looked up for each of them though 20 are shown: 200,000 took minutes."""
    import time

    names = {f"Zorbleflax {i}": 3 for i in range(200_000)}
    start = time.perf_counter()
    with pytest.raises(AssessmentError) as caught:
        recommend({"skills": names}, model=fixture_model)
    assert time.perf_counter() - start < 10  # about 1 s; the suggestions took minutes
    assert len(caught.value.problems) == 200_000
    assert "... and 199980 more" in str(caught.value)


def test_a_long_unknown_name_is_not_looked_up_word_by_word(fixture_model, monkeypatch):
    """Each word of an unknown name was looked up for its hint, about 1 ms a word: five
    names of 3,000 words held a worker 18 s, in strict and lenient mode alike."""
    import time

    words = " ".join(f"word{i}" for i in range(3000))
    profile = {"skills": {f"{words} {k}": 3 for k in range(5)}}
    start = time.perf_counter()
    with pytest.raises(AssessmentError, match="unknown skill name; no close match"):
        recommend(profile, model=fixture_model)
    assert time.perf_counter() - start < 5  # 0.01 s; the look-ups took 18 s
    looked: list[str] = []
    monkeypatch.setattr(Model, "items", lambda self, text=None: looked.append(text) or [])
    monkeypatch.setattr(Model, "suggest_item", lambda self, b, name, n=3: looked.append(name) or [])
    short = "Zorbleflax"
    for lenient in (False, True):
        looked.clear()
        try:
            recommend(
                {"skills": {words: 3, short: 3, "Policy Planning": 3}},
                model=fixture_model,
                lenient=lenient,
            )
        except AssessmentError:
            assert not lenient
        assert looked == [short, short]  # its near spellings, then the items it is a word of


def test_items_finds_nothing_by_a_text_longer_than_a_name(fixture_model):
    """``model.items('management ' * 3000)`` looked each word up: 3 s."""
    import time

    start = time.perf_counter()
    assert fixture_model.items("management " * 3000) == []
    assert time.perf_counter() - start < 1
    name = "management " * (NAME_LIMIT // 11)  # as long as a name may be: looked for
    assert "Budget Management" in [i.name for i in fixture_model.items(name)]


def test_a_profile_of_another_model_says_so(fixture_model):
    """Names of an O*NET model read with another model: every one "unknown", and no word
    that the model was the wrong one."""
    from helpers import FIXTURES

    from matcher import import_onet

    onet = import_onet(FIXTURES / "onet")
    resolve = fixture_model.item_resolver
    skills = [name for block, name in onet.feature_keys if block == "skill"]
    names = [name for name in skills if resolve("skill", name) is None]
    assert len(names) >= 4
    profile = {"skills": dict.fromkeys(names, 3), "asked": {"skills": names}}
    with pytest.raises(AssessmentError, match="may have been made for another model"):
        recommend(profile, model=fixture_model)
    with pytest.raises(AssessmentError, match="may have been made for another model"):
        recommend(profile, model=fixture_model, lenient=True)
    # one typo among known names is a typo, not another model
    known = [name for block, name in fixture_model.feature_keys if block == "skill"][:3]
    with pytest.raises(AssessmentError) as caught:
        recommend({"skills": {**dict.fromkeys(known, 3), "Polcy Planing": 2}}, model=fixture_model)
    assert "another model" not in str(caught.value)


# -- an Assessment given as such -------------------------------------------------------------

PLANNING = ("skill", "Policy Planning")


@pytest.mark.parametrize(
    ("person", "message"),
    [
        # each was a raw ValueError or KeyError, or ranked as if valid
        (Assessment(ratings={PLANNING: 9}), r"'Policy Planning': rating 9 is outside 0-5"),
        (Assessment(ratings={PLANNING: "4"}), r"'Policy Planning': rating '4' is not a number"),
        (Assessment(ratings={PLANNING: True}), r"rating true is not a number"),
        (Assessment(ratings={("skill", "Polcy Planning"): 3}), r"did you mean 'Policy Planning'"),
        (Assessment(ratings={}), r"no ratings: rate at least one"),
        (Assessment(ratings={"Policy Planning": 3}), r"ratings key 'Policy Planning': expected"),
        (Assessment(ratings={("skills", "Policy Planning"): 3}), r"the block one of 'skill'"),
        (Assessment(ratings={PLANNING: 3}, asked="every"), r'asked must be "all", None or'),
        (Assessment(ratings={PLANNING: 3}, asked=frozenset({"x"})), r"asked item 'x': expected"),
        (Assessment(ratings={PLANNING: 3}, target_job=5), r"'target_job' must be text, got 5"),
    ],
)
def test_an_assessment_is_checked_as_a_dict_is(fixture_model, person, message):
    for call in (
        lambda: recommend(person, model=fixture_model),
        lambda: gaps(person, "mayor", model=fixture_model),
    ):
        with pytest.raises(AssessmentError, match=message) as caught:
            call()
        assert str(caught.value).startswith("<Assessment>: ")


def test_an_assessment_resolves_its_names_as_a_dict_does(fixture_model):
    """An alias or another case of a name was a KeyError."""
    plain = recommend({"skills": {"Policy Planning": 4}}, model=fixture_model)
    assert recommend(
        Assessment(ratings={("skill", "policy planning"): 4}), model=fixture_model
    ) == (plain)
    gap = gaps(
        Assessment(ratings={("skill", " POLICY planning "): 4}), "mayor", model=fixture_model
    )
    assert gap == gaps({"skills": {"Policy Planning": 4}}, "mayor", model=fixture_model)


def test_an_assessment_read_once_is_checked_again_when_changed(fixture_model):
    """One the reader made is not checked again (a report reads its person three times), but
    only while its ratings are as they were read."""
    person = read_assessment({"skills": {"Policy Planning": 4}}, fixture_model.item_resolver)
    assert recommend(person, model=fixture_model)
    person.ratings[PLANNING] = 9  # the dict of a frozen dataclass can still be changed
    with pytest.raises(AssessmentError, match="rating 9 is outside 0-5"):
        recommend(person, model=fixture_model)


def test_a_models_item_resolver_is_what_the_reader_asks_for(fixture_model):
    """It was a functools.partial with four attributes patched on (each under a ``type:
    ignore``), and the reader probed them with getattr."""
    import typing

    from matcher.io.assessment import read_assessment
    from matcher.io.item_names import ItemResolver

    assert typing.get_type_hints(read_assessment)["resolver"] is ItemResolver
    resolver = fixture_model.item_resolver
    assert resolver.blocks == tuple(fixture_model.block_names)
    assert resolver.space is fixture_model.vectorizer
    assert resolver("skill", "policy planning") == "Policy Planning"
    assert resolver("skill", "Nothing Like It") is None
    assert resolver.suggest("skill", "Policy Planing") == ["'Policy Planning'"]
    person = read_assessment({"skills": {"Policy Planning": 4}}, resolver)
    assert read_assessment(person, fixture_model.item_resolver) is person  # made for this model


def test_an_ignored_name_is_said_at_the_callers_line_whichever_way_in():
    # a profile is read at a different depth by recommend(), gaps() and a report: a fixed
    # stack level said the warning at a line of matcher/io/assessment.py
    from matcher import gaps, recommend

    profile = {"skills": {"Zorbleflax": 3, "Customer Service": 4}}
    for call in (
        lambda: recommend(profile, top_k=1, lenient=True),
        lambda: gaps(profile, "Chef", lenient=True),
    ):
        with pytest.warns(UserWarning, match="Zorbleflax") as said:
            call()
        assert {w.filename for w in said if "Zorbleflax" in str(w.message)} == {__file__}
