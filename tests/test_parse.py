"""Reading and writing job-profile documents (GitHub issue 2).

Conformance: the two seed documents in ../shared/seeds parse to exactly the values they
hold. Their long sentences must not be copied into the project, so summary, description,
outlook and aptitude reasons are compared by SHA-256 digest (taken once from the seed
files) plus a few short facts; everything short is compared literally.

Fixtures: tests/fixtures/documents holds one occupation of our own (harbour_pilot.txt) in
the spaced layout and one file per variant of the format; variants that say the same thing
must parse equal to it.
"""

from __future__ import annotations

import hashlib
import shutil
import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import shared_or_skip

from matcher import parse_profile, write_profile
from matcher.errors import InputError, ProfileParseError, ProfileWarning, ProfileWriteError
from matcher.io.profile import Aptitude, Item, JobProfile

DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_strict(source: str | Path | bytes) -> JobProfile:
    """Parse, failing the test on any ProfileWarning: good documents must read cleanly."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", ProfileWarning)
        return parse_profile(source)


def parse_warned(source: str | Path | bytes) -> tuple[JobProfile, list[str]]:
    """Parse, returning the profile and the ProfileWarning messages it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        profile = parse_profile(source)
    assert all(issubclass(w.category, ProfileWarning) for w in caught)
    return profile, [str(w.message) for w in caught]


# ----------------------------------------------------------------------------- seeds

SEED_SPACED = "000_e64862f5ff4c7e01.txt"
SEED_COMPACT = "002_157bf45b0a8ed906.txt"


def fingerprint(profile: JobProfile) -> JobProfile:
    """The profile with its long prose replaced by SHA-256 digests."""
    return replace(
        profile,
        summary=sha(profile.summary),
        description=sha(profile.description),
        outlook=sha(profile.outlook),
        aptitudes=tuple(replace(a, reason=sha(a.reason)) for a in profile.aptitudes),
    )


def items(*names: str) -> tuple[Item, ...]:
    return tuple(Item(name) for name in names)


SEED_SPACED_EXPECTED = JobProfile(
    title="Ward Mayor (Tokyo Special Wards)",
    reading="くちょう(とうきょうと の とくべつく)",
    industry="Public Service, Legal & Administration",
    classification=(),  # the heading is there, with nothing under it
    summary="1c9c7b89bdf7795fd04be7c6093f234f459b33f0ee8bfe70c8e9da2dc0ad3fcb",
    description="9bffba83588922c56ab8187abfb6f066df266eca1e1d7cf52e81365b3990b7b4",
    outlook="26b7bc1c4c5b7cc7fd567c45d04d404c470dcc9309c53064cdd87f0498e8172c",
    traits=items(
        "Can respond flexibly",
        "Has a sense of public service",
        "Has high ethical standards",
        "Has leadership",
        "Has strong crisis management abilities",
    ),
    work_style=("Flexitime", "Full-time Public Servant", "On-site Work", "Remote Work Combined"),
    career_path=(
        "General Administrative Staff",
        "Section Chief Level",
        "Department Head Level",
        "Deputy Ward Mayor",
        "Ward Mayor",
    ),
    required_skills=items(
        "Crisis Management",
        "Financial Budget Management",
        "Knowledge of Administrative Laws and Regulations",
        "Policy Planning",
        "Public Relations Communication",
        "Stakeholder Management",
    ),
    recommended_skills=items("Data Analysis", "IT Literacy", "Language Skills", "Media Relations"),
    aptitudes=(
        Aptitude(
            "Analytical & Logical Thinking",
            "3cc215e8f1e4147f92f20554460e99f992279d3f82676b1c24e1900b8230c9bf",
        ),
        Aptitude(
            "Communication Skills",
            "fbc13508ba69ee80816e89bae0a22ca5cf12ece25c8eb63bfe032782dd845a90",
        ),
        Aptitude(
            "Initiative & Leadership",
            "20b3d5500095024c0a77589ffa8a602d94abe90bfd75377f65e0d5d538b477c1",
        ),
        Aptitude(
            "Planning & Organization",
            "e10d81c82af47b277666f868d5abfff7a72841b7c13a698c751d90386a9b2b4b",
        ),
        Aptitude(
            "Problem Solving",
            "e9cf651fec7cab6bea751b4f29ec18eab78b38f4fb9c9106cf6c3944befc230b",
        ),
        Aptitude(
            "Stress Tolerance",
            "3ffe6ad397f69ee1735d16f96814b064441e63b43808b5cbacdb7ce9aae1be2a",
        ),
    ),
    aliases=("Special Ward Mayor",),
    related_jobs=(
        "City Mayor",
        "Local Government Official",
        "Tokyo Governor",
        "Town/Village Mayor",
        "Ward Councilor",
    ),
    tags=(),
    keywords=(),
)

SEED_COMPACT_EXPECTED = JobProfile(
    title="Deputy Mayor",
    reading="",
    industry="",  # heading present, empty
    classification=(
        "Managerial Occupations",
        "Other Managerial Occupations",
        "Administrative Public Officials",
    ),
    summary="758f6f71deb2fb5c7a3439bd90125939700e16c698ddf8cfb6bd49127e170710",
    description="163f8579dcb729a04812c466ca42cc6edcdfd832baa3e76ab13206624d65ba24",
    outlook="0fbeb0cdf9e4e233285e9cbf951c45c187e98409799b744f1d17ccaf05060f2d",
    traits=items(
        "Excellent judgment",
        "Has cooperativeness",
        "Has integrity",
        "Meticulous attention to detail",
        "Strong sense of responsibility",
    ),
    work_style=(
        "Administrative Agency Employment",
        "Discretionary Labor System",
        "Flex-time System",
        "Remote",
    ),
    career_path=(
        "Local Government Employee (Administrative Position)",
        "Section Chief Level Staff",
        "Director Level Staff",
        "Deputy Mayor",
        "Mayor",
    ),
    required_skills=items(
        "Administrative Law Knowledge",
        "Budget Management",
        "Crisis Management",
        "Meeting Facilitation",
        "Policy Planning",
    ),
    recommended_skills=items(
        "Data Analysis",
        "Negotiation Skills",
        "Personnel and Labor Management",
        "Public Relations Communication",
    ),
    aptitudes=(
        Aptitude(
            "Analytical & Logical Thinking",
            "54051feadf820e0598d82fa2ae1cc3e1ac2baba781bd58048d48b279f79b5106",
        ),
        Aptitude(
            "Communication Skills",
            "edc1c8fcd6e22bcbba61d97f76226ea68bf8b8b3089362c0842673df681082cd",
        ),
        Aptitude(
            "Initiative & Leadership",
            "6665f7287f66fd51a6fbd92ec1a0570ad9073ce58df20bf9a033afe8084f88fe",
        ),
        Aptitude(
            "Planning & Organization",
            "b892a54ca5c082c4b887342647b576bf7a39bf5c4025a3d55559048203e671c1",
        ),
        Aptitude(
            "Problem Solving",
            "5321ab08b5fff6ce3206c6f2e0b3edbda839b47478d1fb31c9c5f4cf1111c987",
        ),
        Aptitude(
            "Stress Tolerance",
            "9364eb71424fc35cb7accf5a2f117eb979d8fd027cb03c0ce971bf43b9bc8d48",
        ),
    ),
    aliases=("Deputy Mayor", "Deputy Town/Village Mayor"),
    related_jobs=(
        "Civil Servant",
        "Deputy Mayor",
        "Mayor",
        "Mayor of City/Town/Village",
        "Town/Village Mayor",
    ),
    tags=(),  # the sections are missing
    keywords=(),
)


def test_spaced_seed_parses_to_its_exact_values():
    path = shared_or_skip("seeds", SEED_SPACED)
    profile = parse_strict(path)
    assert fingerprint(profile) == SEED_SPACED_EXPECTED
    # Short facts about the prose, so that a digest mismatch is easier to diagnose.
    assert (len(profile.summary), len(profile.description), len(profile.outlook)) == (169, 744, 305)
    assert profile.summary.startswith("The ") and profile.outlook.startswith("Due ")
    assert "\n" not in profile.description  # one paragraph
    assert all(a.reason.startswith("Because ") for a in profile.aptitudes)
    assert [len(a.reason) for a in profile.aptitudes] == [81, 121, 85, 86, 81, 104]


def test_compact_seed_parses_to_its_exact_values():
    path = shared_or_skip("seeds", SEED_COMPACT)
    profile = parse_strict(path)
    assert fingerprint(profile) == SEED_COMPACT_EXPECTED
    assert (len(profile.summary), len(profile.description), len(profile.outlook)) == (187, 716, 350)
    assert profile.summary.startswith("The Deputy Mayor ") and profile.outlook.startswith("With ")
    assert [a.reason.split()[0] for a in profile.aptitudes] == [
        "To",
        "Frequent",
        "Need",
        "Need",
        "To",
        "High",
    ]
    assert [len(a.reason) for a in profile.aptitudes] == [78, 103, 55, 78, 48, 92]


@pytest.mark.parametrize("name", [SEED_SPACED, SEED_COMPACT])
def test_seed_reads_the_same_from_path_text_and_bytes(name):
    path = shared_or_skip("seeds", name)
    from_path = parse_strict(path)
    assert parse_strict(str(path)) == from_path
    assert parse_strict(path.read_bytes()) == from_path
    assert parse_strict(path.read_text(encoding="utf-8")) == from_path


@pytest.mark.parametrize("name", [SEED_SPACED, SEED_COMPACT])
def test_seed_round_trips_through_the_writer(name):
    profile = parse_strict(shared_or_skip("seeds", name))
    document = write_profile(profile)
    assert parse_strict(document) == profile
    assert write_profile(parse_strict(document)) == document


# -------------------------------------------------------------------------- fixtures

BASE = JobProfile(
    title="Harbour Pilot",
    reading="みずさきにん",
    industry="Transport & Logistics",
    classification=(
        "Transport and Machine Operation Occupations",
        "Ship Operation Occupations",
        "Ship Pilots",
    ),
    summary=(
        "Boards ships at the port entrance and steers them safely through crowded waters "
        "to their berth."
    ),
    description=(
        "Climbs aboard from a pilot boat, advises the captain on local currents and traffic, "
        "and cons the ship in or out.\n"
        "Works closely with tug crews and port control, often at night and in poor weather."
    ),
    outlook=(
        "Larger ships and busier ports keep demand steady, while few candidates have enough "
        "sea time."
    ),
    traits=items("Calm under pressure", "Decisive", "Responsible"),
    work_style=("Shift Work", "On-call Duty", "Self-employed"),
    career_path=("Deck Officer", "Chief Officer", "Ship Captain", "Harbour Pilot"),
    required_skills=items(
        "Ship Handling", "Chart Reading", "Marine Radio Communication", "Maritime Law"
    ),
    recommended_skills=items("English for Seafarers", "Weather Forecasting"),
    aptitudes=(
        Aptitude("Spatial Awareness", "Ship positions must be judged from the bridge in the dark."),
        Aptitude("Decision Making", "Orders to the helm leave no time for second thoughts."),
        Aptitude("Stress Tolerance", "One mistake can block the channel for days."),
        Aptitude(
            "Communication Skills",
            "Captains, tug crews and port control must all follow one plan.",
        ),
    ),
    aliases=("Marine Pilot", "Port Pilot"),
    related_jobs=("Ship Captain", "Deck Officer", "Tugboat Operator"),
    tags=("Maritime", "Night Work"),
    keywords=("port", "pilotage", "navigation"),
)

# Documents that say exactly what harbour_pilot.txt says, in another layout.
SAME_AS_BASE = {
    "harbour_pilot.txt": "the base: spaced layout, seed-style plain aptitude table",
    "compact.txt": "no blank lines, '- ' bullets, Markdown table",
    "crlf.txt": "CRLF line ends",
    "bom.txt": "a UTF-8 byte order mark",
    "bullets_dot.txt": "every list as '  • ' bullets, the career path too",
    "bullets_dash.txt": "every list as '- ' bullets",
    "bullets_star.txt": "every list as '* ' bullets",
    "heading_colon.txt": "headings with a trailing colon",
    "heading_case.txt": "headings in upper and lower case",
    "markdown_headings.txt": "headings as '## Summary'",
    "heading_spellings.txt": "other spellings: Overview, Duties, Outlook, Aptitudes, ...",
    "extra_blank_lines.txt": "blank and white-space lines everywhere, inside lists too",
    "markdown_table.txt": "aptitudes as a Markdown table with alignment marks",
    "plain_table_separators.txt": "plain aptitude rows split by tab, two spaces, ' | ', ': '",
    "classification_labels.txt": "'Major:' without bullet, '•' and '*' bullets, a full-width colon",
}


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


# ---------------------------------------------------------------------------- writer

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
        ({"traits": (Item("Calm", 1e-05),)}, "Calm (0.00001)\n"),
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
