"""``matcher batch``: score every respondent of a survey into a CSV or Parquet file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from matcher.validation import argument, check_choice

from . import base

#: The names of :data:`matcher.batch.engines.ENGINES` (not imported here: it loads numpy).
ENGINE_NAMES = ("local", "dask")


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "batch",
        help="score every respondent of a survey CSV into a CSV or Parquet file",
        description="Score every row of a survey export (see the README for the format). "
        "Writes OUT (.csv or .parquet, one row per respondent and rank) and OUT.rejects.csv "
        "(every row that was not scored, with line, column, value and reason). Exit status: "
        "0 all rows scored, 1 some rows rejected, 2 the survey cannot be read.",
    )
    p.add_argument("survey", nargs="+", help="survey CSV file(s) or glob pattern(s)")
    p.add_argument("-o", "--output", type=Path, required=True, help="OUT.csv or OUT.parquet")
    p.add_argument("--rejects", type=Path, help="rejects file (default: OUT.rejects.csv)")
    p.add_argument(
        "--top", type=base.positive_int, default=10, help="occupations per respondent (10)"
    )
    p.add_argument("--jobs", type=base.positive_int, help="worker threads (default: every CPU)")
    p.add_argument("--id-column", default="respondent_id", help="respondent id column name")
    p.add_argument(
        "--engine",
        type=argument(check_choice, ENGINE_NAMES, parse=str),
        default="local",
        metavar="{" + ",".join(ENGINE_NAMES) + "}",
        help="local threads (default) or a Dask cluster",
    )
    p.add_argument(
        "--scheduler",
        help="Dask scheduler address, tcp://host:8786 (default: a local cluster); "
        "implies --engine dask",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    base.add_model_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from matcher.batch.run import format_summary, keep_freed_memory, write_batch
    from matcher.util.progress import on_terminal

    keep_freed_memory()
    model = base.load_model_option(args)
    sources = args.survey if len(args.survey) > 1 else args.survey[0]
    summary = write_batch(
        sources,
        args.output,
        rejects=args.rejects,
        model=model,
        top_k=args.top,
        id_column=args.id_column,
        jobs=args.jobs,
        engine="dask" if args.scheduler else args.engine,
        scheduler=args.scheduler,
        progress=on_terminal() and not args.quiet,
    )
    print(format_summary(summary))
    print(
        f"scored rows -> {summary['output']}; "
        f"rejects ({summary['reject_lines']:,} lines) -> {summary['rejects']}"
    )
    if summary["rejected"]:
        print(
            f"matcher: warning: {summary['rejected']:,} row(s) rejected; see {summary['rejects']}",
            file=sys.stderr,
        )
        return base.EXIT_FAILED
    return base.EXIT_OK
