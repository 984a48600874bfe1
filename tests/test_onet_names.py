"""Naming an O*NET occupation: by its code, an alternate title or a title's singular, the
unrated occupations among them, and the current job named as a target is.

The fixture database (tests/fixtures/onet, see tests/test_onet.py) has four rated
occupations, 99-0001.00 to 99-0004.00, and two without ratings, 99-0005.00 and 99-0006.00.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from matcher import gaps, import_onet

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet"

BEACON, TALLY, MOSS, FERRY, COMET, LANTERN = (f"99-000{i}.00" for i in range(1, 7))


@pytest.fixture(scope="module")
def model():
    return import_onet(FIXTURE)


@pytest.fixture
def onet_dir(tmp_path) -> Path:
    """A private copy of the fixture database, to edit files in."""
    target = tmp_path / "onet"
    shutil.copytree(FIXTURE, target)
    return target


# --------------------------------------------------------------------------- codes


@pytest.mark.parametrize("typed", [" 99-0002.00", "99-0002.00 ", "\t99-0002.00\n"])
def test_an_id_is_trimmed_as_a_title_is(model, typed):
    # a code pasted from a spreadsheet: "no occupation is called '29-1141.00 '" while
    # " Registered Nurses " was found
    assert model.resolve_occupation(typed).id == TALLY
    assert gaps({"skills": {"Mathematics": 3}}, typed, model=model).target_id == TALLY


def test_search_finds_codes(model):
    # `matcher search 29-1141.00` found nothing, though the error of an unknown code sent
    # the reader there
    assert [o.id for o in model.search("99-0002.00")][:1] == [TALLY]
    assert [o.id for o in model.search(" 99-000")] == [BEACON, TALLY, MOSS, FERRY]
    assert [o.id for o in model.search("99-0003", top_k=1)] == [MOSS]
