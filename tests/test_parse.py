"""Reading job-profile documents (GitHub issue 2): the layouts and variants of the format,
and errors that name the file, line and what was expected.

Fixtures: tests/fixtures/documents holds one occupation of our own (harbour_pilot.txt) in
the spaced layout and one file per variant of the format; variants that say the same thing
must parse equal to it. The seed documents' exact values are tests/test_seeds.py; writing,
tests/test_writer.py.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from documents import BASE, DOCUMENTS, SAME_AS_BASE, parse_strict, parse_warned

from matcher import parse_profile
from matcher.errors import InputError, ProfileParseError, ProfileWarning
from matcher.io.profile import Aptitude, Item, JobProfile


def test_base_fixture_parses_to_the_expected_profile():
    assert parse_strict(DOCUMENTS / "harbour_pilot.txt") == BASE


@pytest.mark.parametrize("name", sorted(SAME_AS_BASE))
def test_variant_parses_equal_to_the_base(name):
    assert parse_strict(DOCUMENTS / name) == BASE, SAME_AS_BASE[name]


def test_line_end_and_bom_fixtures_hold_what_their_names_say():
    # A checkout that normalised these bytes would make the two tests above vacuous.
    crlf = (DOCUMENTS / "crlf.txt").read_bytes()
    assert crlf.count(b"\r\n") == crlf.count(b"\n") > 50
    assert (DOCUMENTS / "bom.txt").read_bytes().startswith(b"\xef\xbb\xbfHarbour Pilot\n")
    base = (DOCUMENTS / "harbour_pilot.txt").read_bytes()
    assert b"\r" not in base and not base.startswith(b"\xef\xbb\xbf")


def test_cr_only_line_ends_and_repeated_boms_are_read_too():
    text = (DOCUMENTS / "harbour_pilot.txt").read_text(encoding="utf-8")
    assert parse_strict(text.replace("\n", "\r")) == BASE
    assert parse_strict("\ufeff\ufeff" + text) == BASE
    assert parse_strict(("\ufeff" + text).encode("utf-8")) == BASE


def test_plain_table_with_levels():
    assert parse_strict(DOCUMENTS / "plain_table_levels.txt") == replace(
        BASE,
        traits=(Item("Calm under pressure", 5.0), Item("Decisive", 4.0), Item("Responsible")),
        required_skills=(
            Item("Ship Handling", 5.0),
            Item("Chart Reading", 4.0),
            Item("Marine Radio Communication", 3.0),  # written without a space before '('
            Item("Maritime Law", 2.5),
        ),
        recommended_skills=(Item("English for Seafarers", 3.0), Item("Weather Forecasting")),
        aptitudes=(
            replace(BASE.aptitudes[0], level=5.0),
            replace(BASE.aptitudes[1], level=4.0),
            replace(BASE.aptitudes[2], level=4.5),
            replace(BASE.aptitudes[3], level=0.0),
        ),
    )


def test_plain_table_where_only_a_known_aptitude_name_ends_the_item():
    profile = parse_strict(DOCUMENTS / "plain_table_known_names.txt")
    assert profile == JobProfile(
        title="Tram Driver",
        industry="Transport & Logistics",
        classification=("Railway Drivers",),
        summary=(
            "Drives city trams on a fixed route and keeps passengers safe on board and at stops."
        ),
        aptitudes=(
            # The longest known name wins: not 'Problem Solving' + 'Skills Breakdowns ...'.
            Aptitude("Problem Solving Skills", "Breakdowns on the line must be handled at once."),
            Aptitude("Time Management", "Timetables leave little slack between stops."),
            Aptitude("Observation Skills", "Pedestrians step onto the tracks without warning."),
            Aptitude("Precision & Accuracy", "Trams must stop level with the platform edge."),
            Aptitude("Physical Stamina", "Early shifts start well before dawn."),
            # Not a known aptitude: two spaces separate it from its reason.
            Aptitude("Route Knowledge", "Every stop, switch and signal on the line must be known."),
        ),
        aliases=("Streetcar Operator",),
        related_jobs=("Bus Driver", "Train Driver"),
    )


def test_classification_as_a_plain_line():
    assert parse_strict(DOCUMENTS / "classification_plain.txt") == replace(
        BASE, classification=("Ship Pilots",)
    )


def test_empty_and_missing_sections_read_as_empty_values():
    expected = replace(
        BASE, outlook="", recommended_skills=(), related_jobs=(), tags=(), keywords=()
    )
    empty = parse_strict(DOCUMENTS / "empty_sections.txt")
    missing = parse_strict(DOCUMENTS / "missing_sections.txt")
    assert empty == expected
    assert missing == expected


def test_unknown_headings_are_kept_with_a_warning_naming_file_and_line():
    path = DOCUMENTS / "unknown_heading.txt"
    profile, messages = parse_warned(path)
    assert profile == replace(
        BASE,
        extra_sections=(
            (
                "Working Hours",
                ("Boardings at night and at dawn are common.", "Tides decide the timetable."),
            ),
            ("Licences", ("A pilot licence for the port is required.",)),
        ),
    )
    assert len(messages) == 2
    assert messages[0].startswith(f"{path}:36: unknown heading 'Working Hours' kept")
    assert messages[1].startswith(f"{path}:79: unknown heading 'Licences' kept")
    assert all("known headings are Industry & Occupation" in m for m in messages)


def test_unknown_heading_after_a_paragraph_in_the_compact_layout():
    profile, messages = parse_warned(
        "Harbour Pilot\nSummary\nSteers ships into port.\nWorking Hours\nMostly at night.\n"
        "Tags\nMaritime\n"
    )
    assert profile.summary == "Steers ships into port."
    assert profile.extra_sections == (("Working Hours", ("Mostly at night.",)),)
    assert profile.tags == ("Maritime",)
    assert len(messages) == 1 and messages[0].startswith("<text>:4: unknown heading")


def test_strict_parsing_fails_on_a_warning():
    # The fixtures that must read cleanly go through parse_strict: it must not let one pass.
    with pytest.raises(ProfileWarning, match="Working Hours"):
        parse_strict(DOCUMENTS / "unknown_heading.txt")


@pytest.mark.parametrize(
    ("line", "steps"),
    [
        ("Deckhand → Deck Officer → Harbour Pilot", ("Deckhand", "Deck Officer", "Harbour Pilot")),
        ("Deckhand -> Deck Officer->Harbour Pilot", ("Deckhand", "Deck Officer", "Harbour Pilot")),
        ("Deckhand ⇒ Harbour Pilot", ("Deckhand", "Harbour Pilot")),
        ("Harbour Pilot", ("Harbour Pilot",)),
    ],
)
def test_career_path_arrows(line, steps):
    assert parse_strict(f"Harbour Pilot\nCareer Path\n{line}\n").career_path == steps


def test_numbered_list_items_are_bullets():
    profile = parse_strict(
        "Harbour Pilot\nRequired Skills\n1. Ship Handling (4)\n2) Chart Reading\n"
    )
    assert profile.required_skills == (Item("Ship Handling", 4.0), Item("Chart Reading"))


def test_a_single_line_too_long_for_a_file_name_is_read_as_text():
    # Regression: this raised OSError (file name too long) from the path check.
    title = "Harbour Pilot " * 30
    assert parse_strict(title).title == title.strip()


def test_a_path_and_its_name_as_a_string_read_the_same():
    path = DOCUMENTS / "harbour_pilot.txt"
    assert parse_strict(str(path)) == parse_strict(path) == BASE


def test_a_mistyped_path_is_a_parse_error_not_a_title(tmp_path, monkeypatch):
    """Issue 11: 'data/profiles/acountant.txt' read as a one-line document titled with it."""
    monkeypatch.chdir(tmp_path)
    for source in ("data/profiles/acountant.txt", "notes.MD", Path("missing.txt"), Path("x")):
        with pytest.raises(ProfileParseError, match="no such file") as caught:
            parse_profile(source)
        assert caught.value.source == str(Path(source)) and caught.value.line is None
    with pytest.raises(ProfileParseError, match="is a folder, not a document"):
        parse_profile(tmp_path)
    assert parse_strict("Nurse/Midwife").title == "Nurse/Midwife"  # a title, not a path


@pytest.mark.parametrize(
    ("row", "line"),
    [
        ("| | Stress Tolerance (4) | Calm under pressure. |", 3),
        (": Stress Tolerance  Calm under pressure.", 3),
        ("- : Calm under pressure.", 3),
    ],
)
def test_an_aptitude_row_without_its_aptitude_is_an_error_naming_the_line(row, line):
    document = f"Harbour Pilot\nAptitudes (Strengths Preferred)\n{row}\n| Teamwork | x |\n"
    with pytest.raises(ProfileParseError, match="an aptitude row without the aptitude") as caught:
        parse_profile(document)
    assert caught.value.line == line


def test_empty_aptitude_rows_are_skipped():
    document = "Harbour Pilot\nAptitudes\n| | |\n|---|---|\n| Teamwork (3) | x |\n| | |\n"
    assert parse_strict(document).aptitudes == (Aptitude("Teamwork", "x", 3.0),)


def test_a_folder_or_a_link_loop_in_a_catalog_is_a_parse_error(tmp_path, capsys):
    from matcher import build_model, check_catalog
    from matcher.cli import main
    from matcher.io.catalog import catalog_digest

    catalog = tmp_path / "catalog"
    shutil.copytree(DOCUMENTS.parent / "catalog", catalog)
    (catalog / "x.txt").mkdir()
    (catalog / "loop.txt").symlink_to("loop.txt")
    findings, _ = check_catalog(catalog)
    assert {(Path(f.source).name, f.message) for f in findings if f.severity == "error"} == {
        ("x.txt", "is a folder, not a document"),
        ("loop.txt", "cannot read it (Too many levels of symbolic links)"),
    }
    for make in (build_model, load_catalog_of, catalog_digest):
        with pytest.raises(ProfileParseError, match=r"(loop|x)\.txt"):
            make(catalog)
    assert main(["build", "--catalog", str(catalog), "-o", str(tmp_path / "m.joblib")]) == 2
    assert "Traceback" not in capsys.readouterr().err
    with pytest.raises(FileNotFoundError, match="is a file, not a folder"):
        build_model(next(catalog.glob("[a-w]*.txt")))


def load_catalog_of(directory):
    from matcher.io.catalog import load_catalog

    return load_catalog(directory)


# ---------------------------------------------------------------------------- errors

BAD_DOCUMENTS = [
    # (file, line, what the message must say)
    ("empty.txt", 1, "the document is empty; expected a title line"),
    (
        "no_title.txt",
        2,
        "expected the occupation title on the first line, found the section heading "
        "'Industry & Occupation'",
    ),
    (
        "duplicate_heading.txt",
        44,
        "section 'Required Skills' appears a second time (first at line 40); merge the two",
    ),
    (
        "text_before_heading.txt",
        5,
        "expected a section heading such as 'Summary' after the title and reading, found "
        "'A pilot steers ships in and out of the port.'",
    ),
    (
        "level_above_five.txt",
        42,
        "level 6 of 'Chart Reading' is outside 0-5; write a level from 0 (none) to 5 (expert)",
    ),
]


@pytest.mark.parametrize(("name", "line", "expected"), BAD_DOCUMENTS)
def test_bad_document_error_names_file_line_and_expectation(name, line, expected):
    path = DOCUMENTS / name
    with pytest.raises(ProfileParseError) as caught:
        parse_profile(path)
    error = caught.value
    assert (error.source, error.line) == (str(path), line)
    assert str(error).startswith(f"{path}:{line}: ")
    assert expected in str(error)
    assert isinstance(error, InputError)  # the CLI turns it into exit status 2


def test_a_zero_byte_file_has_no_title(tmp_path):
    path = tmp_path / "nothing.txt"
    path.write_bytes(b"")
    with pytest.raises(ProfileParseError, match=r"nothing\.txt:1: the document is empty"):
        parse_profile(path)


def test_undecodable_bytes_name_the_line(tmp_path):
    lines = (DOCUMENTS / "harbour_pilot.txt").read_bytes().split(b"\n")
    assert lines[16].startswith(b"Boards ships")
    lines[16] = lines[16].replace(b"port entrance", b"port entr\xe9e")  # Latin-1, not UTF-8
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(ProfileParseError) as caught:
        parse_profile(path)
    assert (caught.value.source, caught.value.line) == (str(path), 17)
    assert str(caught.value) == (
        f"{path}:17: bytes e9 are not valid UTF-8; save the document as UTF-8"
    )


@pytest.mark.parametrize("line_end", [b"\n", b"\r\n", b"\r"])
def test_undecodable_bytes_after_a_bom_name_the_right_byte_and_line(line_end):
    # Regression: with a BOM the offsets were those of the text after it, so the error
    # named the BOM's second byte on line 1; with CR line ends every error was on line 1.
    data = line_end.join([b"\xef\xbb\xbfHarbour Pilot", b"Summary", b"Steers \xff ships."])
    with pytest.raises(ProfileParseError) as caught:
        parse_profile(data)
    assert str(caught.value) == (
        "<bytes>:3: bytes ff are not valid UTF-8; save the document as UTF-8"
    )


def test_bytes_and_text_have_their_own_source_names_unless_one_is_given():
    with pytest.raises(ProfileParseError, match=r"^<bytes>:2: bytes ff "):
        parse_profile(b"Harbour Pilot\n\xff\n")
    with pytest.raises(ProfileParseError, match=r"^<text>:1: expected the occupation title"):
        parse_profile("Summary\nSteers ships.\n")
    with pytest.raises(ProfileParseError, match=r"^upload\.txt:3: section 'Summary' appears"):
        parse_profile("Harbour Pilot\nSummary\nSummary:\n", source="upload.txt")


@pytest.mark.parametrize(
    ("document", "line", "expected"),
    [
        ("Harbour Pilot\nTraits\nCalm (7)\n", 3, "level 7 of 'Calm' is outside 0-5"),
        (
            "Harbour Pilot\nAptitudes\n| Item | Description |\n|---|---|\n"
            "| Teamwork (5) | Crews. |\n| Concentration (5.5) | Long watches. |\n",
            6,
            "level 5.5 of 'Concentration' is outside 0-5",
        ),
        (
            "Harbour Pilot\nAptitudes\nItem Description\nTeamwork (9) Crews work together.\n",
            4,
            "level 9 of 'Teamwork' is outside 0-5",
        ),
        ("Harbour Pilot\nKeywords\nport\nkeywords\n", 4, "section 'Keywords' appears a second"),
    ],
)
def test_inline_errors_name_the_line(document, line, expected):
    with pytest.raises(ProfileParseError) as caught:
        parse_profile(document)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"<text>:{line}: {expected}")


def test_levels_at_the_ends_of_the_scale_are_accepted():
    profile = parse_strict(
        "Harbour Pilot\nRequired Skills\nShip Handling (5) / Chart Reading (0)\n"
    )
    assert profile.required_skills == (Item("Ship Handling", 5.0), Item("Chart Reading", 0.0))


def test_a_utf16_document_is_named_as_such():
    """An editor's "Unicode" save is UTF-16: "bytes ff are not valid UTF-8" said nothing of why."""
    data = "Harbour Pilot\nSummary\nSteers ships.\n".encode("utf-16")
    with pytest.raises(ProfileParseError, match=r"not valid UTF-8 \(the file is UTF-16\); save"):
        parse_profile(data)


def test_a_line_holding_no_word_of_a_heading_is_read_without_normalising_it(monkeypatch):
    """Every line of a document is asked whether it is a heading, and most hold no word of
    one: normalising each (NFKC, marks, remarks, bilingual halves) took a quarter of the
    time 20,000 documents took to read. Such a line is no heading in any form."""
    from matcher.io import job_format

    normalised: list[str] = []
    real = job_format._heading_key
    monkeypatch.setattr(
        job_format, "_heading_key", lambda text: normalised.append(text) or real(text)
    )
    job_format.heading_field.cache_clear()
    document = (
        "Policy Officer\n\nSummary\nPlans budgets for the city.\n\nRequired Skills\n"
        "Budget Management (4) / Policy Planning (3)\n\n**Related Jobs**\n• Budget Analyst\n"
    )
    try:
        profile = parse_strict(document)
    finally:
        job_format.heading_field.cache_clear()
    assert profile.summary == "Plans budgets for the city."
    assert profile.required_skills == (Item("Budget Management", 4.0), Item("Policy Planning", 3.0))
    assert profile.related_jobs == ("Budget Analyst",)
    assert normalised  # the headings are
    assert not [text for text in normalised if "udget" in text or "Officer" in text]
