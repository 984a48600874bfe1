"""Every fenced code block of README.md runs, or parses, so that no example can rot.

- ``python`` blocks run as a script each, in a fresh interpreter.
- ``console``, ``bash``, ``sh`` and untagged blocks run command by command (a ``$ `` prompt
  is stripped, a ``#`` comment line skipped); every command must start with ``matcher``
  (pipes and redirections may follow) and exit 0. Bash runs it, with this environment's
  ``matcher`` first on the PATH.
- ``json`` blocks must parse, and one holding ratings must be a valid self-assessment of
  the built-in catalog; ``text`` and ``csv`` blocks are data.
- A block is skipped only when the line before its fence says ``<!-- not run: REASON -->``
  (it installs a package, needs an O*NET database or a Dask scheduler, is the test suite).

Each block runs in a folder of its own holding the files the README's examples name, made
from documented fixtures: ``aiko.json`` is the README's own self-assessment example (its
JSON block), ``survey.csv`` is ``tests/fixtures/readme/survey.csv`` (six clean respondents),
``exports/*.csv`` the same survey cut in two, and ``data`` the checkout's data folder (the
Quick start runs ``matcher recommend data/examples/...`` from a checkout).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT

README = ROOT / "README.md"
SHELL = {"console", "bash", "sh", "shell", ""}
DATA = {"text", "csv"}
NOT_RUN = re.compile(r"<!--\s*not run:\s*(?P<reason>.+?)\s*-->")


@dataclass(frozen=True)
class Block:
    line: int  # of the opening fence, 1-based
    language: str
    text: str
    not_run: str | None  # the reason, when marked


def readme_blocks(text: str) -> list[Block]:
    blocks, lines = [], text.splitlines()
    i = 0
    while i < len(lines):
        fence = re.match(r"^(`{3,})(\w*)\s*$", lines[i])
        if not fence:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith(fence.group(1)))
        previous = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        marked = NOT_RUN.search(previous)
        body = "\n".join(lines[i + 1 : end]) + "\n"
        blocks.append(Block(i + 1, fence.group(2), body, marked and marked.group("reason")))
        i = end + 1
    return blocks


BLOCKS = readme_blocks(README.read_text(encoding="utf-8"))


def commands(block: Block) -> list[str]:
    """The commands of a shell block: prompts stripped, comments and blank lines skipped."""
    found, pending = [], ""
    for raw in block.text.splitlines():
        line = raw.strip().removeprefix("$ ").strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1].rstrip() + " "
            continue
        found.append(pending + line)
        pending = ""
    return found


def test_the_readme_is_read_whole():
    languages = {b.language for b in BLOCKS}
    assert {"python", "console", "json"} <= languages
    assert len(BLOCKS) >= 12
    unknown = languages - SHELL - DATA - {"python", "json"}
    assert not unknown, f"README blocks in languages this test cannot run: {unknown}"
    for block in BLOCKS:
        if block.not_run is not None:
            assert len(block.not_run) > 10, f"line {block.line}: say why it is not run"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """One MATCHER_HOME for every block, so that the default model is built once."""
    return tmp_path_factory.mktemp("readme-home")


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "aiko.json").write_text(_profile_example().text, encoding="utf-8")
    survey = (FIXTURES / "readme" / "survey.csv").read_text(encoding="utf-8")
    (tmp_path / "survey.csv").write_text(survey, encoding="utf-8")
    header, *rows = survey.splitlines()
    exports = tmp_path / "exports"
    exports.mkdir()
    half = len(rows) // 2
    for name, part in (("a.csv", rows[:half]), ("b.csv", rows[half:])):
        (exports / name).write_text("\n".join([header, *part]) + "\n", encoding="utf-8")
    (tmp_path / "data").symlink_to(ROOT / "data", target_is_directory=True)
    return tmp_path


def _environment(home: Path) -> dict[str, str]:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, "MATCHER_HOME": str(home), "PATH": path, "COLUMNS": "100"}


def _profile_example() -> Block:
    profiles = [b for b in BLOCKS if b.language == "json" and '"skills"' in b.text]
    assert profiles, "the README shows no self-assessment"
    return profiles[0]


def _blocks(*languages: set[str] | str):
    wanted = set().union(*({x} if isinstance(x, str) else x for x in languages))
    return [pytest.param(b, id=f"line-{b.line}") for b in BLOCKS if b.language in wanted]


@pytest.mark.parametrize("block", _blocks("json"))
def test_json_blocks_parse_and_the_profile_example_is_valid(block):
    from matcher import default_model
    from matcher.io.assessment import RATING_KEYS, assessment_from_dict

    data = json.loads(block.text)
    if isinstance(data, dict) and set(data) & set(RATING_KEYS):
        person = assessment_from_dict(data, default_model().item_resolver, source="README")
        assert person.ratings


@pytest.mark.parametrize("block", _blocks("python"))
def test_python_blocks_run(block, folder, home):
    if block.not_run:
        pytest.skip(f"README line {block.line}: {block.not_run}")
    done = subprocess.run(
        [sys.executable, "-c", block.text],
        cwd=folder,
        env=_environment(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"README line {block.line}:\n{block.text}\n{done.stderr}"


@pytest.mark.parametrize("block", _blocks(SHELL))
def test_shell_blocks_run(block, folder, home):
    if block.not_run:
        pytest.skip(f"README line {block.line}: {block.not_run}")
    found = commands(block)
    assert found, f"README line {block.line}: an empty block"
    for command in found:
        assert shlex.split(command)[0] == "matcher", (
            f"README line {block.line}: {command!r} does not run matcher; mark the block "
            f"<!-- not run: REASON --> if it cannot run here"
        )
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            cwd=folder,
            env=_environment(home),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"README line {block.line}: {command}\n{done.stderr}"


def test_blocks_are_found_with_their_marks():
    text = (
        "intro\n\n```python\nprint(1)\n```\n\n<!-- not run: needs a Dask scheduler -->\n"
        "```console\n$ matcher batch x \\\n  -o y.csv   \n# a comment\n$ matcher --version\n```\n"
    )
    first, second = readme_blocks(text)
    assert (first.line, first.language, first.text, first.not_run) == (
        3,
        "python",
        "print(1)\n",
        None,
    )
    assert second.not_run == "needs a Dask scheduler"
    assert commands(second) == ["matcher batch x -o y.csv", "matcher --version"]


def test_the_names_offered_for_an_unknown_occupation_are_never_called_closest():
    """The titles offered for an unknown occupation were renamed "similar names" because
    "closest" read as the nearest job (a Nursing Assistant offered Director of Nursing); the
    Commands conventions and three docstrings still said "the closest names" or "titles"."""
    from matcher import Model, build_report, gaps

    said = [README.read_text("utf-8")]
    said += [f.__doc__ or "" for f in (Model.resolve_occupation, build_report, gaps)]
    for text in said:
        text = " ".join(text.split())
        assert not re.search(r"closest (titles|names found)|listing the closest", text)
    assert "An unknown occupation is an error listing similar names" in " ".join(said[0].split())
