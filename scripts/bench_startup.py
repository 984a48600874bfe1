"""How long matcher takes to start, next to numpy's import, each as a whole process.

Prints the median wall time and CPU time (user + system) of several runs of each
command, the peak memory, and the wall time's ratio to ``python -c 'import numpy'``:

* ``python -c pass``: the interpreter's own start-up, part of every figure;
* ``python -c 'import numpy'``: the yardstick, as it is and with one BLAS thread;
* ``python -c 'import matcher'``: the lazy public API;
* ``matcher --help``: the CLI's parsers, no numpy;
* ``matcher recommend data/examples/section-chief.json``: a whole answer from the
  built-in catalog's model, already cached (target: under 0.3 s and under 1.5x
  numpy's import; output to a pipe, as a script or ``| less`` reads it).

numpy starts OpenBLAS's threads (one per core) as it is imported, which takes tens
of milliseconds more when the cores are busy; ``matcher recommend`` starts numpy
with one BLAS thread (see ``matcher.cli.entry``), so on a busy machine it skips
what numpy's own import pays. The like-for-like ratio is to numpy's import with
``OPENBLAS_NUM_THREADS=1``; it hardly moves with the load.

The runs are interleaved (one of each command, then the next round), so that other
work on a shared machine slows every command alike. Bytecode is cached, as an
installed package has it (``pip install`` compiles it; an editable checkout writes
it on first import unless ``PYTHONDONTWRITEBYTECODE`` is set), in a temporary
folder (``PYTHONPYCACHEPREFIX``) rather than in the checkout. One warm-up run of
each command comes first; it also caches the default model if needed.
``scripts/bench_scale.py`` reports the same measurement (:func:`recommend_vs_numpy`).

Usage: python scripts/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from matcher.cli.base import positive_int

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "examples" / "section-chief.json"
NUMPY, RECOMMEND = "python -c 'import numpy'", "matcher recommend data/examples/section-chief.json"
NUMPY_ONE = "python -c 'import numpy', one BLAS thread"


class Timing(NamedTuple):
    wall: float  # seconds, median
    cpu: float  # user + system seconds, median
    peak_mb: float  # the largest resident set of any run


def matcher_command() -> list[str]:
    """The installed ``matcher`` script beside this interpreter, else ``python -m matcher``."""
    script = Path(sys.executable).parent / "matcher"
    if script.exists():
        return [str(script)]
    found = shutil.which("matcher")
    return [found] if found else [sys.executable, "-m", "matcher"]


def commands() -> dict[str, tuple[list[str], dict[str, str]]]:
    """Label -> (command, what it adds to the environment)."""
    python, cli = [sys.executable], matcher_command()
    return {
        "python -c pass": ([*python, "-c", "pass"], {}),
        NUMPY: ([*python, "-c", "import numpy"], {}),
        NUMPY_ONE: ([*python, "-c", "import numpy"], {"OPENBLAS_NUM_THREADS": "1"}),
        "python -c 'import matcher'": ([*python, "-c", "import matcher"], {}),
        "matcher --help": ([*cli, "--help"], {}),
        RECOMMEND: ([*cli, "recommend", str(EXAMPLE)], {}),
    }


def cached_bytecode(folder: str) -> dict[str, str]:
    """This environment with bytecode written to and read from ``folder``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": folder}


def measure(
    programs: dict[str, tuple[list[str], dict[str, str]]], runs: int, env: dict[str, str]
) -> dict[str, Timing]:
    """Median wall and CPU seconds of each program (command, environment added to ``env``),
    ``runs`` interleaved runs after a warm-up.

    Output goes to a pipe that is read to the end, as a reader of the output would.
    """
    envs = {name: {**env, **extra} for name, (_, extra) in programs.items()}
    for name, (command, _) in programs.items():
        subprocess.run(command, cwd=ROOT, env=envs[name], check=True, capture_output=True)
    wall: dict[str, list[float]] = {name: [] for name in programs}
    cpu: dict[str, list[float]] = {name: [] for name in programs}
    peak = dict.fromkeys(programs, 0.0)
    for _ in range(runs):
        for name, (command, _) in programs.items():
            started = time.perf_counter()
            process = subprocess.Popen(command, cwd=ROOT, env=envs[name], stdout=subprocess.PIPE)
            process.stdout.read()  # type: ignore[union-attr]
            _, status, usage = os.wait4(process.pid, 0)
            wall[name].append(time.perf_counter() - started)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode:
                raise SystemExit(f"{name}: exit status {process.returncode}")
            cpu[name].append(usage.ru_utime + usage.ru_stime)
            peak[name] = max(peak[name], usage.ru_maxrss / 1024)  # kilobytes on Linux
    return {
        name: Timing(statistics.median(wall[name]), statistics.median(cpu[name]), peak[name])
        for name in programs
    }


def recommend_vs_numpy(runs: int, env: dict[str, str]) -> dict[str, Timing]:
    """``python -c 'import numpy'`` (as it is and with one BLAS thread) and ``matcher
    recommend`` (built-in catalog, model cached), measured by :func:`measure`; ``env``
    should cache bytecode (see :func:`cached_bytecode`)."""
    programs = commands()
    return measure({name: programs[name] for name in (NUMPY, NUMPY_ONE, RECOMMEND)}, runs, env)


def verdict(results: dict[str, Timing]) -> str:
    """``matcher recommend`` against the targets."""
    wall = results[RECOMMEND].wall
    return (
        f"matcher recommend: {wall:.3f} s (target < 0.3 s), {wall / results[NUMPY].wall:.2f}x "
        f"numpy's import, {wall / results[NUMPY_ONE].wall:.2f}x its import with one BLAS thread "
        "(like for like; target < 1.5x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--runs", type=positive_int, default=15, help="runs per command (default 15)"
    )
    args = parser.parse_args()
    before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        results = measure(commands(), args.runs, cached_bytecode(folder))
    after = os.getloadavg()
    print(
        f"median of {args.runs} interleaved runs each, whole processes "
        f"(matcher is {' '.join(matcher_command())}); "
        f"load average {before[0]:.2f} before, {after[0]:.2f} after:\n"
    )
    numpy = results[NUMPY].wall
    print(f"  {'command':<52} {'wall s':>7} {'x numpy':>8} {'CPU s':>7} {'peak MB':>8}")
    for label, timing in results.items():
        print(
            f"  {label:<52} {timing.wall:7.3f} {timing.wall / numpy:8.2f} {timing.cpu:7.3f} "
            f"{timing.peak_mb:8.0f}"
        )
    print(f"\n{verdict(results)}")


if __name__ == "__main__":
    main()
