"""Free lists on an O*NET model: matcher against the plain baselines, style by style.

Usage:  python scripts/evaluate_freelists.py [ONET_DIR] [--catalog onet|builtin] [--per N]
        [--seed S]

The O*NET suite (``scripts/evaluate.py``) scores questionnaires: every item asked. A person
who writes down only what they have (a self-assessment without ``"asked"``) is a free list;
on the built-in catalog the ablation of ``evaluate.py`` scores them. Here the same simulator
(``evaluation/freelist.py``: a person has each item at their occupation's level plus noise,
mentions it the more often the higher it is, and rates what they mention in a response
style) runs on O*NET, where every occupation rates every item, so the items a person has are
drawn from all of them by importance. Printed per style: how many items a list holds,
matcher's MRR and hit@1 against the best of Pearson, Spearman, Euclidean distance, cosine and
the skills count on the same answers, with the paired difference and its interval, and the
mean confidence of matcher's first matches beside how often they are right (calibrated when
the two agree). No
oracle: the simulator's mention model has no closed likelihood here. ``--catalog builtin``
runs the same on the built-in catalog (where the simulator was written: an occupation lists
the items it has), for the confidence's calibration there.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings

import numpy as np
from evaluation.baselines import BASELINES, baselines
from evaluation.freelist import FREE_STYLES, simulate_free_lists
from evaluation.metrics import bootstrap, figures, ranks_of
from evaluation.paths import add_onet_argument
from evaluation.report import interval, verdict

from matcher import import_onet
from matcher.cli.base import positive_int
from matcher.core.likelihood import evaluate_many


def run(model, per: int, seed: int) -> list[str]:
    """The table's lines, one per style of :data:`FREE_STYLES`."""
    levels = np.asarray(model.levels, np.float64)
    importance = np.asarray(model.importance, np.float64)
    skill = model.block_codes == model.block_names.index("skill")
    lines = [
        "| style | n | items named | matcher MRR | best baseline | matcher − best, points "
        "| verdict | matcher hit@1 | its mean confidence | best hit@1 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for k, name in enumerate(FREE_STYLES):
        people = simulate_free_lists(levels, importance, name, np.random.default_rng(seed + k), per)
        found = evaluate_many(people.ratings, people.asked, model.scorer)
        ranks = {"matcher": ranks_of(found.log_likelihood, people.truth)}
        first = np.argmax(found.log_likelihood, axis=1)[:, None]
        sure = found.confidence(first).mean()
        for base, scores in baselines(people.ratings, levels, importance, skill).items():
            ranks[base] = ranks_of(scores, people.truth)
        mrr = {method: figures(r)["MRR"] for method, r in ranks.items()}
        best = max(BASELINES, key=lambda b: (mrr[b].mean(), b))
        ours, theirs = bootstrap(mrr["matcher"]), bootstrap(mrr[best])
        difference = bootstrap(mrr["matcher"] - mrr[best])
        named = np.mean((~np.isnan(people.ratings)).sum(axis=1))
        hit = {m: figures(ranks[m])["hit@1"].mean() for m in ("matcher", best)}
        lines.append(
            f"| {name} | {len(people.truth):,} | {named:.1f} | {interval(ours)} | {best} "
            f"{interval(theirs)} | {interval(difference, points=True)} | {verdict(difference)} "
            f"| {hit['matcher']:.3f} | {sure:.3f} | {hit[best]:.3f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_onet_argument(parser)
    parser.add_argument(
        "--per", type=positive_int, default=2, help="free lists per occupation and style (2)"
    )
    parser.add_argument("--catalog", choices=("onet", "builtin"), default="onet")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.catalog == "builtin":
        from matcher.model.default import default_model

        model, name = default_model(), "the built-in catalog"
    else:
        if not (args.onet / "Skills.txt").exists():
            print(f"no O*NET database at {args.onet}", file=sys.stderr)
            return 2
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the shared copy's missing Abilities.txt, said once
            model, name = import_onet(args.onet, related=False), "O*NET"
    print(
        f"Free lists on {name} ({len(model.ids)} occupations), {args.per} per occupation and style:"
    )
    print()
    print("\n".join(run(model, args.per, args.seed)))
    print()
    print(f"Finished in {(time.perf_counter() - started) / 60:.1f} minutes.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
