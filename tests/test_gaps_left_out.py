"""An O*NET target without ratings: gaps() says it was left out, and what O*NET relates it to."""

from __future__ import annotations

import pytest

from matcher import UnknownOccupationError, gaps, import_onet


def test_an_occupation_skipped_at_import_is_explained_by_name(onet_fixture_model):
    with pytest.raises(UnknownOccupationError) as error:
        gaps({"skills": {}}, "Comet Dust Assayers", model=onet_fixture_model)
    assert str(error.value) == (
        "Comet Dust Assayers is in O*NET but has no ratings, so it was left out of this model"
    )


def test_an_occupation_skipped_at_import_names_what_onet_relates_it_to(
    onet_fixture_model, monkeypatch
):
    extra = onet_fixture_model.extra
    skipped = {**extra["skipped"], "Night Ferry Pilots": "is in O*NET but has no ratings"}
    monkeypatch.setitem(extra, "skipped", skipped)
    monkeypatch.setitem(extra, "skipped_related", {"Night Ferry Pilots": ["Harbour Tally Clerks"]})
    with pytest.raises(UnknownOccupationError) as error:
        gaps({"skills": {}}, "Night Ferry Pilots", model=onet_fixture_model)
    assert str(error.value).startswith("Night Ferry Pilots is in O*NET but has no ratings")
    assert str(error.value).endswith("; O*NET relates it to 'Harbour Tally Clerks' (99-0002.00)")


def test_a_real_onet_occupation_without_ratings_is_explained():
    from helpers import shared_or_skip

    model = import_onet(shared_or_skip("onet"))
    assert "Data Scientists" in model.extra["skipped"]
    with pytest.raises(UnknownOccupationError) as error:
        gaps({"skills": {"Programming": 4}}, "Data Scientists", model=model)
    assert "Data Scientists is in O*NET but has no ratings" in str(error.value)
    assert "Animal Scientists" not in str(error.value)
    assert "; O*NET relates it to 'Statisticians' (15-2041.00)" in str(error.value)
