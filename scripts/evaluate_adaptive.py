"""Evaluate the adaptive questionnaire: how soon each way of choosing questions finds a person.

Simulated respondents of known occupations answer a questionnaire one item at a
time, the way the response styles of the ranking evaluation answer: honest,
lenient, severe, extreme, midpoint, acquiescent, skipping what they lack,
overrating a weak profile, careless; each with their own noise and a share of
items skipped at random (10-40 %). After 5, 10, 15, 20 and 40 questions (a skip
counts as a question: it is what the person spent), the ranking of
``matcher recommend`` on what they answered is scored: hit@1, hit@10 and MRR of
their true occupation, for

(a) the adaptive order: each next item from ``next_questions`` (matcher.match.questions);
(b) a random order, drawn for each respondent;
(c) a fixed list of the most important items (the catalog's mean importance), as
    CareerOneStop's Skills Matcher asks;
(d) the designed questionnaire of ``matcher survey-template --items N`` (its first N
    items: the order is the same for every N);

and the whole questionnaire (every item asked) as the ceiling. For the adaptive
interview it also says when the stopping rule of ``matcher assess`` ends it and how
well it has done by then, and how the simulator's Bayes oracle ranks the same
answers, told each respondent's style and not told it: the ceiling of any ranking of
what the interview asked.

A respondent's true profile is their occupation's levels; an item the occupation
does not list (the built-in catalog) is at a level drawn from the model's
background (most people have a little of what their job does not need).

Usage:  python scripts/evaluate_adaptive.py [ONET_DIR] [--catalog onet,builtin]
        [--occupations 100] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluation.oracle import oracle
from evaluation.paths import add_onet_argument
from evaluation.styles import MNAR_WIDTH, Respondents, unlisted_drawn
from evaluation.styles import STYLES as SUITE_STYLES
from evaluation.styles import style as suite_style
from scipy.special import logsumexp, ndtr

from matcher import build_model, import_onet
from matcher.cli.base import positive_int
from matcher.core import likelihood
from matcher.core.likelihood import Evaluation
from matcher.core.ranking import top_k
from matcher.match.interview import TOP, settled
from matcher.match.questions import choose, designed_order, single_threaded
from matcher.model.scoring import BACKGROUND

BUDGETS = (5, 10, 15, 20, 40)
CHUNK = 256  # respondents evaluated at once

# --------------------------------------------------------------------------- respondents
# A rating is clip(round(c + b (level + e − c) + a)), e ~ N(0, s²), with a share of careless
# answers (any point) and skips: at random, and for "skip-weak" more often the lower the level.
# Each parameter is drawn per respondent, uniformly between the bounds given.

# The ranking evaluation's styles (scripts/evaluation/styles.py) but its short questionnaire:
# here the interview decides what is asked.
STYLES = [name for name in SUITE_STYLES if name != "short"]


def simulate(
    levels: np.ndarray, listed: np.ndarray, style: str, occupations: np.ndarray, rng
) -> tuple[np.ndarray, np.ndarray]:
    """Every answer (n, F) each respondent would give, NaN for a skip, and their occupation."""
    st = suite_style(style)
    if st["pop"] == "weak":  # the third of occupations with the lowest levels
        weak = np.argsort(levels.mean(axis=1), kind="stable")[: len(levels) // 3]
        occupations = rng.choice(weak, size=len(occupations), replace=True)
    truth = np.asarray(occupations)
    n, shape = len(truth), (len(truth), levels.shape[1])

    def draw(bounds):
        return rng.uniform(*bounds, size=(n, 1))

    own = unlisted_drawn(levels[truth], listed[truth], rng)
    a, b, s, c = draw(st["a"]), draw(st["b"]), draw(st["s"]), st["centre"]
    latent = c + b * (own + rng.normal(size=shape) * s - c) + a
    ratings = np.clip(np.round(latent), 0, 5)
    careless = rng.random(shape) < draw(st["careless"])
    ratings = np.where(careless, rng.integers(0, 6, size=shape), ratings)
    skip = rng.random(shape) < draw(st["mar"])
    if st["mnar"] is not None:
        skip |= rng.random(shape) < ndtr((draw(st["mnar"]) - own) / MNAR_WIDTH)
    return np.where(skip, np.nan, ratings), truth


# --------------------------------------------------------------------------- ranking


def evaluate_many(model, ratings: np.ndarray, asked: np.ndarray) -> Evaluation:
    """The ranking's passes for many people (as ``matcher batch`` runs them), in chunks."""
    parts = [
        likelihood.evaluate_many(ratings[i : i + CHUNK], asked[i : i + CHUNK], model.scorer)
        for i in range(0, len(ratings), CHUNK)
    ]
    return Evaluation(*(np.concatenate([getattr(p, f) for p in parts]) for f in _FIELDS))


_FIELDS = ("log_likelihood", "shortlist", "exact", "posterior", "offset", "scale", "outside")


def one(evaluation: Evaluation, i: int) -> Evaluation:
    return Evaluation(*(getattr(evaluation, f)[i : i + 1] for f in _FIELDS))


def rank_of_truth(scores: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """1-based rank of the true occupation; a tie counts half against it."""
    own = scores[np.arange(len(truth)), truth][:, None]
    return (scores > own).sum(axis=1) + 1 + ((scores == own).sum(axis=1) - 1) / 2


def metrics(ranks: np.ndarray) -> tuple[float, float, float]:
    return float(np.mean(ranks <= 1)), float(np.mean(ranks <= 10)), float(np.mean(1 / ranks))


def ranks_at(model, answers: np.ndarray, truth: np.ndarray, order: np.ndarray, budget: int):
    """Ranks of the truth when each respondent is asked the first ``budget`` items of their
    ``order`` (n, F)."""
    asked = np.zeros(answers.shape, bool)
    np.put_along_axis(asked, order[:, :budget], True, axis=1)
    ratings = np.where(asked, answers, np.nan)
    none = ~(~np.isnan(ratings)).any(axis=1)
    scores = evaluate_many(model, ratings, asked).log_likelihood
    ranks = rank_of_truth(scores, truth)
    ranks[none] = (model.levels.shape[0] + 1) / 2  # nothing answered: a guess
    return ranks


def adaptive(model, answers: np.ndarray, truth: np.ndarray, budgets):
    """Ranks of the truth after each budget when every next item is the best question, the
    answers (ratings, asked) then, and, per respondent, when the interview's stopping rule
    would end it and the rank then."""
    n, n_items = answers.shape
    keys = {key: i for i, key in enumerate(model.feature_keys)}
    asked = np.zeros(answers.shape, bool)
    out, seen, stop_at, stop_rank = {}, {}, np.full(n, -1), np.full(n, np.nan)
    tops: list[list[tuple[int, ...]]] = [[] for _ in range(n)]
    for step in range(max(budgets) + 1):
        ratings = np.where(asked, answers, np.nan)
        rated = (~np.isnan(ratings)).any(axis=1)
        evaluation = evaluate_many(model, ratings, asked) if step else None
        if evaluation is not None:
            ranks = rank_of_truth(evaluation.log_likelihood, truth)
            ranks[~rated] = (len(model.ids) + 1) / 2
            if step in budgets:
                out[step], seen[step] = ranks, (ratings, asked.copy())
            best = top_k(evaluation.log_likelihood, TOP)
            confidence = evaluation.confidence(best)[:, 0]
        if step == max(budgets) or step == n_items:
            break
        for i in range(n):
            known = one(evaluation, i) if evaluation is not None and rated[i] else None
            question = choose(ratings[i], asked[i], model, 1, known)[0]
            if known is not None and stop_at[i] < 0:
                tops[i].append(tuple(best[i].tolist()))
                if settled(tops[i], confidence[i], question.gain, n_items - step):
                    stop_at[i], stop_rank[i] = step, ranks[i]
            asked[i, keys[(question.block, question.name)]] = True
    return out, seen, stop_at, stop_rank


def oracle_ranks(levels: np.ndarray, listed: np.ndarray, seen, truth, style_of: np.ndarray):
    """Ranks of the truth under the Bayes oracle of :func:`simulate` (an unlisted item at a
    level drawn from the background) on the same answers: told each respondent's style, and
    not told it (every style in equal shares)."""
    ratings, asked = seen
    people = Respondents(ratings, asked, truth, style_of)
    levels = np.where(listed, levels, np.nan)
    parts = np.stack(
        [oracle(people, levels, name, chosen=True, background=BACKGROUND) for name in STYLES]
    )
    known = parts[style_of, np.arange(len(truth))]
    return rank_of_truth(known, truth), rank_of_truth(logsumexp(parts, axis=0), truth)


# --------------------------------------------------------------------------- report


def run(name: str, model, occupations: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n_items = model.levels.shape
    sample = np.sort(rng.choice(m, size=min(occupations, m), replace=False))
    listed = model.importance > 0
    answers, truth = [], []
    for style in STYLES:
        a, t = simulate(model.levels, listed, style, sample, rng)
        answers.append(a)
        truth.append(t)
    answers, truth = np.concatenate(answers), np.concatenate(truth)
    n = len(truth)
    style_of = np.repeat(np.array(list(STYLES)), len(sample))
    budgets = [b for b in BUDGETS if b <= n_items]
    print(
        f"\n{name}: {m} occupations, {n_items} items; {n} respondents ({len(sample)} "
        f"occupations x {len(STYLES)} styles), seed {seed}"
    )
    started = time.perf_counter()
    design = designed_order(model, max(budgets))[0]
    print(f"  designed order: {time.perf_counter() - started:.1f} s")
    important = np.argsort(-model.importance.mean(axis=0), kind="stable")
    orders = {
        "(b) random order": np.argsort(rng.random((n, n_items)), axis=1),
        "(c) most important items": np.broadcast_to(important, (n, n_items)),
        "(d) designed template": np.broadcast_to(design, (n, len(design))),
    }
    table = {}
    for label, order in orders.items():
        table[label] = {b: metrics(ranks_at(model, answers, truth, order, b)) for b in budgets}
    started = time.perf_counter()
    ranks, seen, stop_at, stop_rank = adaptive(model, answers, truth, budgets)
    seconds = time.perf_counter() - started
    table["(a) adaptive"] = {b: metrics(ranks[b]) for b in budgets}
    # the ceiling of any ranking of the adaptive answers
    style_index = np.repeat(np.arange(len(STYLES)), len(sample))
    best = {b: oracle_ranks(model.levels, listed, seen[b], truth, style_index) for b in budgets}
    table["(a) adaptive, oracle told the style"] = {b: metrics(best[b][0]) for b in budgets}
    table["(a) adaptive, oracle not told it"] = {b: metrics(best[b][1]) for b in budgets}
    everything = np.broadcast_to(np.arange(n_items), (n, n_items))
    ceiling_ranks = ranks_at(model, answers, truth, everything, n_items)
    ceiling = metrics(ceiling_ranks)
    whole = (answers, np.ones(answers.shape, bool))
    told, untold = (
        metrics(r) for r in oracle_ranks(model.levels, listed, whole, truth, style_index)
    )
    print(
        f"  adaptive interviews: {seconds:.0f} s "
        f"({1e3 * seconds / n / max(budgets):.1f} ms a question)"
    )
    for k, metric in enumerate(("hit@1", "hit@10", "MRR")):
        print(
            f"\n  {metric} after N questions "
            f"(whole questionnaire, {n_items} items: {ceiling[k]:.3f}; the oracle told the "
            f"style {told[k]:.3f}, not told it {untold[k]:.3f})"
        )
        print("  " + f"{'order':36}" + "".join(f"{b:>8}" for b in budgets))
        for label in sorted(table):
            print("  " + f"{label:36}" + "".join(f"{table[label][b][k]:8.3f}" for b in budgets))
    print("\n  hit@10 of the adaptive order by response style (whole questionnaire last)")
    print("  " + f"{'style':28}" + "".join(f"{b:>8}" for b in budgets) + f"{n_items:>8}")
    for style in STYLES:
        mine = style_of == style
        cells = [np.mean(ranks[b][mine] <= 10) for b in budgets]
        cells.append(np.mean(ceiling_ranks[mine] <= 10))
        print("  " + f"{style:28}" + "".join(f"{c:8.3f}" for c in cells))
    print("\n  hit@10 of the oracle not told the style, on the adaptive answers, by style")
    print("  " + f"{'style':28}" + "".join(f"{b:>8}" for b in budgets))
    for style in STYLES:
        mine = style_of == style
        cells = [np.mean(best[b][1][mine] <= 10) for b in budgets]
        print("  " + f"{style:28}" + "".join(f"{c:8.3f}" for c in cells))
    hit10 = {b: table["(a) adaptive"][b][1] for b in budgets}
    reach = [b for b in budgets if hit10[b] >= 0.9 * ceiling[1]]
    print(
        f"\n  adaptive reaches 90% of the whole questionnaire's hit@10 ({0.9 * ceiling[1]:.3f}) "
        f"after {reach[0] if reach else 'more than ' + str(max(budgets))} questions"
    )
    beaten = all(
        table["(a) adaptive"][b][k]
        > max(table[o][b][k] for o in ("(b) random order", "(c) most important items"))
        for b in budgets
        for k in range(3)
    )
    print(f"  adaptive beats random and most-important at every budget and metric: {beaten}")
    best10 = {b: table["(a) adaptive, oracle not told it"][b][1] for b in budgets}
    done = [b for b in budgets if best10[b] >= 0.9 * ceiling[1]]
    print(
        "  the oracle not told the style, ranking the same adaptive answers, reaches it "
        f"after {done[0] if done else 'more than ' + str(max(budgets))} questions"
    )
    if 40 in budgets:
        gap = table["(d) designed template"][40][0] - table["(b) random order"][40][0]
        print(f"  designed 40 items vs 40 random, hit@1: {100 * gap:+.1f} points")
    stopped = stop_at >= 0
    if stopped.any():
        print(
            f"  stopping rule: {stopped.mean():.0%} of interviews stop within {max(budgets)} "
            f"questions, after a median of {np.median(stop_at[stopped]):.0f}; then the truth is "
            f"first in {np.mean(stop_rank[stopped] <= 1):.0%}, in the top 5 in "
            f"{np.mean(stop_rank[stopped] <= 5):.0%}, in the top 10 in "
            f"{np.mean(stop_rank[stopped] <= 10):.0%}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_onet_argument(parser)
    parser.add_argument("--catalog", default="onet,builtin", help="onet, builtin or both")
    parser.add_argument("--occupations", type=positive_int, default=100, help="occupations sampled")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    unknown = [name for name in args.catalog.split(",") if name not in ("onet", "builtin")]
    if unknown:
        parser.error(f"--catalog: unknown {', '.join(unknown)}; expected onet, builtin or both")
    for name in args.catalog.split(","):
        if name == "onet":
            if not (args.onet / "Skills.txt").exists():
                print(f"no O*NET database at {args.onet}", file=sys.stderr)
                return 2
            model = import_onet(args.onet, related=False)
        else:
            model = build_model()
        with single_threaded():  # one person's products are small (see bench_questions.py)
            run(name, model, args.occupations, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
