"""Evaluate matcher's ranking on a real O*NET database, next to what would flatter it least.

1. Related occupations: recall@10 of O*NET's Primary related occupations by
   ``model.similar`` (the model built without Related Occupations), next to plain
   cosine on raw levels.
2. Recovery: simulated respondents of every O*NET occupation in ten response
   styles (``evaluation/styles.py``), parameters drawn per person, the items each
   was asked passed to the model. The true occupation's rank under matcher, the
   best of five plain baselines per style (Pearson, Spearman, Euclidean, cosine,
   the skills-search count; ``evaluation/baselines.py``) and the exact Bayes
   oracle of each style (``evaluation/oracle.py``): hit@1, hit@10 and MRR, with
   95 % bootstrap intervals over respondents (the seeds pooled); the oracle *not
   told the style* (every style's likelihood in equal shares: the ceiling of a
   ranking in use) beside them; and how often the first match is right per bin of
   its confidence.
3. Robustness: the same tables when the simulator's assumptions change
   (heavy-tailed noise, a persistent personal deviation, rounding down) and for a
   population of every style at once (the oracle then does not know a person's style).
4. With ``--ablation``: what each part of the model adds, on O*NET and, for the parts
   that act on a catalog of documents, on the built-in catalog with simulated free
   lists (``evaluation/freelist.py``).

Respondents, baseline and oracle ranks are cached (``--cache``); matcher is scored
afresh every run. Progress goes to stderr, the tables (Markdown) to stdout.

Usage:  python scripts/evaluate.py ../shared/onet [--seeds 3] [--respondents 2] [--ablation]
        python scripts/evaluate.py ../shared/onet --quick      (a smoke run)
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shlex
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation.ablation import PARTS, applies
from evaluation.freelist import FREE_STYLES
from evaluation.metrics import METRICS
from evaluation.paths import add_sample_arguments
from evaluation.related import related_table
from evaluation.report import (
    Results,
    ablation_table,
    calibration_table,
    ceiling_table,
    criteria,
    methods_table,
    recovery_table,
)
from evaluation.styles import STYLES
from evaluation.suite import Catalog, Job, run

from matcher import build_model, import_onet

VARIANT_NAMES = {
    "t3": "heavy-tailed noise (Student t, 3 degrees of freedom, same standard deviation)",
    "person": "a persistent personal deviation (sd 0.5) of the person's levels, noise on top",
    "floor": "rounding down, floor(x + 0.25), instead of to the nearest point",
    "mixed": "a mixed population: every style at once, the oracle not told which",
}


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_sample_arguments(parser)
    parser.add_argument(
        "--variants",
        default="t3,person,floor,mixed",
        help=f"simulator variants, comma-separated, of {', '.join(VARIANT_NAMES)} ('' for none)",
    )
    parser.add_argument(
        "--variant-respondents",
        type=int,
        default=1,
        help="per occupation, style and seed in the variants (default 1)",
    )
    parser.add_argument("--ablation", action="store_true", help="also run the ablation")
    parser.add_argument(
        "--ablation-seeds",
        type=int,
        default=1,
        help="seeds of the ablation on O*NET, the first of --seeds (default 1: each part "
        "taken away rescores every respondent)",
    )
    parser.add_argument(
        "--free-respondents",
        type=int,
        default=5,
        help="free lists per built-in occupation, style and seed in the ablation (default 5)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run of a few minutes: 1 seed, 1 respondent, the t3 variant only, "
        "1 free list (overrides those options)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="where simulated respondents and baseline/oracle ranks are kept "
        "(default: the user cache folder, matcher/evaluation)",
    )
    args = parser.parse_args(argv)
    variants = [v for v in args.variants.split(",") if v]
    unknown = [v for v in variants if v not in VARIANT_NAMES]
    if unknown:
        parser.error(
            f"--variants: unknown {', '.join(unknown)}; expected {', '.join(VARIANT_NAMES)}"
        )
    args.variants = variants
    if args.quick:
        args.seeds = args.respondents = args.free_respondents = args.ablation_seeds = 1
        args.variants = ["t3"]
    numbers = ("seeds", "respondents", "variant_respondents", "free_respondents", "jobs")
    for name in (*numbers, "ablation_seeds"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.cache is None:
        from platformdirs import user_cache_path

        args.cache = user_cache_path("matcher") / "evaluation"
    return args


def _print(lines: list[str] = ()) -> None:
    print("\n".join(lines), flush=True)


def _results(found: dict, jobs: list[Job], by_person_style: bool = False) -> Results:
    """The ranks of ``jobs`` pooled per style, in the jobs' order (so intervals repeat)."""
    results = Results()
    for job in jobs:
        ranks, styles, _ = found[job]
        if not by_person_style:
            results.add(job.style, ranks)
            continue
        for k, style in enumerate(STYLES):
            if np.any(styles == k):
                results.add(style, {m: r[styles == k] for m, r in ranks.items()})
    return results


def _recovery(title: str, results: Results, metrics=METRICS) -> None:
    for metric in metrics:
        _print(["", f"{title}: {metric}", "", *recovery_table(results, metric)])


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if not (args.onet / "Skills.txt").is_file():
        print(f"{args.onet}: no O*NET text database (Skills.txt) there", file=sys.stderr)
        return 2
    started = time.perf_counter()
    seeds = list(range(args.seeds))
    _print(
        [
            "# matcher: evaluation of the ranking",
            "",
            f"- command: `{shlex.join(['python', *sys.argv])}`",
            f"- date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; "
            f"Python {platform.python_version()}, NumPy {np.__version__}, "
            f"{os.cpu_count()} cores, {args.jobs} worker processes",
            f"- seeds {', '.join(map(str, seeds))}; {args.respondents} respondents per "
            f"occupation, style and seed ({args.variant_respondents} in the variants)",
            "- intervals: 95 %, percentile bootstrap over respondents (every seed's pooled), "
            "1,000 resamples; differences and gaps paired",
        ]
    )
    model = import_onet(args.onet, related=False)
    onet = Catalog.of("onet", model)
    _print(
        [
            "",
            f"## O*NET: {len(model.catalog)} occupations, {model.vectorizer.n_features} items "
            "(built without Related Occupations)",
            "",
            *related_table(model, args.onet),
        ]
    )
    catalogs = {"onet": onet}
    main_jobs = [Job("onet", "base", s, seed, args.respondents) for seed in seeds for s in STYLES]
    variant_jobs = {
        v: [Job("onet", "base", "mixed", seed, args.variant_respondents) for seed in seeds]
        if v == "mixed"
        else [Job("onet", v, s, seed, args.variant_respondents) for seed in seeds for s in STYLES]
        for v in args.variants
    }
    print("recovery: simulating and scoring", file=sys.stderr)
    found = run(
        main_jobs + [j for js in variant_jobs.values() for j in js], catalogs, args.cache, args.jobs
    )
    results = _results(found, main_jobs)
    _print(["", "## Recovery of the true occupation"])
    _recovery("Base simulator", results)
    _print(["", "Every method's MRR:", "", *methods_table(results)])
    for metric in ("MRR", "hit@1"):
        _print(["", f"The ceiling of a ranking not told the style: {metric}", ""])
        _print(ceiling_table(results, metric))
    _print(["", "Targets (issue 10):", "", *criteria(results)])
    confidence = np.concatenate([found[j][2] for j in main_jobs])
    right = np.concatenate([found[j][0]["matcher"] == 1 for j in main_jobs])
    _print(["", "Calibration of the confidence of the first match:", ""])
    _print(calibration_table(confidence, right))
    for v, jobs in variant_jobs.items():
        _print(["", f"## Variant: {VARIANT_NAMES[v]}"])
        varied = _results(found, jobs, by_person_style=v == "mixed")
        _recovery(f"Variant {v}", varied, ("MRR", "hit@1"))
        _print(["", "Every method's MRR:", "", *methods_table(varied)])
    _print(["", f"Recovery and variants in {(time.perf_counter() - started) / 60:.1f} minutes."])
    if args.ablation:
        few = seeds[: args.ablation_seeds]
        full = _results(found, [j for j in main_jobs if j.seed in few])
        _ablation(args, catalogs, few, full)
    _print(["", f"Finished in {(time.perf_counter() - started) / 60:.1f} minutes."])
    return 0


def _mean_mrr(results: Results) -> float:
    return float(np.mean([results.values(s, "matcher", "MRR").mean() for s in results.styles]))


def _ablation(args, catalogs, seeds, full) -> None:
    print("ablation", file=sys.stderr)
    builtin = build_model()
    catalogs["builtin"] = Catalog.of("builtin", builtin, free_lists=True)
    onet_parts = [p for p in PARTS if p != "full" and applies(p, catalogs["onet"])]
    jobs = {
        ("onet", p): [
            Job("onet", "base", s, seed, args.respondents, p) for seed in seeds for s in STYLES
        ]
        for p in onet_parts
    }
    for p in PARTS:
        jobs["builtin", p] = [
            Job("builtin", "base", s, seed, args.free_respondents, p)
            for seed in seeds
            for s in FREE_STYLES
        ]
    more = run([j for js in jobs.values() for j in js], catalogs, args.cache, args.jobs)
    free_full = _results(more, jobs["builtin", "full"])
    rows = []
    for p, part in PARTS.items():
        if p == "full":
            continue
        onet = _results(more, jobs["onet", p]) if ("onet", p) in jobs else None
        rows.append((part.removed, "O*NET", onet, full))
        rows.append(
            (part.removed, "built-in, free lists", _results(more, jobs["builtin", p]), free_full)
        )
    _print(
        [
            "",
            "## Ablation: what each part adds",
            "",
            f"The full model: O*NET (seed {', '.join(map(str, seeds))}, {args.respondents} "
            f"respondents per occupation and style) mean MRR {_mean_mrr(full):.3f}; "
            "the built-in catalog "
            f"({len(builtin.catalog)} occupations) with simulated free lists, "
            f"{args.free_respondents} per occupation, style and seed "
            f"({', '.join(FREE_STYLES)}), mean MRR {_mean_mrr(free_full):.3f}.",
            "",
            *ablation_table(rows),
            "",
            "Free lists on the built-in catalog, the full model against the baselines:",
            "",
            *recovery_table(free_full, "MRR"),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
