"""Where the scripts find what is beside the checkout."""

import argparse
from pathlib import Path

#: The O*NET text database of ``../shared`` (the scripts' default; absent on a user's machine).
SHARED_ONET = Path(__file__).resolve().parents[3] / "shared" / "onet"


def add_onet_argument(parser: argparse.ArgumentParser) -> None:
    """The optional ``onet`` argument of a script: an O*NET database folder."""
    parser.add_argument(
        "onet",
        nargs="?",
        type=Path,
        default=SHARED_ONET,
        help="an O*NET text database folder (default: ../shared/onet)",
    )
