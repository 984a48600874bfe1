"""The ``matcher`` command: wiring from arguments to the library, nothing more.

Each command group is a module with ``add_parser(subparsers)`` and its
handlers; :data:`COMMANDS` lists them in the order ``matcher --help`` shows.
Handlers import the library when they run, so ``matcher --help`` loads no
numpy. Exit status (:mod:`matcher.cli.base`): 0 ok, 1 a check found problems,
2 bad input, 3 an internal error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys

from matcher import __version__

from . import assess, base, batch, catalog, gaps, lookup, models, recommend, report, template

__all__ = ["COMMANDS", "build_parser", "main"]

#: Command modules, in the order of ``matcher --help``.
COMMANDS = (recommend, gaps, assess, lookup, report, batch, template, models, catalog)

EPILOG = (
    "Exit status: 0 ok, 1 a check found problems (rows rejected, catalog errors), 2 bad input "
    "(the message names the file, line or row, field and value), 3 an internal error, "
    "130 interrupted. `matcher COMMAND --help` describes a command."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="matcher",
        description="Rank occupations against a self-assessment and show the skill gaps on "
        "the way to a target occupation.",
        epilog=EPILOG,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help="print the version"
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="show the traceback of an error (also: MATCHER_DEBUG=1)",
    )
    subparsers = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", help="one of:"
    )
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return base.run(args.handler, args)


if __name__ == "__main__":
    sys.exit(main())
