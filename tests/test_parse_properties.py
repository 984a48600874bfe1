"""Property-based tests of the job-profile parser and writer.

Whatever text or bytes it is given, ``parse_profile`` returns a JobProfile or raises
ProfileParseError. Every profile the format can represent survives ``write_profile``
then ``parse_profile`` unchanged, and the writer refuses the rest with ProfileWriteError.
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from matcher import parse_profile, write_profile
from matcher.core.vocabulary import normalize_name
from matcher.errors import ProfileParseError, ProfileWarning, ProfileWriteError
from matcher.io import job_format
from matcher.io.job_format import HEADINGS, LEVEL, MARKDOWN_MARK, heading_field, path_steps
from matcher.io.job_items import may_be_several, several_items
from matcher.io.job_levels import ends_like_level, other_level
from matcher.io.profile import Aptitude, Item, JobProfile

SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters the format gives a meaning to, and some it must not trip over.
SPECIAL = "•・*-–→>⇒＞|/\\:：#()（）.,;&!?\t \u3000\ufeff\x00\x0b\x0c\x85\u2028"
KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはまやらわをんアイウエオカキクケコ"
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZÉéü"
DIGITS = "0123456789٣５"
ALPHABET = LETTERS + DIGITS + SPECIAL + KANA


def _quiet_parse(document: str | bytes) -> JobProfile:
    """Parse with ProfileWarning ignored, so that only exceptions escape."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProfileWarning)
        return parse_profile(document)


def _line_count(document: str | bytes) -> int:
    if isinstance(document, bytes):
        document = document.decode("utf-8", "replace")
    return len(document.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


# ------------------------------------------------------------------ arbitrary input

# Lines built from format tokens reach much deeper into the parser than random characters.
_TOKENS = st.sampled_from(
    [
        "Summary",
        "Classification",
        "Aptitudes (Strengths Preferred)",
        "Required Skills",
        "career path:",
        "## Tags",
        "Work Style",
        "Keywords",
        "Item Description",
        "- Major : ",
        "- Minor : ",
        "  • ",
        "- ",
        "* ",
        "1. ",
        " / ",
        " → ",
        " -> ",
        "| ",
        " | ",
        "|---|---|",
        "(3)",
        "(9)",
        "(4.5)",
        "(3.11)",
        "(٣)",
        "Problem Solving ",
        "Teamwork",
        "Because ",
        "Working Hours",
        ": ",
        "  ",
        "\t",
        "\r\n",
        "\n",
        "\r",
        "\ufeff",
        "くちょう",
        "Nurse",
        ".",
    ]
)
_token_lines = st.lists(
    st.one_of(_TOKENS, st.text(alphabet=ALPHABET, max_size=12)), max_size=40
).map("".join)
documents = st.one_of(st.text(alphabet=ALPHABET + "\r\n", max_size=300), _token_lines)


@SETTINGS
@given(documents)
@example("")
@example("x" * 300)  # too long to be a file name: text, not a path
@example("Title\nReading\nstray line")
@example("Title\nSummary\nSummary")
@example("Title\nRequired Skills\nDrawing (6)")
@example("Title\nAptitudes\n| Teamwork (٣) | Shared work. |")
@example("notes.md")
@example("a\x00b.TXT")
def test_any_text_parses_or_raises_the_documented_error(text):
    try:
        profile = _quiet_parse(text)
    except ProfileParseError as exc:
        named = re.fullmatch(r".*\.(txt|text|md|markdown)", text.strip(), re.I)
        if "\n" not in text and (named or os.path.lexists(text)):  # a path, read as one
            assert exc.line is None and exc.source == str(Path(text))  # a path, not a document
            return
        assert exc.source == "<text>"
        assert exc.line is not None and 1 <= exc.line <= _line_count(text)
        assert str(exc).startswith(f"<text>:{exc.line}: ")
    else:
        assert isinstance(profile, JobProfile)
        assert profile.title and profile.title == profile.title.strip()


@SETTINGS
@given(st.one_of(st.binary(max_size=300), documents.map(lambda t: t.encode("utf-8", "replace"))))
@example(b"\xff\xfe")
@example(b"Title\n\x80")
@example(b"\xef\xbb\xbf\xef\xbb\xbfTitle\r\nSummary\r\n")
def test_any_bytes_parse_or_raise_the_documented_error(data):
    try:
        profile = _quiet_parse(data)
    except ProfileParseError as exc:
        assert exc.source == "<bytes>"
        assert exc.line is not None and 1 <= exc.line <= _line_count(data)
    else:
        assert isinstance(profile, JobProfile)


@SETTINGS
@given(
    st.lists(st.text(alphabet=ALPHABET, max_size=20), min_size=1, max_size=12),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
    st.data(),
)
def test_undecodable_bytes_are_reported_on_their_line(lines, line_end, bom, data):
    bad_line = data.draw(st.integers(0, len(lines) - 1), label="bad_line")
    encoded = [line.encode("utf-8") for line in lines]
    encoded[bad_line] += b"\xff"  # never valid in UTF-8
    with pytest.raises(ProfileParseError) as caught:
        parse_profile(b"\xef\xbb\xbf" * bom + line_end.encode().join(encoded))
    assert caught.value.line == bad_line + 1
    assert caught.value.message.startswith("bytes ff are not valid UTF-8")


# ---------------------------------------------------------------- representable profiles


def _heading_key(text: str) -> str:
    """How the format compares headings: NFKC, no '#' marks or trailing colon, any case."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = re.sub(r"^#+\s*", "", text).rstrip(":").strip()
    return re.sub(r"\s+", " ", text).casefold()


def _is_heading(text: str) -> bool:
    return heading_field(text) is not None


def _read_in_full(line: str) -> str | None:
    """:func:`heading_field` without its shortcut for lines holding no word of a heading."""
    saved = job_format._HEADING_WORDS
    job_format._HEADING_WORDS = ("",)  # every line holds the empty word
    heading_field.cache_clear()
    try:
        return heading_field(line)
    finally:
        job_format._HEADING_WORDS = saved
        heading_field.cache_clear()


# headings as written, in other cases, and what authors put around them
HEADING_PIECES = sorted({*HEADINGS, *(h.title() for h in HEADINGS), *(h.upper() for h in HEADINGS)})
MARKS = ["**", "__", "#", "## ", " ##", "•", "・ ", "1. ", "7) ", ":", "：", " (", ")", " / ", "／"]


@SETTINGS
@given(
    st.lists(
        st.one_of(
            st.sampled_from(HEADING_PIECES),
            st.sampled_from(MARKS),
            st.text(alphabet=ALPHABET, max_size=4),
        ),
        max_size=6,
    ).map("".join)
)
def test_a_line_without_a_word_of_a_heading_is_read_as_in_full(line):
    heading_field.cache_clear()
    assert heading_field(line) == _read_in_full(line)


# Readers drop a BOM, zero-width characters and soft hyphens and refuse a NUL: no profile holds
# them, and the writer refuses them.
WRITABLE = "".join(c for c in ALPHABET if c not in "\x00\ufeff")


def _single_line(alphabet: str = WRITABLE, max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-empty text on one line without surrounding white space."""
    return st.text(alphabet=alphabet, min_size=1, max_size=max_size).map(str.strip).filter(bool)


# A first line of a document must not start with a BOM (the encoding's mark, not text) or a
# Markdown heading mark ("# "): readers drop both, and the writer refuses them.
lines = _single_line()
head_lines = lines.filter(
    lambda s: not _is_heading(s) and not s.startswith("\ufeff") and not MARKDOWN_MARK.match(s)
)
# A paragraph ending like a sentence never reads as a heading.
paragraphs = lines.map(lambda s: s + ".")
texts = st.lists(paragraphs, max_size=3).map("\n".join)
# at most one decimal: '(3.11)' reads as a version and is refused (see wild_levels)
levels = st.one_of(
    st.none(), st.integers(0, 5).map(float), st.integers(0, 50).map(lambda n: n / 10)
)


# A name ending in '(N)' would read back as name plus level.
# a name that ends like a level, well formed or mistyped ("(3)", "()", "(-1)"), is no name the
# writer can represent: the reader takes its end for a level
# nor one ending like a level written another way ("[4]", ": 4", "4/5", a bare number), nor a
# ',' or ';' list of named items, which the reader splits
def _warned_as_level(name: str) -> bool:
    """Whether the reader keeps ``name`` whole but warns that a level may be meant in it
    ("Programming 4", "Spanish (level 4)"): representable, but not without a word."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        other_level(name, 0, "", "skill")
        other_level(name, 0, "", "trait")
    return bool(caught)


names = lines.filter(
    lambda s: (
        LEVEL.match(s) is None
        and not ends_like_level(s)
        and not _warned_as_level(s)
        and several_items(s + " (1)", "skill") is None
        and several_items(s + " (1)", "trait") is None
        and not may_be_several(s + " (1)")
    )
)
items = st.builds(Item, names, levels)
aptitudes = st.builds(
    Aptitude,
    names.filter(lambda s: not re.fullmatch(r":?-+:?", s.replace(" ", ""))),
    st.one_of(st.just(""), lines),
    levels,
)
word = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZÉ"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", max_size=8),
)
extra_headings = (
    st.lists(word, min_size=1, max_size=4).map(" ".join).filter(lambda s: not _is_heading(s))
)


def _tuples(elements: st.SearchStrategy, max_size: int = 4) -> st.SearchStrategy[tuple]:
    return st.lists(elements, max_size=max_size).map(tuple)


representable_profiles = st.builds(
    JobProfile,
    title=head_lines,
    reading=st.one_of(st.just(""), head_lines, st.sampled_from(["くちょう", "ふくしちょう"])),
    industry=texts,
    classification=_tuples(lines, 4),
    summary=texts,
    description=texts,
    outlook=texts,
    traits=_tuples(items),
    work_style=_tuples(lines),
    # a step holding an arrow, or starting with a number, reads back split or without it
    career_path=_tuples(lines.filter(lambda s: path_steps([(0, f"• {s}")]) == [s]), 5),
    required_skills=_tuples(items),
    recommended_skills=_tuples(items),
    aptitudes=_tuples(aptitudes),
    aliases=_tuples(lines),
    # each once in any spelling: the reader warns of one listed twice
    related_jobs=st.lists(lines, max_size=4, unique_by=normalize_name).map(tuple),
    tags=_tuples(lines),
    keywords=_tuples(lines),
    extra_sections=_tuples(st.tuples(extra_headings, _tuples(paragraphs, 3)), 2),
).filter(
    # a related job naming the occupation itself is warned of
    lambda p: (
        not {normalize_name(n) for n in p.related_jobs}
        & {normalize_name(n) for n in (p.title, *p.aliases)}
    )
)


@SETTINGS
@given(representable_profiles)
@example(JobProfile("Ferry Pilot", summary="Steers ferries:"))  # colon alone is no heading
@example(JobProfile("Ferry Pilot", work_style=("Shift Work:",)))
@example(JobProfile("Ferry Pilot", career_path=("Deckhand:",)))
@example(JobProfile("Ferry Pilot", work_style=("Night /", "Day")))
@example(JobProfile("Ferry Pilot", tags=("1.", "harbour")))
@example(JobProfile("Ferry Pilot", career_path=("1.", "Deckhand")))
@example(JobProfile("Ferry Pilot", classification=("Tags",)))
@example(JobProfile("Ferry Pilot", summary="Harbour Master"))  # first line, no colon
@example(JobProfile("Ferry Pilot", extra_sections=(("Licences", ("Harbour Master",)),)))
@example(JobProfile("Ferry Pilot", extra_sections=(("Atags", ("harbour",)),)))  # near "Tags"
def test_representable_profiles_round_trip(profile):
    document = write_profile(profile)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parsed = parse_profile(document)
    assert parsed == profile
    # One warning per extra section, nothing else: the writer's own output looks intended
    # (but for an item listed twice, which the reader names: the profile may hold one).
    assert all(issubclass(w.category, ProfileWarning) for w in caught)
    caught = [w for w in caught if "is already listed at line" not in str(w.message)]
    # (a heading near a known one is said with it: "'Atags' (did you mean 'Tags'?)")
    pattern = r"unknown heading (.*?)(?: \(did you mean '[^']*'\?\))? kept as"
    warned = [re.search(pattern, str(w.message)) for w in caught]
    assert [m.group(1) if m else None for m in warned] == [
        repr(heading) for heading, _ in profile.extra_sections
    ]
    # Writing is deterministic and idempotent.
    assert write_profile(parsed) == document


# -------------------------------------------------------------------- arbitrary profiles

# Mostly single lines (so that most profiles get past the first check), sometimes anything.
wild_text = st.one_of(lines, lines, st.text(alphabet=ALPHABET + "\r\n", max_size=30))
wild_levels = st.one_of(
    st.none(), levels, st.floats(), st.sampled_from([5.5, -1.0, 1e-05, 3.11, 4.999999999])
)
wild_items = _tuples(st.builds(Item, wild_text, wild_levels))
WILD_FIELDS: dict[str, st.SearchStrategy] = {
    "title": wild_text,
    "reading": wild_text,
    "industry": wild_text,
    "classification": _tuples(wild_text, 6),
    "summary": wild_text,
    "description": wild_text,
    "outlook": wild_text,
    "traits": wild_items,
    "work_style": _tuples(wild_text),
    "career_path": _tuples(wild_text),
    "required_skills": wild_items,
    "recommended_skills": wild_items,
    "aptitudes": _tuples(st.builds(Aptitude, wild_text, wild_text, wild_levels)),
    "aliases": _tuples(wild_text),
    "related_jobs": _tuples(wild_text),
    "tags": _tuples(wild_text),
    "keywords": _tuples(wild_text),
    "extra_sections": _tuples(st.tuples(wild_text, _tuples(wild_text, 3)), 2),
}
arbitrary_profiles = st.builds(JobProfile, **WILD_FIELDS)


@st.composite
def nearly_representable_profiles(draw) -> JobProfile:
    """A representable profile with one or two fields made arbitrary: the writer's edge."""
    profile = draw(representable_profiles)
    fields = draw(st.lists(st.sampled_from(sorted(WILD_FIELDS)), min_size=1, max_size=2))
    return replace(profile, **{name: draw(WILD_FIELDS[name]) for name in fields})


@SETTINGS
@given(st.one_of(arbitrary_profiles, nearly_representable_profiles()))
@example(JobProfile(""))
@example(JobProfile("Summary"))
@example(JobProfile("\ufeffFerry Pilot"))
@example(JobProfile("Ferry Pilot", summary="One.\n\nTwo."))
@example(JobProfile("Ferry Pilot", traits=(Item("Calm", 7.0),)))
@example(JobProfile("Ferry Pilot", traits=(Item("Calm", float("nan")),)))
@example(JobProfile("Ferry Pilot", traits=(Item("Calm", -1.0),)))
@example(JobProfile("Ferry Pilot", traits=(Item("Calm (3)"),)))
@example(JobProfile("Ferry Pilot", traits=(Item("Calm", 1e-05),)))  # '(0.00001)': a version
@example(JobProfile("Ferry Pilot", required_skills=(Item("Python (3.11)"),)))
@example(JobProfile("Ferry Pilot", extra_sections=(("Licences:", ()),)))
@example(JobProfile("Ferry Pilot", extra_sections=(("# Licences", ()),)))
@example(JobProfile("Ferry Pilot", extra_sections=(("Licences", ("Harbour Master:",)),)))
def test_arbitrary_profiles_round_trip_or_are_refused(profile):
    try:
        document = write_profile(profile)
    except ProfileWriteError:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProfileWarning)
        assert parse_profile(document) == profile


# ------------------------------------------------------------------ long lines: linear time

#: Runs of one token, up to 64 KB: what made the parser slow (a quadratic split) before.
_runs = st.tuples(_TOKENS | st.sampled_from([" ", "x ", "a", "(", ":"]), st.integers(1, 1 << 14))
_long_lines = st.lists(
    st.one_of(_TOKENS, _runs.map(lambda run: run[0] * run[1])), min_size=1, max_size=12
).map("".join)
_sections = st.sampled_from(
    ["Career Path", "Aptitudes", "Required Skills", "Classification", "Tags", "Summary"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(heading=_sections, body=_long_lines)
@example(heading="Career Path", body="Clerk" + " " * 65536 + "Chief")
@example(heading="Career Path", body="Clerk" + " " * 65536 + "→ Chief")
@example(heading="Aptitudes", body="x " * 32768)
@example(heading="Aptitudes", body="Teamwork" + " " * 65536 + "(3)" + " " * 65536 + "x")
@example(heading="Required Skills", body="Drawing" + " " * 65536 + "(3) " * 100)
def test_long_lines_parse_in_well_under_a_second(heading, body):
    document = f"Title\n{heading}\n{body}\n"
    started = time.perf_counter()
    try:
        _quiet_parse(document)
    except ProfileParseError as exc:
        assert exc.line is not None
    assert time.perf_counter() - started < 1.0, len(document)
