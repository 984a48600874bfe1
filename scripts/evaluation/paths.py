"""Where the scripts find what is beside the checkout."""

import argparse
from pathlib import Path

from matcher.cli.base import positive_int

#: The O*NET text database of ``../shared`` (the scripts' default; absent on a user's machine).
SHARED_ONET = Path(__file__).resolve().parents[3] / "shared" / "onet"


def add_sample_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``onet`` argument and how many simulated respondents: ``--seeds``, ``--respondents``."""
    add_onet_argument(parser)
    parser.add_argument("--seeds", type=positive_int, default=3, help="seeds 0..N-1 (default 3)")
    parser.add_argument(
        "--respondents",
        type=positive_int,
        default=2,
        help="per occupation, style and seed (default 2)",
    )


def add_onet_argument(parser: argparse.ArgumentParser) -> None:
    """The optional ``onet`` argument of a script: an O*NET database folder."""
    parser.add_argument(
        "onet",
        nargs="?",
        type=Path,
        default=SHARED_ONET,
        help="an O*NET text database folder (default: ../shared/onet)",
    )
