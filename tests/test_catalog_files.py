"""What a catalog folder holds besides its documents: copies, links, other files, endless
files. `matcher build` refuses what `matcher catalog check` calls an error and says what it
skipped or could not follow."""

from __future__ import annotations

import shutil
import warnings

import pytest
from helpers import FIXTURES

from matcher import build_model, check_catalog
from matcher.cli import main
from matcher.errors import InputError, ProfileParseError
from matcher.io.catalog import catalog_digest, load_catalog


@pytest.fixture
def catalog(tmp_path):
    folder = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "catalog", folder)
    return folder


@pytest.mark.parametrize("how", ["copy", "symlink"])
def test_build_refuses_two_documents_with_one_title_as_check_does(catalog, tmp_path, how, capsys):
    twin = catalog / "clerk-twin.txt"
    if how == "copy":
        shutil.copy(catalog / "clerk.txt", twin)
    else:
        twin.symlink_to(catalog / "clerk.txt")
    findings, _ = check_catalog(catalog)
    assert any("also names" in f.message for f in findings if f.severity == "error")
    with pytest.raises(InputError, match=r"clerk-twin\.txt and .*clerk\.txt"):
        build_model(catalog)
    assert main(["build", "--catalog", str(catalog), "-o", str(tmp_path / "m.model")]) == 2
    err = capsys.readouterr().err
    assert "name two occupations" in err and "Traceback" not in err
    assert not (tmp_path / "m.model").exists()


def test_build_warns_once_about_references_naming_no_occupation(catalog):
    clerk = catalog / "clerk.txt"
    text = clerk.read_text(encoding="utf-8").replace("Policy Director", "Lighthouse Keeper")
    # one name given twice (as a step and a related job, say) is one problem, named once
    text = text.replace("  • Office Manager", "  • Lighthouse Keeper\n  • Office Manager")
    clerk.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        build_model(catalog)
    found = [str(w.message) for w in caught if w.category is UserWarning]
    assert len(found) == 1
    assert "career-path step or related job names no occupation" in found[0]
    assert found[0].count("'Lighthouse Keeper' (clerk)") == 1
    assert f"run `matcher catalog check {catalog}` for the list" in found[0]


def test_other_files_and_subfolders_are_skipped_with_one_warning(catalog):
    shutil.copy(catalog / "clerk.txt", catalog / "bookkeeper.md")
    shutil.copy(catalog / "clerk.txt", catalog / "actuary.TXT")
    (catalog / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    (catalog / "drafts").mkdir()
    (catalog / ".gitkeep").write_text("")
    expected = "skipped 4 entries that are not a .txt profile: actuary.TXT, bookkeeper.md, drafts/"
    with pytest.warns(UserWarning, match=expected):
        assert len(load_catalog(catalog)) == 6
    findings, _ = check_catalog(catalog)
    skipped = [f for f in findings if "skipped" in f.message]
    assert len(skipped) == 1 and skipped[0].severity == "warning"
    assert "logo.png" in skipped[0].message


def test_a_link_to_an_endless_or_huge_file_is_refused_not_read(catalog, tmp_path, capsys):
    (catalog / "zero.txt").symlink_to("/dev/zero")
    findings, _ = check_catalog(catalog)
    errors = [(f.source, f.message) for f in findings if f.severity == "error"]
    assert errors == [(str(catalog / "zero.txt"), errors[0][1])]
    assert errors[0][1].startswith("is not a regular file")
    for make in (build_model, load_catalog, catalog_digest):
        with pytest.raises(ProfileParseError, match=r"zero\.txt: is not a regular file"):
            make(catalog)
    (catalog / "zero.txt").unlink()
    (catalog / "huge.txt").write_bytes(b"Huge\nSummary\n" + b"x" * (1 << 20))
    findings, _ = check_catalog(catalog)
    assert any("huge.txt" in f.source and "larger than 1 MB" in f.message for f in findings)
    assert main(["build", "--catalog", str(catalog), "-o", str(tmp_path / "m.model")]) == 2
    assert "larger than 1 MB" in capsys.readouterr().err


def test_the_readers_warning_gives_its_line_as_every_finding_does(catalog):
    clerk = catalog / "clerk.txt"
    text = clerk.read_text(encoding="utf-8").replace("Related Jobs", "Relatd Jobs")
    clerk.write_text(text, encoding="utf-8")
    findings, _ = check_catalog(catalog)
    found = [f for f in findings if "unknown heading 'Relatd Jobs'" in f.message]
    assert len(found) == 1 and found[0].severity == "warning"
    number = text.splitlines().index("Relatd Jobs") + 1
    assert found[0].line == number and not found[0].message.startswith(str(clerk))
    assert str(found[0]).startswith(f"{clerk}:{number}: warning: unknown heading")


def test_two_documents_of_one_title_are_one_error_not_a_path_that_ends_elsewhere(catalog):
    shutil.copy(catalog / "office-manager.txt", catalog / "office-manager-copy.txt")
    findings, _ = check_catalog(catalog)
    assert not [f for f in findings if "not at the occupation itself" in f.message]
    assert any("also names" in f.message and f.severity == "error" for f in findings)
