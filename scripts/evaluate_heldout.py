"""Matcher on O*NET against the plain baselines, for response styles the simulator of
``scripts/evaluate.py`` does not have and the model does not assume
(``evaluation/heldout.py``): socially desirable personal items, over-claimed skills, a
halo, a curved response function, coarse answers, a ceiling shy of 5, a misread scale.

For each style, respondents of every O*NET occupation (``--respondents`` per occupation
and seed), their answered items passed to ``matcher.core.likelihood.evaluate_many`` as a
survey is, and the same five baselines as ``scripts/evaluate.py`` (the best per style is
the bar). MRR and hit@1 with 95 % bootstrap intervals; the difference to the best
baseline paired per respondent.

Usage:  python scripts/evaluate_heldout.py [../shared/onet] [--seeds 3] [--respondents 2]
"""

from __future__ import annotations

import argparse
import datetime
import platform
import shlex
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation.baselines import baselines
from evaluation.heldout import HELD_OUT, simulate_held_out
from evaluation.metrics import bootstrap, figures, ranks_of
from evaluation.paths import add_sample_arguments
from evaluation.report import interval, verdict
from evaluation.suite import Catalog, matcher_scores

from matcher import import_onet


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_sample_arguments(parser)
    parser.add_argument(
        "--styles", default=",".join(HELD_OUT), help="comma-separated, of " + ", ".join(HELD_OUT)
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if not (args.onet / "Skills.txt").exists():
        print(f"{args.onet}: no O*NET text database (Skills.txt) there", file=sys.stderr)
        return 2
    started = time.perf_counter()
    model = import_onet(args.onet, related=False)
    catalog = Catalog.of("onet", model)
    personal = ~catalog.skill  # every block but the skills
    print(
        "# Held-out response styles on O*NET\n\n"
        f"`{shlex.join(['python', 'scripts/evaluate_heldout.py', *(argv or sys.argv[1:])])}`, "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}; "
        f"{len(catalog.levels)} occupations, {args.seeds} seeds x {args.respondents} "
        "respondents per occupation and style.\n"
    )
    header = (
        "| style | n | matcher MRR | best baseline | matcher − best, points | verdict "
        "| matcher hit@1 | best baseline hit@1 |"
    )
    lines = [header, "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name in args.styles.split(","):
        ranks: dict[str, list[np.ndarray]] = {}
        for seed in range(args.seeds):
            rng = np.random.default_rng([seed, HELD_OUT.index(name)])
            people = simulate_held_out(catalog.levels, personal, name, rng, per=args.respondents)
            scores = baselines(people.ratings, catalog.levels, catalog.importance, catalog.skill)
            scores["matcher"] = matcher_scores(catalog.scorer, people)
            for method, s in scores.items():
                ranks.setdefault(method, []).append(ranks_of(s, people.truth))
        found = {k: figures(np.concatenate(v)) for k, v in ranks.items()}
        best = max((k for k in found if k != "matcher"), key=lambda k: (found[k]["MRR"].mean(), k))
        difference = bootstrap(found["matcher"]["MRR"] - found[best]["MRR"])
        mrr = bootstrap(found["matcher"]["MRR"])
        lines.append(
            f"| {name} | {len(found['matcher']['MRR']):,} | {interval(mrr)} "
            f"| {best} {interval(bootstrap(found[best]['MRR']))} "
            f"| {interval(difference, points=True)} "
            f"| {verdict(difference)} | {found['matcher']['hit@1'].mean():.3f} "
            f"| {found[best]['hit@1'].mean():.3f} |"
        )
        print(f"  {name}: done", file=sys.stderr, flush=True)
    print("\n".join(lines))
    print(f"\nFinished in {(time.perf_counter() - started) / 60:.1f} minutes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
