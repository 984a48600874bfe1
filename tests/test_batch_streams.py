"""Surveys given to a batch as streams (standard input, file objects): each copied whole to a
file of its own under the output's lock, and read beside the paths given with them."""

from __future__ import annotations

import io
import warnings

import pytest
from helpers import make_survey

from matcher import InputError, write_batch


def _stdin(path) -> io.BytesIO:
    stream = io.BytesIO(path.read_bytes())
    stream.name = "<stdin>"  # as sys.stdin.buffer is named
    return stream


def test_two_streams_named_stdin_are_both_read(tmp_path, fixture_model):
    # Both were copied to one stdin.csv: the second replaced the first, and the only sign was
    # a warning naming a temporary file ("a file named more than once is read once").
    first = make_survey(tmp_path / "a.csv", fixture_model, n=5, seed=1)
    second = make_survey(tmp_path / "b.csv", fixture_model, n=7, seed=2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        summary = write_batch(
            [_stdin(first), _stdin(second)], tmp_path / "out.csv", model=fixture_model, top_k=1
        )
    assert summary["rows_read"] == 12 and summary["files"] == ["<stdin>", "<stdin>"]


def test_the_same_stream_given_twice_is_refused(tmp_path, fixture_model):
    # The second copy was empty: "stdin.csv: the file is empty", naming no file of the user's.
    stream = _stdin(make_survey(tmp_path / "a.csv", fixture_model, n=5))
    with pytest.raises(InputError, match="<stdin>: the same stream is given twice"):
        write_batch([stream, stream], tmp_path / "out.csv", model=fixture_model)
    assert not (tmp_path / "out.csv").exists()
