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


class _Stream(io.StringIO):
    """A text stream that says how it was read, and may do something when first read."""

    name = "<stdin>"

    def __init__(self, text: str, on_read=None) -> None:
        super().__init__(text)
        self.sizes: list[int | None] = []
        self.on_read = on_read

    def read(self, size: int | None = -1) -> str:
        if self.on_read is not None:
            self.on_read()
            self.on_read = None
        self.sizes.append(size)
        return super().read(size)


def test_a_text_stream_is_copied_a_chunk_at_a_time(tmp_path, fixture_model):
    # It was read whole (one read()), against write_batch's "memory stays bounded".
    survey = make_survey(tmp_path / "a.csv", fixture_model, n=400)
    stream = _Stream(survey.read_text(encoding="utf-8"))
    summary = write_batch(stream, tmp_path / "out.csv", model=fixture_model, top_k=1)
    assert summary["rows_read"] == 400
    assert stream.sizes and all(size is not None and size > 0 for size in stream.sizes)


def test_a_pattern_beside_a_stream_names_the_files_found_before_the_stream_is_read(
    tmp_path, fixture_model
):
    # With a stream among them, the patterns were resolved for the output's checks and again
    # to be read: a file that came to match in between was read, unchecked.
    folder = tmp_path / "surveys"
    folder.mkdir()
    make_survey(folder / "a.csv", fixture_model, n=5, seed=1)
    late = tmp_path / "late.csv"
    make_survey(late, fixture_model, n=7, seed=2)
    text = make_survey(tmp_path / "s.csv", fixture_model, n=3, seed=3).read_text("utf-8")
    stream = _Stream(text, on_read=lambda: late.rename(folder / "late.csv"))
    summary = write_batch(
        [str(folder / "*.csv"), stream], tmp_path / "out.csv", model=fixture_model, top_k=1
    )
    assert summary["rows_read"] == 8
    assert summary["files"] == [str(folder / "a.csv"), "<stdin>"]
