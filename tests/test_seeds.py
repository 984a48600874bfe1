"""The two seed documents in ../shared/seeds parse to exactly the values they hold
(GitHub issue 2).

Their long sentences must not be copied into the project, so summary, description, outlook
and aptitude reasons are compared by SHA-256 digest (taken once from the seed files) plus a
few short facts; everything short is compared literally. Skipped, saying so, where
../shared is absent.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
from documents import items, parse_strict, parse_warned
from helpers import shared_or_skip

from matcher import write_profile
from matcher.io.profile import Aptitude, JobProfile


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    profile, messages = parse_warned(path)
    # the seed lists its own title among its related jobs: said, and kept as written
    assert messages == [
        f"{path}:37: related job 'Deputy Mayor' is this occupation itself; list other occupations"
    ]
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


def _parse_seed(source):
    """Parse strictly but for the one thing a seed says of itself (the compact seed lists its
    own title among its related jobs)."""
    profile, messages = parse_warned(source)
    assert all("is this occupation itself" in m for m in messages), messages
    return profile


@pytest.mark.parametrize("name", [SEED_SPACED, SEED_COMPACT])
def test_seed_reads_the_same_from_path_text_and_bytes(name):
    path = shared_or_skip("seeds", name)
    from_path = _parse_seed(path)
    assert _parse_seed(str(path)) == from_path
    assert _parse_seed(path.read_bytes()) == from_path
    assert _parse_seed(path.read_text(encoding="utf-8")) == from_path


@pytest.mark.parametrize("name", [SEED_SPACED, SEED_COMPACT])
def test_seed_round_trips_through_the_writer(name):
    profile = _parse_seed(shared_or_skip("seeds", name))
    document = write_profile(profile)
    assert _parse_seed(document) == profile
    assert write_profile(_parse_seed(document)) == document
