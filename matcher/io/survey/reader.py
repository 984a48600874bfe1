"""``parse_chunk``: the one entry that turns a chunk of a survey file into parsed records.

Like pandas' parser dispatch, the chunk picks its engine from :data:`ENGINES`:
``"fields"`` (numpy, for chunks of simple lines: every quote obeys the CSV
rules within its line, so quote parity splits the fields) or ``"exact"``
(record by record by the rule of :mod:`.records`, from a line that is not
simple).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .chunks import Chunk
from .exact import parse_exact
from .fields import parse_fields
from .layout import SurveyLayout
from .parsed import ParsedChunk

__all__ = ["ENGINES", "parse_chunk"]

#: Parsing engine by name: each takes a chunk and its file's layout, yields parsed chunks.
ENGINES: dict[str, Callable[[Chunk, SurveyLayout], Iterator[ParsedChunk]]] = {
    "fields": parse_fields,
    "exact": parse_exact,
}


def parse_chunk(chunk: Chunk, layout: SurveyLayout) -> Iterator[ParsedChunk]:
    """Split one chunk's records into fields (one ParsedChunk, or several for exact chunks),
    in the column order the chunk follows (:meth:`Chunk.layout_in`); the first counts the
    repeated header lines before the chunk."""
    parts = ENGINES[chunk.engine](chunk, chunk.layout_in(layout))
    for k, parsed in enumerate(parts):
        if k == 0:
            parsed.header_lines = chunk.headers
        yield parsed
