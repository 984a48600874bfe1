"""Benchmark choosing the next question on O*NET against a simple alternative.

Simulated people of random O*NET occupations (each rating an item at the level
their occupation needs, plus noise, and skipping one item in ten) are
interviewed adaptively; at 0, 5, 10 and 20 answers the script times

* ``next``: what ``matcher assess`` spends after an answer to choose the next
  question, the ranking's passes included
  (:func:`matcher.match.questions.choose` from the answers alone; target: under
  50 ms);
* ``next, ranked``: the same given the ranking the interview has already run
  for the table it shows (the information gain of every item alone);
* ``spread``: the simple alternative, in the same run: rank, then ask the item
  whose required levels differ most among the top 10 occupations.

It prints the median and 90th percentile time per call of each, with BLAS on one
thread (as the interview runs) and, for ``next``, on the default threads, and how
well each way of choosing has found the people after 10 questions (hit@1,
hit@10, MRR of their occupation: a small sample, a rough guide; the full
comparison is ``scripts/evaluate_adaptive.py``).

Usage:  python scripts/bench_questions.py [ONET_DIR] [--people 80] [--seed 0]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation.paths import add_onet_argument

from matcher import import_onet
from matcher.cli.base import positive_int
from matcher.core.likelihood import evaluate_one
from matcher.core.ranking import top_k
from matcher.match.questions import choose, single_threaded

BUDGETS = (0, 5, 10, 20)
SPREAD_TOP = 10


def adaptive_item(model, ratings, asked) -> int:
    question = choose(ratings, asked, model, 1)[0]
    return model.vectorizer.feature_index(question.block, question.name)


def spread_item(model, ratings, asked) -> int:
    """The simple alternative: of the items not asked, the one whose required levels vary
    most among the current top 10 (the catalog's most varied before any rating)."""
    if np.isnan(ratings).all():
        rows = np.arange(len(model.ids))
    else:
        scores = evaluate_one(ratings, asked, model.scorer).log_likelihood
        rows = top_k(scores, SPREAD_TOP)[0]
    need = model.levels[rows] * (model.importance[rows] > 0)
    spread = need.std(axis=0)
    spread[asked] = -np.inf
    return int(np.argmax(spread))


def interview(model, answers: np.ndarray, pick: Callable, steps: int):
    """The (ratings, asked) after each number of questions up to ``steps``."""
    n = len(answers)
    ratings, asked = np.full(n, np.nan), np.zeros(n, bool)
    states = [(ratings.copy(), asked.copy())]
    for _ in range(steps):
        item = pick(model, ratings, asked)
        asked[item] = True
        ratings[item] = answers[item]
        states.append((ratings.copy(), asked.copy()))
    return states


def timed(call: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best * 1e3


def summary(ms: list[float]) -> str:
    p90 = float(np.percentile(ms, 90))
    return f"median {statistics.median(ms):6.1f} ms   p90 {p90:6.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_onet_argument(parser)
    parser.add_argument("--people", type=positive_int, default=80)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not (args.onet / "Skills.txt").exists():
        print(f"no O*NET database at {args.onet}: give its folder", file=sys.stderr)
        return 2
    model = import_onet(args.onet, related=False)
    m, n_items = model.levels.shape
    rng = np.random.default_rng(args.seed)
    truth = rng.choice(m, args.people, replace=False)
    noise = rng.normal(scale=0.6, size=(args.people, n_items))
    answers = np.clip(np.round(model.levels[truth] + noise), 0, 5)
    answers[rng.random(answers.shape) < 0.1] = np.nan
    print(
        f"O*NET: {m} occupations, {n_items} items; {args.people} people; "
        f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    with single_threaded():
        states = {
            "next": [interview(model, a, adaptive_item, max(BUDGETS)) for a in answers],
            "spread": [interview(model, a, spread_item, max(BUDGETS)) for a in answers],
        }
    for label, people in states.items():
        found = []
        for person, row in zip(people, truth, strict=True):
            ratings, asked = person[10]
            scores = evaluate_one(ratings, asked, model.scorer).log_likelihood[0]
            found.append(int(np.sum(scores > scores[row])) + 1)
        ranks = np.array(found, float)
        print(
            f"  after 10 questions chosen by {label:7}: hit@1 {np.mean(ranks <= 1):.2f}  "
            f"hit@10 {np.mean(ranks <= 10):.2f}  MRR {np.mean(1 / ranks):.3f}"
        )
    print("\n  time to choose the next question (best of 3 per person)")
    for budget in BUDGETS:
        people = [person[budget] for person in states["next"]]
        rows: dict[str, list[float]] = {"next": [], "next, ranked": [], "spread": []}
        with single_threaded():
            for ratings, asked in people:
                rows["next"].append(timed(lambda r=ratings, a=asked: choose(r, a, model, 1)))
                evaluation = evaluate_one(ratings, asked, model.scorer) if budget else None
                rows["next, ranked"].append(
                    timed(lambda r=ratings, a=asked, e=evaluation: choose(r, a, model, 1, e))
                )
                rows["spread"].append(timed(lambda r=ratings, a=asked: spread_item(model, r, a)))
        rows["next, BLAS threads"] = [
            timed(lambda r=ratings, a=asked: choose(r, a, model, 1)) for ratings, asked in people
        ]
        print(f"  after {budget:2d} answers")
        for label, ms in rows.items():
            print(f"    {label:20} {summary(ms)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
