"""Catalogs of 1,000 to 20,000 occupations: build, load and answer times, and peak memory.

For each size the script generates a catalog of job-profile documents (random items
from ``data/vocabulary/``, ladders of occupations whose levels grow along each career
path, related jobs within and across ladders, descriptions made of vocabulary words;
a fixed seed) in a temporary folder, builds and saves its model, then measures, each
in a child process of its own so that its peak memory (``ru_maxrss`` of that child,
from ``os.wait4``) is its own:

* ``build``: ``build_model(folder).save(file)``, parsing included;
* ``load_model(file)``;
* ``recommend()``: the median of many calls (the first call, which builds the
  scoring arrays, shown apart);
* the first ``similar()`` and the first ``gaps()`` (a current job off the target's
  career path, so that a route is searched) after loading; ``gaps()`` in
  ``--gaps-runs`` fresh processes, the best shown with the others (the machine is
  shared: one run says little), peak memory the largest of them.

In the same run, as the comparison, the dense approach of matcher before the
neighbour graph: the whole n x n similarity (scikit-learn imported, TF-IDF, both
views, then one row's top 10) and the n x n move costs the routes used, for the
sizes where they fit (``--dense-max``; beyond, the script says so instead of
exhausting the machine). Last, ``matcher recommend`` on the built-in catalog as
a whole process next to ``python -c 'import numpy'`` (bytecode cached, default
model cached, median of ``--runs`` runs of each, interleaved).

Targets (issue 15, a 2-core machine): at 20,000 occupations ``load_model`` < 1 s,
``recommend()`` < 2 ms, first ``similar()`` and first ``gaps()`` < 0.1 s, build
< 60 s, peak memory < 1 GB, memory linear in the catalog; ``matcher recommend``
< 0.3 s and < 1.5x numpy's import.

Usage:  python scripts/bench_scale.py [--sizes 1000 5000 20000] [--dense-max 5000]
        [--calls 200] [--runs 15] [--gaps-runs 5] [--timeout 300] [--seed 0]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic_catalog import generate_catalog  # beside this script

from matcher.cli.base import positive_int

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# --------------------------------------------------------------------------- the children


def _person(model, seed: int = 1) -> dict:
    """A self-assessment of 25 items of the model's vocabulary."""
    import numpy as np

    rng = np.random.default_rng(seed)
    sections = {"skill": "skills", "aptitude": "aptitudes", "trait": "traits"}
    person: dict = {}
    for feature in rng.choice(model.vectorizer.feature_names_, size=25, replace=False):
        block, name = str(feature).split(":", 1)
        person.setdefault(sections[block], {})[name] = float(rng.integers(0, 6))
    return person


def _route_question(model) -> tuple[dict, str]:
    """A person whose current job is off the target's career path, and the target."""
    from matcher.match.routes import documented_path

    middle = len(model.catalog) // 2
    target = model.catalog[middle]
    on_path = set(documented_path(model, middle).rows)
    current = next(o for o in model.catalog[middle::-1] if model.index_of(o.id) not in on_path)
    return {**_person(model), "current_job": current.id}, target.id


def child(kind: str, args: list[str]) -> dict:
    """One measurement; runs in a process of its own."""
    started = time.perf_counter()
    if kind == "build":
        from matcher import build_model

        model = build_model(args[0])
        model.save(args[1])
        return {"seconds": time.perf_counter() - started, "features": model.vectorizer.n_features}
    from matcher import gaps, load_model, recommend

    if kind == "baseline":  # what every other measurement imports
        return {}
    started = time.perf_counter()
    model = load_model(args[0])
    loaded = time.perf_counter()
    if kind == "load":
        return {"seconds": loaded - started}
    if kind == "recommend":
        people = [_person(model, seed) for seed in range(20)]
        recommend(people[0], model=model)
        first = time.perf_counter() - loaded
        times = []
        for call in range(int(args[1])):
            begin = time.perf_counter()
            recommend(people[call % 20], model=model)
            times.append(time.perf_counter() - begin)
        return {"first": first, "seconds": statistics.median(times)}
    if kind == "similar":
        model.similar(model.ids[len(model.ids) // 3], k=10)
        return {"seconds": time.perf_counter() - loaded}
    if kind == "gaps":
        # the question from a model of its own: the one timed has read nothing yet
        person, target = _route_question(load_model(args[0]))
        begin = time.perf_counter()
        report = gaps(person, target, model=model)
        return {"seconds": time.perf_counter() - begin, "route": report.route}
    if kind == "dense-similar":
        import numpy as np

        profiles = [o.profile for o in model.catalog]  # held in memory, as the old model did
        begin = time.perf_counter()
        from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: F401

        imported = time.perf_counter() - begin
        from matcher.core.ranking import top_k
        from matcher.core.similarity import SimilarityViews

        full = SimilarityViews(model.levels, model.importance, profiles).rows(0, len(profiles))
        row = full[len(profiles) // 3].copy()
        row[len(profiles) // 3] = -np.inf
        top_k(row[None, :], 10)
        return {"seconds": time.perf_counter() - begin, "import": imported}
    if kind == "dense-gaps":
        begin = time.perf_counter()
        dense_move_costs(model)
        return {"seconds": time.perf_counter() - begin}
    raise ValueError(f"unknown measurement {kind!r}")


def dense_move_costs(model):
    """The n x n move costs the routes computed before the neighbour graph (the comparison)."""
    import numpy as np

    need = model.importance * model.vectorizer.discrimination_[None, :]
    levels = model.levels
    cost = np.empty((len(levels), len(levels)))
    for b in range(len(levels)):
        cost[:, b] = (np.maximum(levels[b][None, :] - levels, 0) * need[b][None, :]).sum(axis=1)
    scale = np.median(cost[cost > 0]) if np.any(cost > 0) else 1.0
    return cost / scale


def measure(kind: str, *args: str, timeout: float, env: dict) -> dict:
    """Run one measurement in a child process: its result, wall time and peak memory (MB)."""
    command = [sys.executable, __file__, "--child", kind, *map(str, args)]
    begin = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - begin > timeout:
            process.kill()
            os.wait4(process.pid, 0)
            process.returncode = -9
            return {"timeout": timeout}
        time.sleep(0.01)
    process.returncode = os.waitstatus_to_exitcode(status)
    out, err = process.stdout.read(), process.stderr.read()  # type: ignore[union-attr]
    if process.returncode:
        lines = err.decode(errors="replace").strip().splitlines()
        return {"error": lines[-1] if lines else f"exit {process.returncode}"}
    result = json.loads(out.decode().strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


# --------------------------------------------------------------------------- start-up


def startup(runs: int, env: dict) -> tuple[str, float]:
    """``matcher recommend`` (built-in catalog, model cached) next to ``python -c 'import
    numpy'``, interleaved, as ``scripts/bench_startup.py`` measures and words it; and the
    peak memory of ``matcher recommend`` (MB)."""
    from bench_startup import RECOMMEND, recommend_vs_numpy, verdict  # beside this script

    found = recommend_vs_numpy(runs, env)
    return verdict(found), found[RECOMMEND].peak_mb


# --------------------------------------------------------------------------- the report


def _fmt(result: dict | None, unit: str = "s", key: str = "seconds") -> str:
    if result is None:
        return "-"
    if "timeout" in result:
        return f"> {result['timeout']:.0f} s (stopped)"
    if "error" in result:
        return f"error: {result['error'][:60]}"
    value = result[key]
    return f"{value * 1000:.2f} ms" if unit == "ms" else f"{value:.3f} s"


def _best(results: list[dict]) -> dict:
    """The fastest of several runs of one measurement, with every run's time (``runs``) and
    the largest peak memory; the first failure if any failed."""
    failed = [r for r in results if "seconds" not in r]
    if failed:
        return failed[0]
    best = dict(min(results, key=lambda r: r["seconds"]))
    best["runs"] = [r["seconds"] for r in results]
    best["peak_mb"] = max(r["peak_mb"] for r in results)
    return best


def _runs(result: dict) -> str:
    runs = result.get("runs", [])
    if len(runs) < 2:
        return ""
    return f" (best of {len(runs)}: " + ", ".join(f"{s * 1000:.0f}" for s in sorted(runs)) + " ms)"


def _mb(result: dict | None) -> str:
    return f"{result['peak_mb']:.0f}" if result and "peak_mb" in result else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=positive_int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument(
        "--dense-max", type=positive_int, default=5000, help="largest size run dense"
    )
    parser.add_argument("--calls", type=positive_int, default=200, help="recommend() calls timed")
    parser.add_argument(
        "--runs", type=positive_int, default=15, help="runs of each start-up command"
    )
    parser.add_argument("--gaps-runs", type=positive_int, default=5, help="processes timing gaps()")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per measurement")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1:])))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as temp:
        temp_path = Path(temp)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        # Bytecode cached (as an installed package has it), kept out of the checkout;
        # a home of its own for the signing key and the default model.
        env.update(PYTHONPYCACHEPREFIX=str(temp_path / "pycache"), MATCHER_HOME=str(temp_path))
        print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
        base = measure("baseline", timeout=args.timeout, env=env)
        rows = []
        for n in args.sizes:
            folder = temp_path / f"catalog-{n}"
            folder.mkdir()
            begin = time.perf_counter()
            generate_catalog(folder, n, args.seed)
            generated = time.perf_counter() - begin
            path = temp_path / f"model-{n}.model"
            timeout = {"timeout": args.timeout, "env": env}
            row = {"n": n, "build": measure("build", folder, path, **timeout)}
            if not path.exists():
                print(f"{n}: the build failed: {row['build']}")
                continue
            row["size_mb"] = path.stat().st_size / 2**20
            row["load"] = measure("load", path, **timeout)
            row["recommend"] = measure("recommend", path, args.calls, **timeout)
            row["similar"] = measure("similar", path, **timeout)
            row["gaps"] = _best([measure("gaps", path, **timeout) for _ in range(args.gaps_runs)])
            if n <= args.dense_max:
                row["dense-similar"] = measure("dense-similar", path, **timeout)
                row["dense-gaps"] = measure("dense-gaps", path, **timeout)
            rows.append(row)
            print(
                f"{n:,} occupations: generated in {generated:.1f} s, "
                f"{row['build'].get('features', '?')} features, model file {row['size_mb']:.0f} MB"
            )
            shutil.rmtree(folder)
        started, matcher_mb = startup(args.runs, env)
        load_end = " ".join(f"{x:.2f}" for x in os.getloadavg())

    print(
        "\n| occupations | build | `load_model` | `recommend()` median (first call) "
        "| first `similar()` | first `gaps()` |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        rec = r["recommend"]
        first = f" ({_fmt(rec, 'ms', 'first')})" if "first" in rec else ""
        print(
            f"| {r['n']:,} | {_fmt(r['build'])} | {_fmt(r['load'])} | {_fmt(rec, 'ms')}{first} "
            f"| {_fmt(r['similar'])} | {_fmt(r['gaps'])}{_runs(r['gaps'])} |"
        )
    print(
        "\nPeak memory (MB) of each child process; an interpreter with numpy and matcher "
        f"imported peaks at {_mb(base)} MB:"
    )
    print(
        "\n| occupations | build | load | recommend | similar | gaps "
        "| dense n x n similarity | dense n x n move costs |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        cells = [_mb(r.get(k)) for k in ("build", "load", "recommend", "similar", "gaps")]
        dense = [_mb(r.get(k)) if r.get(k) else "not run" for k in ("dense-similar", "dense-gaps")]
        print(f"| {r['n']:,} | " + " | ".join(cells + dense) + " |")
    print("\nThe dense approach of before (same run), time of what the first call computed:")
    print(
        "\n| occupations | n x n similarity, first `similar()` | n x n move costs, first `gaps()` |"
    )
    print("| --- | --- | --- |")
    for r in rows:
        if "dense-similar" in r:
            dense = r["dense-similar"]
            sklearn = (
                f" ({dense['import']:.2f} s of it importing scikit-learn)"
                if "import" in dense
                else ""
            )
            print(f"| {r['n']:,} | {_fmt(dense)}{sklearn} | {_fmt(r['dense-gaps'])} |")
        else:
            gb = 3 * r["n"] ** 2 * 8 / 1e9
            print(
                f"| {r['n']:,} | not run: the n x n matrices need about {gb:.0f} GB "
                f"(--dense-max {args.dense_max}) | not run |"
            )
    if len(rows) > 1:
        print(
            "\nExtra peak memory per extra 1,000 occupations, between consecutive sizes "
            "(about constant: memory grows linearly with the catalog):"
        )
        for kind in ("build", "load", "recommend", "similar", "gaps", "dense-similar"):
            pairs = [
                (a, b)
                for a, b in itertools.pairwise(rows)
                if "peak_mb" in a.get(kind, {}) and "peak_mb" in b.get(kind, {})
            ]
            slopes = [
                f"{a['n']:,}->{b['n']:,}: "
                f"{(b[kind]['peak_mb'] - a[kind]['peak_mb']) / ((b['n'] - a['n']) / 1000):.1f} MB"
                for a, b in pairs
            ]
            if slopes:
                print(f"  {kind:<14} " + ";  ".join(slopes))
    print(
        f"\nStart-up (median of {args.runs} runs each, whole processes, interleaved): "
        f"{started}; peak {matcher_mb:.0f} MB"
    )
    print(f"load average at the end: {load_end}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
