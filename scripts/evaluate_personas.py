"""The hand-written personas: matcher against the plain baselines, by the persona tests' rule.

Usage:  python scripts/evaluate_personas.py [ONET_DIR]

Simulated respondents share the model's idea of a rating; people written by hand do not. The
personas of ``tests/personas/`` (fifty, on the built-in catalog) and ``tests/personas/onet/``
(thirty, on an O*NET model imported with related occupations, as a user imports it; skipped
when the database is absent) hold self-assessments with the occupations an adviser would
accept and those that would be absurd, written before any output was seen. Each method ranks
every occupation for each persona from the same ratings (the baselines over the items rated,
against the model's levels: 0 where a built-in occupation does not list an item, as a user's
own baseline would read them); a persona passes as in its test: its first match acceptable,
nothing absurd in the top 5 and enough acceptable there (3 on the built-in catalog, 2 on
O*NET's finer occupations). Printed per method: personas passed, the first match acceptable,
personas with an absurd occupation in the top 5, and the MRR of the first acceptable one
(0 beyond the 50th). Then matcher's mean confidence in its first match beside how often that
match is the persona's current job, for the personas that name one.
"""

from __future__ import annotations

import argparse
import json
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
from evaluation.baselines import BASELINES, baselines
from evaluation.paths import add_onet_argument

from matcher import build_model, import_onet, recommend
from matcher.io.ratings import RATING_KEYS

PERSONAS = Path(__file__).resolve().parent.parent / "tests" / "personas"
TOP, DEPTH = 5, 50


def ratings(model, assessment: dict) -> np.ndarray:
    """A persona's ratings on the model's items (n_features,), NaN where not rated."""
    column = {key: c for c, key in enumerate(model.feature_keys)}
    out = np.full(len(column), np.nan)
    for group, items in assessment.items():
        if group in RATING_KEYS:
            block = RATING_KEYS[group]
            for name, value in items.items():
                if value is not None:
                    out[column[(block, model.resolve_item(block, name))]] = value
    return out


def rankings(model, assessment: dict) -> dict[str, list[str]]:
    """The first :data:`DEPTH` occupations of matcher and of each baseline (ties by id)."""
    found = {"matcher": [r.occupation_id for r in recommend(assessment, model=model, top_k=DEPTH)]}
    keys = model.feature_keys
    skill = np.array([block == "skill" for block, _ in keys])
    levels = np.asarray(model.levels, np.float64)
    importance = np.asarray(model.importance, np.float64)
    scores = baselines(ratings(model, assessment)[None, :], levels, importance, skill)
    ids = np.array(model.ids)
    for method in BASELINES:
        order = np.lexsort((ids, -scores[method][0]))[:DEPTH]
        found[method] = ids[order].tolist()
    return found


def table(model, files: list[Path], enough: int, absurd: Callable[[str, dict], bool]) -> None:
    counts: dict[str, np.ndarray] = {}
    confidence, is_job = [], []
    for path in files:
        persona = json.loads(path.read_text(encoding="utf-8"))
        acceptable = set(persona["acceptable"])
        for method, top in rankings(model, persona["assessment"]).items():
            first = next((i for i, o in enumerate(top) if o in acceptable), None)
            bad = any(absurd(o, persona) for o in top[:TOP])
            fine = sum(o in acceptable for o in top[:TOP]) >= enough
            passed = first == 0 and not bad and fine
            rr = 0.0 if first is None else 1 / (first + 1)
            counts.setdefault(method, np.zeros(4))[:] += (passed, first == 0, bad, rr)
        if job := persona["assessment"].get("current_job"):
            best = recommend(persona["assessment"], model=model, top_k=1)[0]
            confidence.append(best.confidence)
            is_job.append(best.occupation_id == model.resolve_occupation(job).id)
    n = len(files)
    print(f"| method | passed (of {n}) | #1 acceptable | absurd in the top {TOP} | MRR |")
    print("| --- | --- | --- | --- | --- |")
    for method, (passed, first, bad, rr) in counts.items():
        print(f"| {method} | {passed:.0f} | {first:.0f} | {bad:.0f} | {rr / n:.3f} |")
    print(
        f"\nmatcher's mean confidence in its first match, for the {len(is_job)} personas that "
        f"name their job: {np.mean(confidence):.3f}; that match is their job: {np.mean(is_job):.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_onet_argument(parser)
    args = parser.parse_args(argv)
    print("## The built-in catalog, tests/personas\n")
    builtin = sorted(PERSONAS.glob("*.json"))
    table(build_model(), builtin, 3, lambda o, persona: o in persona["absurd"])
    if not (args.onet / "Skills.txt").exists():
        print(f"\n(no O*NET database at {args.onet}: its personas are left out)")
        return 0

    def in_group(occupation: str, persona: dict) -> bool:
        major = occupation.split("-")[0]
        return any(
            occupation.startswith(group) if "-" in group else major == group
            for group in persona["absurd_groups"]
        )

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the shared copy has no Abilities.txt
        onet = import_onet(args.onet)
    print("\n## O*NET, tests/personas/onet\n")
    table(onet, sorted((PERSONAS / "onet").glob("*.json")), 2, in_group)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
