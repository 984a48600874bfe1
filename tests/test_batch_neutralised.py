"""A batch's outputs: written atomically, alike for every engine, safe to open in a spreadsheet."""

from __future__ import annotations

import csv

import pyarrow.parquet as pq
import pytest
from helpers import make_survey

from matcher import write_batch


def test_outputs_are_written_atomically_and_neutralised(tmp_path, fixture_model, engine):
    extra = "=HYPERLINK(1),2,,,,,,,,\n+bad,9,,,,,,,,\n"
    path = make_survey(tmp_path / "s.csv", fixture_model, n=10, extra_rows=extra)
    # (two outputs of one stem in one folder would share a manifest: refused, so apart)
    out_csv, out_pq = tmp_path / "o" / "out.csv", tmp_path / "p" / "out.parquet"
    summary = write_batch(path, out_csv, model=fixture_model, top_k=2, **engine)
    assert summary["rows_read"] == 12 and summary["rejects"].endswith("out.rejects.csv")
    with out_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    ids = {r["respondent_id"] for r in rows}
    assert "'=HYPERLINK(1)" in ids and "=HYPERLINK(1)" not in ids
    with (tmp_path / "o" / "out.rejects.csv").open(encoding="utf-8", newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert [r["respondent_id"] for r in rejects] == ["'+bad"]
    write_batch(path, out_pq, model=fixture_model, top_k=2, **engine)
    table = pq.read_table(out_pq).to_pandas()
    assert "=HYPERLINK(1)" in set(table["respondent_id"])  # Parquet keeps the data as it is
    assert len(table) == len(rows) == 22
    # Byte for byte the files of a local single-thread run.
    write_batch(path, tmp_path / "ref" / "out.csv", model=fixture_model, top_k=2, jobs=1)
    assert (tmp_path / "ref" / "out.csv").read_bytes() == out_csv.read_bytes()
    assert (tmp_path / "ref" / "out.rejects.csv").read_bytes() == (
        tmp_path / "o" / "out.rejects.csv"
    ).read_bytes()
    # A failed run leaves the previous output untouched and no temporary files.
    before = out_csv.read_bytes()
    (tmp_path / "bad.csv").write_text("who,skill:Office Administration\nx,3\n")
    with pytest.raises(Exception, match="respondent_id"):
        write_batch(tmp_path / "bad.csv", out_csv, model=fixture_model, **engine)
    assert out_csv.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [
        "out.csv",
        "out.manifest.json",
        "out.rejects.csv",
    ]


def test_a_nul_byte_never_reaches_a_csv_output(tmp_path, fixture_model):
    # many CSV readers end a string at NUL, hiding the rest of the row
    extra = "r\x0099,2,,,,,,,,\nbad,2\x00,,,,,,,,\n"
    path = make_survey(tmp_path / "s.csv", fixture_model, n=3, extra_rows=extra)
    write_batch(path, tmp_path / "o.csv", model=fixture_model, top_k=1, jobs=1)
    output = (tmp_path / "o.csv").read_text(encoding="utf-8")
    rejects = (tmp_path / "o.rejects.csv").read_text(encoding="utf-8")
    assert "\x00" not in output + rejects
    # a NUL in an id rejects the row, shown escaped; in a rating cell it is no number
    assert "r\\x0099" in rejects and "r\ufffd99" not in output and "2\ufffd" in rejects
