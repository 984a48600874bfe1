"""An unknown O*NET code is offered the codes nearest it, never names spelt like its digits.

The fixture database (tests/fixtures/onet) has rated occupations 99-0001.00 to 99-0004.00 and
99-0005.00 without ratings.
"""

from __future__ import annotations

import pytest

from matcher import UnknownOccupationError, import_onet

TALLY, MOSS, FERRY = "99-0002.00", "99-0003.00", "99-0004.00"


def test_an_unknown_code_is_offered_the_codes_nearest_it(onet_dir):
    """29-1141.99 was offered Emergency Medical Technicians (unrated, for the "99" of their
    alias "EMT-I/99"), 29-1141.05 nothing at all: a code's nearest names are the codes of its
    family (here an alias "Steward Grade 99" of Night Ferry Stewards)."""
    with (onet_dir / "Alternate Titles.txt").open("a", encoding="utf-8") as titles:
        titles.write(f"{FERRY}\tNight Ferry Stewards\tSteward Grade 99\t\t08\n")
    model = import_onet(onet_dir)
    for code, family in [("99-0002.99", TALLY), ("99-0003.05", MOSS), ("99-0003.0", MOSS)]:
        with pytest.raises(UnknownOccupationError) as caught:
            model.resolve_occupation(code)
        said = str(caught.value)
        assert said.startswith(f"no occupation is called '{code}'; similar codes: ")
        assert f"({family})" in said and "Night Ferry Stewards" not in said, said
    with pytest.raises(UnknownOccupationError, match=r"similar codes: 'Beacon.*\(99-0001\.00\)"):
        model.resolve_occupation("99-00")  # the ids it begins, as before
    with pytest.raises(UnknownOccupationError, match=r"'98-1234\.00'; try `matcher search TEXT`$"):
        model.resolve_occupation("98-1234.00")  # no code near it: no name spelt like it


def test_a_code_is_compared_by_its_digits_and_never_offered_its_major_group(onet_dir):
    """'291141' (BLS files write codes so) and '29–1141.01' (an en dash pasted from a PDF)
    began no id past '29': they were offered the first five codes of major group 29
    (Chiropractors, Dentists) as "similar codes", and never the 29-1141 family."""
    model = import_onet(onet_dir)
    for code, family in [("990002", TALLY), ("99\u20130003.01", MOSS), ("99000400", FERRY)]:
        with pytest.raises(UnknownOccupationError) as caught:
            model.resolve_occupation(code)
        said = str(caught.value)
        assert said.startswith(f"no occupation is called '{code}'; similar codes: "), said
        assert f"({family})" in said, said
    for code in ["99-1234.00", "991234", "99\u20139999"]:  # only major group 99 in common
        with pytest.raises(UnknownOccupationError, match=r"; try `matcher search TEXT`$"):
            model.resolve_occupation(code)
