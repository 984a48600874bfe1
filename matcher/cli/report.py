"""``matcher report``: printable gap reports for a profile, or one per respondent of a survey."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from matcher.model.credit import with_source
from matcher.util.labels import counted

from . import base


def add_arguments(p: argparse.ArgumentParser, command: str) -> None:
    p.description = (
        "Write a printable gap report for one self-assessment (PROFILE.json, or - for standard "
        "input), or one per respondent of a survey CSV plus an index.html listing every report "
        "and every rejected row."
    )
    p.add_argument(
        "input", help="self-assessment JSON file, - for standard input, or survey CSV file(s)"
    )
    p.add_argument("-o", "--output", type=base.folder, required=True, help="folder to write into")
    p.add_argument(
        "--target",
        help="target occupation for every report: id, title or alias "
        "(default: the profile's target_job, else the best match)",
    )
    p.add_argument("--format", default="html,md", help="comma-separated: html, md (default both)")
    p.add_argument(
        "--top", type=base.positive_int, default=5, help="best matches shown (default 5)"
    )
    p.add_argument("--jobs", type=base.positive_int, help=base.JOBS_HELP)
    p.add_argument("--id-column", default="respondent_id", help="survey id column name")
    p.add_argument("--lenient", action="store_true", help="ignore unknown item names (profile)")
    base.add_quiet_option(p, "list of files written")
    base.add_json_option(p, "the files written and the rejected rows")
    base.add_model_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from matcher.errors import UnknownOccupationError
    from matcher.report.build import build_report
    from matcher.report.files import parse_formats, write_report, write_reports, written_dict
    from matcher.report.stems import report_stem

    model = base.load_model_option(args)
    formats = parse_formats(args.format)
    if _is_assessment(args.input):
        person = base.read_assessment_arg(args.input, model, args.lenient)
        where = "standard input" if args.input == base.STDIO else args.input
        try:
            made = build_report(person, target=args.target, model=model, top_k=args.top)
        except UnknownOccupationError as exc:  # which of the two gave the name
            raise base.target_error(exc, bool(args.target), where) from None
        stem = report_stem(Path(args.input).stem if args.input != base.STDIO else made.who)
        written = write_report(made, args.output, formats, stem=stem)
        if args.json:  # the shape of a batch's
            base.print_json(with_source(written_dict([(made.respondent_id, written)]), model))
        elif not args.quiet:
            for path in written.values():
                print(path)
        return base.EXIT_OK
    from matcher.io.survey.assessments import read_survey_assessments

    people, rejects = read_survey_assessments(args.input, model, id_column=args.id_column)
    result = write_reports(
        people,
        args.output,
        model=model,
        target=args.target,
        formats=formats,
        top_k=args.top,
        jobs=args.jobs,
        rejects=rejects,
        progress=False if args.quiet else None,
    )
    if args.json:
        base.print_json(with_source(result.to_dict(), model))
    elif not args.quiet:
        print(
            f"{counted(len(result.reports), 'report')} in {result.outdir} "
            f"({result.seconds:.1f} s); "
            f"index: {result.index}"
        )
    if result.rejected:
        print(
            f"matcher: warning: {counted(len(result.rejected), 'problem')} kept rows from "
            f"getting a report; listed in {result.index.name} and {result.rejects_file}",
            file=sys.stderr,
        )
        return base.EXIT_FAILED  # as `matcher batch`: the reports are written, some rows are not
    return base.EXIT_OK


def _is_assessment(source: str) -> bool:
    """Whether a command-line input names one self-assessment rather than a survey: ``-``, a
    ``.json`` name, or a file whose text starts with ``{`` (one saved as ``.txt``, or with no
    suffix: a survey's header never starts so)."""
    if source == base.STDIO or source.lower().endswith(".json"):
        return True
    try:
        with open(source, "rb") as handle:
            head = handle.read(256)
    except OSError:
        return False  # the survey reader says what is wrong with it
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")
