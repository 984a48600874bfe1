"""``matcher import-onet`` at the command line, and what ``recommend`` says on an O*NET model."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from onetfiles import FIXTURE, write_lines

from matcher import import_onet, load_model
from matcher.cli import main


@pytest.fixture(scope="module")
def model():
    return import_onet(FIXTURE)


def test_cli_imports_and_saves_a_loadable_model(model, tmp_path, capsys):
    output = tmp_path / "models" / "onet.joblib"
    assert main(["import-onet", str(FIXTURE), "-o", str(output)]) == 0
    printed = capsys.readouterr().out
    assert "imported 4 O*NET occupations" in printed and "2 without ratings" in printed
    loaded = load_model(output)
    assert loaded.ids == model.ids
    np.testing.assert_array_equal(loaded.levels, model.levels)


def test_cli_shows_the_warnings_of_an_import(onet_dir, tmp_path):
    # In a process of its own: pytest would catch the warning before the CLI prints it.
    (onet_dir / "Job Zones.txt").unlink()
    command = ["import-onet", str(onet_dir), "-o", str(tmp_path / "onet.model"), "-q"]
    done = subprocess.run(
        [sys.executable, "-m", "matcher", *command], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("matcher: warning:") and "'Job Zones.txt'" in done.stderr
    assert done.stderr.count("matcher: warning:") == 1


@pytest.mark.parametrize("broken", ["a row of 3 fields", "a file cut off"])
def test_cli_reports_a_damaged_file_with_its_line_and_exit_2(onet_dir, tmp_path, capsys, broken):
    path = onet_dir / "Skills.txt"
    text = path.read_text(encoding="utf-8")
    if broken == "a file cut off":
        path.write_text(text[:-20], encoding="utf-8")
    else:
        lines = text.splitlines()
        lines[1] = "\t".join(lines[1].split("\t")[:3])
        write_lines(path, lines)
    assert main(["import-onet", str(onet_dir), "-o", str(tmp_path / "onet.model")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("matcher: error:") and "Skills.txt:" in error
    assert "Traceback" not in error


@pytest.mark.parametrize("broken", ["missing Skills.txt", "no such folder"])
def test_cli_reports_a_bad_folder_with_exit_2(onet_dir, tmp_path, capsys, broken):
    if broken == "missing Skills.txt":
        (onet_dir / "Skills.txt").unlink()
        folder = onet_dir
    else:
        folder = tmp_path / "nowhere"
    output = tmp_path / "onet.joblib"
    assert main(["import-onet", str(folder), "-o", str(output)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("matcher: error:")
    assert ("Skills.txt" if broken == "missing Skills.txt" else "not a folder") in error
    assert not output.exists()


def test_recommend_says_what_its_numbers_are_and_what_it_could_not_rank(model, tmp_path, capsys):
    """A reader took the order for the order of the scores or of the confidences; and the
    occupations O*NET lists without ratings were missing without a word."""
    path = model.save(tmp_path / "onet.model")
    profile = tmp_path / "p.json"
    profile.write_text('{"skills": {"Mathematics": 4, "Programming": 2}}', encoding="utf-8")
    assert main(["recommend", str(profile), "--model", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "confidence is the chance that it is your occupation" in out
    assert "score is the share of its key items your ratings meet" in out
    unrated = model.extra["skipped"]
    assert len(unrated) == 2  # the fixture's two occupations without ratings
    assert (
        f"Not ranked: 2 occupations of the source have no ratings (such as {', '.join(unrated)})"
        in out
    )
