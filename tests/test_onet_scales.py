"""O*NET's Scale IDs: each rated file holds the scales O*NET gives it, and an element of a
file rated on two scales (IM and LV) is read only with both.

Uses the made-up fixture database of tests/fixtures/onet (see tests/test_onet.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from matcher import OnetFormatError, import_onet

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet"
BEACON = "99-0001.00"

#: The scales each rated file may hold, as O*NET 29.3's files and Scales Reference give them.
FILE_SCALES = {
    "Skills.txt": {"IM", "LV"},
    "Knowledge.txt": {"IM", "LV"},
    "Abilities.txt": {"IM", "LV"},
    "Work Styles.txt": {"IM"},
    "Interests.txt": {"OI", "IH"},
}


@pytest.fixture
def onet_dir(tmp_path) -> Path:
    target = tmp_path / "onet"
    shutil.copytree(FIXTURE, target)
    return target


def rows_of(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def write_rows(path: Path, rows: list[list[str]]) -> None:
    path.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")


@pytest.mark.parametrize("name", sorted(FILE_SCALES))
def test_a_scale_the_file_does_not_hold_is_an_error_naming_line_column_and_scales(onet_dir, name):
    path = onet_dir / name
    rows = rows_of(path)
    rows[1][rows[0].index("Scale ID")] = "XX"
    write_rows(path, rows)
    with pytest.raises(OnetFormatError) as caught:
        import_onet(onet_dir)
    message = str(caught.value)
    assert f"{name}:2: column 'Scale ID' holds 'XX'" in message
    for scale in FILE_SCALES[name]:
        assert repr(scale) in message


def test_a_scale_of_another_file_is_an_error_too(onet_dir):
    # OI is a scale, but not of Skills: read as none, the rating was lost unsaid
    path = onet_dir / "Skills.txt"
    rows = rows_of(path)
    rows[3][rows[0].index("Scale ID")] = "OI"
    write_rows(path, rows)
    with pytest.raises(OnetFormatError, match=r"Skills.txt:4: column 'Scale ID' holds 'OI'"):
        import_onet(onet_dir)
