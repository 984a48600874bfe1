"""The ``matcher`` command: wiring from arguments to the library, nothing more.

Exit status: 0 ok, 1 a check found errors, 2 bad input (a profile, a survey,
an occupation name, a model file).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from pathlib import Path

from .errors import InputError, ModelError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _model(args: argparse.Namespace):
    from .model import default_model, load_model

    return load_model(args.model) if getattr(args, "model", None) else default_model()


def _read_profile_arg(value: str, model, lenient: bool):
    """A profile path, or ``-`` for JSON on standard input."""
    from .person import person_from_json, read_person

    if value == "-":
        return person_from_json(sys.stdin.read(), model.item_resolver, lenient=lenient)
    return read_person(value, model.item_resolver, lenient=lenient)


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- commands


def cmd_build(args: argparse.Namespace) -> int:
    from .model import build_model
    from .resources import models_dir

    model = build_model(args.catalog)
    path = model.save(args.output or models_dir() / "default.joblib")
    print(
        f"built a model of {len(model.catalog)} occupations and {model.vectorizer.n_features} "
        f"features from {model.source}; saved to {path}"
    )
    return EXIT_OK


def cmd_recommend(args: argparse.Namespace) -> int:
    from .recommend import recommend

    model = _model(args)
    person = _read_profile_arg(args.profile, model, args.lenient)
    recommendations = recommend(person, top_k=args.top, model=model)
    if args.json:
        _print_json([r.to_dict() for r in recommendations])
        return EXIT_OK
    who = f" for {person.name}" if person.name else ""
    print(f"Best matches{who} ({len(person.ratings)} items rated):\n")
    rows = [
        [
            str(r.rank),
            f"{r.score:.2f}",
            r.title,
            ", ".join(e.name for e in r.matched[:3]) or "-",
            ", ".join(e.name for e in (r.missing + r.unrated)[:3]) or "-",
        ]
        for r in recommendations
    ]
    print(_table(rows, ["#", "score", "occupation", "you have", "to work on"]))
    if recommendations:
        print(f"\nWhy #1: {recommendations[0].explanation}")
    return EXIT_OK


def cmd_gaps(args: argparse.Namespace) -> int:
    from .gaps import gaps

    model = _model(args)
    person = _read_profile_arg(args.profile, model, args.lenient)
    report = gaps(person, args.target, model=model)
    if args.json:
        _print_json(report.to_dict())
        return EXIT_OK
    who = f"{report.person}: " if report.person else ""
    print(f"{who}path to {report.target_title} ({report.route}, {len(report.steps)} steps)")
    for note in report.notes:
        print(f"  note: {note}")
    for index, step in enumerate(report.steps, start=1):
        mark = "reached" if step.reached else ("NEXT" if step.is_next else "ahead")
        here = ", you are here" if step.is_current else ""
        print(f"\n{index}. {step.title}  [{mark}{here}; match {step.score:.2f}]")
        rows = [
            [
                g.name,
                g.block,
                "unrated" if g.rating is None else f"{g.rating:g}",
                f"{g.level:g}",
                f"{g.deficit:.1f}" + ("*" if g.estimated else ""),
                f"{g.priority:.2f}",
            ]
            for g in step.gaps
        ]
        if rows:
            print(_table(rows, ["missing", "block", "you", "needs", "deficit", "priority"]))
        if step.unrated:
            print(f"   not rated yet: {', '.join(step.unrated)}")
    if report.plan:
        print("\nLearning plan (in this order):")
        for number, item in enumerate(report.plan, start=1):
            start = "unrated" if item.rating is None else f"{item.rating:g}"
            print(f"  {number:2}. {item.name}: {start} -> {item.level:g} by {item.step_title}")
    if any(g.estimated for s in report.steps for g in s.gaps):
        print("\n* estimated from your other ratings in the same block: rate it to be sure")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from .parse import write_profile

    model = _model(args)
    occupation = model.resolve_occupation(args.occupation)
    if args.json:
        from dataclasses import asdict

        _print_json({"id": occupation.id, **asdict(occupation.profile)})
        return EXIT_OK
    print(f"[{occupation.id}]")
    print(write_profile(occupation.profile).rstrip())
    neighbours = model.similar(occupation.id, k=5)
    if neighbours:
        print("\nMost similar in this catalog: " + ", ".join(n.title for n in neighbours))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    model = _model(args)
    found = model.search(args.text, limit=args.limit)
    if args.json:
        _print_json(
            [{"id": o.id, "title": o.title, "aliases": list(o.profile.aliases)} for o in found]
        )
        return EXIT_OK
    if not found:
        print(f"no occupation title or alias matches {args.text!r}")
        return EXIT_OK
    rows = [[o.id, o.title, ", ".join(o.profile.aliases[:3])] for o in found]
    print(_table(rows, ["id", "title", "aliases"]))
    return EXIT_OK


def cmd_similar(args: argparse.Namespace) -> int:
    model = _model(args)
    occupation = model.resolve_occupation(args.occupation)
    neighbours = model.similar(occupation.id, k=args.top)
    if args.json:
        _print_json([n.__dict__ for n in neighbours])
        return EXIT_OK
    print(f"Occupations most similar to {occupation.title}:\n")
    rows = [
        [str(i), f"{n.similarity:.2f}", n.title, n.occupation_id]
        for i, n in enumerate(neighbours, 1)
    ]
    print(_table(rows, ["#", "similarity", "occupation", "id"]))
    return EXIT_OK


def cmd_import_onet(args: argparse.Namespace) -> int:
    from .onet import import_onet

    model = import_onet(args.directory)
    path = model.save(args.output)
    print(
        f"imported {len(model.catalog)} O*NET occupations ({model.extra.get('unrated', 0)} "
        f"without ratings skipped) and {model.vectorizer.n_features} features; saved to {path}"
    )
    return EXIT_OK


def cmd_trust(args: argparse.Namespace) -> int:
    from .model import trust_model

    trust_model(args.path)
    print(f"{args.path} is now signed with your key; load_model() will accept it")
    return EXIT_OK


def cmd_catalog_check(args: argparse.Namespace) -> int:
    from .catalog import check_catalog
    from .resources import catalog_dir

    findings, summary = check_catalog(args.directory or catalog_dir())
    for finding in findings:
        if finding.severity == "error" or args.verbose:
            print(finding)
    print(
        f"{int(summary['profiles'])} profiles, {int(summary['industries'])} industries, "
        f"{summary['resolved_share']:.1%} of {int(summary['references'])} references resolve; "
        f"{int(summary['errors'])} errors, {int(summary['warnings'])} warnings"
    )
    return EXIT_FAILED if summary["errors"] else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from . import report as reports

    model = _model(args)
    formats = reports.parse_formats(args.format)
    if reports.is_profile_source(args.input):
        person = _read_profile_arg(args.input, model, args.lenient)
        made = reports.build_report(person, target=args.target, model=model, top_k=args.top)
        stem = reports.report_stem(Path(args.input).stem if args.input != "-" else made.who)
        for path in reports.write_report(made, args.output, formats, stem=stem).values():
            print(path)
        return EXIT_OK
    from .survey import read_survey_profiles

    people, rejects = read_survey_profiles(args.input, model, id_column=args.id_column)
    result = reports.write_reports(
        people, args.output, model=model, target=args.target, formats=formats,
        top_k=args.top, jobs=args.jobs, rejects=rejects,
    )
    print(f"{len(result.reports)} reports in {result.outdir} ({result.seconds:.1f} s); "
          f"index: {result.index}")
    if result.rejected:
        print(f"matcher: warning: {len(result.rejected)} problem(s) kept rows from getting a "
              f"report; listed in {result.index.name} and {result.rejects_file}", file=sys.stderr)
        return EXIT_FAILED  # as `matcher batch`: the reports are written, some rows are not
    return EXIT_OK


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch import format_summary, keep_freed_memory, write_batch

    keep_freed_memory()
    model = _model(args)
    sources = args.survey if len(args.survey) > 1 else args.survey[0]
    summary = write_batch(
        sources, args.output, rejects=args.rejects, model=model, top_k=args.top,
        id_column=args.id_column, jobs=args.jobs,
        engine="dask" if args.scheduler else args.engine, scheduler=args.scheduler,
        progress=sys.stderr.isatty() and not args.quiet,
    )
    print(format_summary(summary))
    print(f"scored rows -> {summary['output']}; "
          f"rejects ({summary['reject_lines']:,} lines) -> {summary['rejects']}")
    if summary["rejected"]:
        print(f"matcher: warning: {summary['rejected']:,} row(s) rejected; "
              f"see {summary['rejects']}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_survey_template(args: argparse.Namespace) -> int:
    from .survey import write_template

    model = _model(args)
    path = write_template(
        args.output, model, id_column=args.id_column, example=not args.no_example
    )
    print(f"wrote {path}: {model.vectorizer.n_features} rating columns; delete the ones your "
          f"questionnaire does not ask")
    return EXIT_OK


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="matcher",
        description="Rank occupations against a self-assessment and show the skill gaps on "
        "the way to a target occupation.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def model_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--model", type=Path, help="a model file (default: the built-in catalog)")

    p = commands.add_parser("build", help="build and save a model from a catalog folder")
    p.add_argument("--catalog", type=Path, help="folder of profiles (default: built-in catalog)")
    p.add_argument("-o", "--output", type=Path, help="model file (default: models/default.joblib)")
    p.set_defaults(handler=cmd_build)

    p = commands.add_parser("recommend", help="best-matching occupations for a profile")
    p.add_argument("profile", help="profile JSON file, or - to read it from standard input")
    p.add_argument("--top", type=int, default=10, help="how many occupations (default 10)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lenient", action="store_true", help="ignore unknown item names")
    model_option(p)
    p.set_defaults(handler=cmd_recommend)

    p = commands.add_parser("gaps", help="skill gaps along the path to a target occupation")
    p.add_argument("profile", help="profile JSON file, or - to read it from standard input")
    p.add_argument("--target", required=True, help="target occupation: id, title or alias")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lenient", action="store_true", help="ignore unknown item names")
    model_option(p)
    p.set_defaults(handler=cmd_gaps)

    p = commands.add_parser("show", help="show one occupation's profile")
    p.add_argument("occupation", help="id, title or alias")
    p.add_argument("--json", action="store_true")
    model_option(p)
    p.set_defaults(handler=cmd_show)

    p = commands.add_parser("search", help="find occupations by title or alias")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true")
    model_option(p)
    p.set_defaults(handler=cmd_search)

    p = commands.add_parser("similar", help="occupations most similar to one occupation")
    p.add_argument("occupation", help="id, title or alias")
    p.add_argument("--top", type=int, default=10)
    p.add_argument("--json", action="store_true")
    model_option(p)
    p.set_defaults(handler=cmd_similar)

    p = commands.add_parser("import-onet", help="build a model from an O*NET text database")
    p.add_argument("directory", type=Path, help="folder of the O*NET db_XX_X_text files")
    p.add_argument("-o", "--output", type=Path, required=True, help="model file to write")
    p.set_defaults(handler=cmd_import_onet)

    p = commands.add_parser("trust", help="sign a model file you trust with your key")
    p.add_argument("path", type=Path)
    p.set_defaults(handler=cmd_trust)

    p = commands.add_parser(
        "report",
        help="gap reports (HTML, Markdown) for a profile, or one per respondent of a survey",
        description="Write a printable gap report for one profile (PROFILE.json, or - for "
        "standard input), or one per respondent of a survey CSV plus an index.html listing "
        "every report and every rejected row.",
    )
    p.add_argument("input", help="profile JSON file, - for standard input, or survey CSV file(s)")
    p.add_argument("-o", "--output", type=Path, required=True, help="folder to write into")
    p.add_argument("--target", help="target occupation for every report: id, title or alias "
                   "(default: the profile's target_job, else the best match)")
    p.add_argument("--format", default="html,md", help="comma-separated: html, md (default both)")
    p.add_argument("--top", type=_positive_int, default=5, help="best matches shown (default 5)")
    p.add_argument("--jobs", type=_positive_int, help="worker processes (default: every CPU)")
    p.add_argument("--id-column", default="respondent_id", help="survey id column name")
    p.add_argument("--lenient", action="store_true", help="ignore unknown item names (profile)")
    model_option(p)
    p.set_defaults(handler=cmd_report)

    p = commands.add_parser(
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
    p.add_argument("--top", type=_positive_int, default=10, help="occupations per respondent (10)")
    p.add_argument("--jobs", type=_positive_int, help="worker threads (default: every CPU)")
    p.add_argument("--id-column", default="respondent_id", help="respondent id column name")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local threads (default) or a Dask cluster")
    p.add_argument("--scheduler", help="Dask scheduler address, tcp://host:8786 (default: a "
                   "local cluster); implies --engine dask")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    model_option(p)
    p.set_defaults(handler=cmd_batch)

    p = commands.add_parser("survey-template", help="write an empty survey with every column")
    p.add_argument("-o", "--output", type=Path, required=True, help="survey CSV to write")
    p.add_argument("--id-column", default="respondent_id", help="respondent id column name")
    p.add_argument("--no-example", action="store_true", help="leave out the example row")
    model_option(p)
    p.set_defaults(handler=cmd_survey_template)

    p = commands.add_parser("catalog", help="work on a catalog of profiles")
    catalog = p.add_subparsers(dest="catalog_command", required=True, metavar="ACTION")
    c = catalog.add_parser("check", help="report problems in a catalog folder")
    c.add_argument("directory", nargs="?", type=Path, help="default: the built-in catalog")
    c.add_argument("-v", "--verbose", action="store_true", help="also print warnings")
    c.set_defaults(handler=cmd_catalog_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.formatwarning = lambda message, *rest: f"matcher: warning: {message}\n"
            return args.handler(args)
    except (InputError, ModelError, FileNotFoundError) as exc:
        print(f"matcher: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (`| head`) went away: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
