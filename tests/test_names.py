"""Names a person types: did-you-mean across blocks and aliases, occupation search, and the
closest titles of an unknown occupation, all from one prebuilt index per model."""

from __future__ import annotations

import difflib
import json

import pytest

from matcher import AssessmentError, UnknownOccupationError, recommend
from matcher.core.fuzzy import Kind, NameIndex, near_spelling, rank, typos_allowed, words
from matcher.io.catalog_check import check_catalog
from matcher.io.survey import resolve_columns
from matcher.io.vocabulary import builtin_vocabulary
from matcher.model import names


@pytest.fixture
def no_difflib(monkeypatch):
    """Fail any test that falls back to difflib's scan of every name."""

    def refuse(*args, **kwargs):
        raise AssertionError("difflib was used")

    monkeypatch.setattr(difflib, "SequenceMatcher", refuse)
    monkeypatch.setattr(difflib, "get_close_matches", refuse)


# -- the index ------------------------------------------------------------------------------


def test_words_drop_stop_words_unless_nothing_else_is_left():
    assert words("mayor of a small town") == ["mayor", "small", "town"]
    assert words("of the") == ["of", "the"]
    assert words("town/village") == ["town", "village"]


def test_typos_allowed_grow_with_the_word():
    assert [typos_allowed(w) for w in ("arm", "army", "nurse", "accountant")] == [0, 1, 1, 2]


def test_index_finds_words_in_any_order_prefixes_and_typos():
    index = NameIndex(
        [("budget management", "budget"), ("crisis management", "crisis"), ("farmer", "farm")]
    )
    assert index.find("management budget", limit=1)[0].target == "budget"
    assert index.find("budg", limit=1)[0].target == "budget"  # the start of a word
    assert index.find("crisis managment", limit=1)[0].target == "crisis"  # one typo
    assert index.find("army", limit=5) == []  # shares no word, not a near-spelling
    both = index.find("management", limit=5)
    assert [m.target for m in both] == ["budget", "crisis"]  # a tie: by target
    assert both[0].score == both[1].score


def test_a_whole_word_beats_a_prefix_and_a_prefix_beats_a_typo():
    index = NameIndex([("nurse", "whole"), ("nursery", "prefix"), ("purse", "typo")])
    assert [m.target for m in index.find("nurse", limit=3)] == ["whole", "prefix", "typo"]


@pytest.mark.parametrize("typed", ["welder", "Welderr", "weldr"])
def test_a_word_found_as_typed_beats_a_typo_in_a_shorter_name(typed):
    # O*NET: "welder" gave Clergy (alias "Elder", one letter off and short, so close as a
    # whole text) before the welding machine operators, whose aliases hold "Welder" itself
    index = NameIndex(
        [
            ("welders cutters solderers and brazers", "welders"),
            ("welder", "welders"),
            ("elder", "clergy"),
            ("aluminum welder", "setters"),
        ]
    )
    found = [m.target for m in index.find(typed.casefold(), limit=3)]
    assert found == ["welders", "setters", "clergy"]


def test_matches_are_ranked_by_kind_before_score():
    index = NameIndex([("nurse aide assistant", "whole"), ("nursery", "start"), ("purse", "typo")])
    found = index.find("nurse", limit=3)
    assert [m.kind for m in found] == [Kind.WHOLE, Kind.START, Kind.TYPO]
    assert found[0].score < found[2].score  # a short typo scores higher, and still comes last


def test_cutoff_and_window_keep_only_close_matches():
    index = NameIndex([("office administration", "a"), ("medication administration", "b")])
    assert [m.target for m in index.find("ofice administration", limit=5)] == ["a", "b"]
    close = index.find("ofice administration", limit=5, cutoff=70, window=15)
    assert [m.target for m in close] == ["a"]


def test_the_item_index_is_built_once_per_feature_space(fixture_model, builtin_model):
    first = names.item_index(fixture_model.vectorizer)
    assert names.item_index(fixture_model.vectorizer) is first
    assert names.item_index(builtin_model.vectorizer) is not first
    catalog = fixture_model.catalog
    assert names.occupation_index(catalog) is names.occupation_index(catalog)


# -- did you mean ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "typed", "suggested"),
    [
        ("skill", "Stress Tolerance", "'Stress Tolerance' under \"aptitudes\""),  # wrong block
        ("skill", "Budget Managment", "'Budget Management'"),  # a typo, same block: bare
        ("skill", "budget", "'Budget Management'"),  # a word of the name
        ("skill", "Management Budget", "'Budget Management'"),  # word order
        ("trait", "Has leadersip", "'Leadership'"),  # a typo under a trait's "has"
        ("trait", "stres tolerence", "'Stress Tolerance' under \"aptitudes\""),
        ("aptitude", "Ofice Administration", "'Office Administration' under \"skills\""),
        ("skill", "Knowledge of Administrative Laws", "'Administrative Law'"),  # an alias, part
    ],
)
def test_suggestions_span_every_block_and_alias(builtin_model, no_difflib, block, typed, suggested):
    found = builtin_model.suggest_item(block, typed)
    assert found[0] == suggested, found
    assert 1 <= len(found) <= 3


@pytest.mark.parametrize("typed", ["army", "Favourite colour", "Underwater Basket Weaving", "x"])
def test_nothing_close_suggests_nothing(builtin_model, typed):
    assert builtin_model.suggest_item("skill", typed) == []


def test_a_profile_item_under_the_wrong_block_names_the_right_one(fixture_model, no_difflib):
    # written where it goes in a self-assessment, not as a survey's column
    with pytest.raises(
        AssessmentError, match=r"did you mean 'Stress Tolerance' under \"aptitudes\"\?"
    ):
        recommend({"skills": {"Stress Tolerance": 4}}, model=fixture_model)


def test_a_profile_item_near_an_alias_is_told_the_alias_and_its_name(builtin_model):
    # The build and catalog check said "'Animal Handling' (an alias of Animal Care)"; a person
    # rating items was offered 'Animal Care' alone, a guess out of nowhere.
    with pytest.raises(AssessmentError) as error:
        recommend({"skills": {"Animal Handlin": 3}}, model=builtin_model)
    assert "did you mean 'Animal Handling' (an alias of Animal Care)?" in str(error.value)


def test_survey_columns_get_suggestions_from_every_block(fixture_model, no_difflib):
    header = ["respondent_id", "skill:Stress Tolerance", "skil:Carpentry", "trait:Leadership"]
    unknown = {u.name: u.suggestions for u in resolve_columns(header, fixture_model).unknown}
    assert unknown["skill:Stress Tolerance"][0] == "aptitude:Stress Tolerance"
    assert unknown["skil:Carpentry"][0] == "skill:Carpentry"


def test_catalog_check_suggests_the_right_block(tmp_path):
    from helpers import FIXTURES

    for path in (FIXTURES / "catalog").glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        if path.stem == "mayor":
            text = text.replace("Policy Planning", "Stress Tolerance", 1)
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    findings, _ = check_catalog(tmp_path)
    messages = [f.message for f in findings if f.severity == "warning"]
    assert any("did you mean 'aptitude:Stress Tolerance'" in m for m in messages), messages


@pytest.mark.parametrize(
    "typed",
    [
        "Manual Handling",  # was 'Animal Care', through its alias "Animal Handling"
        "Audio Typing",  # was 'Auditing'
        "PAT Testing",  # was 'Software Testing'
        "Taking Observations",  # was 'Banking Operations', 'Railway Operation'
        "Radiation Protection",  # none before, nor now: not "Mediation", a word away
        "Aseptic Dispensing",  # nor "Dispensing", a one-word name in a longer one
    ],
)
def test_a_new_name_sharing_a_word_with_a_known_one_is_no_typo_of_it(typed):
    """A hospital catalog's correctly spelt new items were offered unrelated names: an author
    who took them would have corrupted the catalog."""
    assert builtin_vocabulary().suggestions("skill", typed) == []


def test_a_near_spelling_is_a_typo_or_two_a_word_missing_or_added_or_another_order():
    near = [
        ("cookin", "cooking"),
        ("leader ship", "leadership"),  # words split
        ("budget", "budget management"),  # a word missing: a part of the name
        ("management budget", "budget management"),
        ("infection control nursing", "infection control"),  # a word added
        ("food hygiene level 2", "food hygiene"),  # a grade is no word
        ("has leadersip", "leadership"),  # the stop word aside
    ]
    far = [
        ("manual handling", "animal handling"),  # a word each the other lacks
        ("pat testing", "qa testing"),  # 2 edits, in words too short for a typo
        ("audio typing", "auditing"),  # 3 edits
        ("audio typing", "audit"),  # a one-word name is no part of a longer one
        ("taking observations", "banking operations"),
        ("ofice adminstraton", "office administration"),  # 3 typos in all
    ]
    assert all(near_spelling(q, n) for q, n in near)
    assert not any(near_spelling(q, n) for q, n in far)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Cookin", "'Cooking'"),  # a typo
        ("Infection Controll", "'Infection Control'"),
        ("Leadershp", "'trait:Leadership'"),  # a typo, under another block
        ("Food Hygiene Level 2", "'Food Hygiene'"),  # a word (and a grade) added
        ("Infection Control Nursing", "'Infection Control'"),  # a word added
        ("Control Infection", "'Infection Control'"),  # the words in another order
        ("Animal Handlng", "'Animal Handling' (an alias of Animal Care)"),  # through an alias
    ],
)
def test_a_near_spelling_of_a_whole_name_is_suggested_as_written(typed, shown):
    assert builtin_vocabulary().suggestions("skill", typed)[0] == shown


def test_catalog_check_says_no_close_match_for_a_new_name_and_shows_an_alias(tmp_path):
    from helpers import FIXTURES

    for path in (FIXTURES / "catalog").glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        if path.stem == "mayor":
            text = text.replace("Policy Planning", "Manual Handling", 1)
            text = text.replace("Crisis Management", "Animal Handlng", 1)
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    findings, _ = check_catalog(tmp_path)
    messages = [f.message for f in findings if f.severity == "warning"]
    assert any(
        "'Manual Handling' is not in the skill vocabulary; no close match" in m for m in messages
    ), messages
    alias = "did you mean 'Animal Handling' (an alias of Animal Care)?"
    assert any(alias in m for m in messages), messages


# -- occupation search ----------------------------------------------------------------------


def _ids(model, text, top_k=10):
    return [o.id for o in model.search(text, top_k=top_k)]


def test_search_army_does_not_find_the_crop_farmer(builtin_model, no_difflib):
    assert "crop-farmer" not in _ids(builtin_model, "army")
    assert _ids(builtin_model, "army") == []  # no name or alias mentions the army


def test_search_small_town_finds_the_town_mayor(builtin_model, no_difflib):
    assert _ids(builtin_model, "small town")[0] == "town-village-mayor"
    assert _ids(builtin_model, "Mayor of a Small Town")[0] == "town-village-mayor"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("mayor", "city-mayor"),  # an alias, exactly
        ("mayor ward", "ward-mayor"),  # token order free
        ("wrd mayr", "ward-mayor"),  # typos
        ("acountant", "accountant"),
        ("primary teach", "primary-school-teacher"),  # prefixes
    ],
)
def test_search_by_words_prefixes_and_typos(builtin_model, text, first):
    assert _ids(builtin_model, text)[0] == first


def test_search_ranks_full_matches_first_and_breaks_ties_by_id(builtin_model):
    found = builtin_model.search("mayor", top_k=10)
    assert found[0].id == "city-mayor"
    rest = [o.id for o in found[1:]]
    index = names.occupation_index(builtin_model.catalog)
    keys = {m.target: rank(m.kind, m.score) for m in index.find("mayor", limit=10)}
    assert rest == sorted(rest, key=lambda i: (keys[i], i))
    assert _ids(builtin_model, "mayor") == _ids(builtin_model, "mayor")


def test_search_reads_the_reading_line(fixture_model):
    from dataclasses import replace

    from matcher.io.catalog import Catalog, Occupation

    clerk = fixture_model.catalog.get("clerk")
    renamed = Occupation(clerk.id, replace(clerk.profile, reading="じむいん"), clerk.source)
    catalog = Catalog([renamed, *(o for o in fixture_model.catalog if o.id != "clerk")])
    assert [o.id for o in names.search(catalog, "じむ")] == ["clerk"]


def test_unknown_occupations_list_the_closest_titles_without_difflib(builtin_model, no_difflib):
    with pytest.raises(UnknownOccupationError) as caught:
        builtin_model.resolve_occupation("Mayor of a Small Town")
    message = str(caught.value)
    assert message.startswith("no occupation is called 'Mayor of a Small Town'; similar names: ")
    assert "'Town/Village Mayor' (town-village-mayor)" in message
    with pytest.raises(UnknownOccupationError, match=r"try `matcher search TEXT`"):
        builtin_model.resolve_occupation("Astronaut")


def test_the_titles_offered_for_an_unknown_job_are_called_similar_names(builtin_model):
    """They are found by spelling and words: "closest: 'Director of Nursing'" for a Nursing
    Assistant read as the nearest job and sent a junior to the top of a ladder."""
    from matcher.match.jobnote import unknown_job_note
    from matcher.match.recommend import rate

    profile = {"current_job": "Nursing Assistant", "skills": {"Personal Care": 4}}
    person, _ = rate(profile, builtin_model)
    note = unknown_job_note(builtin_model, person)
    assert note.startswith("current job not used: no occupation is called 'Nursing Assistant'; ")
    assert "similar names: 'Director of Nursing'" in note and "closest" not in note
    with pytest.raises(UnknownOccupationError) as caught:  # a typo still gets its title first
        builtin_model.resolve_occupation("Acountant")
    assert "; similar names: 'Accountant' (accountant)" in str(caught.value)


def test_unknown_target_jobs_in_a_survey_are_rejected_with_the_closest_titles(
    builtin_model, tmp_path, no_difflib
):
    from matcher import score_survey

    survey = tmp_path / "survey.csv"
    survey.write_text(
        "respondent_id,skill:Policy Planning,target_job\nr1,4,Mayer of a smal town\n",
        encoding="utf-8",
    )
    with pytest.warns(UserWarning):
        frame = score_survey(survey, model=builtin_model)
    reason = frame.attrs["rejects"].to_pandas()["reason"].iloc[0]
    assert "similar names: 'Town/Village Mayor'" in reason, json.dumps(reason)


def test_a_very_long_unknown_title_is_neither_searched_nor_repeated(builtin_model):
    # a survey cell of 120 KB: its reject reason repeated it whole, twice per row, and the
    # fuzzy search over every title took seconds per distinct value
    with pytest.raises(UnknownOccupationError) as caught:
        builtin_model.resolve_occupation("Nurse " * 20_000)
    message = str(caught.value)
    assert len(message) < 400 and "try `matcher search TEXT`" in message
    with pytest.raises(UnknownOccupationError, match="similar names: 'Registered Nurse'"):
        builtin_model.resolve_occupation("Registred Nurse")  # a short one still gets titles


def test_a_tie_goes_to_the_target_more_of_whose_names_match():
    # "bookkeeping" met an alias of three teachers' occupations as well as one of the
    # bookkeeping clerks' (whose title matches too): ties went by code, teachers first
    index = NameIndex(
        [
            ("bookkeeping teacher", "25-1011"),
            ("bookkeeping clerk", "43-3031"),
            ("bookkeeping accounting and auditing clerks", "43-3031"),
        ]
    )
    found = index.find("bookkeeping", limit=2)
    assert [m.target for m in found] == ["43-3031", "25-1011"]
    assert found[0].score == found[1].score
