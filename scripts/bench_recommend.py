"""Benchmark ``recommend()`` on a loaded model against integrating every style everywhere.

For synthetic catalogs of 100 and 1,000 occupations (drawn over the built-in
vocabulary) the script saves and reloads a model, then times ``recommend()``
(ranking, explanations and all), the ranking alone (the passes of
:func:`matcher.core.likelihood.evaluate`), and, in the same run, the simple
alternative the passes approximate: the exact likelihood of every occupation
under every style of the prior (a dense product and a log-sum-exp over ~5,000
styles), with how often both pick the same best match. It prints the median
time per call of each; the target is under 2 ms at 1,000 occupations. With
``../shared/onet`` present it also times importing O*NET (target under 10 s)
and ``recommend()`` on it (target under 2 ms).

Usage:  python scripts/bench_recommend.py [--calls 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation.paths import SHARED_ONET as ONET

from matcher import load_model, recommend
from matcher.cli.base import positive_int
from matcher.core.vectorise import Requirement
from matcher.io.catalog import Occupation
from matcher.io.profile import JobProfile
from matcher.io.vocabulary import builtin_vocabulary
from matcher.match.recommend import asked_mask, assess, rate
from matcher.model.build import model_from_requirements


def synthetic_model(n: int, seed: int = 0):
    """n occupations, each needing 15-25 vocabulary items at random levels."""
    rng = np.random.default_rng(seed)
    vocabulary = builtin_vocabulary()
    keys = [(b, name) for b in vocabulary.blocks for name in vocabulary.names(b)]
    occupations, needs = [], []
    for i in range(n):
        chosen = rng.choice(len(keys), size=rng.integers(15, 26), replace=False)
        need = {
            keys[c]: Requirement(float(rng.choice([0.5, 0.8, 1.0])), float(rng.integers(1, 6)))
            for c in chosen
        }
        occupations.append(
            Occupation(f"occ-{i:05d}", JobProfile(title=f"Occupation {i}"), "synthetic")
        )
        needs.append(need)
    return model_from_requirements(
        occupations, needs, vocabulary, catalog_hash=f"synthetic-{n}", source=f"synthetic {n}"
    )


def assessment_for(model, rng) -> dict:
    """A questionnaire of 25 items answered by someone in a random occupation: its levels,
    plus noise, rounded (a realistic person, not random ratings)."""
    row = int(rng.integers(len(model.ids)))
    keys = model.feature_keys
    listed = np.flatnonzero(model.importance[row] > 0)
    others = np.setdiff1d(np.arange(len(keys)), listed)
    chosen = np.concatenate(
        [
            rng.choice(listed, size=min(15, listed.size), replace=False),
            rng.choice(others, size=min(10, others.size), replace=False),
        ]
    )
    person: dict[str, dict[str, float]] = {}
    for column in chosen.tolist():
        block, name = keys[column]
        value = model.levels[row, column] if model.importance[row, column] > 0 else 0.5
        rating = float(np.clip(np.round(value + rng.normal(0, 0.7)), 0, 5))
        person.setdefault(f"{block}s", {})[name] = rating
    person["asked"] = {group: list(items) for group, items in person.items()}
    return person


def every_style(model, person) -> np.ndarray:
    """Log-likelihood of every occupation, integrated over every style of the prior, and the
    blanks as the passes judge them: what the passes approximate."""
    assessment, ratings = rate(person, model)
    scorer = model.scorer
    evidence = scorer.evidence(ratings, asked_mask(assessment, model))  # read as recommend() does
    rated = evidence.rated[..., 0] + evidence.base[:, 0]  # (m, L 6)
    exact = rated @ scorer.by_level + scorer.grid.log_prior.astype(np.float32)  # (m, G)
    top = exact.max(axis=1, keepdims=True)
    ranking = np.log(np.exp(exact - top).sum(axis=1)) + top[:, 0]
    return ranking


def median_ms(function, calls: int) -> float:
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def bench(model, label: str, calls: int) -> None:
    rng = np.random.default_rng(1)
    # questionnaires of 25 items (no blanks): the passes and the dense integral then judge
    # exactly the same evidence
    people = [assessment_for(model, rng) for _ in range(20)]
    agree = sum(
        recommend(p, model=model, top_k=1)[0].occupation_id
        == model.ids[int(np.argmax(every_style(model, p)))]
        for p in people
    )
    counter = iter(range(10**9))
    ours = median_ms(lambda: recommend(people[next(counter) % 20], model=model), calls)
    rated = [rate(p, model) for p in people]
    counter = iter(range(10**9))
    ranking = median_ms(lambda: assess(*rated[next(counter) % 20], model), calls)
    counter = iter(range(10**9))
    dense = median_ms(lambda: every_style(model, people[next(counter) % 20]), max(calls // 10, 20))
    print(
        f"{label}\n"
        f"  recommend() with explanations : {ours:7.3f} ms/call\n"
        f"  ranking only (the passes)     : {ranking:7.3f} ms/call\n"
        f"  every style, every occupation : {dense:7.3f} ms/call  "
        f"({dense / ranking:.1f}x the passes; same best match {agree}/20)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=positive_int, default=300)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        for n in (100, 1000):
            path = synthetic_model(n).save(Path(folder) / f"synthetic-{n}.model")
            model = load_model(path)
            bench(model, f"{n:,} synthetic occupations", args.calls)
        if (ONET / "Skills.txt").exists():
            from matcher import import_onet

            started = time.perf_counter()
            onet = import_onet(ONET)
            took = time.perf_counter() - started
            path = onet.save(Path(folder) / "onet.model")
            print(f"O*NET import ({len(onet.catalog)} occupations): {took:.2f} s (target < 10 s)")
            bench(load_model(path), f"O*NET, {len(onet.catalog)} occupations", args.calls)
        else:
            print(f"(no O*NET database at {ONET}: skipped the O*NET figures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
