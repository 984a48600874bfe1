"""Which files an O*NET import needs, and the errors for one missing, empty or not a file."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from onetfiles import (
    BEACON,
    FIXTURE,
    OPTIONAL_FILES,
    RATED,
    REQUIRED_FILES,
    edit_rows,
    im,
    lv,
    need,
)

from matcher import InputError, OnetFormatError, import_onet
from matcher.errors import OnetWarning


@pytest.mark.parametrize("name", REQUIRED_FILES)
def test_a_missing_required_file_is_an_error_naming_it(onet_dir, name):
    (onet_dir / name).unlink()
    with pytest.raises(OnetFormatError, match=re.escape(repr(name))):
        import_onet(onet_dir)


@pytest.mark.parametrize("name", OPTIONAL_FILES)
def test_each_optional_file_may_be_absent_with_a_warning_naming_it(onet_dir, name):
    (onet_dir / name).unlink()
    with pytest.warns(OnetWarning, match=rf"1 optional O\*NET file\(s\) absent.*{name!r}"):
        assert import_onet(onet_dir).ids == RATED


def test_the_two_required_files_are_enough(onet_dir):
    for name in OPTIONAL_FILES:
        (onet_dir / name).unlink()
    with pytest.warns(OnetWarning) as caught:
        bare = import_onet(onet_dir)
    assert len(caught) == 1  # one summary, not one warning per file
    assert all(repr(name) in str(caught[0].message) for name in OPTIONAL_FILES)
    assert bare.ids == RATED
    assert bare.block_names == ("skill",)
    assert need(bare, BEACON, "skill", "Mathematics") == pytest.approx((im(4), lv(6, 4)))
    assert bare.resolve_item("skill", "Mathematics (Knowledge)") is None


def import_quietly(folder: Path, **options):
    """Import, failing on any warning: the fixture database is whole."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return import_onet(folder, **options)


def test_the_whole_fixture_imports_without_a_warning(onet_dir):
    assert import_quietly(onet_dir).ids == RATED
    (onet_dir / "Related Occupations.txt").unlink()  # not read: nothing to say of it
    assert import_quietly(onet_dir, related=False).ids == RATED


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("Occupation Data.txt", "Title"),
        ("Skills.txt", "Data Value"),
        ("Knowledge.txt", "Scale ID"),
        ("Abilities.txt", "Element Name"),
        ("Work Styles.txt", "O*NET-SOC Code"),
        ("Interests.txt", "Data Value"),
        ("Alternate Titles.txt", "Alternate Title"),
        ("Related Occupations.txt", "Relatedness Tier"),
        ("Job Zones.txt", "Job Zone"),
    ],
)
def test_a_file_with_wrong_columns_is_an_error_naming_file_and_column(onet_dir, name, column):
    def rename(rows: list[list[str]]) -> None:
        rows[0][rows[0].index(column)] = "Renamed"

    edit_rows(onet_dir / name, rename)
    with pytest.raises(OnetFormatError) as caught:
        import_onet(onet_dir)
    message = str(caught.value)
    assert name in message
    assert f"missing column {column!r}" in message


@pytest.mark.parametrize("name", ["Skills.txt", "Job Zones.txt"])
def test_an_empty_file_is_an_error_naming_it(onet_dir, name):
    (onet_dir / name).write_bytes(b"")
    with pytest.raises(OnetFormatError, match=re.escape(name)):
        import_onet(onet_dir)


def test_a_path_that_is_not_a_folder_is_an_error(tmp_path):
    with pytest.raises(OnetFormatError, match="not a folder"):
        import_onet(tmp_path / "nowhere")
    with pytest.raises(OnetFormatError, match="not a folder"):
        import_onet(FIXTURE / "Skills.txt")
    assert issubclass(OnetFormatError, InputError)  # so the CLI reports it with exit 2


def test_a_folder_in_place_of_a_file_is_named_as_such(onet_dir):
    (onet_dir / "Skills.txt").unlink()
    (onet_dir / "Skills.txt").mkdir()
    with pytest.raises(OnetFormatError, match=r"Skills.txt: not a file") as caught:
        import_onet(onet_dir)
    assert "missing" not in str(caught.value)
