"""Surveys read from a stream (standard input): copied to a temporary file first.

The reader cuts a survey into chunks by seeking, which a pipe cannot do, so a
stream among the sources of a run (``score_survey``, ``write_batch``,
``read_survey_assessments``: one source rule for all) is spooled to a file that
lives as long as the run; messages about its rows name the stream (``<stdin>``),
not that file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from matcher.errors import InputError

from .sources import survey_sources

__all__ = ["found_files", "is_stream", "split_sources", "spooled"]

#: A stream is copied this many bytes (or characters) at a time: memory stays bounded.
_CHUNK = 1 << 16


def is_stream(item: Any) -> bool:
    """A readable file object (binary or text), rather than a path or a pattern."""
    return hasattr(item, "read") and not isinstance(item, str | os.PathLike)


def split_sources(source: Any) -> tuple[list[Any], dict[int, IO[Any]]]:
    """The items of ``source`` (a list or tuple of them, or one item: a list of it) and its
    streams, by their place among the items."""
    items = list(source) if isinstance(source, list | tuple) else [source]
    return items, {index: item for index, item in enumerate(items) if is_stream(item)}


def found_files(source: Any) -> list[Any]:
    """The items of ``source`` with each path or pattern replaced, in its place, by the files
    it names (:func:`~matcher.io.survey.sources.survey_sources`: globs, missing files), its
    streams kept as they are: the files a run reads, found before any stream is read."""
    items, streams = split_sources(source)
    if not streams:
        return survey_sources(source)
    return [
        found
        for index, item in enumerate(items)
        for found in ([item] if index in streams else survey_sources(item))
    ]


def stream_name(stream: IO[Any]) -> str:
    """How messages name a stream: its name (``<stdin>``, a file's path) or ``<stream>``."""
    name = getattr(stream, "name", None)
    return name if isinstance(name, str) and name else "<stream>"


@contextlib.contextmanager
def spooled(source: Any) -> Iterator[tuple[Any, dict[str, str]]]:
    """``source`` with every stream replaced by a temporary copy of what it holds, and the
    names of those copies as messages give them ({copy: stream name}). The copies are
    removed on the way out.

    Raises
    ------
    InputError
        The same stream given twice: it is read once (the CLI refuses ``- -`` alike).
    """
    items, streams = split_sources(source)
    if not streams:
        yield source, {}
        return
    if len({id(stream) for stream in streams.values()}) < len(streams):
        twice = next(s for s in streams.values() if sum(t is s for t in streams.values()) > 1)
        raise InputError(
            f"{stream_name(twice)}: the same stream is given twice; a stream can be read only "
            "once (give it once)"
        )
    with tempfile.TemporaryDirectory(prefix="matcher-") as folder:
        names: dict[str, str] = {}
        for index, stream in streams.items():
            name = stream_name(stream)
            # errors of the reader name the copy: "stdin-0.csv" says what it is a copy of; one
            # name per place (two streams named <stdin> were copied to one file, the first lost)
            kind = "stdin" if name == "<stdin>" else "stream"
            path = Path(folder) / f"{kind}-{index}.csv"
            _copy(stream, path)
            items[index] = path
            names[str(path)] = name
        yield items if isinstance(source, list | tuple) else items[0], names


def _copy(stream: IO[Any], path: Path) -> None:
    """A stream's bytes into ``path``, a chunk at a time; a text stream's as the UTF-8 the
    reader expects."""
    with path.open("wb") as copy:
        while chunk := stream.read(_CHUNK):
            copy.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
