"""Survey exports: one row per respondent, read in bounded chunks that remember their lines.

A survey is a CSV file (UTF-8, with or without a byte-order mark; ``,`` or
``;`` between fields, detected from the header) with one row per respondent:
an id column, rating columns (``skill:<name>``, ``aptitude:<name>``,
``trait:<name>`` or a bare item name; 0-5, blank = unanswered) and optionally
``current_job`` and ``target_job``. See the README for the whole format.

The reader, one module per concern:

- :mod:`.columns` resolves the header against a model, :mod:`.layout` reads
  the header of a file (delimiter sniffing), :mod:`.sources` expands globs,
  :mod:`.spool` copies a stream among them to a file first (the reader seeks);
- :mod:`.chunks` cuts a file into chunks of whole records: :mod:`.lines`
  tells the lines that are a whole record by themselves, :mod:`.records` is
  the rule for the others (a bounded span that resynchronises, a bare CR
  refused), :mod:`.headers` finds a header repeated in the file (exports
  joined); :mod:`.reader` parses a chunk with the engine it needs
  (:mod:`.fields`, numpy, or :mod:`.exact`, record by record), :mod:`.frame`
  reads a DataFrame instead; all yield a :class:`~.parsed.ParsedChunk`;
- :mod:`.checks` judges parsed records, :mod:`.rejects` is the one reject record
  and the one duplicate-id rule;
- :mod:`.assessments` reads a small survey as self-assessments,
  :mod:`.template` writes an empty survey.
"""

from .assessments import read_survey_assessments
from .checks import check_chunk
from .chunks import iter_chunks
from .columns import ID_COLUMN, resolve_columns
from .frame import frame_chunks
from .layout import read_layout
from .reader import parse_chunk
from .sources import survey_sources
from .template import template_columns, write_template

__all__ = [
    "ID_COLUMN",
    "check_chunk",
    "frame_chunks",
    "iter_chunks",
    "parse_chunk",
    "read_layout",
    "read_survey_assessments",
    "resolve_columns",
    "survey_sources",
    "template_columns",
    "write_template",
]
