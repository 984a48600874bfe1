"""Benchmark gap reports: a thousand from a generated survey, against simple alternatives.

The script generates a survey of N respondents (default 1,000) over the
built-in catalog's vocabulary, reads it with ``read_survey_assessments`` and makes
every report (HTML with two inline SVG charts, and Markdown) with
``write_reports``, in parallel, exactly as ``matcher report survey.csv`` does.
It prints the time and the rate; the target is N = 1,000 in under 60 s on a
2-core machine.

In the same run, on a sample of the respondents (default 200), it times two
simple alternatives:

- the same reports made serially in one process (``--jobs 1``);
- the two charts of each report drawn the straightforward way: a fresh
  matplotlib figure per chart (bars, tick labels, legend, tight bounding box,
  matplotlib's default glyphs-as-paths SVG), against the reused figures and
  remembered text measurements of :mod:`matcher.report.charts`.

Usage:  python scripts/bench_reports.py [-n 1000] [--jobs N] [--sample 200]
                                        [--catalog DIR] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from matcher import build_model, build_report, read_survey_assessments, write_reports
from matcher.cli.base import positive_int
from matcher.report import charts as fast_charts
from matcher.util.progress import default_workers

TARGET_SECONDS = 60.0
CREATED = datetime(2025, 1, 1, tzinfo=UTC)


def generate_survey(path: Path, model, n: int, seed: int = 0) -> None:
    """A survey CSV: n respondents rating 12-25 items each; a third name a target job."""
    rng = np.random.default_rng(seed)
    features = [str(f) for f in model.vectorizer.feature_names_]
    titles = [o.title for o in model.catalog]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent_id", "current_job", "target_job", *features])
        for i in range(n):
            row = [""] * len(features)
            for c in rng.choice(len(features), size=int(rng.integers(12, 26)), replace=False):
                row[c] = str(int(rng.integers(0, 6)))
            current = titles[int(rng.integers(len(titles)))] if rng.random() < 0.3 else ""
            target = titles[int(rng.integers(len(titles)))] if rng.random() < 0.33 else ""
            writer.writerow([f"resp-{i:05d}", current, target, *row])


def naive_score_chart(titles, contributions, blocks) -> str:
    """The score chart the straightforward way: a fresh figure, default SVG output."""
    figure = Figure(figsize=(7, 0.5 + 0.42 * len(titles)))
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    left = np.zeros(len(titles))
    for j, block in enumerate(blocks):
        axes.barh(
            range(len(titles)),
            contributions[:, j],
            left=left,
            label=f"{block}s",
            color=fast_charts.BLOCK_COLOURS.get(block),
        )
        left = left + contributions[:, j]
    axes.set_yticks(range(len(titles)), titles)
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.legend(ncols=len(blocks), loc="lower right")
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    return buffer.getvalue()


def naive_needs_chart(names, ratings, levels) -> str:
    figure = Figure(figsize=(7, 0.5 + 0.42 * len(names)))
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    rows = np.arange(len(names))
    axes.barh(rows - 0.2, ratings, height=0.4, label="you")
    axes.barh(rows + 0.2, levels, height=0.4, label="needed")
    axes.set_yticks(rows, names)
    axes.invert_yaxis()
    axes.set_xlim(0, 5)
    axes.legend(loc="lower right")
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    return buffer.getvalue()


def chart_times(reports) -> tuple[float, float, int, int]:
    """Seconds per report for both charts: matcher.report.charts, then the naive way; and sizes."""
    inputs = []
    for report in reports:
        blocks = list(dict.fromkeys(b for r in report.recommendations for b in r.contributions))
        inputs.append(
            (
                [f"{r.rank}. {r.title}" for r in report.recommendations],
                np.array(
                    [[r.contributions.get(b, 0.0) for b in blocks] for r in report.recommendations]
                ),
                blocks,
                [i.name for i in report.need_items],
                [i.block for i in report.need_items],
                np.array([np.nan if i.rating is None else i.rating for i in report.need_items]),
                np.array([i.estimate for i in report.need_items]),
                np.array([i.level for i in report.need_items]),
            )
        )
    fast_size = naive_size = 0
    started = time.perf_counter()
    for titles, contributions, blocks, names, kinds, ratings, estimates, levels in inputs:
        fast_size += len(fast_charts.score_chart(titles, contributions, blocks))
        if names:
            fast_size += len(fast_charts.needs_chart(names, kinds, ratings, estimates, levels))
    fast = (time.perf_counter() - started) / len(inputs)
    started = time.perf_counter()
    for titles, contributions, blocks, names, _, ratings, estimates, levels in inputs:
        naive_size += len(naive_score_chart(titles, contributions, blocks))
        if names:
            shown = np.where(np.isnan(ratings), estimates, ratings)
            naive_size += len(naive_needs_chart(names, shown, levels))
    naive = (time.perf_counter() - started) / len(inputs)
    return fast, naive, fast_size // len(inputs), naive_size // len(inputs)


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.iterdir() if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=positive_int, default=1000, help="respondents (default 1000)")
    parser.add_argument("--jobs", type=positive_int, default=default_workers(), help="processes")
    parser.add_argument(
        "--sample", type=positive_int, default=200, help="respondents for alternatives"
    )
    parser.add_argument("--catalog", type=Path, help="catalog folder (default: built-in)")
    parser.add_argument("--keep", type=Path, help="write the reports here and keep them")
    args = parser.parse_args()

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {os.cpu_count()} CPUs, load average {load:.2f} at start "
        f"(other work on the machine slows every figure below)"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an incomplete catalog warns; not what is measured
        model = build_model(args.catalog)
    work = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    try:
        survey = work / "survey.csv"
        generate_survey(survey, model, args.n)
        started = time.perf_counter()
        people, rejects = read_survey_assessments(survey, model)
        read_seconds = time.perf_counter() - started
        print(
            f"catalog: {len(model.catalog)} occupations, {model.vectorizer.n_features} "
            f"features; survey: {args.n} generated respondents, {len(people)} valid, "
            f"read in {read_seconds:.2f} s"
        )

        outdir = args.keep or work / "reports"
        if outdir.exists():
            shutil.rmtree(outdir)
        result = write_reports(
            people, outdir, model=model, jobs=args.jobs, rejects=rejects, created=CREATED
        )
        files, size = folder_size(outdir)
        total = read_seconds + result.seconds
        print(
            f"reports (HTML + Markdown, 2 charts each), {args.jobs} processes: "
            f"{len(result.reports)} in {result.seconds:.1f} s = "
            f"{len(result.reports) / result.seconds:.1f} reports/s; {files} files, "
            f"{size / 1e6:.1f} MB ({size / max(files, 1) / 1e3:.0f} kB per file)"
        )

        sample = people[: args.sample]
        print(f"\nalternatives, on a sample of {len(sample)} respondents:")
        parallel_ms = result.seconds / max(len(result.reports), 1) * 1e3
        serial = write_reports(sample, work / "serial", model=model, jobs=1, created=CREATED)
        serial_ms = serial.seconds / max(len(serial.reports), 1) * 1e3
        print(
            f"  {'reports, ' + str(args.jobs) + ' processes (the run above)':<46} "
            f"{parallel_ms:6.1f} ms per report"
        )
        print(
            f"  {'reports, serial in one process':<46} {serial_ms:6.1f} ms per report "
            f"(x{serial_ms / parallel_ms:.2f}; {args.n} would take "
            f"{serial_ms * args.n / 1e3:.0f} s)"
        )
        built = [build_report(p, model=model, respondent_id=i, created=CREATED) for i, p in sample]
        fast, naive, fast_size, naive_size = chart_times(built)
        print(
            f"  {'2 charts, matcher.report.charts (reused)':<46} {fast * 1e3:6.1f} ms per "
            f"report, {fast_size / 1e3:.0f} kB of SVG"
        )
        print(
            f"  {'2 charts, a fresh figure each, defaults':<46} {naive * 1e3:6.1f} ms per "
            f"report, {naive_size / 1e3:.0f} kB of SVG (x{naive / fast:.2f} the time)"
        )

        verdict = "met" if args.n >= 1000 and total < TARGET_SECONDS else "NOT met"
        if args.n < 1000:
            verdict = f"not measured (n = {args.n} < 1000)"
        print(
            f"\ntarget: 1000 reports (reading the survey included) in under "
            f"{TARGET_SECONDS:.0f} s: {verdict} ({total:.1f} s for {args.n})"
        )
        if args.keep:
            print(f"reports kept in {outdir}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
