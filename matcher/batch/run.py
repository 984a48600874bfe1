"""Score every respondent of a survey: streamed, vectorised, every row accounted for.

``score_survey(path)`` returns one row per (respondent, rank); the CLI's
``matcher batch`` (:func:`write_batch`) writes the same rows to CSV or Parquet
without holding them in memory. The survey is read in chunks
(:mod:`matcher.io.survey`); each chunk is parsed, checked and scored
(:mod:`matcher.batch.pipeline`) by an engine (:mod:`matcher.batch.engines`):
local threads, with numpy and BLAS releasing the interpreter lock, or a Dask
cluster. The results come back in input order and are written as they come.
Memory is bounded by the number of chunks in flight, not by the size of the
survey.
"""

from __future__ import annotations

import contextlib
import json
import time
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from matcher.errors import InputError
from matcher.io.survey.columns import ID_COLUMN
from matcher.io.survey.parsed import NULL_MARKERS
from matcher.io.survey.rejects import NO_REJECTS, RejectColumns
from matcher.io.survey.spool import found_files, is_stream, spooled
from matcher.model.credit import DATA_SOURCE, data_source, with_source
from matcher.model.default import model_or_default
from matcher.model.model import Model
from matcher.util.labels import counted
from matcher.util.memory import keep_freed_memory
from matcher.validation import check_choice, check_flag, check_instance, check_path

from . import engines
from .output import BatchOutput
from .pair import OutputPair
from .pipeline import BatchContext, ChunkResult, prepare
from .rejects_file import write_rejects, write_rejects_header

__all__ = [
    "format_summary",
    "keep_freed_memory",
    "output_format",
    "rejects_path",
    "score_survey",
    "write_batch",
]

#: Output rows gathered before a write (a Parquet row group).
WRITE_ROWS = 250_000
#: The key of a Parquet output's schema metadata that holds the record of the model's data
#: source (JSON), when its licence asks to be credited: the file travels without its manifest.
SOURCE_METADATA = f"matcher.{DATA_SOURCE}"


@contextlib.contextmanager
def _results(
    source: Any,
    model: Model,
    *,
    top_k: int,
    id_column: str,
    jobs: int | None,
    progress: bool,
    engine: str,
    scheduler: str | None,
) -> Iterator[tuple[BatchContext, Iterator[ChunkResult]]]:
    """The survey's context and its chunks' results as they are scored, with any stream
    among the sources spooled for as long as they are read."""
    check_choice("engine", engine, engines.ENGINES)
    check_flag("progress", progress)
    check_instance("id_column", id_column, (str,), "the name of the id column")
    if scheduler is not None and engine != "dask":  # else the cluster would go unused, silently
        raise InputError(
            f"scheduler is for engine='dask', got scheduler={scheduler!r} with engine={engine!r}"
        )
    with spooled(source) as (source, names):
        context, items, total = prepare(
            source, model, top_k=top_k, id_column=id_column, names=names
        )
        yield (
            context,
            engines.run(
                engine,
                context,
                items,
                jobs=jobs,
                progress=progress,
                total_bytes=total,
                scheduler=scheduler,
            ),
        )


def score_survey(
    source: str | Path | IO[Any] | Sequence[str | Path | IO[Any]] | pd.DataFrame,
    *,
    model: Model | None = None,
    top_k: int = 10,
    id_column: str = ID_COLUMN,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Score every respondent of a survey.

    Parameters
    ----------
    source : a survey CSV path, a glob pattern or a list of paths, or a DataFrame
        with the same columns (see :mod:`matcher.io.survey` for the format). A readable
        file object among them (``sys.stdin.buffer``) is copied to a temporary file
        first; rejects name it by its ``name`` (``<stdin>``).
    model : default: the built-in catalog's model.
    top_k : occupations per respondent.
    id_column : name of the respondent id column.
    jobs : workers: threads of this process, or with ``engine="dask"`` and no
        scheduler the processes of a local cluster (default: every CPU).
    engine : ``"local"``, or ``"dask"`` to run on a Dask cluster
        (``scheduler="tcp://host:8786"``, or a local cluster when None).

    Returns
    -------
    DataFrame, one row per (respondent, rank) in input order: respondent_id,
    rank, occupation_id, title, score, confidence, alike (the respondent's ratings
    hardly vary), gap_1, gap_1_deficit .. gap_3_deficit and, when the survey has a
    ``target_job`` column, target_id, target_rank, target_score and
    target_gap_1 .. target_gap_3_deficit (the README's *Batch scoring of survey
    exports* says what each is).
    ``df.attrs["rejects"]`` holds the rejects (columns file, line, respondent_id, column,
    value, reason; from a DataFrame, ``line`` counts as in a CSV of it with its header, so the
    row is ``source.iloc[line - 2]``): ``.to_pandas()`` gives every one as a DataFrame, while
    its cells, a dict of columns that ``to_parquet`` writes and ``pd.DataFrame(...)`` reads,
    hold only the first :data:`~matcher.io.survey.rejects.REJECTS_KEPT` (1,000), so that the
    result's Parquet file stays small and readable. ``df.attrs["summary"]`` holds the
    counts (``reject_lines``: how many rejects, ``rejects_cut``: True when the cells hold
    fewer): rows_read = scored + rejected, and every line after the header is
    a row read, one of ``blank_lines``, one of ``continued_lines`` (lines a
    quoted field carries into the row above) or one of ``repeated_headers``
    (files joined with their headers: the rows after each are read by its order);
    ``null_markers`` counts the rating and job cells holding ``N/A``, ``n/a``,
    ``NA``, ``-``, ``\\N`` or ``NULL``, read as blank. A warning says how many rows
    were rejected and which columns were not read (``summary["unknown_columns"]``: a
    misspelt item's column is no rating of anyone). When the model's data asks to be
    credited (O*NET's licence), ``df.attrs["data_source"]`` is the record of its source
    (name, release, licence, credit); the built-in catalog's results have no such key.
    """
    model = model_or_default(model)
    started = time.perf_counter()
    options = {"top_k": top_k, "id_column": id_column, "jobs": jobs, "progress": progress}
    with _results(source, model, engine=engine, scheduler=scheduler, **options) as (
        context,
        results,
    ):
        output = BatchOutput(context)
        tables, rejects = [], []
        for result in results:
            table, rejected = output.accept(result)
            tables.append(table)
            if rejected.num_rows:
                rejects.append(rejected)
    table = pa.concat_tables(tables) if tables else output.schema.empty_table()
    table = table.set_column(
        0, "respondent_id", pc.cast(table.column("respondent_id"), pa.string())
    )
    frame = table.to_pandas()
    summary = output.summary()
    summary["seconds"] = round(time.perf_counter() - started, 3)
    # JSON-ready cells of the first rejects (to_parquet writes attrs as JSON), all in .table
    frame.attrs["rejects"] = kept = RejectColumns.of(
        pa.concat_tables(rejects) if rejects else NO_REJECTS
    )
    summary["reject_lines"] = kept.table.num_rows
    summary["rejects_cut"] = kept.cut
    frame.attrs["summary"] = summary
    if (source := data_source(model)) is not None:
        frame.attrs[DATA_SOURCE] = source
    # (the time is no warning)
    said = ("rejected", "unknown_columns", "padded_rows", "repeated_headers", "null_markers")
    if any(summary.get(k) for k in said):
        warnings.warn(format_summary({**summary, "seconds": None}), stacklevel=2)
    return frame


def output_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise InputError(
        f"{path}: write the output as .csv or .parquet (got {suffix or 'no suffix'!r})"
    )


def rejects_path(output: str | Path) -> Path:
    """Where the rejects of ``OUT`` go: ``OUT.rejects.csv`` beside it."""
    output = Path(output)
    return output.with_name(f"{output.stem}.rejects.csv")


def write_batch(
    source: str | Path | IO[Any] | Sequence[str | Path | IO[Any]],
    output: str | Path,
    *,
    rejects: str | Path | None = None,
    model: Model | None = None,
    top_k: int = 10,
    id_column: str = ID_COLUMN,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Score a survey into ``output`` (.csv or .parquet) and its rejects into ``rejects``
    (default ``OUT.rejects.csv``), streaming: memory stays bounded.

    The two files are written as one unit (:mod:`matcher.batch.pair`): under a
    lock taken before any input is read, put in place together, then
    ``OUT.manifest.json`` names them. In the CSV files, cells that a spreadsheet
    would run as a formula are prefixed with ``'``. Returns the summary (see
    :func:`score_survey`), with the paths written. When the model's data asks to be
    credited, the summary and the manifest have its record under ``"data_source"``, and a
    Parquet output under its schema metadata's ``matcher.data_source`` (JSON); a CSV
    output stays a plain table.

    Raises
    ------
    InputError
        Bad input, an output that is a folder or an input, a folder that cannot
        be written, or another run writing the same output.
    """
    started = time.perf_counter()
    output = check_path("output", output)
    rejects = check_path("rejects", rejects) if rejects is not None else rejects_path(output)
    inputs: list[Path] = []
    if not isinstance(source, pd.DataFrame):
        source = found_files(source)  # the files, found once (globs), streams in their places
        inputs = [item for item in source if not is_stream(item)]
    pair = OutputPair(output, rejects, inputs)  # checked before a model is loaded
    kind = output_format(output)  # after: a folder is one, whatever its name's suffix
    options = {"top_k": top_k, "id_column": id_column, "jobs": jobs, "progress": progress}
    with pair.locked():  # the lock first: stdin is input
        model = model_or_default(model)
        with _results(source, model, engine=engine, scheduler=scheduler, **options) as (
            context,
            results,
        ):
            summary = _write_pair(pair, kind, context, results)
    done = {
        **summary,
        "output": str(output),
        "rejects": str(rejects),
        "manifest": str(pair.manifest),
        "seconds": round(time.perf_counter() - started, 3),
    }
    return with_source(done, model)


def _write_pair(
    pair: OutputPair, kind: str, context: BatchContext, results: Iterator[ChunkResult]
) -> dict[str, Any]:
    """Write the results and rejects into the pair's temporary files and put them in place;
    the summary for the manifest."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    batch = BatchOutput(context, for_csv=kind == "csv")
    source = data_source(context.model)
    reject_count = 0
    with pair.open() as files:
        out, bad = files.output, files.rejects
        files.about = with_source({}, context.model)
        if kind == "parquet":
            # Text columns arrive dictionary-encoded; numbers are not worth a dictionary, and
            # statistics of a results file cost more to write than they save.
            encoded = [f.name for f in batch.schema if pa.types.is_dictionary(f.type)]
            schema = batch.schema
            if source is not None:
                schema = schema.with_metadata({SOURCE_METADATA: json.dumps(source)})
            writer: Any = pq.ParquetWriter(
                out,
                schema,
                compression="snappy",
                use_dictionary=encoded,
                write_statistics=False,
            )
        else:
            writer = pacsv.CSVWriter(
                out, batch.schema, write_options=pacsv.WriteOptions(quoting_style="needed")
            )
        write_rejects_header(bad)
        pending: list[pa.Table] = []
        pending_rows = 0
        try:
            for result in results:
                table, rejected = batch.accept(result)
                if table.num_rows:
                    # Chunks are small for fast parsing; written together they make
                    # row groups of a useful size, and fewer calls.
                    pending.append(table)
                    pending_rows += table.num_rows
                    if pending_rows >= WRITE_ROWS:
                        writer.write_table(pa.concat_tables(pending))
                        pending, pending_rows = [], 0
                if rejected.num_rows:
                    reject_count += rejected.num_rows
                    write_rejects(rejected, bad)
            if pending:
                writer.write_table(pa.concat_tables(pending))
        finally:
            writer.close()
        files.summary = {**batch.summary(), "reject_lines": reject_count}
    return files.summary


def format_summary(summary: dict[str, Any]) -> str:
    """The summary as a person reads it."""
    parts = [
        f"{counted(summary['rows_read'], 'row')} read = {summary['scored']:,} scored + "
        f"{summary['rejected']:,} rejected"
    ]
    if summary.get("duplicates"):
        parts.append(
            f"{counted(summary['duplicates'], 'duplicate respondent id')} "
            "(only the first row of each id counts)"
        )
    if summary.get("alike"):
        one = summary["alike"] == 1
        parts.append(
            f"{counted(summary['alike'], 'scored respondent')} whose ratings hardly "
            f"var{'ies' if one else 'y'} (column alike: "
            f"{'it says' if one else 'they say'} little about which occupations fit)"
        )
    if summary.get("blank_lines"):
        parts.append(f"{counted(summary['blank_lines'], 'blank line')} skipped")
    if summary.get("continued_lines"):
        parts.append(
            f"{counted(summary['continued_lines'], 'line')} inside quoted fields (part of "
            "the row above)"
        )
    if summary.get("repeated_headers"):
        parts.append(
            f"{counted(summary['repeated_headers'], 'line')} repeating the header (files joined: "
            "the rows after each read by its column order)"
        )
    if summary.get("null_markers"):
        markers = ", ".join(NULL_MARKERS)
        parts.append(
            f"{counted(summary['null_markers'], 'cell')} holding a null marker ({markers}) "
            "read as blank (unanswered)"
        )
    if summary.get("padded_rows"):
        parts.append(
            f"{counted(summary['padded_rows'], 'row')} with empty cells past the header's last "
            "column (ignored)"
        )
    text = "; ".join(parts)
    if summary.get("unknown_columns"):
        text += "\nunknown columns, ignored: " + "; ".join(summary["unknown_columns"])
    if summary.get("seconds") and summary["rows_read"]:
        rate = summary["rows_read"] / max(summary["seconds"], 1e-9)
        text += f"\n{summary['seconds']:.1f} s, {rate:,.0f} rows/s"
    return text
