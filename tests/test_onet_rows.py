"""Damaged rows of O*NET files: errors naming file, line and column; warnings of rows left out."""

from __future__ import annotations

import re
import shutil

import pytest
from onetfiles import (
    BEACON,
    FERRY,
    FIXTURE,
    MOSS,
    TALLY,
    edit_rows,
    lines_of,
    set_value,
    write_lines,
)

from matcher import OnetFormatError, import_onet
from matcher.errors import OnetWarning


@pytest.mark.parametrize(
    ("name", "code", "element", "scale"),
    [
        ("Skills.txt", MOSS, "Active Listening", "LV"),
        ("Knowledge.txt", FERRY, "Geography", "IM"),
        ("Work Styles.txt", TALLY, "Stress Tolerance", "IM"),
        ("Interests.txt", FERRY, "Social", "OI"),
    ],
)
def test_a_non_numeric_data_value_is_an_error_naming_file_and_line(
    onet_dir, name, code, element, scale
):
    line = set_value(onet_dir / name, code, element, scale, "Data Value", "n/a")
    with pytest.raises(OnetFormatError) as caught:
        import_onet(onet_dir)
    message = str(caught.value)
    assert f"{name}:{line}:" in message
    assert "'n/a'" in message and "Data Value" in message


def test_values_outside_their_scale_and_missing_values_name_the_line(tmp_path):
    folder = tmp_path / "onet"
    shutil.copytree(FIXTURE, folder)
    skills = folder / "Skills.txt"
    lines = skills.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "")  # a blank line must not shift the reported line numbers
    fields = lines[4].split("\t")
    fields[6] = "9"
    scale = fields[4]
    lines[4] = "\t".join(fields)
    skills.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = "from 0 to 7" if scale == "LV" else "from 1 to 5"
    message = rf"Skills.txt:5: column 'Data Value' holds '9'; expected a number {expected}"
    with pytest.raises(OnetFormatError, match=message):
        import_onet(folder)
    fields[6] = ""
    lines[4] = "\t".join(fields)
    skills.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(OnetFormatError, match=r"Skills.txt:5: column 'Data Value' holds ''"):
        import_onet(folder)


def test_skills_without_any_rows_is_an_error(onet_dir):
    edit_rows(onet_dir / "Skills.txt", lambda rows: rows.__delitem__(slice(1, None)))
    with pytest.raises(OnetFormatError, match="no occupation has ratings"):
        import_onet(onet_dir)


def test_an_occupation_listed_twice_is_an_error_naming_file_and_line(onet_dir):
    edit_rows(onet_dir / "Occupation Data.txt", lambda rows: rows.append(list(rows[2])))
    where = re.escape(f"Occupation Data.txt:8: occupation {TALLY!r}")
    with pytest.raises(OnetFormatError, match=where):
        import_onet(onet_dir)


def test_a_rating_given_twice_is_an_error_naming_both_lines(onet_dir):
    # the later row won unsaid: which rating counts would be the file order's choice
    path = onet_dir / "Skills.txt"
    lines = lines_of(path)
    write_lines(path, [*lines, lines[1]])
    with pytest.raises(OnetFormatError, match=rf"Skills\.txt:{len(lines) + 1}: a second .* rating"):
        import_onet(onet_dir)
    with pytest.raises(OnetFormatError, match="the first at line 2"):
        import_onet(onet_dir)


@pytest.mark.parametrize("name", ["Skills.txt", "Occupation Data.txt", "Job Zones.txt"])
def test_a_row_with_too_few_fields_is_an_error_naming_line_and_columns(onet_dir, name):
    path = onet_dir / name
    lines = lines_of(path)
    width = len(lines[0].split("\t"))
    lines[3] = "\t".join(lines[3].split("\t")[:2])  # a row cut after its title
    write_lines(path, lines)
    with pytest.raises(OnetFormatError) as caught:
        import_onet(onet_dir)
    message = str(caught.value)
    assert f"{name}:4: 2 tab-separated fields where the header has {width}" in message
    assert "column 'Title'" in message  # where the row ends


def test_a_skills_row_of_three_fields_is_not_dropped_quietly(onet_dir):
    # As in a database where one rating lost its last fields: it used to count as 0.
    path = onet_dir / "Skills.txt"
    lines = lines_of(path)
    lines[5] = "\t".join(lines[5].split("\t")[:3])
    write_lines(path, lines)
    with pytest.raises(OnetFormatError, match=r"Skills.txt:6: 3 tab-separated fields"):
        import_onet(onet_dir)


def test_a_row_with_an_extra_field_is_an_error_in_matchers_words(onet_dir):
    path = onet_dir / "Skills.txt"
    lines = lines_of(path)
    lines[4] += "\tstray"
    write_lines(path, lines)
    with pytest.raises(OnetFormatError) as caught:
        import_onet(onet_dir)
    message = str(caught.value)
    assert "Skills.txt:5: 16 tab-separated fields where the header has 15" in message
    assert "'stray'" in message and "'Domain Source'" in message
    assert "tokenizing" not in message and "C error" not in message  # no pandas text


@pytest.mark.parametrize(
    "name", ["Skills.txt", "Occupation Data.txt", "Related Occupations.txt", "Work Styles.txt"]
)
def test_a_file_cut_off_mid_line_is_an_error(onet_dir, name):
    path = onet_dir / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) - 6], encoding="utf-8")  # the last line loses its end
    last = len(text.splitlines())
    with pytest.raises(OnetFormatError, match=rf"{re.escape(name)}:{last}: the file ends inside"):
        import_onet(onet_dir)


def test_a_job_zone_off_its_scale_is_an_error_naming_the_line(onet_dir):
    path = onet_dir / "Job Zones.txt"
    lines = lines_of(path)
    lines[2] = lines[2].replace("\t2\t", "\ttwo\t")
    write_lines(path, lines)
    message = r"Job Zones.txt:3: column 'Job Zone' holds 'two'; expected a whole number from 1"
    with pytest.raises(OnetFormatError, match=message):
        import_onet(onet_dir)


def test_an_occupation_cut_short_at_a_line_end_is_warned_of(onet_dir):
    path = onet_dir / "Skills.txt"
    # Night Ferry Stewards loses 3 of its 10 ratings: Service Orientation, and Coordination's LV
    write_lines(path, lines_of(path)[:-3])
    with pytest.warns(OnetWarning) as caught:
        model = import_onet(onet_dir)
    assert len(caught) == 2
    unpaired, missing = (str(w.message) for w in caught)
    assert "Skills.txt: 1 of 4 rated occupations lacks some of the 5 elements" in missing
    assert f"'Night Ferry Stewards' ({FERRY}) 4" in missing
    assert "Skills.txt: 1 element of 1 occupation has an IM but no LV row" in unpaired
    assert f"'Night Ferry Stewards' ({FERRY}) 'Coordination' at line 38" in unpaired
    assert FERRY in model.ids  # kept: what it has is true


def test_rows_of_codes_occupation_data_does_not_list_are_warned_of_once(onet_dir):
    # Occupation Data cut at a line end: Night Ferry Stewards (and the unrated 5, 6) vanish.
    path = onet_dir / "Occupation Data.txt"
    write_lines(path, lines_of(path)[:4])
    with pytest.warns(OnetWarning) as caught:
        model = import_onet(onet_dir)
    assert model.ids == [BEACON, TALLY, MOSS]
    messages = [str(w.message) for w in caught]
    skills = [m for m in messages if "Skills.txt:" in m]
    assert len(skills) == 1  # one summary per file, not one warning per row
    assert "Skills.txt: 10 rows left out" in skills[0]
    assert f"1 code that 'Occupation Data.txt' does not list (line 32 {FERRY!r}" in skills[0]
    for name in ("Knowledge.txt", "Interests.txt", "Job Zones.txt", "Related Occupations.txt"):
        assert any(f"{name}:" in m and "left out" in m for m in messages), name


def test_a_row_of_an_unknown_code_is_warned_of_with_its_line(onet_dir):
    path = onet_dir / "Knowledge.txt"
    lines = lines_of(path)
    lines.append(lines[1].replace(BEACON, "99-0099.00"))
    write_lines(path, lines)
    with pytest.warns(OnetWarning, match=r"Knowledge.txt: 1 row left out.*line 26 '99-0099"):
        import_onet(onet_dir)


def test_occupations_left_without_related_jobs_are_warned_of(onet_dir):
    path = onet_dir / "Related Occupations.txt"
    write_lines(path, lines_of(path)[:-3])  # cut at a line end: Moss and Ferry lose theirs
    with pytest.warns(OnetWarning) as caught:
        import_onet(onet_dir)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "Related Occupations.txt: 2 of 4 rated occupations have no related jobs" in message
    assert f"'Moss Garden Keepers' ({MOSS})" in message
