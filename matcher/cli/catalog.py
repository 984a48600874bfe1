"""``matcher catalog check``: the problems of a catalog folder (exit 1 on errors)."""

from __future__ import annotations

import argparse
from pathlib import Path

from matcher.util.labels import counted

from . import base


def add_arguments(p: argparse.ArgumentParser, command: str) -> None:
    actions = p.add_subparsers(
        dest="catalog_command", required=True, metavar="ACTION", help="what to do"
    )
    c = actions.add_parser(
        "check",
        help="report problems in a catalog folder (exit 1 on errors)",
        description="Check every profile of a catalog folder: parse errors, career-path steps "
        "and related jobs that resolve to nothing, names outside the vocabulary, duplicate "
        "titles, incomplete profiles. Exit status 1 when there are errors.",
    )
    c.add_argument(
        "directory", nargs="?", type=Path, help="catalog folder (default: the built-in catalog)"
    )
    c.add_argument("-v", "--verbose", action="store_true", help="also print warnings")
    base.add_quiet_option(c, "summary line")
    base.add_json_option(c, "every finding (warnings included) and the summary")
    c.set_defaults(handler=check)


def check(args: argparse.Namespace) -> int:
    from matcher.io.catalog_check import check_catalog
    from matcher.model.locations import catalog_dir

    findings, summary = check_catalog(args.directory or catalog_dir())
    status = base.EXIT_FAILED if summary["errors"] else base.EXIT_OK
    if args.json:
        from dataclasses import asdict

        counts = {k: v if k == "resolved_share" else int(v) for k, v in summary.items()}
        base.print_json({"findings": [asdict(f) for f in findings], "summary": counts})
        return status
    shown = [f for f in findings if f.severity == "error" or args.verbose]
    if shown or not args.quiet:
        from .screen import Screen

        screen = Screen()
        if shown:
            rows = [
                [f.severity, f"{f.source}:{f.line}" if f.line else f.source, f.message]
                for f in shown
            ]
            screen.table(["severity", "where", "problem"], rows)
        if not args.quiet:
            screen.text(
                f"{counted(int(summary['profiles']), 'profile')}, "
                f"{counted(int(summary['industries']), 'industry', 'industries')}, "
                f"{summary['resolved_share']:.1%} of "
                f"{counted(int(summary['references']), 'reference')} "
                f"resolve; {counted(int(summary['errors']), 'error')}, "
                f"{counted(int(summary['warnings']), 'warning')}"
                # a hidden warning can change results (a misspelt heading's items unread)
                + (" (-v shows them)" if summary["warnings"] and not args.verbose else "")
            )
    return status
