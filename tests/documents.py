"""Job-profile documents the parser and writer tests share: the fixture folder, the
profile its base document holds, the variants that say the same, and strict and warned
parsing. (No test file imports another.)"""

from __future__ import annotations

import warnings
from pathlib import Path

from matcher import parse_profile
from matcher.errors import ProfileWarning
from matcher.io.profile import Aptitude, Item, JobProfile

DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"


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


def items(*names: str) -> tuple[Item, ...]:
    return tuple(Item(name) for name in names)


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
