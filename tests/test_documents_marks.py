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
        "7. Related Jobs",
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
        "Programming (level 4)",
        "Programming (★★★★)",
        "Programming ★★★★☆",
        "Programming [4]",
        "Programming: 4",
        "Programming - 4",
    ],
)
def test_a_level_written_another_way_is_read(written):
    profile = parse_strict(f"HD 3\nRequired Skills\n{written}\n")
    assert profile.required_skills == (Item("Programming", 4.0),)


@pytest.mark.parametrize(
    "written, said",
    [
        ("Programming (3-4)", "a range"),
        ("Programming (4) (3)", "two levels"),
        ("Programming (4/10)", "out of 10"),
        ("Programming [7]", "above 5"),
    ],
)
def test_a_level_that_cannot_be_read_for_sure_is_an_error_naming_the_line(written, said):
    with pytest.raises(ProfileParseError, match=rf"^<text>:3: .*{said}.*'Programming \(4\)'"):
        parse_profile(f"HD 3\nRequired Skills\n{written}\n")


def test_a_bare_number_after_a_name_is_said_and_a_real_name_is_kept_whole():
    profile, messages = parse_warned("HD 3\nRequired Skills\nProgramming 4 / UI/UX Design (3)\n")
    assert profile.required_skills == (Item("Programming 4"), Item("UI/UX Design", 3.0))
    assert len(messages) == 1 and "<text>:3: 'Programming 4'" in messages[0]
    assert "write 'Programming (4)'" in messages[0]


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


def test_zero_width_characters_and_soft_hyphens_are_dropped():
    profile = parse_strict("Data\u200b Analyst\nRequired Skills\nPro\u00adgramming (4)\n")
    assert profile.title == "Data Analyst"
    assert profile.required_skills == (Item("Programming", 4.0),)


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
