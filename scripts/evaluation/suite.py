"""One run of the suite: simulate, score every method, rank the truth; cache what is dear.

A *job* is one (catalog, simulator variant, style, seed): its respondents, the
ranks of their true occupation under every baseline and the oracle (cached on
disk: the oracle's grid is the cost), and under matcher (never cached: the
model is what changes). Matcher scores people exactly as :func:`matcher.recommend`
does (:func:`matcher.core.likelihood.evaluate_many` on their ratings, with the
items they were asked), many at a time. Jobs run in worker processes.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matcher.core.likelihood import evaluate_many
from matcher.core.scorer import Scorer
from matcher.util.atomic import atomic_write

from . import ablation
from .baselines import baselines
from .freelist import INTERCEPT, LEVEL_SD, MENTION_AT, SLOPE, simulate_free_lists
from .metrics import ranks_of
from .oracle import GRID, PERSON_NODES, UNKNOWN, mixture_oracle, oracle
from .styles import (
    DEFAULTS,
    MNAR_WIDTH,
    PERSON_SD,
    STYLES,
    VARIANTS,
    Respondents,
    mixed,
    simulate,
)

__all__ = ["CACHE_VERSION", "Catalog", "Job", "matcher_ranking", "matcher_scores", "run"]

#: Part of every cache key: bump it when the simulator, baselines or oracle change.
CACHE_VERSION = 3
#: People scored at once (small stripes keep the (people × occupations × levels) counts in
#: cache).
STRIPE = 32


@dataclass(frozen=True)
class Catalog:
    """What the suite needs of a model: levels and importance (m, F), which items are
    skills and each item's block weight (F,), and the model's scorer."""

    name: str
    levels: np.ndarray
    importance: np.ndarray
    skill: np.ndarray
    block_weight: np.ndarray
    scorer: Scorer
    free_lists: bool = False

    @classmethod
    def of(cls, name: str, model, free_lists: bool = False) -> Catalog:
        skill = np.array([str(b) == "skill" for b in model.vectorizer.blocks_])
        return cls(
            name,
            model.levels,
            model.importance,
            skill,
            model.feature_block_weights,
            model.scorer,
            free_lists,
        )

    def fingerprint(self) -> str:
        digest = hashlib.sha256(self.levels.tobytes())
        digest.update(self.importance.tobytes())
        return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Job:
    """One (catalog, variant, style, seed). ``style`` "mixed" is every style at once;
    ``part`` names an ablation (:data:`.ablation.PARTS`) for matcher's scores."""

    catalog: str
    variant: str
    style: str
    seed: int
    per: int
    part: str = "full"


def _simulate(catalog: Catalog, job: Job) -> Respondents:
    index = [*STYLES, "mixed"].index(job.style)
    rng = np.random.default_rng([job.seed, list(VARIANTS).index(job.variant), index])
    if catalog.free_lists:
        return simulate_free_lists(catalog.levels, catalog.importance, job.style, rng, job.per)
    if job.style == "mixed":
        return mixed(catalog.levels, rng, job.per, job.variant)
    return simulate(catalog.levels, job.style, rng, job.per, job.variant)


def _cache_path(catalog: Catalog, job: Job, cache: Path) -> Path:
    setup = {
        "version": CACHE_VERSION,
        "catalog": catalog.fingerprint(),
        "styles": STYLES,
        "defaults": DEFAULTS,
        "widths": (MNAR_WIDTH, PERSON_SD),
        "free": (LEVEL_SD, MENTION_AT, INTERCEPT, SLOPE) if catalog.free_lists else None,
        "variant": VARIANTS[job.variant],
        "grid": GRID,
        "nodes": PERSON_NODES,
        "free_lists": catalog.free_lists,
    }
    key = hashlib.sha256(json.dumps(setup, sort_keys=True, default=str).encode()).hexdigest()
    name = f"{catalog.name}-{job.variant}-{job.style}-seed{job.seed}-per{job.per}-{key[:10]}.npz"
    return cache / name


def _needs_unknown(catalog: Catalog, job: Job) -> bool:
    # the oracle not told the style is ten oracles per job: the base simulator's styles only
    return not catalog.free_lists and job.variant == "base" and job.style != "mixed"


def reference(catalog: Catalog, job: Job, cache: Path) -> tuple[Respondents, dict]:
    """The job's respondents and the ranks of their truth under the baselines and the
    oracle (none for free lists), from the cache or computed and cached."""
    path = _cache_path(catalog, job, cache)
    if path.exists():
        with np.load(path) as saved:
            people = Respondents(saved["ratings"], saved["asked"], saved["truth"], saved["styles"])
            ranks = {k[6:]: saved[k] for k in saved.files if k.startswith("ranks_")}
        if not _needs_unknown(catalog, job) or UNKNOWN in ranks:
            return people, ranks
    else:
        people = _simulate(catalog, job)
        scores = baselines(people.ratings, catalog.levels, catalog.importance, catalog.skill)
        ranks = {name: ranks_of(s, people.truth) for name, s in scores.items()}
        if not catalog.free_lists:
            if job.style == "mixed":
                best = mixture_oracle(people, catalog.levels, job.variant)
            else:
                best = oracle(people, catalog.levels, job.style, job.variant)
            ranks["oracle"] = ranks_of(best, people.truth)
    if _needs_unknown(catalog, job):
        equal = np.full(len(STYLES), 1 / len(STYLES))
        unknown = mixture_oracle(people, catalog.levels, job.variant, equal)
        ranks[UNKNOWN] = ranks_of(unknown, people.truth)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, "wb") as handle:
        np.savez(
            handle,
            ratings=people.ratings.astype(np.float32),
            asked=people.asked,
            truth=people.truth,
            styles=people.styles,
            **{f"ranks_{k}": v for k, v in ranks.items()},
        )
    return people, ranks


def matcher_scores(scorer: Scorer, people: Respondents, gaussian_only: bool = False):
    """Matcher's log-likelihoods (n, m): the passes of ``evaluate`` on each person's counts,
    with the items they were asked (or, for the ablation, the Gaussian pass alone)."""
    return matcher_ranking(scorer, people, gaussian_only)[0]


def matcher_ranking(
    scorer: Scorer, people: Respondents, gaussian_only: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`matcher_scores` and the confidence of each person's first match, (n,), as
    ``recommend()`` reports it (NaN for the Gaussian pass alone, which has none)."""
    out, confidence = [], []
    for start in range(0, len(people), STRIPE):
        ratings = people.ratings[start : start + STRIPE].astype(np.float64)
        asked = people.asked[start : start + STRIPE]
        if gaussian_only:
            out.append(ablation.gaussian_pass(ratings, asked, scorer))
            confidence.append(np.full(len(ratings), np.nan))
            continue
        found = evaluate_many(ratings, asked, scorer)
        first = np.argmax(found.log_likelihood, axis=1)[:, None]
        out.append(found.log_likelihood)
        confidence.append(found.confidence(first)[:, 0])
    return np.vstack(out), np.concatenate(confidence)


# --------------------------------------------------------------------------- workers

_CONTEXT: dict = {}


def _start(catalogs: dict[str, Catalog], cache: Path, single_thread: bool) -> None:
    if single_thread:  # one BLAS thread per worker: the workers share the cores
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    _CONTEXT.update(catalogs=catalogs, cache=cache, scorers={})


def _run(job: Job) -> tuple[Job, dict, np.ndarray, np.ndarray, float]:
    started = time.perf_counter()
    catalog = _CONTEXT["catalogs"][job.catalog]
    people, ranks = reference(catalog, job, _CONTEXT["cache"])
    ranks = dict(ranks)
    with ablation.patched(job.part):
        key = (job.catalog, job.part)
        if key not in _CONTEXT["scorers"]:
            _CONTEXT["scorers"][key] = ablation.scorer(catalog, job.part)
        gaussian = ablation.PARTS[job.part].gaussian_only
        scores, confidence = matcher_ranking(_CONTEXT["scorers"][key], people, gaussian)
    ranks["matcher"] = ranks_of(scores, people.truth)
    return job, ranks, people.styles, confidence, time.perf_counter() - started


#: Styles whose oracle grids are the largest: started first, so that no worker ends alone.
HEAVY = ("mixed", "extreme", "midpoint", "skip-weak")


def run(
    jobs: Iterable[Job], catalogs: dict[str, Catalog], cache: Path, workers: int = 2
) -> dict[Job, tuple[dict, np.ndarray, np.ndarray]]:
    """Run ``jobs`` on ``workers`` processes: job -> (ranks by method, each person's style,
    the confidence of matcher's first match). Progress goes to stderr."""
    jobs = sorted(jobs, key=lambda j: HEAVY.index(j.style) if j.style in HEAVY else len(HEAVY))
    found: dict[Job, tuple[dict, np.ndarray, np.ndarray]] = {}

    def note(job: Job, ranks: dict, styles: np.ndarray, confidence, seconds: float) -> None:
        found[job] = (ranks, styles, confidence)
        part = "" if job.part == "full" else f" ({job.part})"
        print(
            f"  [{len(found)}/{len(jobs)}] {job.catalog} {job.variant} {job.style} "
            f"seed {job.seed}{part}: {seconds:.0f} s",
            file=sys.stderr,
            flush=True,
        )

    if workers <= 1:
        _start(catalogs, cache, single_thread=False)
        for job in jobs:
            note(*_run(job))
        return found
    with ProcessPoolExecutor(workers, initializer=_start, initargs=(catalogs, cache, True)) as pool:
        for future in as_completed([pool.submit(_run, job) for job in jobs]):
            note(*future.result())
    return found
