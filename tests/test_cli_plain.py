"""Plain text output (files and pipes) and the parser `matcher` builds for one command."""

from __future__ import annotations

import argparse
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher.cli import COMMANDS, build_parser, main, plain
from matcher.cli import _command as command_of

# -- paragraphs -------------------------------------------------------------------------------


def test_wrap_keeps_words_whole_and_folds_only_a_word_too_long():
    assert plain.wrap("Document Preparation, Administrative Law", 22) == [
        "Document Preparation,",
        "Administrative Law",
    ]
    assert plain.wrap("a Stakeholder-Management b", 8) == ["a", "Stakehol", "der-Mana", "gement b"]
    # after a "/" or "-" when the rest then fits (a name split at the column edge read badly)
    assert plain.wrap("Achievement/Effort, Adaptability/Flexibility", 14) == [
        "Achievement/",
        "Effort,",
        "Adaptability/",
        "Flexibility",
    ]
    assert plain.wrap("", 10) == [""]
    assert plain.wrap("one\ntwo", 10) == ["one", "two"]


def test_wrap_keeps_the_spaces_that_align_things():
    assert plain.wrap(" 1. Crisis Management", 40) == [" 1. Crisis Management"]
    assert plain.wrap("2. Department Head  [NEXT]", 40) == ["2. Department Head  [NEXT]"]
    assert plain.wrap("trailing   ", 40) == ["trailing"]


def test_wide_characters_take_two_cells():
    assert plain.cells("東京都") == 6 and plain.cells("Tokyo") == 5
    assert plain.wrap("東京都 庁舎", 6) == ["東京都", "庁舎"]
    assert plain.wrap("東京都庁舎", 4) == ["東京", "都庁", "舎"]


def test_control_characters_from_the_input_never_reach_the_terminal():
    shown = plain.wrap("Aiko\x1b[2J\x07 Tanaka\tSan", 80)
    assert shown == ["Aiko\ufffd[2J\ufffd Tanaka San"]
    lines = plain.table(["name"], [["a\x1b[31mb\r"]], limit=80)
    assert not any(c in "".join(lines) for c in "\x1b\r")


def test_a_lone_surrogate_in_a_name_is_shown_as_a_replacement_character(
    tmp_path, capsys, model_file
):
    """`{"name": "a\\ud800b"}` is valid JSON: recommend and gaps stopped with an internal
    UnicodeEncodeError (exit 3) printing it; a report shows it as U+FFFD, and so do they."""
    profile = tmp_path / "p.json"
    profile.write_text('{"name": "a\\ud800b", "skills": {"Policy Planning": 3}}')
    model = ["--model", model_file]
    assert main(["recommend", str(profile), *model]) == 0
    assert "a\ufffdb" in capsys.readouterr().out
    assert main(["gaps", str(profile), "--target", "mayor", *model]) == 0
    assert "a\ufffdb" in capsys.readouterr().out
    assert main(["gaps", str(profile), "--target", "mayor", "--json", *model]) == 0
    assert json.loads(capsys.readouterr().out)["person"] == "a\ud800b"  # escaped, as JSON does


def test_a_name_is_one_short_line_and_a_long_word_folds_in_linear_time(tmp_path, capsys):
    fake = "Bob\n\n#   confidence   score   occupation\n1          99%    1.00   Surgeon"
    assert plain.label(fake).startswith("Bob  #   confidence") and "\n" not in plain.label(fake)
    assert plain.label("x" * 1000) == "x" * 79 + "\u2026" and plain.label("Aiko") == "Aiko"
    profile = tmp_path / "bob.json"
    profile.write_text(json.dumps({"name": fake, "skills": {"Patient Care": 4}}), "utf-8")
    assert main(["recommend", str(profile), "--top", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert not any(line.startswith("1 ") and "Surgeon" in line for line in out)  # no fake row
    # a word of a million characters: folded from an offset (cutting copies off took minutes)
    lines = plain.wrap("y" * 1_000_000, 80)
    assert len(lines) == 12_500 and set(map(len, lines)) == {80}


@given(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120),
    st.integers(1, 60),
)
def test_wrapped_lines_fit_and_lose_no_character(text, limit):
    lines = plain.wrap(text, limit)
    assert all(plain.cells(line) <= max(limit, 2) for line in lines)  # a wide char takes 2
    assert all(line == line.rstrip() for line in lines)
    kept = "".join("".join(lines).split())
    assert kept == "".join(plain.printable(text).split())


# -- tables -----------------------------------------------------------------------------------

HEADER = ["#", "score", "occupation", "you have", "to work on"]
ROWS = [
    [1, "0.53", "Subsection Chief", "Document Preparation, Administrative Law", "Coordination"],
    [2, "0.48", "Section Chief", "Administrative Law, Policy Planning", "Crisis Management"],
    [10, "0.43", "Ward Mayor (Tokyo Special Wards)", "Stakeholder Management", "-"],
]


@pytest.mark.parametrize("limit", [20, 40, 60, 80, 200])
def test_tables_fit_and_keep_every_word(limit):
    lines = plain.table(HEADER, ROWS, limit=limit, numeric=["#"])
    assert max(map(plain.cells, lines)) <= limit
    assert all(line == line.rstrip() for line in lines)
    if limit >= 60:  # wide enough for every word
        text = "\n".join(lines)
        for cell in [*HEADER, *(str(c) for row in ROWS for c in row)]:
            assert all(word in text for word in cell.split()), cell


def test_table_layout():
    rows = [[1, "Typing", 4], [10, "Filing", 3]]
    lines = plain.table(["#", "name", "level"], rows, limit=80, numeric=["#"])
    assert lines == [
        " #   name     level",
        "-------------------",
        " 1   Typing   4",
        "10   Filing   3",
    ]
    narrow = plain.table(["n", "a long header"], [["x", "y"]], limit=12, numeric=["n"])
    assert narrow[:2] == ["    a long", "n   header"]  # headers sit on the rule


def _rich_plain(header, rows, width, numeric=()):
    """The same table as rich draws it to a file (what `matcher` printed before)."""
    from rich.box import Box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, width=width, markup=False, highlight=False, color_system=None)
    box = Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
    table = Table(box=box, show_edge=False, pad_edge=False, header_style="", expand=False)
    for name in header:
        table.add_column(name, justify="right" if name in numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*(Text(str(cell)) for cell in row))
    console.print(table)
    return [line.rstrip() for line in out.getvalue().splitlines()]


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_tables_are_laid_out_as_rich_lays_them_out_on_a_terminal(width):
    pytest.importorskip("rich")
    assert plain.table(HEADER, ROWS, limit=width, numeric=["#"]) == _rich_plain(
        HEADER, ROWS, width, numeric=["#"]
    )


def test_width_is_columns_or_80(monkeypatch):
    monkeypatch.setenv("COLUMNS", "123")
    assert plain.width() == 123
    for value in ("", "0", "wide", "-5"):
        monkeypatch.setenv("COLUMNS", value)
        assert plain.width() == plain.DEFAULT_WIDTH == 80


# -- the parser of one command ---------------------------------------------------------------


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_command_run_is_found_before_parsing():
    assert command_of(["recommend", "me.json", "--top", "3"]) == ("recommend",)
    assert command_of(["--debug", "gaps", "-", "--target", "x"]) == ("gaps",)
    assert command_of(["--help"]) == command_of([]) == command_of(["recomend", "x"]) == ()


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_alone_parses_and_helps_as_in_the_whole_tree(name):
    whole = _subparsers(build_parser())[name]
    alone = _subparsers(build_parser([name]))
    assert list(alone) == [name]
    assert alone[name].format_help() == whole.format_help()


def test_matcher_help_lists_every_command_without_building_them(capsys):
    listing = build_parser(())
    assert listing.format_help() == build_parser().format_help()
    assert all(not p._actions[1:] for p in _subparsers(listing).values())  # only -h
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(f"    {name}" in out for name in COMMANDS)
    with pytest.raises(SystemExit):
        main(["recomend", "me.json"])
    assert "invalid choice: 'recomend'" in capsys.readouterr().err


# -- the program ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "answer"),
    [
        (["recommend", "me.json"], True),
        (["--debug", "gaps", "me.json"], True),
        (["batch", "survey.csv", "-o", "out.csv"], False),
        (["--help"], False),
    ],
)
def test_the_program_answers_with_one_blas_thread_and_no_garbage_collector(
    monkeypatch, argv, answer
):
    import gc
    import os
    import sys

    import matcher.cli as cli

    seen = []
    environ = {k: v for k, v in os.environ.items() if k not in cli.BLAS_THREADS}
    monkeypatch.setattr(os, "environ", {**environ, "MKL_NUM_THREADS": "4"})

    def run() -> int:
        seen.append((gc.isenabled(), [os.environ.get(k) for k in cli.BLAS_THREADS]))
        return 3

    monkeypatch.setattr(cli, "main", run)
    monkeypatch.setattr(gc, "freeze", lambda: seen.append("frozen"))
    monkeypatch.setattr(sys, "argv", ["matcher", *argv])
    try:
        with pytest.raises(SystemExit) as exit_:
            cli.entry()
    finally:
        gc.enable()
    assert exit_.value.code == 3
    threads = ["1", "4", "1"] if answer else [None, "4", None]  # the environment's value wins
    assert seen == [(not answer, threads), "frozen"]
