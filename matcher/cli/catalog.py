"""``matcher catalog check``: the problems of a catalog folder (exit 1 on errors)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import base


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("catalog", help="work on a catalog of profiles")
    actions = p.add_subparsers(dest="catalog_command", required=True, metavar="ACTION")
    c = actions.add_parser("check", help="report problems in a catalog folder")
    c.add_argument("directory", nargs="?", type=Path, help="default: the built-in catalog")
    c.add_argument("-v", "--verbose", action="store_true", help="also print warnings")
    c.set_defaults(handler=check)


def check(args: argparse.Namespace) -> int:
    from matcher.io.catalog_check import check_catalog
    from matcher.model.locations import catalog_dir

    findings, summary = check_catalog(args.directory or catalog_dir())
    for finding in findings:
        if finding.severity == "error" or args.verbose:
            print(finding)
    print(
        f"{int(summary['profiles'])} profiles, {int(summary['industries'])} industries, "
        f"{summary['resolved_share']:.1%} of {int(summary['references'])} references resolve; "
        f"{int(summary['errors'])} errors, {int(summary['warnings'])} warnings"
    )
    return base.EXIT_FAILED if summary["errors"] else base.EXIT_OK
