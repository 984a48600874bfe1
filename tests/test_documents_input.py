"""Mistyped job-profile documents and arguments: each is read as meant, or refused or warned
about naming the line, never read silently as something else (the adversarial tester's list)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from documents import parse_strict, parse_warned
from helpers import ROOT

from matcher import parse_profile, write_profile
from matcher.errors import InputError, ProfileParseError, ProfileWriteError
from matcher.io.profile import Item, JobProfile

ACCOUNTANT = (ROOT / "data" / "profiles" / "accountant.txt").read_text(encoding="utf-8")
REQUIRED_LINE = 21


def accountant(old: str, new: str) -> str:
    assert old in ACCOUNTANT
    return ACCOUNTANT.replace(old, new)


@pytest.mark.parametrize(
    "written",
    ["(-1)", "()", "( )", "(nan)", "(inf)", "(-inf)", "(1e0)", "(３"],
)
def test_a_mistyped_level_is_an_error_naming_line_item_and_value(written):
    document = accountant("Accounting (3)", f"Accounting {written}")
    if written == "(３":  # no closing bracket: not a level at all, the name keeps it
        assert parse_strict(document).required_skills[0] == Item("Accounting (３")
        return
    with pytest.raises(ProfileParseError) as caught:
        parse_profile(document)
    assert caught.value.line == REQUIRED_LINE
    assert caught.value.message.startswith(f"level {written!r} of 'Accounting' is not a level")
    assert "from 0 (none) to 5 (expert)" in caught.value.message


@pytest.mark.parametrize(
    ("written", "version"),
    [("(3.11)", "3.11"), ("(2.0.1)", "2.0.1"), ("( 3.11 )", "3.11"), ("（3.11）", "3.11")],
)
def test_a_version_in_brackets_is_an_error_naming_line_item_and_value(written, version):
    # 'Python (3.11)' was read as the skill Python at level 3.11
    document = accountant("Bookkeeping (4)", f"Python {written}")
    with pytest.raises(ProfileParseError) as caught:
        parse_profile(document)
    assert (caught.value.source, caught.value.line) == ("<text>", REQUIRED_LINE)
    assert caught.value.message == (
        f"level {written!r} of 'Python' is a version, not a level: a level is a number from 0 "
        f"(none) to 5 (expert) with at most one decimal, such as 'Python (3)', and a version is "
        f"written without brackets, such as 'Python {version}'"
    )


def test_a_version_in_brackets_in_the_aptitude_table_is_an_error_too():
    document = accountant("| Numerical Ability (4) |", "| Numerical Ability (3.11) |")
    with pytest.raises(ProfileParseError, match=r"^<text>:\d+: level '\(3\.11\)' of 'Numer"):
        parse_profile(document)


def test_levels_with_one_decimal_or_none_and_versions_without_brackets_still_read():
    profile = parse_strict(
        accountant(
            "Accounting (3) / Bookkeeping (4) / Financial Reporting (3) / Taxation (2)",
            "Accounting (3.5) / Bookkeeping (4) / Financial Reporting ( 4 ) / Taxation (4.) / "
            "Python 3.11",
        )
    )
    assert profile.required_skills[:5] == (
        Item("Accounting", 3.5),
        Item("Bookkeeping", 4.0),
        Item("Financial Reporting", 4.0),
        Item("Taxation", 4.0),
        Item("Python 3.11"),
    )


@pytest.mark.parametrize("written", ["（3）", "(３)", "（３）"])
def test_a_full_width_level_is_the_level_a_japanese_input_method_types(written):
    # it was refused as "not a level"; NFKC reads it as (3)
    profile = parse_strict(accountant("Accounting (3)", f"Accounting {written}"))
    assert profile.required_skills[0] == Item("Accounting", 3.0)


def test_a_level_in_words_is_kept_in_the_name_with_a_warning():
    profile, messages = parse_warned(accountant("Accounting (3)", "Accounting (high)"))
    assert profile.required_skills[0] == Item("Accounting (high)")
    assert len(messages) == 1 and messages[0].startswith(f"<text>:{REQUIRED_LINE}: '(high)'")


def test_names_with_words_in_brackets_are_unchanged():
    document = (
        "Ward Mayor\nRequired Skills\nPolicy Planning (Public Office) / Elected Office "
        "(4-year Term) (3)\nAliases\nWard Mayor (Tokyo Special Wards)\n"
    )
    profile = parse_strict(document)
    assert profile.required_skills == (
        Item("Policy Planning (Public Office)"),
        Item("Elected Office (4-year Term)", 3.0),
    )
    assert profile.aliases == ("Ward Mayor (Tokyo Special Wards)",)


@pytest.mark.parametrize(
    "heading",
    ["Summary: Prepares", "Summary : Prepares", "Summary：Prepares", "## Summary: Prepares"],
)
def test_a_heading_with_its_text_on_the_same_line_opens_the_section(heading):
    document = accountant("\nSummary\nPrepares", f"\n{heading}")
    assert parse_strict(document) == parse_strict(ACCOUNTANT)


@pytest.mark.parametrize("mark", ["\ufeff", "\u200b", "\u200b \ufeff"])
def test_an_invisible_character_before_a_heading_does_not_hide_it(mark):
    document = accountant("\nSummary\n", f"\n{mark}Summary\n")
    assert parse_strict(document) == parse_strict(ACCOUNTANT)


def test_a_second_heading_with_text_after_its_colon_stays_text():
    document = accountant("Prepares and", "Summary: prepares and")
    assert parse_strict(document).summary.startswith("Summary: prepares and")


@pytest.mark.parametrize("gap", ["\t/\t", "\u00a0/\u00a0", " /\u3000", "  /  "])
def test_items_split_on_a_slash_with_any_space_around_it(gap):
    document = accountant("Accounting (3) / Bookkeeping (4)", f"Accounting (3){gap}Bookkeeping (4)")
    assert parse_strict(document) == parse_strict(ACCOUNTANT)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "Accounting (3) / Bookkeeping (4)",
            "Accounting (3) / Accounting (5)",
            f"<text>:{REQUIRED_LINE}: skill 'Accounting' (level 5, Required Skills) is already "
            f"listed at line {REQUIRED_LINE} as 'Accounting' (level 3, Required Skills)",
        ),
        (
            "Financial Analysis (2)",
            "Bookkeeping (2)",
            f"<text>:23: skill 'Bookkeeping' (level 2, Recommended Skills) is already listed at "
            f"line {REQUIRED_LINE} as 'Bookkeeping' (level 4, Required Skills)",
        ),
        (
            "Integrity / Sense",
            "Integrity / integrity / Sense",
            "<text>:15: trait 'integrity' (no level, Personality Traits) is already listed at "
            "line 15 as 'Integrity' (no level, Personality Traits)",
        ),
    ],
)
def test_an_item_listed_twice_is_warned_about_with_both_lines_and_values(old, new, expected):
    _, messages = parse_warned(accountant(old, new))
    assert len(messages) == 1 and messages[0].startswith(expected)
    assert "only the stronger requirement counts" in messages[0]


def test_an_item_and_its_alias_are_one_item():
    # "Accountancy" is an alias of "Accounting" in data/vocabulary/skills.csv
    _, messages = parse_warned(accountant("Auditing (2)", "Auditing (2) / Accountancy (1)"))
    assert len(messages) == 1
    assert "skill 'Accountancy' (level 1, Required Skills) is already listed" in messages[0]
    assert "as 'Accounting' (level 3, Required Skills)" in messages[0]


@pytest.mark.parametrize("name", ["/work/main/data/profiles", "/dev/null", "data/profiles"])
def test_a_string_naming_a_folder_or_a_device_is_refused_as_a_path(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    if not Path(name).exists():
        pytest.skip(f"{name} does not exist here")
    with pytest.raises(ProfileParseError, match=r"is a folder|is not a regular file") as caught:
        parse_profile(name)
    assert caught.value.source == name


def test_a_document_over_the_size_cap_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Big\nSummary\n" + b"x" * (1 << 20))
    with pytest.raises(ProfileParseError, match="is larger than 1 MB"):
        parse_profile(big)


@pytest.mark.parametrize("value", [{"title": "Accountant"}, 3, None, ["Accountant"]])
def test_an_argument_of_another_type_is_an_input_error_saying_what_is_accepted(value):
    with pytest.raises(InputError, match=r"reads a path .* text .* bytes, not a"):
        parse_profile(value)  # type: ignore[arg-type]


def test_an_extra_markdown_cell_is_warned_about_naming_the_line():
    document = accountant("| Numerical Ability (4) |", "| Numerical Ability (4) | x |")
    profile, messages = parse_warned(document)
    assert len(messages) == 1 and messages[0].startswith("<text>:29: aptitude row")
    assert "has 3 cells; expected two" in messages[0]
    assert profile.aptitudes[2].reason.startswith("x | Allocations")


def test_classification_labels_out_of_order_are_warned_about():
    document = accountant("- Middle : Accounting and Finance Professionals\n", "").replace(
        "- Minor : Corporate Accountants", "- Minor : Corporate Accountants\n- Major : Finance"
    )
    profile, messages = parse_warned(document)
    assert profile.classification[-1] == "Finance"
    assert len(messages) == 1
    assert messages[0].startswith("<text>:7: classification label 'Major' comes after 'Minor'")


def test_every_valid_document_still_reads_without_a_warning():
    for path in sorted((ROOT / "data" / "profiles").glob("*.txt")):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parse_profile(path)


def test_json_is_named_as_such_not_read_as_a_title():
    # a self-assessment passed to the job-document reader was a profile titled with its JSON
    with pytest.raises(ProfileParseError, match=r"<text>:2: this looks like JSON"):
        parse_profile('\n  {"skills": {"Patient Care": 5}}')
    with pytest.raises(ProfileWriteError, match="starts with '\\{'"):
        write_profile(JobProfile('{"Nurse"}'))
