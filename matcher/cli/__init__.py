"""The ``matcher`` command: wiring from arguments to the library, nothing more.

:data:`COMMANDS` lists every command, the module of this package that runs it
and its line in ``matcher --help``. A command's module describes its arguments
(``add_arguments(parser, command)``) and handles it; :func:`main` imports the
module of the command it runs and no other, and builds that command's arguments
alone, so that a quick command starts quickly. Handlers import the library
when they run, so ``matcher --help`` loads no numpy. Exit status
(:mod:`matcher.cli.base`): 0 ok, 1 a check found problems, 2 bad input, 3 an
internal error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Collection
from typing import Any, NoReturn

from matcher import __version__

from . import base

__all__ = ["ANSWERS", "BLAS_THREADS", "COMMANDS", "build_parser", "entry", "main"]

#: Command -> (its module in this package, its line in ``matcher --help``), in help order.
COMMANDS: dict[str, tuple[str, str]] = {
    "recommend": ("recommend", "best-matching occupations for a self-assessment"),
    "gaps": ("gaps", "skill gaps along the path to a target occupation"),
    "assess": ("assess", "an adaptive self-assessment in the terminal: one question at a time"),
    "show": ("lookup", "show one occupation's profile"),
    "search": ("lookup", "find occupations by title, alias or reading"),
    "similar": ("lookup", "occupations most similar to one occupation"),
    "items": ("items", "the skills, traits and other items a model rates, by name or words"),
    "report": (
        "report",
        "gap reports (HTML, Markdown) for a profile, or one per respondent of a survey",
    ),
    "batch": ("batch", "score every respondent of a survey CSV into a CSV or Parquet file"),
    "survey-template": (
        "template",
        "write an empty survey with every column, or the N items that tell most",
    ),
    "build": ("models", "build and save a model from a catalog folder"),
    "import-onet": ("models", "build a model from an O*NET text database"),
    "trust": ("models", "sign a model file you trust with your key"),
    "catalog": ("catalog", "work on a catalog of job profiles"),
}

#: Commands that answer one question about one person or occupation, and exit.
ANSWERS = frozenset({"recommend", "gaps", "show", "search", "similar", "items"})

#: What the BLAS libraries read to size their pool of threads (what Dask sets for its workers).
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")

EPILOG = (
    "Exit status: 0 ok, 1 a check found problems (rows rejected, catalog errors), 2 bad input "
    "(the message names the file, line or row, field and value), 3 an internal error, "
    "130 interrupted. `matcher COMMAND --help` describes a command."
)


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` gives it: ``COLUMNS``, else the
    width of the terminal standard output is, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help, as wide as argparse makes it, without importing shutil to know the
    width (and with it zlib, bz2 and lzma: 2.5 ms of every start-up, where the parser makes
    a formatter to check each argument it is given)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, its errors one line as every other error of the command line (it
    printed its usage first: two lines and more, where the README promises one), its help
    made by :class:`_Formatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (`{self.prog} --help` for the options)\n")


def build_parser(commands: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The parser of ``matcher``: every command, or only ``commands`` (each with its
    arguments; an empty collection lists every command without them, for ``--help``)."""
    parser = _Parser(
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
        dest="command", required=True, metavar="COMMAND", help="one of:", parser_class=_Parser
    )
    for name, (module, line) in COMMANDS.items():
        if commands and name not in commands:
            continue
        command = subparsers.add_parser(name, help=line)
        if commands is None or commands:  # empty: the list of commands alone, for --help
            importlib.import_module(f"{__name__}.{module}").add_arguments(command, name)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` (default: the command line) names; its exit status."""
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(_command(argv)).parse_args(argv)
    return base.run(args.handler, args)


def entry() -> NoReturn:
    """The ``matcher`` program (its script and ``python -m matcher``): :func:`main`, then exit.

    A command of :data:`ANSWERS` runs with one BLAS thread (unless the environment sets
    :data:`BLAS_THREADS`) and without the cyclic garbage collector:

    * numpy starts a pool of BLAS threads as it is imported, which takes tens of
      milliseconds when the cores are busy, and one person's answer is made of products
      too small to share: on this project's 2-core machine, busy, ``recommend()`` over
      20,000 occupations took 24 ms with OpenBLAS's threads and 4.3 ms with one;
    * start-up (importing numpy and matcher, loading a model) makes tens of thousands of
      objects and no garbage, and about fifty collections (6 ms) walk them to free
      nothing; at 20,000 occupations ``gaps``, ``recommend`` and ``similar`` peak at the
      same memory without the collector.

    The other commands work through whole files and keep both. Before the interpreter
    exits, whatever the command, what it made is frozen out of the collector: the last
    collection would walk every object (about 10 ms with a model loaded) to free memory
    the process is about to give back. Every command has closed its files by then, and
    temporary folders are still removed (their finalizers run at exit).
    """
    if ANSWERS.intersection(_command(sys.argv[1:])):
        for name in BLAS_THREADS:
            os.environ.setdefault(name, "1")  # read once, when numpy is imported
        gc.disable()
    status = main()
    gc.freeze()
    sys.exit(status)


def _command(argv: list[str]) -> tuple[str, ...]:
    """The command ``argv`` runs, alone, or nothing when it names none (``--help``, a typo):
    the only word before it can be an option of ``matcher`` itself, and those take no value."""
    first = next((word for word in argv if not word.startswith("-")), None)
    return (first,) if first in COMMANDS else ()


if __name__ == "__main__":
    entry()
