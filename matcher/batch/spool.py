"""Surveys read from a stream (standard input): copied to a temporary file first.

The reader cuts a survey into chunks by seeking, which a pipe cannot do, so a
stream among the sources of a run is spooled to a file that lives as long as
the run; messages about its rows name the stream (``<stdin>``), not that file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from matcher.errors import InputError

__all__ = ["file_sources", "is_stream", "spooled"]


def is_stream(item: Any) -> bool:
    """A readable file object (binary or text), rather than a path or a pattern."""
    return hasattr(item, "read") and not isinstance(item, str | os.PathLike)


def file_sources(source: Any) -> Any:
    """``source`` without its streams, for the checks made before a run reads anything:
    ``source`` itself when it has none, the list of its paths and patterns, or None when
    every source is a stream."""
    items = source if isinstance(source, list | tuple) else [source]
    if not any(is_stream(item) for item in items):
        return source
    return [item for item in items if not is_stream(item)] or None


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
    items: Sequence[Any] = source if isinstance(source, list | tuple) else [source]
    streams = [item for item in items if is_stream(item)]
    if not streams:
        yield source, {}
        return
    if len({id(stream) for stream in streams}) < len(streams):
        twice = next(s for s in streams if sum(t is s for t in streams) > 1)
        raise InputError(
            f"{stream_name(twice)}: the same stream is given twice; a stream can be read only "
            "once (give it once)"
        )
    with tempfile.TemporaryDirectory(prefix="matcher-") as folder:
        paths: list[Any] = []
        names: dict[str, str] = {}
        for index, item in enumerate(items):
            if not is_stream(item):
                paths.append(item)
                continue
            name = stream_name(item)
            # errors of the reader name the copy: "stdin-0.csv" says what it is a copy of; one
            # name per place (two streams named <stdin> were copied to one file, the first lost)
            kind = "stdin" if name == "<stdin>" else "stream"
            path = Path(folder) / f"{kind}-{index}.csv"
            _copy(item, path)
            paths.append(path)
            names[str(path)] = name
        yield paths if isinstance(source, list | tuple) else paths[0], names


def _copy(stream: IO[Any], path: Path) -> None:
    with path.open("wb") as copy:
        first = stream.read(1 << 16)
        if isinstance(first, str):  # a text stream: stored as the UTF-8 the reader expects
            copy.write(first.encode("utf-8"))
            copy.write(stream.read().encode("utf-8"))
            return
        copy.write(first)
        shutil.copyfileobj(stream, copy)
