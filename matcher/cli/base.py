"""What every command shares: exit codes, the error boundary, the model option, output helpers.

Nothing here imports numpy or the library: ``matcher --help`` loads the
parsers only, and each handler imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from matcher.errors import InputError, ModelError
from matcher.validation import argument, check_positive_int

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FAILED",
    "EXIT_OK",
    "add_model_option",
    "load_model_option",
    "positive_int",
    "print_json",
    "read_assessment_arg",
    "run",
    "table",
]

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2

#: The argparse type of every count option (``--top``, ``--jobs``): the library's own check.
positive_int = argument(check_positive_int)


def add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=Path, help="a model file (default: the built-in catalog)")


def load_model_option(args: argparse.Namespace):
    """The model ``--model`` names, else the built-in catalog's."""
    from matcher.model.default import default_model
    from matcher.model.model import load_model

    return load_model(args.model) if getattr(args, "model", None) else default_model()


def read_assessment_arg(value: str, model, lenient: bool):
    """A self-assessment JSON file, or ``-`` for JSON on standard input."""
    from matcher.io.assessment import assessment_from_json, read_assessment

    if value == "-":
        return assessment_from_json(sys.stdin.read(), model.item_resolver, lenient=lenient)
    return read_assessment(value, model.item_resolver, lenient=lenient)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def table(rows: list[list[str]], header: list[str]) -> str:
    """Rows as plain text columns under a header."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]
    return "\n".join(lines)


def run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command's handler behind the error boundary: bad input is a message and exit 2.

    Warnings print as ``matcher: warning: ...``; a reader that goes away
    (``| head``) ends the command quietly, as Unix tools do.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            warnings.formatwarning = lambda message, *rest: f"matcher: warning: {message}\n"
            return handler(args)
    except (InputError, ModelError, FileNotFoundError) as exc:
        print(f"matcher: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
