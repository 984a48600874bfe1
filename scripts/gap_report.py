"""Write gap reports: exactly ``matcher report`` (same code, same options).

Usage:
    python scripts/gap_report.py PROFILE.json --target "Ward Mayor" -o reports/
    python scripts/gap_report.py survey.csv -o reports/ [--format html,md] [--jobs N] [--top N]

See ``python scripts/gap_report.py --help``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matcher.cli import main

if __name__ == "__main__":
    sys.exit(main(["report", *sys.argv[1:]]))
