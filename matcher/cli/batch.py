"""``matcher batch``: score every respondent of a survey into a CSV or Parquet file."""

from __future__ import annotations

import argparse
import contextlib
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

from matcher.errors import InputError
from matcher.util.labels import counted
from matcher.validation import argument, check_choice

from . import base

#: The names of :data:`matcher.batch.engines.ENGINES` (not imported here: it loads numpy).
ENGINE_NAMES = ("local", "dask")


def add_arguments(p: argparse.ArgumentParser, command: str) -> None:
    p.description = (
        "Score every row of a survey export (see the README for the format). Writes OUT (.csv or "
        ".parquet, one row per respondent and rank) and OUT.rejects.csv (every row that was not "
        "scored, with line, column, value and reason). Exit status: 0 all rows scored, 1 some "
        "rows rejected, 2 the survey cannot be read."
    )
    p.add_argument(
        "survey",
        nargs="+",
        help="survey CSV file(s) or quoted glob pattern(s); - reads the survey from standard "
        "input (spooled to a temporary file, which messages name)",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        help="OUT.csv or OUT.parquet; - writes CSV to standard output (then give --rejects)",
    )
    p.add_argument(
        "--rejects",
        type=Path,
        metavar="FILE",
        help="rejects file (default: OUT.rejects.csv); a file, not -",
    )
    p.add_argument(
        "--top", type=base.positive_int, default=10, help="occupations per respondent (default 10)"
    )
    p.add_argument("--jobs", type=base.positive_int, help=base.JOBS_HELP)
    p.add_argument("--id-column", default="respondent_id", help="respondent id column name")
    p.add_argument(
        "--engine",
        type=argument(check_choice, ENGINE_NAMES, parse=str),
        metavar="{" + ",".join(ENGINE_NAMES) + "}",
        help="local threads (default) or a Dask cluster",
    )
    p.add_argument(
        "--scheduler",
        help="Dask scheduler address, tcp://host:8786 (default: a local cluster); "
        "implies --engine dask",
    )
    base.add_quiet_option(p, "progress bar and no summary")
    base.add_json_option(p, "the summary (rows read, scored, rejected, files written)")
    base.add_model_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from matcher.batch.run import format_summary, keep_freed_memory, write_batch
    from matcher.util.progress import on_terminal

    if args.rejects is not None and str(args.rejects) == base.STDIO:
        # the rejects and the results are one pair on disk (OUT.manifest.json names both): a
        # file named "-" was made, and the summary said the rejects went to "-"
        raise InputError(
            "--rejects -: the rejects are a file, written with the results as one pair; give "
            "a file name (without --rejects they go to OUT.rejects.csv beside the results)"
        )
    to_stdout = args.output == base.STDIO
    if to_stdout and args.rejects is None:
        raise InputError(
            "-o - writes the results to standard output; say where the rejects go with "
            "--rejects FILE"
        )
    base.refuse_json_on_stdout(args, "results")
    if args.survey.count(base.STDIO) > 1:
        raise InputError("standard input (-) can be read only once")
    keep_freed_memory()
    # a socket left open by a Dask cluster stopped with Ctrl-C is no news to the user
    warnings.filterwarnings("ignore", category=ResourceWarning)
    model = base.load_model_option(args)
    # standard input goes to write_batch as a stream: it is read under the output's lock
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    sources = [stdin if s == base.STDIO else s for s in args.survey]
    with _results_file(args.output) as output:
        summary = write_batch(
            sources if len(sources) > 1 else sources[0],
            output,
            rejects=args.rejects,
            model=model,
            top_k=args.top,
            id_column=args.id_column,
            jobs=args.jobs,
            engine=_engine(args),
            scheduler=args.scheduler,
            progress=on_terminal() and not args.quiet,
        )
        if to_stdout:
            import shutil

            with open(output, "rb") as results:
                sys.stdout.flush()
                shutil.copyfileobj(results, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            summary["output"] = base.STDIO
    if args.json:
        base.print_json(summary)
    elif not args.quiet:
        from matcher.model.credit import credit_line

        credit = credit_line(model)
        print(
            f"{format_summary(summary)}\nscored rows -> {summary['output']}; "
            f"rejects ({counted(summary['reject_lines'], 'line')}) -> {summary['rejects']}"
            + (f"\n{credit}" if credit else ""),
            file=sys.stderr if to_stdout else sys.stdout,
        )
    if summary["rejected"]:
        print(
            f"matcher: warning: {counted(summary['rejected'], 'row')} rejected; "
            f"see {summary['rejects']}",
            file=sys.stderr,
        )
        return base.EXIT_FAILED
    return base.EXIT_OK


@contextlib.contextmanager
def _results_file(output: str) -> Iterator[Path]:
    """Where the results are written: ``OUT``, or a temporary CSV copied to standard output."""
    if output != base.STDIO:
        yield Path(output)
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="matcher-") as folder:
        yield Path(folder) / "results.csv"


def _engine(args: argparse.Namespace) -> str:
    """--engine, or dask when a --scheduler is given; the two must not contradict."""
    if args.scheduler is not None and not args.scheduler.strip():
        raise InputError("--scheduler: give the scheduler's address, as tcp://HOST:8786")
    if args.scheduler and args.engine == "local":
        raise InputError("--scheduler is for --engine dask; leave out --engine local")
    return args.engine or ("dask" if args.scheduler else "local")
