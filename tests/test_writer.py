"""Writing job-profile documents (GitHub issue 2): what the writer writes reads back the
same, in the spaced layout, and what would not read back is refused."""

from __future__ import annotations

from dataclasses import replace

import pytest
from documents import BASE, DOCUMENTS, SAME_AS_BASE, parse_strict, parse_warned

from matcher import parse_profile, write_profile
from matcher.errors import ProfileWriteError
from matcher.io.profile import Aptitude, Item, JobProfile

GOOD_FIXTURES = sorted(
    {
        *SAME_AS_BASE,
        "plain_table_levels.txt",
        "plain_table_known_names.txt",
        "classification_plain.txt",
        "empty_sections.txt",
        "missing_sections.txt",
        "unknown_heading.txt",
    }
)


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_fixture_round_trips_through_the_writer(name):
    profile, _ = parse_warned(DOCUMENTS / name)
    document = write_profile(profile)
    again, messages = parse_warned(document)
    assert again == profile
    assert len(messages) == len(profile.extra_sections)
    assert write_profile(again) == document


def test_writer_layout_is_the_spaced_one():
    document = write_profile(parse_strict(DOCUMENTS / "plain_table_levels.txt"))
    lines = document.split("\n")
    assert lines[:8] == [
        "Harbour Pilot",
        "",
        "みずさきにん",
        "",
        "Industry & Occupation",
        "",
        "Transport & Logistics",
        "",
    ]
    assert "- Major : Transport and Machine Operation Occupations" in lines
    assert "Calm under pressure (5) / Decisive (4) / Responsible" in lines
    assert (
        "Ship Handling (5) / Chart Reading (4) / Marine Radio Communication (3) / "
        "Maritime Law (2.5)"
    ) in lines
    assert "Deck Officer → Chief Officer → Ship Captain → Harbour Pilot" in lines
    assert "| Stress Tolerance (4.5) | One mistake can block the channel for days. |" in lines
    assert "  • Marine Pilot" in lines
    assert document.endswith("Keywords\n\nport / pilotage / navigation\n")


def test_writer_puts_extra_sections_last_with_a_colon():
    profile, _ = parse_warned(DOCUMENTS / "unknown_heading.txt")
    document = write_profile(profile)
    assert document.endswith(
        "Working Hours:\n\nBoardings at night and at dawn are common.\n"
        "Tides decide the timetable.\n\nLicences:\n\nA pilot licence for the port is required.\n"
    )


@pytest.mark.parametrize(
    ("change", "written"),
    [
        # Regressions: each of these was written so that it read back as something else.
        ({"work_style": ("Night /", "Day")}, "  • Night /\n  • Day\n"),
        ({"tags": ("1.", "harbour")}, "  • 1.\n  • harbour\n"),
        ({"career_path": ("1.", "Deckhand")}, "  • 1.\n  • Deckhand\n"),
        ({"work_style": ("Shift Work:",)}, "Work Style\n\n  • Shift Work:\n"),
        ({"career_path": ("Deckhand:",)}, "Career Path\n\n  • Deckhand:\n"),
        ({"traits": (Item("Calm", 0.1),)}, "Calm (0.1)\n"),
        ({"required_skills": (Item("Python 3.11", 3.0),)}, "Python 3.11 (3)"),
        ({"classification": ("Tags",)}, "- Major : Tags\n"),
        ({"tags": ("Summary",)}, "Tags\n\n  • Summary\n"),
        ({"summary": "Harbour Master"}, "Summary\n\nHarbour Master\n"),
    ],
)
def test_writer_finds_a_form_that_reads_back(change, written):
    profile = replace(BASE, **change)
    document = write_profile(profile)
    assert written in document
    assert parse_strict(document) == profile


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "title '' must be non-empty"),
        ({"title": " Harbour Pilot"}, "without surrounding spaces"),
        ({"title": "Summary"}, "the title 'Summary' reads as a section heading"),
        ({"title": "\ufeffHarbour Pilot"}, "starts with a byte order mark"),
        ({"reading": "TAGS:"}, "the reading 'TAGS:' reads as a section heading"),
        ({"summary": "One.\n\nTwo."}, "a paragraph of summary '' must be non-empty"),
        ({"description": "Steers ships.\nCareer Path"}, "'Career Path' of description reads as"),
        ({"description": "Steers ships.\nHarbour Master"}, "'Harbour Master' of description"),
        ({"outlook": "Harbour Master:"}, "'Harbour Master:' of outlook reads as a heading"),
        ({"work_style": ("Shift\nWork",)}, "an item of work_style 'Shift\\nWork' must be"),
        ({"aliases": ("",)}, "an item of aliases '' must be non-empty"),
        ({"career_path": ("Deckhand\r",)}, "a career path step 'Deckhand\\r'"),
        ({"classification": ("A", "B", "C", "D", "E")}, "classification has 5 levels"),
        ({"classification": ("A", " B")}, "a classification level ' B'"),
        ({"traits": (Item("Calm", 6.0),)}, "the level 6.0 of 'Calm' is outside 0-5"),
        ({"traits": (Item("Calm", -0.5),)}, "the level -0.5 of 'Calm' is outside 0-5"),
        ({"traits": (Item("Calm", float("nan")),)}, "the level nan of 'Calm' is outside 0-5"),
        # '(3.11)' and '(0.00001)' read as versions, refused: a level has at most one decimal
        ({"traits": (Item("Calm", 3.11),)}, "the level 3.11 of 'Calm' has more than one decimal"),
        ({"traits": (Item("Calm", 1e-05),)}, "the level 1e-05 of 'Calm' has more than one"),
        ({"aptitudes": (Aptitude("Teamwork", level=4.25),)}, "the level 4.25 of 'Teamwork' has"),
        ({"required_skills": (Item("Python (3.11)"),)}, "ends like a level '(N)'"),
        ({"required_skills": (Item("Python (2.0.1)", 3.0),)}, "ends like a level '(N)'"),
        ({"required_skills": (Item("Ship Handling (3)"),)}, "ends like a level '(N)'"),
        ({"traits": ("Calm",)}, "traits holds 'Calm', expected Item"),
        ({"aptitudes": (Aptitude("---"),)}, "the aptitude '---' reads as a table rule"),
        ({"aptitudes": (Aptitude("Teamwork", "One.\nTwo."),)}, "the reason for 'Teamwork'"),
        ({"aptitudes": (Aptitude("Teamwork", level=5.5),)}, "the level 5.5 of 'Teamwork'"),
        ({"aptitudes": (Aptitude("Teamwork (2)"),)}, "ends like a level '(N)'"),
        ({"extra_sections": (("Summary", ()),)}, "heading 'Summary' would not read back"),
        ({"extra_sections": (("working hours", ()),)}, "heading 'working hours' would not"),
        ({"extra_sections": (("Licences:", ()),)}, "heading 'Licences:' would not read back"),
        ({"extra_sections": (("# Licences", ()),)}, "heading '# Licences' would not read back"),
        ({"extra_sections": (("Licences", ("Port Pilot:",)),)}, "'Port Pilot:' of section"),
        # a type slip: a str was written a character an item, the rest raised raw errors
        ({"aliases": "Joiner"}, "aliases must be a tuple of str, got a str ('Joiner')"),
        ({"tags": "Shipping"}, "tags must be a tuple of str, got a str ('Shipping')"),
        ({"classification": "Transport"}, "classification must be a tuple of str, got a str"),
        ({"keywords": ("port", 5)}, "keywords holds 5, expected str"),
        ({"title": 5}, "title must be a str, got an int (5)"),
        ({"summary": None}, "summary must be a str, got a NoneType (None)"),
        ({"traits": (Item("Calm", "4"),)}, "the level '4' of 'Calm' is not a number; give a"),
        ({"traits": (Item("Calm", True),)}, "the level True of 'Calm' is not a number"),
        ({"traits": (Item(5, 3.0),)}, "the name of an item of traits must be a str, got an int"),
        ({"aptitudes": (Aptitude("Teamwork", 3),)}, "the reason of an item of aptitudes must be"),
        ({"extra_sections": ("Licences",)}, "extra_sections holds 'Licences', expected tuple"),
        ({"extra_sections": (("Licences", "Port"),)}, "the lines of extra section 'Licences' must"),
    ],
)
def test_writer_refuses_what_would_not_read_back(change, message):
    with pytest.raises(ProfileWriteError) as caught:
        write_profile(replace(BASE, **change))
    assert message in str(caught.value)


def test_a_title_written_as_a_markdown_heading_is_the_same_title():
    text = "Summary\nLooks after the patients of one ward.\n"
    assert parse_profile("# Ward Nurse\n\n" + text).title == "Ward Nurse"
    assert parse_profile("## Ward Nurse\n" + text).title == "Ward Nurse"
    assert parse_profile("#1 Sales Associate\n" + text).title == "#1 Sales Associate"
    with pytest.raises(ProfileWriteError, match="Markdown heading mark"):
        write_profile(JobProfile("# Ward Nurse"))
