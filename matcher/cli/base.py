"""What every command shares: exit codes, the error boundary, the common options, JSON output.

Nothing here imports numpy or the library: ``matcher --help`` loads the
parsers only, and each handler imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matcher.errors import InputError, MatcherError, UnknownOccupationError
from matcher.validation import argument, check_positive_int

if TYPE_CHECKING:  # the handlers import the library when they run
    from matcher.io.assessment import Assessment
    from matcher.model.model import Model

    from .screen import Screen

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FAILED",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "JOBS_HELP",
    "STDIO",
    "add_json_option",
    "add_model_option",
    "add_quiet_option",
    "debugging",
    "folder",
    "load_model_option",
    "positive_int",
    "print_json",
    "read_assessment_arg",
    "refuse_json_on_stdout",
    "run",
]

#: Exit status: done; a check found problems (rows rejected, catalog errors); bad input
#: (a message says what to fix); a fault of matcher itself; stopped with Ctrl-C.
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

#: The file name that means standard input (where a file is read) or output (where written).
STDIO = "-"

#: One meaning of ``--jobs`` everywhere; each command says what its workers are.
JOBS_HELP = "parallel workers (default: every CPU)"

#: The argparse type of every count option (``--top``, ``--jobs``): the library's own check.
positive_int = argument(check_positive_int)


def folder(text: str) -> Path:
    """The argparse type of a folder to write into: an empty name is refused (``Path("")`` is
    the current folder, which ``-o "$UNSET"`` would fill unasked)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give the name of a folder to write into (empty)")
    return Path(text)


def add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model", type=Path, metavar="FILE", help="a model file (default: the built-in catalog)"
    )


def add_json_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--json", action="store_true", help=f"print {what} as JSON")


def add_quiet_option(parser: argparse.ArgumentParser, what: str = "summary") -> None:
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help=f"print no {what} (errors and warnings still go to standard error)",
    )


def refuse_json_on_stdout(args: argparse.Namespace, what: str) -> None:
    """``--json`` and ``-o -`` both want standard output: refuse the pair before any work."""
    if getattr(args, "json", False) and str(args.output) == STDIO:
        raise InputError(
            f"--json and -o - both write to standard output, which carries the {what}; "
            f"write the {what} to a file (-o FILE) to get the JSON"
        )


def load_model_option(args: argparse.Namespace) -> Model:
    """The model ``--model`` names, else the built-in catalog's."""
    from matcher.model.default import default_model
    from matcher.model.load import load_model

    return load_model(args.model) if getattr(args, "model", None) else default_model()


def read_assessment_arg(value: str, model: Model, lenient: bool) -> Assessment:
    """A self-assessment JSON file, or ``-`` for JSON on standard input."""
    from matcher.io.assessment import assessment_from_json, read_assessment

    if value == STDIO:
        return assessment_from_json(sys.stdin.read(), model.item_resolver, lenient=lenient)
    return read_assessment(value, model.item_resolver, lenient=lenient)


def target_error(exc: UnknownOccupationError, given: bool, where: str) -> UnknownOccupationError:
    """An unknown target's error naming where the name came from: ``--target`` (``given``)
    or the self-assessment ``where``'s ``target_job``, which ``--target`` overrides."""
    if given:
        return UnknownOccupationError(f"--target: {exc}")
    return UnknownOccupationError(
        f"{where}: target_job: {exc} (give another occupation with --target TITLE)"
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def print_json(data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    # a lone surrogate (a name given as "a\ud800b") cannot be written as UTF-8: escaped, as
    # JSON writes it, where it stopped `gaps --json` with an internal error
    sys.stdout.write(_SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n")


def print_credit(screen: Screen, model: Model) -> None:
    """The credit the model's data asks for (O*NET's licence, CC BY 4.0), as one line after
    what a command printed; nothing for the built-in catalog."""
    from matcher.model.credit import credit_line

    if line := credit_line(model):
        screen.text()
        screen.text(line)


def debugging(args: argparse.Namespace | None = None) -> bool:
    """Whether to show tracebacks: ``matcher --debug`` or ``MATCHER_DEBUG=1``."""
    return bool(getattr(args, "debug", False)) or os.environ.get("MATCHER_DEBUG", "") not in (
        "",
        "0",
    )


def run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command's handler behind the error boundary.

    Bad input (every :class:`~matcher.errors.MatcherError`, and files that
    cannot be read or written) is a message and exit 2; anything else is a
    fault of matcher: one line saying so and how to see the traceback, exit 3.
    Ctrl-C exits 130 without a traceback; a reader that goes away (``| head``)
    ends the command quietly, as Unix tools do. Warnings print as
    ``matcher: warning: ...``.
    """
    show = warnings.formatwarning
    # SIGTERM (what timeout, systemd and docker stop send) unwinds as Ctrl-C does, so that a
    # run removes its temporary files and locks on the way out instead of leaving them
    try:
        terminate = signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # not the main thread: its signals are not ours to take
        terminate = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.formatwarning = lambda message, *rest: f"matcher: warning: {message}\n"
            return handler(args)
    except MatcherError as exc:
        return _fail(f"matcher: error: {exc}", EXIT_BAD_INPUT, args)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a missing, unreadable or unwritable file the user named
        where = f": {exc.filename}" if exc.filename else ""
        return _fail(f"matcher: error: {exc.strerror or exc}{where}", EXIT_BAD_INPUT, args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:
        return _fail(
            f"matcher: internal error: {type(exc).__name__}: {exc} (a fault of matcher, not of "
            f"your input; run again with `matcher --debug ...` or MATCHER_DEBUG=1 to see the "
            f"traceback, and please report it)",
            EXIT_INTERNAL,
            args,
        )
    finally:
        warnings.formatwarning = show
        if terminate is not None:
            signal.signal(signal.SIGTERM, terminate)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # 143, as shells report SIGTERM


def _fail(message: str, status: int, args: argparse.Namespace) -> int:
    if debugging(args):
        import traceback

        traceback.print_exc()
    print(message, file=sys.stderr)
    return status
