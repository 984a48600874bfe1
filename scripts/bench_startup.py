"""How long matcher takes to start, next to numpy's import, each as a whole process.

Prints the median wall time of several runs of each command (after one warm-up
run, which also caches the default model) and its ratio to
``python -c 'import numpy'``:

* ``python -c 'import numpy'``: the yardstick;
* ``python -c 'import matcher'``: the lazy public API (target: under 1.5x numpy);
* ``matcher --help``: the CLI's parsers, no numpy (target: under 1.5x numpy);
* ``matcher recommend data/examples/section-chief.json``: a whole answer with the
  default model already cached.

``python -c pass`` is shown too: the interpreter's own start-up, part of every figure.

Usage: python scripts/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def matcher_command() -> list[str]:
    """The installed ``matcher`` script beside this interpreter, else ``python -m matcher``."""
    script = Path(sys.executable).parent / "matcher"
    if script.exists():
        return [str(script)]
    found = shutil.which("matcher")
    return [found] if found else [sys.executable, "-m", "matcher"]


def seconds(command: list[str], runs: int) -> float:
    """Median wall seconds of ``runs`` runs of ``command`` (after one warm-up run)."""
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per command (default 9)")
    args = parser.parse_args()
    python, cli = [sys.executable], matcher_command()
    commands = [
        ("python -c pass", [*python, "-c", "pass"]),
        ("python -c 'import numpy'", [*python, "-c", "import numpy"]),
        ("python -c 'import matcher'", [*python, "-c", "import matcher"]),
        ("matcher --help", [*cli, "--help"]),
        (
            "matcher recommend data/examples/section-chief.json",
            [*cli, "recommend", "data/examples/section-chief.json"],
        ),
    ]
    results = {label: seconds(command, args.runs) for label, command in commands}
    numpy = results["python -c 'import numpy'"]
    print(f"median of {args.runs} runs each, whole processes ({' '.join(cli)}):\n")
    print(f"  {'command':<52} {'seconds':>8} {'x numpy':>8}")
    for label, value in results.items():
        print(f"  {label:<52} {value:8.3f} {value / numpy:8.2f}")
    print("\ntarget: import matcher and matcher --help under 1.5x numpy's import")


if __name__ == "__main__":
    main()
