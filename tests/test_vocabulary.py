"""Canonical names and aliases."""

from __future__ import annotations

import pytest

from matcher.core.vocabulary import Vocabulary, normalize_name
from matcher.errors import InputError
from matcher.io.vocabulary import builtin_vocabulary, read_vocabulary


@pytest.mark.parametrize(
    ("block", "written", "canonical"),
    [
        ("skill", "Administrative Law Knowledge", "Administrative Law"),
        ("skill", "Knowledge of Administrative Laws and Regulations", "Administrative Law"),
        ("skill", "knowledge  of administrative laws AND regulations", "Administrative Law"),
        ("trait", "Has leadership", "Leadership"),
        ("trait", "Leadership", "Leadership"),
        ("trait", "Has cooperativeness", "Cooperativeness"),  # 'has' dropped, no alias needed
        ("aptitude", "Analytical and Logical Thinking", "Analytical & Logical Thinking"),
        ("aptitude", "Ｐｒｏｂｌｅｍ　Ｓｏｌｖｉｎｇ", "Problem Solving"),  # full-width: NFKC
        ("aptitude", "problem-solving", "Problem Solving"),
    ],
)
def test_spellings_resolve_to_one_canonical_name(block, written, canonical):
    assert builtin_vocabulary().resolve(block, written) == canonical


def test_unknown_names_resolve_to_nothing_and_get_suggestions():
    vocabulary = builtin_vocabulary()
    assert vocabulary.resolve("skill", "Underwater Basket Weaving") is None
    assert "'Budget Management'" in vocabulary.suggestions("skill", "Budget Managment")
    # The same word means different things in different blocks.
    assert vocabulary.resolve("trait", "Budget Management") is None


def test_normalize_name_is_idempotent_and_ignores_case_spacing_and_ampersand():
    assert normalize_name("  Planning &  Organization ") == "planning and organization"
    assert normalize_name(normalize_name("Self-Discipline")) == normalize_name("Self-Discipline")


def test_an_alias_naming_two_things_is_refused():
    with pytest.raises(InputError, match="names both"):
        Vocabulary({"skill": {"Budgeting": ("Planning",), "Planning": ()}})


def test_builtin_vocabulary_has_three_blocks_and_its_digest_is_stable():
    vocabulary = builtin_vocabulary()
    assert vocabulary.blocks == ("skill", "aptitude", "trait")
    assert len(vocabulary.names("skill")) >= 150
    assert vocabulary.digest() == read_vocabulary().digest()


def test_vocabulary_file_errors_name_file_and_line(tmp_path):
    for name in ("skills.csv", "aptitudes.csv", "traits.csv"):
        (tmp_path / name).write_text("name,aliases\nA,\n")
    (tmp_path / "traits.csv").write_text("name,aliases\nA,\n,x\n")
    with pytest.raises(InputError, match=r"traits.csv:3: field 'name' is empty"):
        read_vocabulary(tmp_path)
