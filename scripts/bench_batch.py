"""Benchmark of `matcher batch` against the obvious alternatives, on the built-in catalog.

For each N it generates a survey of N respondents over the model's whole
vocabulary (every column of `matcher survey-template`; each respondent is
modelled on a random occupation, answers about --answered of the items,
and a third name a target job), then measures in the same run:

* batch: `python -m matcher batch SURVEY -o OUT.parquet --top 10` end to end in
  a child process (start-up, model load, read, score, write), wall time and
  peak resident memory of that process;
* loop: `recommend()` called once per respondent, on a sample, per row;
* sklearn: `NearestNeighbors(algorithm="brute")` on the same rating vectors
  (unanswered items filled with the respondent's block mean), 10 neighbours
  among the occupations' level vectors, timed over all N rows;
* with `--engines local dask`: the same batch with `--engine dask` (a local
  cluster of one single-threaded worker process per core, started by the run),
  next to the local engine (threads) on the same survey;
* with `--floor`: a bare pyarrow + BLAS floor in a child process of its own: the
  survey read with pyarrow's streaming CSV reader, each batch of rows as float32
  (blanks as 0) times the occupations' level matrix (one BLAS product), the 10
  best columns of each row by `argpartition`. No likelihood, no gaps, no output:
  what any scorer of this survey must at least do.

`--catalog N` scores against a generated catalog of N occupations
(`scripts/synthetic_catalog.py`'s generator, built and saved by the run) instead of the
built-in one.

Targets (issue 5): 1,000,000 respondents in under 20 s end to end, at least 50x
the per-row loop, peak memory under 1.5 GB and flat as N grows; (issue 15) the
Dask engine within 1.3x of the local engine, and at 5,000 occupations the batch
within 2x of the floor with flat memory.

    python scripts/bench_batch.py --rows 20000 60000 --catalog 5000 --floor

    python scripts/bench_batch.py --rows 100000 300000 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from matcher import default_model, read_survey_assessments, recommend  # noqa: E402
from matcher.cli.base import positive_int  # noqa: E402
from matcher.core.gapmath import estimated_ratings  # noqa: E402
from matcher.io.survey import template_columns  # noqa: E402

TARGET_SECONDS, TARGET_SPEEDUP, TARGET_MEMORY_MB = 20.0, 50.0, 1536.0


def respondents(model, n: int, answered: float, seed: int, columns: np.ndarray | None = None):
    """Ratings (n, F) float32 NaN = unanswered, occupation each is modelled on, target rows.

    With ``columns`` only those features are asked (the rest stay NaN)."""
    rng = np.random.default_rng(seed)
    m, f = model.levels.shape
    base = rng.integers(0, m, n)
    levels = model.levels[base]
    key = model.importance[base] > 0
    bias = rng.normal(0, 0.5, (n, 1))
    noise = rng.normal(0, 0.8, (n, f))
    ratings = np.where(key, levels, rng.uniform(0, 2.5, (n, f))) + bias + noise
    ratings = np.clip(np.rint(ratings), 0, 5).astype(np.float32)
    ratings[rng.random((n, f)) >= answered] = np.nan
    if columns is not None:
        asked = np.zeros(f, bool)
        asked[columns] = True
        ratings[:, ~asked] = np.nan
    empty = np.isnan(ratings).all(axis=1)
    first = 0 if columns is None else int(columns[0])
    ratings[empty, first] = 3
    target = np.where(rng.random(n) < 1 / 3, rng.integers(0, m, n), -1)
    return ratings, base, target


def asked_columns(model, count: int | None) -> np.ndarray | None:
    """The features a questionnaire of ``count`` items asks (None: every one), fixed seed."""
    if not count or count >= model.vectorizer.n_features:
        return None
    chosen = np.random.default_rng(12345).choice(model.vectorizer.n_features, count, replace=False)
    return np.sort(chosen)


def write_survey(
    model, path: Path, n: int, answered: float, seed: int = 0, asked: np.ndarray | None = None
) -> None:
    """A survey CSV with the template's columns (or only the asked ones), written in chunks."""
    columns = template_columns(model)
    keep = list(range(3)) + (
        [3 + int(c) for c in asked] if asked is not None else list(range(3, len(columns)))
    )
    columns = [columns[i] for i in keep]
    titles = np.array([o.title for o in model.catalog], dtype=object)
    chunk = 100_000
    with pacsv.CSVWriter(
        str(path),
        pa.schema(
            [pa.field(c, pa.string() if i < 3 else pa.int8()) for i, c in enumerate(columns)]
        ),
        write_options=pacsv.WriteOptions(quoting_style="needed"),
    ) as writer:
        for start in range(0, n, chunk):
            size = min(chunk, n - start)
            ratings, _, target = respondents(model, size, answered, seed + start, asked)
            if asked is not None:
                ratings = ratings[:, asked]
            arrays = [
                pa.array([f"R{start + i:08d}" for i in range(size)]),
                pa.nulls(size, pa.string()),
                pa.array(np.where(target >= 0, titles[np.maximum(target, 0)], None), pa.string()),
            ]
            for j in range(ratings.shape[1]):
                values = ratings[:, j]
                arrays.append(
                    pa.array(np.nan_to_num(values).astype(np.int8), mask=np.isnan(values))
                )
            writer.write_table(pa.Table.from_arrays(arrays, names=columns))


def run_batch(
    survey: Path,
    output: Path,
    jobs: int | None,
    engine: str = "local",
    model_file: Path | None = None,
) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (all threads) and peak RSS (MB) of `matcher batch` in a
    child process, and the first line of its summary. With the Dask engine, CPU and memory
    are those of the client process and the worker processes it waited for."""
    command = [
        sys.executable,
        "-m",
        "matcher",
        "batch",
        str(survey),
        "-o",
        str(output),
        "--top",
        "10",
        "--engine",
        engine,
    ]
    if jobs:
        command += ["--jobs", str(jobs)]
    if model_file:
        command += ["--model", str(model_file)]
    return _launch(command)


#: The floor: read, one BLAS product, the 10 best columns. argv: survey, levels (.npy).
FLOOR = """
import sys, time
import numpy as np, pyarrow.csv as pacsv
from threadpoolctl import threadpool_limits
levels = np.load(sys.argv[2]).astype(np.float32).T.copy()  # (F, m)
rows = 0
with threadpool_limits(1), pacsv.open_csv(
    sys.argv[1], read_options=pacsv.ReadOptions(block_size=2 << 20)
) as reader:
    for batch in reader:
        columns = [c.to_numpy(zero_copy_only=False) for c in batch.columns[3:]]
        ratings = np.nan_to_num(np.stack(columns, axis=1).astype(np.float32))
        scores = ratings @ levels
        best = np.argpartition(-scores, 10, axis=1)[:, :10]
        rows += len(best)
print(f"{rows} rows")
"""


def run_floor(survey: Path, levels: Path) -> tuple[float, float, float, str]:
    """:data:`FLOOR` in a child process: wall seconds, CPU seconds, peak RSS (MB), output."""
    return _launch([sys.executable, "-c", FLOOR, str(survey), str(levels)])


def _launch(command: list[str]) -> tuple[float, float, float, str]:
    # A small launcher starts the batch: Linux charges a child with the memory of the
    # process it was forked from, so forking it from this (large) process would inflate
    # its peak RSS.
    launcher = (
        "import json, os, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)\n"
        "out = p.stdout.read().decode()\n"
        "_, status, ru = os.wait4(p.pid, 0)\n"
        "print(json.dumps([time.perf_counter() - t, ru.ru_utime + ru.ru_stime, ru.ru_maxrss,\n"
        "                  os.waitstatus_to_exitcode(status), out]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", launcher, *command], cwd=ROOT, capture_output=True, text=True
    )
    seconds, cpu, maxrss, code, out = json.loads(done.stdout)
    if code not in (0, 1):
        raise SystemExit(f"{command[2:4]} failed ({code}):\n{out}")
    return seconds, cpu, maxrss / 1024, out.strip().splitlines()[0]


def time_loop(model, directory: Path, sample: int, answered: float, asked) -> float:
    """Seconds per respondent of recommend() called row by row (assessments read beforehand)."""
    path = directory / "loop-sample.csv"
    write_survey(model, path, sample, answered, seed=99, asked=asked)
    people, _ = read_survey_assessments(path, model)
    recommend(people[0][1], model=model, top_k=10)
    started = time.perf_counter()
    for _, person in people:
        recommend(person, model=model, top_k=10)
    return (time.perf_counter() - started) / len(people)


def time_nearest_neighbours(model, n: int, answered: float, asked) -> float:
    """Seconds for sklearn brute-force 10 nearest occupations of n respondents."""
    from sklearn.neighbors import NearestNeighbors

    index = NearestNeighbors(n_neighbors=10, algorithm="brute").fit(model.levels.astype(np.float32))
    total, chunk = 0.0, 100_000
    for start in range(0, n, chunk):
        ratings, _, _ = respondents(model, min(chunk, n - start), answered, start, asked)
        filled = estimated_ratings(ratings.astype(np.float64), model.block_codes).astype(np.float32)
        started = time.perf_counter()
        index.kneighbors(filled, return_distance=True)
        total += time.perf_counter() - started
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows", type=positive_int, nargs="+", default=[100_000, 300_000, 1_000_000]
    )
    parser.add_argument("--answered", type=float, default=0.4, help="share of items answered")
    parser.add_argument(
        "--columns",
        type=positive_int,
        help="ask only this many items (default: every template column)",
    )
    parser.add_argument("--loop-sample", type=positive_int, default=2000)
    parser.add_argument(
        "--jobs", type=positive_int, help="worker threads for the batch (default: all)"
    )
    parser.add_argument("--workdir", type=Path, help="where to write surveys (default: a temp dir)")
    parser.add_argument("--skip-sklearn", action="store_true")
    parser.add_argument(
        "--engines", nargs="+", default=["local"], choices=["local", "dask"], help="engines to run"
    )
    parser.add_argument(
        "--catalog", type=positive_int, help="a generated catalog of this many occupations"
    )
    parser.add_argument("--floor", action="store_true", help="also run the pyarrow + BLAS floor")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        run(args, Path(tmp))


def generated_model(directory: Path, size: int):
    """A model of a generated catalog of ``size`` occupations, and its file."""
    from synthetic_catalog import generate_catalog

    from matcher import build_model

    folder = directory / f"catalog-{size}"
    folder.mkdir()
    started = time.perf_counter()
    generate_catalog(folder, size, 0)
    model = build_model(folder)
    path = model.save(directory / f"catalog-{size}.model")
    shutil.rmtree(folder)
    print(
        f"generated and built a catalog of {size:,} occupations in "
        f"{time.perf_counter() - started:.0f} s"
    )
    return model, path


def run(args, directory: Path) -> None:
    model_file = None
    if args.catalog:
        model, model_file = generated_model(directory, args.catalog)
    else:
        model = default_model()
    levels = directory / "levels.npy"
    np.save(levels, model.levels)
    asked = asked_columns(model, args.columns)
    width = model.vectorizer.n_features if asked is None else len(asked)
    print(
        f"catalog: {len(model.catalog)} occupations, {model.vectorizer.n_features} features; "
        f"survey: {width} rating columns, {args.answered:.0%} answered; {os.cpu_count()} cores"
    )
    loop = time_loop(model, directory, args.loop_sample, args.answered, asked)
    print(f"loop: recommend() per row: {loop * 1e3:.2f} ms/row (sample of {args.loop_sample})")
    results = []
    for n in sorted(args.rows):
        survey = directory / f"survey-{n}.csv"
        started = time.perf_counter()
        write_survey(model, survey, n, args.answered, asked=asked)
        made = time.perf_counter() - started
        size = survey.stat().st_size / 1e6
        # A real survey was written long before it is scored: flush this one now, so
        # that the kernel's write-back does not compete with the timed run.
        os.sync()
        load = os.getloadavg()[0]
        seconds, cpu, memory, summary = run_batch(
            survey, directory / f"out-{n}.parquet", args.jobs, model_file=model_file
        )
        if args.floor:
            floor = run_floor(survey, levels)
            print(
                f"N={n:>9,}  pyarrow + BLAS floor: {floor[0]:6.2f} s (CPU {floor[1]:6.1f} s, "
                f"peak RSS {floor[2]:6.0f} MB); the batch takes {seconds / floor[0]:.1f}x "
                "the floor (target < 2x at 5,000 occupations)"
            )
        for engine in args.engines:
            if engine == "local":
                continue
            other = run_batch(survey, directory / f"out-{n}.parquet", args.jobs, engine, model_file)
            print(
                f"N={n:>9,}  --engine {engine}: {other[0]:6.2f} s (CPU {other[1]:6.1f} s, "
                f"peak RSS {other[2]:6.0f} MB) = {other[0] / seconds:.2f}x the local "
                f"engine's {seconds:.2f} s (target < 1.3x)"
            )
        nn = None if args.skip_sklearn else time_nearest_neighbours(model, n, args.answered, asked)
        speedup = loop * n / seconds
        results.append((n, seconds, memory))
        print(
            f"N={n:>9,}  survey {size:7.1f} MB (made in {made:.0f} s)  batch {seconds:6.2f} s "
            f"= {n / seconds:>9,.0f} rows/s (CPU {cpu:6.1f} s, load before {load:.1f})  "
            f"peak RSS {memory:6.0f} MB  "
            f"loop would take {loop * n:8.0f} s (batch is {speedup:5.0f}x faster)"
            + ("" if nn is None else f"  sklearn NN brute {nn:6.2f} s (no gaps, no bias model)")
        )
        print(f"           {summary}")
        (directory / f"out-{n}.parquet").unlink(missing_ok=True)
        survey.unlink()
    n, seconds, memory = results[-1]
    scaled = seconds * 1_000_000 / n
    memories = [r[2] for r in results]
    print("\ntargets:")
    print(
        f"  1,000,000 rows end to end < {TARGET_SECONDS:.0f} s: "
        f"{'measured' if n == 1_000_000 else 'scaled'} {scaled:.1f} s -> "
        f"{'PASS' if scaled < TARGET_SECONDS else 'FAIL'}"
    )
    speedup = loop * n / seconds
    print(
        f"  >= {TARGET_SPEEDUP:.0f}x the per-row loop: {speedup:.0f}x -> "
        f"{'PASS' if speedup >= TARGET_SPEEDUP else 'FAIL'}"
    )
    # Small surveys do not fill the pipeline, so flatness is judged between the two
    # largest runs: growth per extra million respondents (the duplicate check keeps
    # 24 bytes per respondent: 24 MB a million).
    if len(results) > 1:
        (n0, _, m0), (n1, _, m1) = results[-2], results[-1]
        growth = (m1 - m0) / (n1 - n0) * 1e6
    else:
        growth = 0.0
    ok = max(memories) < TARGET_MEMORY_MB and growth < 100
    print(
        f"  peak memory < {TARGET_MEMORY_MB:.0f} MB and flat (< 100 MB more per extra "
        f"million rows): {', '.join(f'{x:.0f}' for x in memories)} MB, "
        f"{growth:+.0f} MB per million -> {'PASS' if ok else 'FAIL'}"
    )


if __name__ == "__main__":
    main()
