"""Evaluate matcher's ranking on a real O*NET database.

Two measures, each printed next to simple baselines computed in the same run:

1. Related occupations: a model built WITHOUT Related Occupations ranks every
   occupation's neighbours by its neighbour graph (``Model.similar``); recall@10 of
   O*NET's Primary (Short and Long) related occupations. Baseline: plain cosine on
   raw levels.

2. Recovery: simulated self-assessments of each occupation (honest, and biased:
   high raters, low raters, people who use only part of the scale, people who
   stretch it; always with noise, rounded to whole points, a third of the items
   unanswered). How often the true occupation ranks first (hit@1), in the top 10
   (hit@10), and the mean reciprocal rank (MRR). Baselines: an O*NET skills-search
   style count of matched important skills, Euclidean distance on levels, cosine.

The simulation only uses what the model is given: each occupation's levels
(the respondent's "true" profile), never importance weights or anything else.

Usage:  python scripts/evaluate.py [ONET_DIR] [--respondents 2] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matcher import import_onet
from matcher.core.likelihood import match
from matcher.core.ranking import top_k

NOISE_SD = 0.6  # honest noise of one self-rating, in rating points
UNANSWERED = 1 / 3


# --------------------------------------------------------------------------- related occupations


def primary_related(onet_dir: Path, ids: list[str]) -> dict[int, set[int]]:
    frame = pd.read_csv(onet_dir / "Related Occupations.txt", sep="\t", dtype=str)
    frame = frame[frame["Relatedness Tier"].str.startswith("Primary")]
    row = {code: i for i, code in enumerate(ids)}
    related: dict[int, set[int]] = {}
    for code, other in frame[["O*NET-SOC Code", "Related O*NET-SOC Code"]].itertuples(index=False):
        if code in row and other in row and code != other:
            related.setdefault(row[code], set()).add(row[other])
    return related


def recall_at(similarity: np.ndarray, related: dict[int, set[int]], k: int = 10) -> float:
    similarity = similarity.copy()
    np.fill_diagonal(similarity, -np.inf)
    return recall_of(top_k(similarity, k), related)


def recall_of(best: np.ndarray, related: dict[int, set[int]], k: int = 10) -> float:
    """Mean recall of the related occupations among the first k of each row of ``best``."""
    recalls = [len(set(best[i, :k].tolist()) & truth) / len(truth) for i, truth in related.items()]
    return float(np.mean(recalls))


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms > 0, norms, 1)
    return unit @ unit.T


# --------------------------------------------------------------------------- recovery


def simulate(levels: np.ndarray, kind: str, rng: np.random.Generator) -> np.ndarray:
    """Self-ratings of people whose true profile is each row of ``levels`` (n, F)."""
    n = len(levels)
    true = levels + rng.normal(0, NOISE_SD, size=levels.shape)
    mean = true.mean(axis=1, keepdims=True)
    if kind == "honest":
        rated = true
    elif kind == "high":
        rated = true + rng.uniform(1.0, 2.0, size=(n, 1))
    elif kind == "low":
        rated = true - rng.uniform(1.0, 2.0, size=(n, 1))
    elif kind == "narrow":
        # Uses only part of the scale: squeezed into a band of 1.5-2.5 points somewhere.
        width = rng.uniform(1.5, 2.5, size=(n, 1))
        low = rng.uniform(0, 5 - width)
        rated = low + width * (true - true.min(1, keepdims=True)) / np.ptp(true, 1, keepdims=True)
    elif kind == "stretch":
        rated = mean + rng.uniform(1.5, 2.0, size=(n, 1)) * (true - mean)
    else:
        raise ValueError(kind)
    rated = np.clip(np.round(rated), 0, 5)
    rated[rng.random(size=rated.shape) < UNANSWERED] = np.nan
    return rated


def rank_of_truth(scores: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """1-based rank of the true occupation in each row (ties count against it)."""
    own = scores[np.arange(len(truth)), truth][:, None]
    return (scores >= own).sum(axis=1)


def baselines(ratings: np.ndarray, levels: np.ndarray, importance: np.ndarray, skill: np.ndarray):
    answered = ~np.isnan(ratings)
    r = np.where(answered, ratings, 0.0)
    mask = answered.astype(float)
    # O*NET skills search: the person ticks the skills they have (rated 3+); an occupation
    # scores the number of ticked skills that are important to it (importance 3+ of 5).
    have = (r >= 3) & answered & skill[None, :]
    important = (importance >= 0.5) & skill[None, :]
    count = have.astype(float) @ important.T.astype(float)
    # Euclidean distance over answered items (smaller is better).
    sq = (r * r) @ np.ones_like(levels.T) - 2 * r @ levels.T + mask @ (levels**2).T
    euclid = -np.sqrt(np.maximum(sq, 0))
    # Cosine over answered items.
    dot = r @ levels.T
    norm_l = np.sqrt(mask @ (levels**2).T)
    norm_r = np.sqrt((r * r).sum(axis=1, keepdims=True))
    cosine = dot / np.maximum(norm_l * norm_r, 1e-12)
    return {"skills search (count)": count, "euclidean": euclid, "cosine": cosine}


def metrics(ranks: np.ndarray) -> dict[str, float]:
    return {
        "hit@1": float(np.mean(ranks == 1)),
        "hit@10": float(np.mean(ranks <= 10)),
        "MRR": float(np.mean(1.0 / ranks)),
    }


def recovery(model, respondents: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    levels, importance = model.levels, model.importance
    skill = np.array([b == "skill" for b in model.vectorizer.blocks_])
    matrix = model.occupation_matrix(np.float64)
    rows = []
    for kind in ("honest", "high", "low", "narrow", "stretch"):
        truth = np.repeat(np.arange(len(levels)), respondents)
        ratings = simulate(levels[truth], kind, rng)
        keep = (~np.isnan(ratings)).any(axis=1)
        ratings, truth = ratings[keep], truth[keep]
        scores = {"matcher": match(ratings, matrix, model.params).log_likelihood}
        scores.update(baselines(ratings, levels, importance, skill))
        for method, s in scores.items():
            rows.append({"respondents": kind, "method": method, **metrics(rank_of_truth(s, truth))})
    frame = pd.DataFrame(rows)
    biased = (
        frame[frame.respondents != "honest"].groupby("method", sort=False).mean(numeric_only=True)
    )
    biased = biased.reset_index().assign(respondents="biased (all four)")
    return pd.concat([frame, biased], ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "onet",
        nargs="?",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared" / "onet",
    )
    parser.add_argument("--respondents", type=int, default=2, help="per occupation and kind")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not (args.onet / "Skills.txt").exists():
        print(f"no O*NET database at {args.onet}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    model = import_onet(args.onet, related=False)
    print(
        f"model: {len(model.catalog)} occupations, {model.vectorizer.n_features} features "
        f"(built without Related Occupations in {time.perf_counter() - started:.1f} s)\n"
    )

    related = primary_related(args.onet, model.ids)
    print(
        f"1. Related occupations: recall@10 of O*NET Primary related ({len(related)} occupations)"
    )
    print(f"   plain cosine on raw levels : {recall_at(cosine_matrix(model.levels), related):.3f}")
    print(f"   matcher similarity        : {recall_of(model.neighbours.rows, related):.3f}\n")

    table = recovery(model, args.respondents, args.seed)
    print(
        "2. Recovery of the true occupation from simulated self-assessments "
        f"({args.respondents} per occupation and kind, seed {args.seed})"
    )
    with pd.option_context("display.width", 120, "display.float_format", "{:.3f}".format):
        print(table.to_string(index=False))
    for kind in ("honest", "biased (all four)"):
        part = table[table.respondents == kind].set_index("method")
        base = part.drop(index="matcher")
        for metric in ("hit@1", "MRR"):
            ours, best = part.loc["matcher", metric], base[metric].max()
            print(
                f"   {kind:18} {metric:6}: matcher {ours:.3f} vs best baseline "
                f"{best:.3f} ({base[metric].idxmax()}): {100 * (ours - best):+.1f} points"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
