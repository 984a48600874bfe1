"""`matcher catalog check` on titles and aliases that read otherwise than they are written:
bidi controls and invisible characters in them."""

from __future__ import annotations

import json
import shutil
import warnings

import pytest
from helpers import FIXTURES

from matcher import build_model, check_catalog
from matcher.cli import main


@pytest.fixture
def catalog(tmp_path):
    folder = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", folder)
    return folder


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _warnings(catalog) -> dict[str, str]:
    """Warning message -> the line of the document it names (source:line)."""
    return {
        f.message: f"{f.source.rsplit('/', 1)[-1]}:{f.line}"
        for f in check_catalog(catalog)[0]
        if f.severity == "warning"
    }


def test_a_title_or_alias_holding_a_bidi_control_or_an_invisible_character_is_warned_of(
    catalog,
):
    _edit(catalog / "clerk.txt", "Municipal Clerk\n", "Municipal\u202eevil\u202c Clerk\n")
    _edit(catalog / "clerk.txt", "  • Town Office Clerk", "  • Town\u2061Office Clerk")
    # a joiner is how emoji and some scripts are written: no warning
    _edit(catalog / "ward-nurse.txt", "Hospital Ward Nurse\n", "Ward Nurse \u200d\n")
    found = _warnings(catalog)
    title = [m for m in found if m.startswith("title 'Municipal\\u202eevil\\u202c Clerk' holds")]
    alias = [m for m in found if m.startswith("alias 'Town\\u2061Office Clerk' holds")]
    assert len(title) == 1 and "U+202E RIGHT-TO-LEFT OVERRIDE" in title[0], found
    assert "U+202C POP DIRECTIONAL FORMATTING" in title[0]
    assert found[title[0]] == "clerk.txt:1"
    assert len(alias) == 1 and "U+2061 FUNCTION APPLICATION" in alias[0]
    assert not any("ward-nurse" in where and "holds" in m for m, where in found.items())


def test_bidi_controls_in_a_name_or_title_never_reach_the_terminal(catalog, tmp_path, capsys):
    _edit(catalog / "clerk.txt", "Municipal Clerk\n", "Municipal\u202eevil\u202c Clerk\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # references to the old title
        model = build_model(catalog).save(tmp_path / "m.model")
    person = tmp_path / "p.json"
    person.write_text(
        json.dumps({"name": "Ann \u202e\u2067", "skills": {"Office Administration": 4}}), "utf-8"
    )
    for command in (["recommend", str(person)], ["show", "clerk"], ["similar", "office-manager"]):
        assert main([*command, "--model", str(model)]) == 0
        out = capsys.readouterr().out
        shown = (
            "Ann \ufffd\ufffd" if command[0] == "recommend" else "Municipal\ufffdevil\ufffd Clerk"
        )
        assert shown in out
        assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_a_name_that_passes_for_another_occupations_is_warned_of_naming_both(catalog):
    """'Ассоuntant' (Cyrillic А, с, с, о) was a second 'Accountant' that catalog check, comparing
    names after NFKC, took for a name of its own."""
    twin = catalog / "clerk-2.txt"
    twin.write_text((catalog / "clerk.txt").read_text(encoding="utf-8"), encoding="utf-8")
    _edit(twin, "Municipal Clerk\n", "Municipal \u0421lerk\n")  # Cyrillic Es
    _edit(twin, "  • Town Office Clerk", "  • \u0422\u039fWN OFFICE CLERK")  # Cyrillic Te, Greek O
    # words of one script, or Latin beside Han or Kana, are no finding
    _edit(catalog / "ward-nurse.txt", "  • Staff Nurse (Fixture)", "  • Медсестра IT担当")
    found = _warnings(catalog)
    title = "title 'Municipal \u0421lerk'"
    assert (
        found[
            f"{title} mixes Latin and Cyrillic letters in the word '\u0421lerk', so it can "
            "pass for another name; write each word in one script"
        ]
        == "clerk-2.txt:1"
    )
    same = [m for m in found if m.startswith(f"{title} looks the same as")]
    assert same == [
        f"{title} looks the same as title 'Municipal Clerk' of 'clerk' (its Cyrillic letters "
        "read as Latin ones); a reader cannot tell them apart: write it in Latin letters, or "
        "rename it"
    ]
    alias = [m for m in found if m.startswith("alias '\u0422\u039fWN OFFICE CLERK'")]
    assert any("mixes Latin, Cyrillic and Greek letters in the word" in m for m in alias)
    assert any("(its Cyrillic and Greek letters read as Latin ones)" in m for m in alias)
    assert any("looks the same as alias 'Town Office Clerk' of 'clerk'" in m for m in alias)
    # the Latin name is not the one warned of
    assert not any(m.startswith(("title 'Municipal Clerk'", "alias 'Town Office")) for m in found)
    assert not any("Медсестра" in m for m in found)
