"""Errors about a survey read from standard input name it ``<stdin>`` (as its rejects do), not
the temporary copy it is read from, with the line numbers of what was given."""

from __future__ import annotations

import io
import re

import pytest

from matcher import InputError, write_batch
from matcher.cli import main

HEADER = b"respondent_id,skill:Office Administration\n"


def _stdin(data: bytes) -> io.BytesIO:
    stream = io.BytesIO(data)
    stream.name = "<stdin>"  # as sys.stdin.buffer is named
    return stream


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"who,skill:Office Administration\nx,3\n", "<stdin>: no 'respondent_id' column"),
        (b"", "<stdin>: the file is empty"),
        (b'\n\nrespondent_id,"skill:Office Administration\nx,3\n', "<stdin>:3: a quote opens"),
        (HEADER + b"x,3\ny,4\rz,3\n", "<stdin>:3: a carriage return (CR)"),
        (HEADER + b"x,3\ny,\xff4\n", "<stdin>:3: not UTF-8 text"),
        (HEADER + b'"x,3\ny,\r4\n', "<stdin>:3: a carriage return (CR)"),
        (HEADER + b"x,3\n" + HEADER[:-1] + b",skill:Citizen Services\n", "<stdin>:3: this line"),
    ],
)
def test_a_refused_stream_is_named_as_standard_input(tmp_path, fixture_model, data, said):
    with pytest.raises(InputError) as caught:
        write_batch(_stdin(data), tmp_path / "out.csv", model=fixture_model)
    assert str(caught.value).startswith(said)
    assert "stdin-0" not in str(caught.value) and str(tmp_path) not in str(caught.value)


def test_the_cli_names_standard_input(tmp_path, fixture_model, monkeypatch, capsys):
    monkeypatch.setattr("matcher.cli.base.load_model_option", lambda args: fixture_model)
    stdin = io.TextIOWrapper(_stdin(HEADER + b"x,3\ny,\xff4\n"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["batch", "-", "-o", str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert re.search(r"error: <stdin>:3: not UTF-8 text", err) and "stdin-0" not in err


def test_a_file_beside_the_stream_is_still_named_by_its_path(tmp_path, fixture_model):
    survey = tmp_path / "s.csv"
    survey.write_bytes(b"who,skill:Office Administration\nx,3\n")
    with pytest.raises(InputError, match=re.escape(f"{survey}: no 'respondent_id' column")):
        write_batch(
            [_stdin(HEADER + b"x,3\n"), str(survey)], tmp_path / "out.csv", model=fixture_model
        )
