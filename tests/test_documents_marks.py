"""How authors mark what the format writes plainly (a tester's documents, 2026-12-01): headings in
Markdown emphasis or numbered, levels written as fractions or stars, items joined by commas,
invisible characters from Word, a misspelt first heading, related jobs said twice. Each is read
as meant or said with its line; none is lost or mangled unsaid."""

from __future__ import annotations

import pytest
from documents import parse_strict, parse_warned

from matcher import check_catalog, parse_profile
from matcher.errors import ProfileParseError
from matcher.io.catalog import load_catalog
from matcher.io.profile import Item

SKILLS = "Programming (4) / Statistics (3)"


@pytest.mark.parametrize(
    "heading",
    [
        "**Related Jobs**",
        "__Related Jobs__",
        "*Related Jobs:*",
        "### 7. Related Jobs",
        "**7. Related Jobs**",
        "Related Jobs (see catalog)",
        "## Related Jobs ##",
    ],
)
def test_a_marked_heading_opens_its_section(heading):
    profile = parse_strict(
        f"HD 3\nSummary\nA job.\nRequired Skills\n{SKILLS}\n{heading}\nTech Lead\n"
    )
    assert profile.required_skills == (Item("Programming", 4.0), Item("Statistics", 3.0))
    assert profile.related_jobs == ("Tech Lead",)


@pytest.mark.parametrize(
    "written",
    [
        "Programming (4/5)",
        "Programming 4/5",
        "Programming (★★★★)",
        "Programming ★★★★☆",
        "Programming: 4",
        "Programming - 4",
    ],
)
def test_a_level_written_another_way_is_read(written):
    profile = parse_strict(f"HD 3\nRequired Skills\n{written}\n")
    assert profile.required_skills == (Item("Programming", 4.0),)


@pytest.mark.parametrize(
    "written, said",
    [("Programming (4) (3)", "two levels"), ("Programming (4/10)", "out of 10")],
)
def test_a_level_that_cannot_be_read_for_sure_is_an_error_naming_the_line(written, said):
    with pytest.raises(ProfileParseError, match=rf"^<text>:3: .*{said}.*'Programming \(4\)'"):
        parse_profile(f"HD 3\nRequired Skills\n{written}\n")


@pytest.mark.parametrize(
    "written",
    ["Programming 4", "Programming (level 4)", "Programming [4]", "Programming (3-4)"],
)
def test_what_may_be_a_level_is_kept_in_the_name_and_said(written):
    """A qualification's level is a name ("First Aid (Level 3)"), and so may a footnote mark
    or a range be: kept whole, never a level taken from it unsaid, nor the document refused."""
    profile, messages = parse_warned(f"HD 3\nRequired Skills\n{written} / UI/UX Design (3)\n")
    assert profile.required_skills == (Item(written), Item("UI/UX Design", 3.0))
    assert len(messages) == 1 and messages[0].startswith(f"<text>:3: {written!r}")
    assert "such as 'Programming (4)'" in messages[0]


@pytest.mark.parametrize(
    "name",
    [
        "ISO 14001:2015",
        "IELTS: 6.5",
        "Microsoft Office 2016 - 2019",
        "Teaching Ages 3 - 5",
        "Key Stage 1 - 2",
        "Lifting - 25",
        "Trading Desk Support 24/5",
        "Support 24/7",
        "Hotel Service 5★",
        "Michelin ★",
        "Office 365",
        "Windows 11",
        "HGV Class 1",
        "Piano: Grade 5",
        "Tier 2 Support",
        "BS 7671:2018 Wiring Regulations",
    ],
)
def test_names_with_numbers_are_kept_whole_without_a_word(name):
    """Versions, standards, ranges, grades and years (a tester's false positives of the
    first version of these rules: 'ISO 14001:2015' refused as a level above 5, 'Teaching Ages
    3 - 5' read as 'Teaching Ages 3' at 5)."""
    profile = parse_strict(f"HD 3\nRequired Skills\n- {name}\n- Statistics (3)\n")
    assert profile.required_skills == (Item(name), Item("Statistics", 3.0))


def test_a_numbered_list_item_that_is_a_heading_word_stays_an_item():
    profile = parse_strict(
        "Clerk\nSummary\nFiles.\nRequired Skills\n1. Outlook\n2. Document Preparation (4)\n"
        "3. Excel\n"
    )
    assert profile.required_skills == (
        Item("Outlook"),
        Item("Document Preparation", 4.0),
        Item("Excel"),
    )


def test_a_marked_sub_heading_of_a_section_already_read_is_its_text():
    profile = parse_strict(
        "Manager\nSummary\nRuns things.\n## Description\n**Overview**\nThe manager leads.\n"
        "**Duties**\nPlans.\nRequired Skills\nPlanning (4)\n"
    )
    assert profile.summary == "Runs things."
    assert "**Overview**" in profile.description and "Plans." in profile.description


def test_a_sentence_with_a_remark_before_its_colon_is_no_heading():
    profile = parse_strict(
        "Plumber\nSummary\nFixes pipes.\nDescription\nCareer Path (typical): apprentice, then "
        "improver.\nRequired Skills\nPlumbing (4)\n"
    )
    assert profile.career_path == () and profile.description.startswith("Career Path (typical)")


def test_comma_and_semicolon_lists_are_split_into_their_items():
    profile = parse_strict(
        "HD 3\nRequired Skills\nProgramming (4), Statistics (3), Data Analysis (3)\n"
        "Recommended Skills\nTeaching; Negotiation; Cloud Computing\n"
    )
    assert profile.required_skills == (
        Item("Programming", 4.0),
        Item("Statistics", 3.0),
        Item("Data Analysis", 3.0),
    )
    assert [i.name for i in profile.recommended_skills] == [
        "Teaching",
        "Negotiation",
        "Cloud Computing",
    ]


def test_a_list_that_cannot_be_split_for_sure_is_said():
    profile, messages = parse_warned("HD 3\nRequired Skills\nBasket Weaving; Kite Flying\n")
    assert profile.required_skills == (Item("Basket Weaving; Kite Flying"),)
    assert len(messages) == 1 and messages[0].startswith("<text>:3: skill")


@pytest.mark.parametrize(
    "written", ["Accounting, Auditing (4)", "Food Safety, HACCP (3)", "Reading, Writing (4)"]
)
def test_a_level_after_the_last_name_only_keeps_the_item_whole(written):
    """Split, "Accounting, Auditing (4)" left Accounting without the 4 its author meant, and
    "Food Safety, HACCP (3)" (an alias of it) listed one item twice."""
    profile = parse_strict(f"HD 3\nRequired Skills\n{written}\n")
    name, level = written.rsplit(" (", 1)
    assert profile.required_skills == (Item(name, float(level.rstrip(")"))),)


def test_zero_width_characters_and_soft_hyphens_are_dropped():
    profile = parse_strict("Data\u200b Analyst\nRequired Skills\nPro\u00adgramming (4)\n")
    assert profile.title == "Data Analyst"
    assert profile.required_skills == (Item("Programming", 4.0),)
    marked = parse_strict("Data Analyst\u200e\nRequired Skills\n\u200fStatistics (3)\n")
    assert marked.title == "Data Analyst" and marked.required_skills == (Item("Statistics", 3.0),)


def test_joiners_that_scripts_and_emoji_are_written_with_stay():
    persian = "مهندس نرم\u200cافزار"  # software engineer: the ZWNJ is part of the spelling
    nurse = "\U0001f469\u200d\u2695\ufe0f Nurse"
    profile = parse_strict(f"{persian}\nRelated Jobs\n- {nurse}\n")
    assert profile.title == persian and profile.related_jobs == (nurse,)


def test_a_nul_byte_is_an_error_naming_its_line():
    with pytest.raises(ProfileParseError, match=r"^<bytes>:3: .*NUL"):
        parse_profile(b"Title\nRequired Skills\nPro\x00gramming (4)\n")


def test_a_misspelt_first_heading_is_no_reading():
    profile, messages = parse_warned(
        "Typo Heading\nRequird Skills\nProgramming (4) / Statistics (4)\n"
    )
    assert profile.reading == ""
    assert len(messages) == 1
    assert messages[0].startswith(
        "<text>:2: unknown heading 'Requird Skills' (did you mean 'Required Skills'?)"
    )


def test_a_reading_is_still_a_reading():
    assert (
        parse_strict("Harbour Pilot\nみずさきにん\nSummary\nGuides ships.\n").reading
        == "みずさきにん"
    )


def test_related_jobs_naming_the_occupation_or_said_twice_are_warned_of():
    profile, messages = parse_warned(
        "Data Analyst\nAliases\nAnalyst\nRelated Jobs\nanalyst\nTech Lead\ntech lead\n"
        "TECH LEAD\nTech  Lead\nTech Lead.\n"
    )
    assert profile.related_jobs == (
        "analyst",
        "Tech Lead",
        "tech lead",
        "TECH LEAD",
        "Tech  Lead",
        "Tech Lead.",
    )
    assert messages[0].startswith("<text>:5: related job 'analyst' is this occupation itself")
    assert [m.split(":")[1] for m in messages[1:]] == ["7", "8", "9", "10"]
    assert all("already listed at line 6" in m for m in messages[1:])


def test_hidden_files_in_a_catalog_are_skipped_and_named(tmp_path):
    (tmp_path / "clerk.txt").write_text("Clerk\nSummary\nFiles papers.\n")
    (tmp_path / "._clerk.txt").write_bytes(b"\x00\x05\x16\x07binary")
    (tmp_path / ".hidden.txt").write_text("Hidden\nSummary\nNot an occupation.\n")
    with pytest.warns(UserWarning, match=r"skipped 2 entries .*\._clerk\.txt, \.hidden\.txt"):
        catalog = load_catalog(tmp_path)
    assert [o.id for o in catalog] == ["clerk"]
    findings, _ = check_catalog(tmp_path)
    assert not [f for f in findings if f.severity == "error"]
    assert any(".hidden.txt" in f.message for f in findings)


@pytest.mark.parametrize("name", ["Python 3", "24/7 Support", "Shift Work 24/7"])
def test_a_name_the_reader_keeps_whole_is_written_and_read_back(name):
    """A name ending in a number is kept (with a warning) by the reader, so the writer has no
    reason to refuse it; one the reader would take a level from, it must."""
    import dataclasses
    import warnings

    from matcher import write_profile
    from matcher.errors import ProfileWriteError

    base = parse_strict("Data Analyst\nSummary\nReads data.\nRequired Skills\nStatistics (3)\n")
    for level in (4.0, None):
        profile = dataclasses.replace(base, required_skills=(Item(name, level),))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert parse_profile(write_profile(profile)) == profile
    with pytest.raises(ProfileWriteError, match="ends like a level"):
        write_profile(dataclasses.replace(base, required_skills=(Item("Statistics: 4", None),)))


def test_numbered_headings_of_an_hr_template_open_their_sections():
    profile = parse_strict(
        "Payroll Officer\n1. Summary\nRuns the monthly payroll.\n2. Required Skills\n"
        "- Payroll Processing (4)\n3. Related Jobs\n- Accountant\n"
    )
    assert profile.summary == "Runs the monthly payroll."
    assert profile.required_skills == (Item("Payroll Processing", 4.0),)
    assert profile.related_jobs == ("Accountant",)


def test_a_heading_word_inside_a_numbered_list_stays_an_item():
    profile = parse_strict(
        "Clerk\nSummary\nFiles.\nRequired Skills\n1. Excel\n2. Outlook\n3. Word\n"
    )
    assert [i.name for i in profile.required_skills] == ["Excel", "Outlook", "Word"]


@pytest.mark.parametrize(
    "path",
    [
        "1) Commis Chef -> 2) Chef de Partie -> 3) Sous Chef",
        "- Commis Chef → Chef de Partie → Sous Chef",
        "1. Commis Chef\n2. Chef de Partie\n3. Sous Chef",
    ],
)
def test_career_path_steps_lose_their_numbers_and_bullets(path):
    profile = parse_strict(f"Head Chef\nSummary\nCooks.\nCareer Path\n{path}\n")
    assert profile.career_path == ("Commis Chef", "Chef de Partie", "Sous Chef")


@pytest.mark.parametrize("heading", ["Summary / 概要", "Summary\n概要"])
def test_a_heading_in_two_languages_is_one_heading(heading):
    profile = parse_strict(f"Clerk\n{heading}\nFiles.\nRequired Skills\nExcel (3)\n")
    assert profile.summary == "Files." and profile.required_skills == (Item("Excel", 3.0),)


def test_common_hr_spellings_of_the_headings_are_known():
    profile = parse_strict(
        "Clerk\nJob Summary\nFiles.\nEssential Skills\nExcel (3)\nDesirable Skills\nWord (2)\n"
    )
    assert profile.summary == "Files."
    assert profile.required_skills == (Item("Excel", 3.0),)
    assert profile.recommended_skills == (Item("Word", 2.0),)


def test_a_level_with_spaces_or_a_point_inside_its_brackets_is_read():
    profile = parse_strict("Dev\nRequired Skills\nProgramming (4 ) / Statistics ( 3 ) / SQL (4.)\n")
    assert [i.level for i in profile.required_skills] == [4.0, 3.0, 4.0]


def test_heading_words_among_tags_are_tags():
    profile = parse_strict(
        "Office Admin\nSummary\nRuns the office.\nIndustry & Occupation\nAdmin\nTags\nIndustry\n"
        "Overview\n"
    )
    assert profile.tags == ("Industry", "Overview") and profile.industry == "Admin"


def test_a_document_written_all_inline_is_read_without_a_word():
    profile = parse_strict(
        "Paralegal\nSummary: Supports lawyers.\n"
        "Required Skills: Legal Research (3) / Drafting (3)\nRelated Jobs: Lawyer\n"
    )
    assert profile.summary == "Supports lawyers." and profile.related_jobs == ("Lawyer",)
