"""How routes come out over random pairs of occupations: a documented career path, a searched
chain of related jobs (and how long), or straight to the target (no chain leads there more
directly than moving straight, at the price of a move no document gives:
``matcher.match.routes.UNDOCUMENTED_MOVE``).

Each pair is a person whose current job is the first occupation, rating one item 2, and the
second occupation as the target; pairs are drawn at random (seed 0), so most are unrelated
jobs, where a long chain through unrelated posts is what the straight move replaces. Prints the
count of each kind, the lengths of the searched chains, and a few examples of each. With
``../shared/onet`` present it does the same on O*NET.

Usage:  python scripts/evaluate_routes.py [ONET_DIR] [--pairs 300]
"""

from __future__ import annotations

import argparse
import random
import sys
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation.paths import add_onet_argument

from matcher import gaps, import_onet
from matcher.cli.base import positive_int
from matcher.model.default import default_model


def kinds(model, pairs: int) -> None:
    rng = random.Random(0)
    block, name = model.feature_keys[0]
    counts: Counter[str] = Counter()
    lengths: Counter[int] = Counter()
    examples: dict[str, list[str]] = {}
    for _ in range(pairs):
        start, target = rng.sample(model.titles, 2)
        report = gaps({"current_job": start, f"{block}s": {name: 2}}, target, model=model)
        counts[report.route] += 1
        if report.route == "route":
            lengths[len(report.steps)] += 1
        shown = examples.setdefault(report.route, [])
        if len(shown) < 3:
            shown.append(" -> ".join(step.title for step in report.steps))
    print(f"{pairs} random pairs of {len(model.titles)} occupations:")
    for kind, count in counts.most_common():
        print(f"  {kind:12s} {count:4d}")
    print(f"  searched chains by number of steps: {dict(sorted(lengths.items()))}")
    for kind, shown in examples.items():
        print(f"  e.g. {kind}: " + "; ".join(shown))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_onet_argument(parser)
    parser.add_argument("--pairs", type=positive_int, default=300)
    args = parser.parse_args()
    print("## The built-in catalog")
    kinds(default_model(), args.pairs)
    if (args.onet / "Skills.txt").exists():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the shared copy has no Abilities.txt
            onet = import_onet(args.onet)
        print("\n## O*NET")
        kinds(onet, args.pairs)
    else:
        print(f"\n(no O*NET database at {args.onet}: left out)")


if __name__ == "__main__":
    main()
