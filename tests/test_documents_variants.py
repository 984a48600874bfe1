"""Variants of the job-profile format a catalog author or an export tool writes, beyond the
seeds: each read as meant, or said in a warning that names the line (a hostile tester's
documents, 2026-12-01; every one had lost or mangled content unsaid). Each document read
is also written back and read again unchanged."""

from __future__ import annotations

import warnings

import pytest
from documents import parse_strict, parse_warned

from matcher import parse_profile, write_profile
from matcher.errors import ProfileWarning
from matcher.io.profile import Aptitude, Item


def _round_trips(profile) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProfileWarning)  # an extra section is said again
        assert parse_profile(write_profile(profile)) == profile


def test_a_misspelt_heading_after_a_path_or_a_list_on_one_line_opens_its_own_section():
    # compact layout: the misspelt heading and the skills under it were steps of the path
    profile, messages = parse_warned(
        "Harbour Pilot\nSummary\nGuides ships into port.\nCareer Path\n"
        "Deck Officer → Ship Captain → Harbour Pilot\nRequird Skills\n"
        "Navigation (5) / Seamanship (5)\nRecommended Skills\n"
        "Foreign Languages (3) / Traffic Regulations (3)\nQualifications\n"
        "Pilot Licence / Medical Certificate\n"
    )
    assert profile.career_path == ("Deck Officer", "Ship Captain", "Harbour Pilot")
    assert profile.recommended_skills == (
        Item("Foreign Languages", 3.0),
        Item("Traffic Regulations", 3.0),
    )
    assert [heading for heading, _ in profile.extra_sections] == [
        "Requird Skills",
        "Qualifications",
    ]
    assert len(messages) == 2
    assert (
        "<text>:6: unknown heading 'Requird Skills' (did you mean 'Required Skills'?)"
        in (messages[0])
    )
    _round_trips(profile)


def test_a_seed_style_aptitude_row_keeps_its_known_name_whatever_the_reason_holds():
    profile = parse_strict(
        "Night Ferry Purser\nAptitudes (Strengths Preferred)\nItem Description\n"
        "Stress Tolerance Overnight crossings - often in rough seas - bring surprises.\n"
        "Communication Skills Passengers ask about everything: cabins, meals, arrival.\n"
        "Concentration (4)\n"
    )
    assert profile.aptitudes == (
        Aptitude(
            "Stress Tolerance", "Overnight crossings - often in rough seas - bring surprises."
        ),
        Aptitude(
            "Communication Skills", "Passengers ask about everything: cabins, meals, arrival."
        ),
        Aptitude("Concentration", "", 4.0),  # its level, not a reason "(4)"
    )


@pytest.mark.parametrize(
    "table",
    [
        "Item | Description\n:--- | :---\n",  # no outer pipes, alignment colons
        "| Item | Description |\n",  # no separator row
    ],
)
def test_a_markdown_table_without_its_outer_pipes_or_separator_row(table):
    profile = parse_strict(
        f"Glass Blower\nAptitudes (Strengths Preferred)\n{table}"
        + ("| Manual Dexterity (4) | Molten glass needs steady hands. |\n")
        + ("Stress Tolerance (3) | Furnaces run hot.\n" if "---" in table else "")
    )
    assert profile.aptitudes[0] == Aptitude(
        "Manual Dexterity", "Molten glass needs steady hands.", 4
    )
    assert all(a.name not in ("Item", ":---") for a in profile.aptitudes)
    _round_trips(profile)


@pytest.mark.parametrize("arrow", ["→", "->", "-->", "=>", "⇒", "➡", "⟶", ">"])
def test_a_career_path_with_any_common_arrow(arrow):
    profile = parse_strict(
        f"Sommelier\nCareer Path\nWaiter {arrow} Assistant Sommelier {arrow} Sommelier\n"
    )
    assert profile.career_path == ("Waiter", "Assistant Sommelier", "Sommelier")


def test_a_list_wrapped_at_its_slash_or_ending_in_one_keeps_its_items_and_levels():
    profile = parse_strict(
        "Scaffolder\nRequired Skills\nScaffolding (4) / Rigging (3) /\nWorking at Heights (5)\n"
        "Recommended Skills\nTraffic Regulations (3) /\n"
    )
    assert profile.required_skills == (
        Item("Scaffolding", 4.0),
        Item("Rigging", 3.0),
        Item("Working at Heights", 5.0),
    )
    assert profile.recommended_skills == (Item("Traffic Regulations", 3.0),)
    # a slash inside a name is no separator
    assert parse_strict("Engineer\nTags\nTCP/IP / Input/Output\n").tags == (
        "TCP/IP",
        "Input/Output",
    )


def test_japanese_headings_full_width_slashes_and_levels():
    profile = parse_strict(
        "司書\nししょ\n概要\n図書館で資料を管理する。\n必要なスキル\n"
        "Library Science (4) ／ Records Management（３）\n性格\n几帳面／忍耐強い\n"
    )
    assert (profile.title, profile.reading) == ("司書", "ししょ")
    assert profile.summary == "図書館で資料を管理する。"
    assert profile.required_skills == (
        Item("Library Science", 4.0),
        Item("Records Management", 3.0),
    )
    assert profile.traits == (Item("几帳面"), Item("忍耐強い"))
    _round_trips(profile)


def test_a_heading_with_its_text_inside_prose_is_said():
    # "Traits: calm at height." in a description opened the traits section, unsaid
    profile, messages = parse_warned(
        "Steeplejack\nDescription\nWorks on towers.\nTraits: calm at height.\n"
    )
    assert profile.description == "Works on towers."
    assert profile.traits == (Item("calm at height."),)
    assert len(messages) == 1 and messages[0].startswith(
        "<text>:4: 'Traits: calm at height.' read as the 'Personality Traits' section"
    )
    assert "write it without the colon after 'Traits'" in messages[0]


def test_a_bullet_mark_with_or_without_a_space():
    # "•Sales" and "・養蜂家" kept the mark in the name (aliases and tags are checked by nothing)
    profile = parse_strict(
        "Apiarist\nAliases\n•Bee Keeper\n●Apiarist Assistant\n■ Bee Farmer\n・養蜂家\n"
        "Related Jobs\n- Farm Worker\n"
    )
    assert profile.aliases == ("Bee Keeper", "Apiarist Assistant", "Bee Farmer", "養蜂家")
    assert profile.related_jobs == ("Farm Worker",)
    _round_trips(profile)


def test_a_list_or_path_wrapped_before_its_last_item_keeps_it():
    # the last item was read as an unknown heading, its level lost with it
    profile = parse_strict(
        "Teller\nRequired Skills\nBanking Operations (3) / Cash Handling (4) /\n"
        "Customer Service (3)\nCareer Path\nAssistant →\nSenior →\nTeller\n"
    )
    assert profile.required_skills[-1] == Item("Customer Service", 3.0)
    assert profile.career_path == ("Assistant", "Senior", "Teller")


def test_an_ascii_arrow_without_spaces_is_part_of_a_name():
    assert parse_strict("Router\nCareer Path\nClerk (A=>B routing) → Router\n").career_path == (
        "Clerk (A=>B routing)",
        "Router",
    )


def test_a_table_with_a_header_row_but_neither_pipes_nor_separator():
    profile = parse_strict(
        "Glass Blower\nAptitudes\nItem | Description\nNumerical Ability (3) | x\n"
    )
    assert profile.aptitudes == (Aptitude("Numerical Ability", "x", 3.0),)


def test_a_heading_with_text_whose_section_has_its_own_heading_line_is_prose():
    # "Traits: calm." before the real Personality Traits heading stopped the build: "section
    # 'Personality Traits' appears a second time"
    profile = parse_strict(
        "Cashier\nDescription\nScans goods.\nTraits: calm under queues.\n"
        "Personality Traits\nPatience\n"
    )
    assert profile.description == "Scans goods.\nTraits: calm under queues."
    assert profile.traits == (Item("Patience"),)


def test_a_full_width_slash_between_latin_words_is_part_of_a_name():
    # "CAD／CAM" is one skill; between Japanese words the slash parts them
    profile = parse_strict("Drafter\nRequired Skills\nCAD／CAM (3) ／ Drafting (4)\n")
    assert profile.required_skills == (Item("CAD／CAM", 3.0), Item("Drafting", 4.0))
    _round_trips(profile)
