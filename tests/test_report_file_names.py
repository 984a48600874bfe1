"""A report's file name: safe on every system, never a Windows device, distinct for each id."""

from __future__ import annotations

import re

import pytest

from matcher import build_report, write_report
from matcher.errors import InputError
from matcher.report import stems as report_stems
from matcher.report.stems import report_stem


@pytest.mark.parametrize(
    "respondent_id",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "..",
        ".",
        "",
        "a/b\\c",
        "C:\\Windows\\x",
        "-rf",
        "ünïcødé 名前",
        "x" * 500,
        "name\x00with\nnul",
        "CON",
        ".hidden",
    ],
)
def test_report_stem_is_a_safe_file_name(respondent_id, tmp_path):
    stem = report_stem(respondent_id)
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*-[0-9a-f]{10}", stem), stem
    assert len(stem) <= 48 + 1 + 10
    assert (tmp_path / f"{stem}.html").resolve().parent == tmp_path.resolve()
    assert report_stem(respondent_id) == stem  # stable


@pytest.mark.parametrize(
    "respondent_id", ["con.nguyen", "aux.html", "nul.1", "COM\u00b9.x", "lpt1.a", "Prn.2", "CON"]
)
def test_a_report_file_name_is_never_a_windows_device_name(respondent_id):
    """con.nguyen-294ca71d26.html is the device CON on Windows: "Con" is a Vietnamese name."""
    stem = report_stem(respondent_id)
    before_dot = f"{stem}.html".split(".")[0].upper()
    devices = {"CON", "PRN", "AUX", "NUL", *(f"{d}{n}" for d in ("COM", "LPT") for n in range(10))}
    assert before_dot not in devices, stem
    assert report_stem("a.con.x").startswith("a.con.x-")  # only the part before the first dot


def test_distinct_ids_never_share_a_file_name(monkeypatch):
    ids = ["a/b", "a?b", "a b", "Anna", "anna", "ANNA", "x" * 60, "x" * 61]
    stems = [report_stem(i) for i in ids]
    assert len({s.casefold() for s in stems}) == len(ids)
    # Even when short hashes clash (forced here by shortening them), names stay distinct.
    monkeypatch.setattr(report_stems, "_HASH_LENGTH", 1)
    many = [f"id{c}" for c in "!#$%&()*+,/:;<=>?@[]^{|}~ \"'"]  # one readable part, 16 hashes
    assert len({report_stem(i, hash_length=1) for i in many}) < len(many)
    stems = report_stems.unique_stems(many)
    assert len({s.casefold() for s in stems}) == len(many)
    assert any(len(s) > 60 for s in stems)


@pytest.mark.parametrize(
    ("stem", "name"),
    [
        ("../outside", "outside"),
        ("/tmp/absolute", "tmp_absolute"),
        ("Tanaka/Aiko", "Tanaka_Aiko"),
        ("a\x00b", "a_b"),
        ("x" * 300, "x" * 120),
        ("CON", "CON_"),
        ("\u202eevil", "evil"),
        ("aiko-2024.final", "aiko-2024.final"),  # a safe name is kept as given
        ("田中愛子", "田中愛子"),  # any script: it was refused as having no letter
        ("Алиса", "Алиса"),
        ("José García", "José García"),  # not Jose_Garcia, the file of "Jose Garcia"
        ("..\\..\\win", "win"),
        ("Aiko. ", "Aiko"),  # Windows drops trailing dots and spaces
        ("COM¹", "COM¹_"),
        ("愛" * 100, "愛" * 40),  # 120 bytes of UTF-8, whole characters
    ],
)
def test_a_stem_given_to_write_report_is_made_safe(stem, name, tmp_path, fixture_model):
    """write_report(stem=...) wrote ../outside.html beside the folder, /tmp/absolute.html
    anywhere, a subfolder for Tanaka/Aiko, and raised ValueError (NUL) or OSError (too long)."""
    report = build_report({"skills": {"Office Administration": 4}}, model=fixture_model)
    out = tmp_path / "reports"
    written = write_report(report, out, ("html", "md"), stem=stem)
    assert {p.name for p in written.values()} == {f"{name}.html", f"{name}.md"}
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(
        [out.name, *[f"{name}.html", f"{name}.md"]]
    )
    assert all(p.resolve().parent == out.resolve() for p in written.values())


@pytest.mark.parametrize("stem", ["..", "/", "", "\x00", " . ", "\u202e", 5, b"name"])
def test_a_stem_that_leaves_no_safe_name_is_an_input_error(stem, tmp_path, fixture_model):
    """Only a stem with nothing left is refused (a Japanese name was, "without a letter")."""
    report = build_report({"skills": {"Office Administration": 4}}, model=fixture_model)
    with pytest.raises(InputError, match=r"^stem must be a file name .*, got "):
        write_report(report, tmp_path, ("html",), stem=stem)
    assert list(tmp_path.iterdir()) == []


def test_different_given_stems_write_different_files(tmp_path, fixture_model):
    """'José García' and 'Jose Garcia' both became Jose_Garcia: the second report overwrote the
    first without a word."""
    report = build_report({"skills": {"Office Administration": 4}}, model=fixture_model)
    names = ["José García", "Jose Garcia", "田中愛子", "Алиса"]
    for stem in names:
        write_report(report, tmp_path, ("html",), stem=stem)
    assert len(list(tmp_path.iterdir())) == len(names)
