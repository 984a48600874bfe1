"""Matcher on O*NET against the plain baselines, for response styles the simulator of
``scripts/evaluate.py`` does not have and the model does not assume
(``evaluation/heldout.py``): socially desirable personal items, over-claimed skills, a
halo, a curved response function, coarse answers, a ceiling shy of 5, a misread scale.

For each style, respondents of every O*NET occupation (``--respondents`` per occupation
and seed), their answered items passed to ``matcher.core.likelihood.evaluate_many`` as a
survey is, and the same five baselines as ``scripts/evaluate.py`` (the best per style is
the bar). MRR and hit@1 with 95 % bootstrap intervals; the difference to the best
baseline paired per respondent.

With ``--catalog builtin``, the built-in catalog's whole questionnaires instead, under the
ranking evaluation's styles too: a respondent's item their occupation does not list is at a
level drawn from the model's background (most people have a little of what their job does
not need), or with ``--unlisted catalog`` as a random occupation of the catalog has it (the
typical row the model reads a free list with: a simulator of the other reading), and the
baselines read the catalog's levels (0 where not listed), as a user's would.

Usage:  python scripts/evaluate_heldout.py [../shared/onet] [--seeds 3] [--respondents 2]
        [--catalog onet|builtin] [--unlisted background|catalog]
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
from evaluation.styles import STYLES, Respondents, simulate, unlisted_drawn
from evaluation.suite import Catalog, matcher_ranking

from matcher import build_model, import_onet


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_sample_arguments(parser)
    parser.add_argument(
        "--styles",
        help="comma-separated, of " + ", ".join([*STYLES, *HELD_OUT]) + " (default: the "
        "held-out styles; with --catalog builtin, every one)",
    )
    parser.add_argument("--catalog", choices=("onet", "builtin"), default="onet")
    parser.add_argument(
        "--unlisted",
        choices=("background", "catalog"),
        default="background",
        help="in a listing catalog, the level of an item a respondent's occupation does not "
        "list: drawn from the model's background (default), or as a random occupation of the "
        "catalog has it (its level where it lists the item, else from the background)",
    )
    return parser.parse_args(argv)


def _respondents(
    catalog: Catalog, name: str, rng, per: int, personal, unlisted: str = "background"
) -> Respondents:
    """``per`` respondents of style ``name`` (held out or of the suite) from each occupation;
    in a listing catalog each with unlisted items at levels drawn from the background, or
    (``unlisted="catalog"``) as a random occupation has them."""

    def drawn(levels: np.ndarray, count: int) -> Respondents:
        if name in HELD_OUT:
            return simulate_held_out(levels, personal, name, rng, per=count)
        return simulate(levels, name, rng, per=count)

    if not catalog.scorer.weights.background:  # a catalog that rates every item
        return drawn(catalog.levels, per)
    listed = catalog.importance > 0
    parts = []
    for _ in range(per):
        levels = catalog.levels
        if unlisted == "catalog":  # a random occupation's level where it lists the item
            other = rng.integers(0, len(listed), size=listed.shape)
            items = np.arange(listed.shape[1])[None, :]
            levels = np.where(listed, levels, catalog.levels[other, items])
            parts.append(drawn(unlisted_drawn(levels, listed | listed[other, items], rng), 1))
        else:
            parts.append(drawn(unlisted_drawn(levels, listed, rng), 1))
    return Respondents(
        *(np.concatenate([getattr(p, f) for p in parts]) for f in ("ratings", "asked", "truth"))
    )


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    builtin = args.catalog == "builtin"
    if not builtin and not (args.onet / "Skills.txt").exists():
        print(f"{args.onet}: no O*NET text database (Skills.txt) there", file=sys.stderr)
        return 2
    started = time.perf_counter()
    model = build_model() if builtin else import_onet(args.onet, related=False)
    catalog = Catalog.of(args.catalog, model)
    personal = ~catalog.skill  # every block but the skills
    names = args.styles.split(",") if args.styles else [*STYLES, *HELD_OUT] if builtin else HELD_OUT
    title = "the built-in catalog's whole questionnaires" if builtin else "O*NET"
    if builtin and args.unlisted == "catalog":
        title += ", unlisted items as another occupation has them"
    print(
        f"# Response styles on {title}\n\n"
        f"`{shlex.join(['python', 'scripts/evaluate_heldout.py', *(argv or sys.argv[1:])])}`, "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}; "
        f"{len(catalog.levels)} occupations, {args.seeds} seeds x {args.respondents} "
        "respondents per occupation and style.\n"
    )
    header = (
        "| style | n | matcher MRR | best baseline | matcher − best, points | verdict "
        "| matcher hit@1 | matcher's confidence in #1 | best baseline hit@1 |"
    )
    lines = [header, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    every = [*HELD_OUT, *STYLES]
    for name in names:
        ranks: dict[str, list[np.ndarray]] = {}
        given: list[np.ndarray] = []  # matcher's confidence in its first match
        for seed in range(args.seeds):
            rng = np.random.default_rng([seed, every.index(name)])
            people = _respondents(catalog, name, rng, args.respondents, personal, args.unlisted)
            scores = baselines(people.ratings, catalog.levels, catalog.importance, catalog.skill)
            scores["matcher"], confidence = matcher_ranking(catalog.scorer, people)
            given.append(confidence)
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
            f"| {np.concatenate(given).mean():.3f} | {found[best]['hit@1'].mean():.3f} |"
        )
        print(f"  {name}: done", file=sys.stderr, flush=True)
    print("\n".join(lines))
    print(f"\nFinished in {(time.perf_counter() - started) / 60:.1f} minutes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
