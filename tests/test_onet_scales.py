"""O*NET's Scale IDs: each rated file holds the scales O*NET gives it, and an element of a
file rated on two scales (IM and LV) is read only with both.

Uses the made-up fixture database of tests/fixtures/onet (see tests/test_onet.py)."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from matcher import OnetFormatError, import_onet
from matcher.errors import OnetWarning

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


def without_scale(path: Path, code: str, scale: str) -> list[int]:
    """Remove the rows of ``code`` on ``scale``; return the line numbers of those kept."""
    rows = rows_of(path)
    header = rows[0]
    code_at, scale_at = header.index("O*NET-SOC Code"), header.index("Scale ID")
    kept = [r for r in rows if not (r[code_at] == code and r[scale_at] == scale)]
    write_rows(path, kept)
    return [n for n, r in enumerate(kept[1:], start=2) if r[code_at] == code]


@pytest.mark.parametrize(("dropped", "left"), [("IM", "LV"), ("LV", "IM")])
def test_elements_rated_on_one_of_im_and_lv_are_left_out_and_named(onet_dir, dropped, left):
    # IM alone kept a level made of importance, LV alone lost the importance (and the
    # weight): the same damage, two outcomes, and a warning that named neither scale
    path = onet_dir / "Skills.txt"
    lines = without_scale(path, BEACON, dropped)
    with pytest.warns(OnetWarning) as caught:
        model = import_onet(onet_dir)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1, messages
    assert (
        f"Skills.txt: 5 elements of 1 occupation have an {left} but no {dropped}" in (messages[0])
    )
    assert f"'Beacon Signal Engineers' ({BEACON}) 'Mathematics' at line {lines[0]}" in messages[0]
    row = model.index_of(BEACON)
    for name in ("Mathematics", "Programming", "Active Listening"):
        column = model.vectorizer.feature_index("skill", name)
        assert model.importance[row, column] == 0 and model.levels[row, column] == 0, name
    # the knowledge area Mathematics, rated on both in Knowledge.txt, is untouched
    column = model.vectorizer.feature_index("skill", "Mathematics (Knowledge)")
    assert model.levels[row, column] > 0


def test_both_kinds_of_damage_give_the_same_model(onet_dir, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(onet_dir, other)
    without_scale(onet_dir / "Skills.txt", BEACON, "IM")
    without_scale(other / "Skills.txt", BEACON, "LV")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OnetWarning)
        one, two = import_onet(onet_dir), import_onet(other)
    assert (one.levels == two.levels).all() and (one.importance == two.importance).all()
