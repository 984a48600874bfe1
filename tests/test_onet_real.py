"""The importer on the real O*NET database in ../shared/onet (the tests skip without it)."""

from __future__ import annotations

import warnings

import pytest
from helpers import shared_or_skip
from onetfiles import OPTIONAL_FILES

from matcher import import_onet, recommend

NURSE = {
    "skills": {
        "Service Orientation": 5,
        "Social Perceptiveness": 5,
        "Active Listening": 4,
        "Monitoring": 4,
        "Critical Thinking": 4,
        "Medicine and Dentistry": 4,
        "Customer and Personal Service": 4,
        "Psychology": 3,
        "Biology": 3,
        "Therapy and Counseling": 3,
        "Mathematics": 2,
        "Programming": 0,
        "Repairing": 0,
        "Equipment Maintenance": 0,
        "Technology Design": 0,
    },
    "traits": {
        "Concern for Others": 5,
        "Dependability": 5,
        "Stress Tolerance": 5,
        "Attention to Detail": 5,
        "Self-Control": 4,
    },
    "interests": {
        "Social": 5,
        "Investigative": 3,
        "Conventional": 2,
        "Realistic": 2,
        "Enterprising": 1,
        "Artistic": 1,
    },
}


@pytest.fixture(scope="module")
def real_onet():
    folder = shared_or_skip("onet")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = import_onet(folder)
    return folder, model, [str(w.message) for w in caught]


def test_real_database_warns_only_of_what_is_true_of_it(real_onet):
    # The shared 29.3 subset ships without Abilities.txt, and nothing else is amiss:
    # every code is listed and every rated occupation has every rating, zone and relation.
    folder, _, messages = real_onet
    absent = [n for n in OPTIONAL_FILES if not (folder / n).is_file()]
    if not absent:
        assert messages == []
    else:
        assert len(messages) == 1 and all(repr(n) in messages[0] for n in absent)


def is_nursing(title: str) -> bool:
    return "nurs" in title.lower()


def test_real_database_imports_its_rated_occupations(real_onet):
    folder, real, _ = real_onet
    assert len(real.catalog) >= 800
    with open(folder / "Occupation Data.txt", encoding="utf-8-sig") as handle:
        listed = sum(1 for line in handle if line.strip()) - 1
    assert len(real.catalog) + real.extra["unrated"] == listed
    assert {"skill", "trait", "interest"} <= set(real.block_names)
    assert ("aptitude" in real.block_names) == (folder / "Abilities.txt").is_file()
    assert real.resolve_item("skill", "Mathematics (Knowledge)") == "Mathematics (Knowledge)"
    assert real.levels.min() >= 0 and real.levels.max() <= 5
    assert real.importance.min() >= 0 and real.importance.max() <= 1
    nurses = real.resolve_occupation("Registered Nurses")
    assert 1 <= real.extra["job_zone"][nurses.id] <= 5
    assert nurses.profile.related_jobs


def test_real_database_recommends_nursing_to_a_nurse(real_onet):
    _, real, _ = real_onet
    titles = [r.title for r in recommend(NURSE, model=real, top_k=10)]
    assert any(is_nursing(t) for t in titles), titles


def test_real_database_neighbours_of_registered_nurses(real_onet):
    _, real, _ = real_onet
    titles = [n.title for n in real.similar("Registered Nurses")]
    assert "Registered Nurses" not in titles
    assert any(is_nursing(t) for t in titles), titles
