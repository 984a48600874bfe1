"""O*NET files that are not UTF-8: the error names the line, the column and the value (or
says the file is UTF-16), not a byte offset.

Uses the made-up fixture database of tests/fixtures/onet (see tests/test_onet.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from matcher import OnetFormatError, import_onet

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "onet"


def error_of(folder: Path) -> str:
    with pytest.raises(OnetFormatError) as caught:
        import_onet(folder)
    return str(caught.value)


def test_a_latin1_title_names_line_column_byte_and_value(onet_dir):
    path = onet_dir / "Occupation Data.txt"
    text = path.read_text(encoding="utf-8").replace("Harbour Tally", "Harbour Tallé", 1)
    path.write_bytes(text.encode("latin-1"))
    message = error_of(onet_dir)
    assert "Occupation Data.txt:3, column 'Title': byte 0xe9" in message
    assert "'Harbour Tall?" in message and "save the file as UTF-8" in message


def test_windows_quotes_name_the_line_column_and_what_they_were(onet_dir):
    path = onet_dir / "Alternate Titles.txt"
    lines = path.read_bytes().split(b"\n")
    fields = lines[2].split(b"\t")
    fields[2] = b"\x93Boss\x94"
    lines[2] = b"\t".join(fields)
    path.write_bytes(b"\n".join(lines))
    message = error_of(onet_dir)
    assert "Alternate Titles.txt:3, column 'Alternate Title': byte 0x93" in message
    assert "'\u201c' in Windows-1252" in message and "'?Boss?'" in message


def test_a_bad_byte_in_a_long_description_shows_the_words_around_it(onet_dir):
    path = onet_dir / "Occupation Data.txt"
    text = path.read_text(encoding="utf-8").replace("maintenance logs", "maintenance l\xf6gs", 1)
    path.write_bytes(text.encode("latin-1"))
    message = error_of(onet_dir)
    assert "Occupation Data.txt:2, column 'Description': byte 0xf6" in message
    assert re.search(r"'\.\.\.[^']*maintenance l\?gs[^']*\.\.\.'", message), message


def test_a_file_with_a_utf8_bom_counts_lines_and_columns_from_its_text(onet_dir):
    path = onet_dir / "Occupation Data.txt"
    text = path.read_text(encoding="utf-8").replace("Harbour Tally", "Harbour Tallé", 1)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("latin-1"))
    assert "Occupation Data.txt:3, column 'Title': byte 0xe9" in error_of(onet_dir)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])  # with a byte order mark, without
def test_a_utf16_file_is_named_as_such(onet_dir, encoding):
    path = onet_dir / "Skills.txt"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    message = error_of(onet_dir)
    assert "Skills.txt: the file is UTF-16 text" in message
    assert "save it as UTF-8" in message
