"""What "did you mean" and occupation search cost, next to difflib doing the same, in one run.

Generates unknown names, half of them a real name of the built-in catalog with one or two
typos (a letter dropped, doubled or swapped) and half made-up words, all different, then:

* item suggestions: ``model.suggest_item(block, name)`` (rapidfuzz over the prebuilt name
  index of :mod:`matcher.core.fuzzy`) against ``difflib.get_close_matches`` over the same
  spellings (every block and alias), the simple alternative;
* unknown occupations: ``model.search(name)`` (the index an unknown ``target_job``'s
  closest titles come from) against ``difflib.SequenceMatcher`` over every title and alias.

Prints the time per name, the time for ``--names`` names (measured for the index; for
difflib measured on ``--sample`` names and scaled, as running it in full takes minutes)
and, for the typo'd real names, how often each method's first answer is the real one.

Usage: python scripts/bench_names.py [--names 100000] [--sample 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import difflib
import random
import time

from matcher import default_model
from matcher.cli.base import positive_int
from matcher.core.vocabulary import normalize_name


def typo(rng: random.Random, text: str) -> str:
    """``text`` with one or two letters dropped, doubled or swapped."""
    letters = list(text)
    for _ in range(rng.choice((1, 2))):
        i = rng.randrange(1, len(letters) - 1)
        kind = rng.choice(("drop", "double", "swap"))
        if kind == "drop":
            del letters[i]
        elif kind == "double":
            letters.insert(i, letters[i])
        else:
            letters[i], letters[i + 1] = letters[i + 1], letters[i]
    return "".join(letters)


def made_up(rng: random.Random) -> str:
    syllables = ["ka", "lo", "mer", "tis", "qua", "zen", "rup", "vol", "nix", "dar"]
    return " ".join(
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.randint(1, 3))
    )


def unknown_names(rng: random.Random, real: list[str], n: int) -> list[tuple[str, str | None]]:
    """``n`` different names: (typed, the real name it misspells, or None)."""
    seen: set[str] = set(map(normalize_name, real))
    real = [name for name in real if len(name) >= 5]  # room for two typos
    out: list[tuple[str, str | None]] = []
    while len(out) < n:
        if rng.random() < 0.5:
            name = rng.choice(real)
            typed, meant = typo(rng, name), name
        else:
            typed, meant = made_up(rng), None
        if normalize_name(typed) not in seen:
            seen.add(normalize_name(typed))
            out.append((typed, meant))
    return out


def timed(function, names: list[tuple[str, str | None]]) -> tuple[float, float]:
    """Seconds per name, and the share of typo'd names whose first answer is the real one."""
    hits = typos = 0
    started = time.perf_counter()
    for typed, meant in names:
        first = function(typed)
        if meant is not None:
            typos += 1
            hits += first == meant
    return (time.perf_counter() - started) / len(names), hits / max(typos, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--names", type=positive_int, default=100_000, help="unknown names (100,000)"
    )
    parser.add_argument(
        "--sample", type=positive_int, default=1_000, help="names difflib is timed on"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    model = default_model()
    vocabulary = model.vectorizer.vocabulary

    # -- item names ----------------------------------------------------------------------
    items = [(b, n) for b, n in model.feature_keys if b != "interest"]
    spellings = {
        key: name
        for block in vocabulary.blocks
        for key, name in vocabulary.spellings(block).items()
    }
    real_items = [name for _, name in items]
    names = unknown_names(rng, real_items, args.names)
    model.suggest_item("skill", "warm up")  # builds the index once, as the first question does

    def by_index(typed: str) -> str | None:
        found = model.suggest_item("skill", typed)
        return found[0].split(":", 1)[-1] if found else None

    def by_difflib(typed: str) -> str | None:
        close = difflib.get_close_matches(normalize_name(typed), list(spellings), n=3, cutoff=0.5)
        return spellings[close[0]] if close else None

    print(f"{len(names):,} unknown item names over {len(spellings):,} spellings (all blocks)")
    _report("rapidfuzz index (matcher)", *timed(by_index, names), len(names), len(names))
    sample = names[: args.sample]
    _report("difflib.get_close_matches", *timed(by_difflib, sample), len(sample), len(names))

    # -- occupations ---------------------------------------------------------------------
    titles = [name for o in model.catalog for name in o.profile.names]
    owner = {normalize_name(name): o.title for o in model.catalog for name in o.profile.names}
    jobs = unknown_names(rng, [o.title for o in model.catalog], args.names)
    model.search("warm up")

    def search(typed: str) -> str | None:
        found = model.search(typed, top_k=5)
        return found[0].title if found else None

    def difflib_search(typed: str) -> str | None:
        key = normalize_name(typed)
        best, ratio = None, 0.6
        for name in owner:
            score = difflib.SequenceMatcher(None, key, name).ratio()
            if score > ratio:
                best, ratio = owner[name], score
        return best

    print(f"\n{len(jobs):,} unknown occupation names over {len(titles):,} titles and aliases")
    _report("rapidfuzz index (matcher)", *timed(search, jobs), len(jobs), len(jobs))
    sample = jobs[: args.sample]
    _report(
        "difflib.SequenceMatcher, every name",
        *timed(difflib_search, sample),
        len(sample),
        len(jobs),
    )


def _report(label: str, per_name: float, hits: float, measured: int, total: int) -> None:
    scaled = "" if measured == total else f" (measured on {measured:,}, scaled)"
    print(
        f"  {label:38} {per_name * 1e6:8.1f} µs a name; {per_name * total:8.1f} s for "
        f"{total:,}{scaled}; typos found first: {hits:.0%}"
    )


if __name__ == "__main__":
    main()
