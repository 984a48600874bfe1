#!/usr/bin/env python3
"""Check the route suite in this folder against matcher's catalog and vocabulary.

Stand-alone on purpose: it reads the occupation documents and vocabulary CSVs
with catalog_text.py (beside it) and never imports or runs matcher, so each
expectation is held to what the documents say, not to what the code does today.

    python tests/routes/check_routes.py [--data DATA_FOLDER] [CASE.json ...]

Exit status 0 when every case is sound, 1 when a case has problems (each printed
as "file: field: problem"), 2 when the catalog cannot be read.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

from catalog_text import (
    BLOCKS,
    Items,
    Occupation,
    Ratings,
    Vocabulary,
    load_catalog,
    load_vocabulary,
    normalise,
)

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "data"  # the checkout's catalog
# The required skills and aptitudes say whether a person credibly matches an occupation.
CORE_SECTIONS = ("required skills", "aptitudes (strengths preferred)")
# A rating within this many points of the level counts as met (matcher's MATCH_TOLERANCE).
TOLERANCE = 0.5
SECTION_WEIGHT = {
    "required skills": 1.0,
    "aptitudes (strengths preferred)": 0.8,
    "personality traits": 0.6,
    "recommended skills": 0.5,
}
CASE_KEYS = ("about", "assessment", "target", "expect")
EXPECT_KEYS = (
    "first_step",
    "must_pass",
    "must_not_pass",
    "max_steps",
    "next_step",
    "reached_target",
    "plan_first",
    "plan_excludes",
)


def shortfalls(items: Items, ratings: Ratings, cap: Items | None = None) -> dict[str, float]:
    """Rated item -> points below the level it needs.

    With ``cap`` (the target's items) a level above the target's is lowered to
    it: a route never asks more than the target does (issue 12).
    """
    short = {}
    for block in BLOCKS:
        for name, (level, _) in items[block].items():
            if cap is not None and name in cap[block]:
                level = min(level, cap[block][name][0])
            rating = ratings[block].get(name)
            if rating is not None and rating < level:
                short[name] = level - rating
    return short


def rating_of(ratings: Ratings, name: str) -> float | None:
    return next((ratings[b][name] for b in BLOCKS if name in ratings[b]), None)


class CaseChecker:
    def __init__(self, catalog: dict[str, Occupation], vocab: Vocabulary) -> None:
        self.catalog, self.vocab = catalog, vocab
        self.index: dict[str, str] = {}  # normalised id, title or alias -> id
        for occ in catalog.values():
            plain = re.sub(r"\s*\(.*\)$", "", occ.title)
            for name in (occ.id, occ.title, plain, *occ.aliases):
                self.index.setdefault(normalise(name), occ.id)
        self.problems: list[str] = []
        self.notes: list[str] = []

    def check(self, case: dict) -> tuple[list[str], list[str]]:
        """Problems and notes of one case."""
        self.problems, self.notes = [], []
        if not isinstance(case, dict) or sorted(case) != sorted(CASE_KEYS):
            keys = sorted(case) if isinstance(case, dict) else type(case).__name__
            return [f"a case has exactly the keys {list(CASE_KEYS)}, not {keys}"], []
        if not isinstance(case["about"], str) or len(case["about"].split()) < 8:
            self.problems.append("about: say in a sentence or two why an adviser expects this")
        ratings = self._assessment(case["assessment"])
        current = self._current_job(case["assessment"])
        target = self._id(case["target"], "target")
        expect = case["expect"]
        if target and isinstance(expect, dict):
            self._expect(expect, ratings, current, target)
        elif target:
            self.problems.append("expect: must be an object")
        return self.problems, self.notes

    def _id(self, value, where: str) -> str | None:
        if isinstance(value, str) and value in self.catalog:
            return value
        close = difflib.get_close_matches(str(value), list(self.catalog), n=3, cutoff=0.6)
        hint = f" (closest: {', '.join(close)})" if close else ""
        self.problems.append(f"{where}: {value!r} is not an occupation id{hint}")
        return None

    def _assessment(self, assessment: dict) -> Ratings:
        ratings: Ratings = {block: {} for block in BLOCKS}
        if set(assessment) - {"name", "current_job", *BLOCKS}:
            self.problems.append(f"assessment: unknown keys in {sorted(assessment)}")
        for block in BLOCKS:
            for name, value in (assessment.get(block) or {}).items():
                where = f"assessment.{block}.{name}"
                canonical = self.vocab.names[block].get(normalise(name))
                if canonical is None:
                    alias = self.vocab.canonical(block, name)
                    elsewhere = [b for b in BLOCKS if self.vocab.canonical(b, name)]
                    close = difflib.get_close_matches(name, self.vocab.names[block].values(), n=3)
                    hint = (
                        f"write the vocabulary name {alias!r}"
                        if alias
                        else (f"it is in {elsewhere}" if elsewhere else f"closest: {close}")
                    )
                    self.problems.append(f"{where}: not a {block} vocabulary name ({hint})")
                elif isinstance(value, bool) or not isinstance(value, (int, float)):
                    self.problems.append(f"{where}: {value!r} is not a rating 0-5")
                elif not 0 <= value <= 5:
                    self.problems.append(f"{where}: {value} is outside 0-5")
                else:
                    ratings[block][canonical] = float(value)
        count = sum(map(len, ratings.values()))
        if not 6 <= count <= 25:
            self.problems.append(f"assessment: {count} rated items; a realistic one has 6-25")
        self._not_copied(ratings)
        return ratings

    def _not_copied(self, ratings: Ratings) -> None:
        """An assessment that repeats one occupation's levels item by item tests nothing real."""
        for occ in self.catalog.values():
            levels = {n: lv for b in BLOCKS for n, (lv, _) in occ.items[b].items()}
            same = [n for n, lv in levels.items() if rating_of(ratings, n) == lv]
            if len(levels) >= 6 and len(same) >= 0.7 * len(levels):
                self.problems.append(
                    f"assessment: {len(same)} of the {len(levels)} items of {occ.id} are rated at "
                    "exactly its levels; rate as a real person would"
                )

    def _current_job(self, assessment: dict) -> str | None:
        job = assessment.get("current_job")
        if job is None:
            return None
        if found := self.index.get(normalise(job)):
            return found
        close = difflib.get_close_matches(normalise(job), list(self.index), n=1, cutoff=0.85)
        if close:
            self.problems.append(f"assessment.current_job: {job!r} is close to {close[0]!r}: typo?")
        else:
            self.notes.append(f"current job {job!r} is not in the catalog (deliberately)")
        return None

    def _expect(self, expect: dict, ratings: Ratings, current: str | None, target: str) -> None:
        if unknown := set(expect) - set(EXPECT_KEYS):
            self.problems.append(f"expect: unknown keys {sorted(unknown)} (valid: {EXPECT_KEYS})")
        for key in ("must_pass", "max_steps", "reached_target"):
            if key not in expect:
                self.problems.append(f"expect.{key}: missing")
        must_pass = [self._id(v, "expect.must_pass") for v in expect.get("must_pass", [])]
        must_not = {self._id(v, "expect.must_not_pass") for v in expect.get("must_not_pass", [])}
        must_pass, must_not = [m for m in must_pass if m], must_not - {None}
        first = expect.get("first_step")
        first = first and self._id(first, "expect.first_step")
        if current and first and first != current:
            self.problems.append(
                f"expect.first_step: {first!r}, but the current job is {current!r}"
            )
        start = first or current
        if start is None:
            self.notes.append("no first_step: where the route starts is left to the engine")
        self._route(expect, must_pass, must_not, start, target)
        reached = expect.get("reached_target")
        self._reached(reached, ratings, start, target)
        self._next(expect, ratings, reached, must_pass, start, target)
        if current is None and first is not None:
            self._credible(first, ratings)
        self._plan(expect, ratings, start, target)

    def _route(self, expect, must_pass, must_not, start, target) -> None:
        if not must_pass or must_pass[-1] != target:
            self.problems.append("expect.must_pass: must end at the target, as every route does")
        if start and start != target and must_pass and must_pass[0] != start:
            self.problems.append(f"expect.must_pass: must begin where the person is, {start!r}")
        if len(must_pass) != len(set(must_pass)):
            self.problems.append("expect.must_pass: an occupation twice")
        if must_not & {*must_pass, target, start}:
            self.problems.append("expect.must_not_pass: names a step the route must take")
        max_steps = expect.get("max_steps")
        if not isinstance(max_steps, int) or isinstance(max_steps, bool) or max_steps < 1:
            self.problems.append(f"expect.max_steps: {max_steps!r} is not a positive whole number")
        elif (needed := len({*must_pass, target, start} - {None})) > max_steps:
            self.problems.append(f"expect.max_steps: {max_steps}, but must_pass holds {needed}")
        path = [self.index.get(normalise(step)) for step in self.catalog[target].path]
        on_path = [m for m in must_pass if m in path]
        if on_path != sorted(on_path, key=path.index):
            self.problems.append(
                f"expect.must_pass: {on_path} is out of the documented order {path}"
            )
        if start in path and any(path.index(m) < path.index(start) for m in on_path):
            self.problems.append("expect.must_pass: goes back down the documented path")

    def _reached(self, reached, ratings: Ratings, start, target: str) -> None:
        goal = self.catalog[target]
        short = shortfalls(goal.items, ratings)
        unrated = [n for b in BLOCKS for n in goal.items[b] if n not in ratings[b]]
        if not isinstance(reached, bool):
            self.problems.append(f"expect.reached_target: {reached!r} is not true or false")
        elif reached and start not in (None, target):
            self.problems.append("expect.reached_target: true, but the route starts elsewhere")
        elif reached and (unrated or short):
            self.problems.append(
                f"expect.reached_target: true, but {unrated} are unrated and {short} short"
            )
        elif not reached and not any(d > TOLERANCE for d in short.values()):
            self.problems.append("expect.reached_target: false, but no rated item is clearly short")

    def _next(self, expect, ratings: Ratings, reached, must_pass, start, target: str) -> None:
        if "next_step" not in expect:
            return
        following = expect["next_step"]
        if following is None:
            if reached is not True:
                self.problems.append("expect.next_step: null, but the target is not reached")
            return
        if self._id(following, "expect.next_step") is None:
            return
        if reached is True:
            self.problems.append("expect.next_step: set, but the target is reached")
        if following == start != target:
            self.problems.append("expect.next_step: is where the person is ('you are here')")
        if start == target != following:
            self.problems.append(
                "expect.next_step: the person is at the target; it is the only step"
            )
        if following not in {*must_pass, target}:
            self.problems.append("expect.next_step: is neither on must_pass nor the target")
        elif following in must_pass and must_pass[: must_pass.index(following)] not in (
            [],
            [start],
        ):
            self.problems.append(
                f"expect.next_step: {following!r} is not the first step after the start"
            )
        short = shortfalls(self.catalog[following].items, ratings, self.catalog[target].items)
        if not any(d >= 1 for d in short.values()):
            self.problems.append(
                f"expect.next_step: no rated item is a full point short at {following!r}, "
                "too weak a gap to pin 'next' on"
            )

    def _credible(self, first: str, ratings: Ratings) -> None:
        """Without a known current job the start must be a credible match (issue 12)."""
        core = {
            name: level
            for block in BLOCKS
            for name, (level, section) in self.catalog[first].items[block].items()
            if section in CORE_SECTIONS
        }
        rated = {n: rating_of(ratings, n) for n in core if rating_of(ratings, n) is not None}
        met = [n for n, r in rated.items() if r >= core[n] - TOLERANCE]
        if len(rated) < 0.6 * len(core) or len(met) < 0.6 * len(rated):
            self.problems.append(
                f"expect.first_step: {first!r} is no credible match: {len(rated)} of its "
                f"{len(core)} required skills and aptitudes rated, {len(met)} met"
            )

    def _plan(self, expect: dict, ratings: Ratings, start, target: str) -> None:
        goal = self.catalog[target]
        opening = expect.get("plan_first", [])
        following = self.catalog.get(expect.get("next_step") or "")
        if opening and (start is None or following is None):
            self.problems.append("expect.plan_first: needs a known start and next_step")
            return
        if opening and start != target:
            # In a plan ordered by step, gaps at the person's own post come first.
            own = shortfalls(self.catalog[start].items, ratings, goal.items)
            if stray := sorted(n for n, d in own.items() if d > TOLERANCE and n not in opening):
                self.problems.append(
                    f"expect.plan_first: gaps at the person's own post {stray} may open the plan"
                )
        pressing = self._pressing(following, ratings, goal) if opening else set()
        for name in opening:
            canonical = self._item(name, "expect.plan_first")
            if canonical and canonical not in pressing:
                self.problems.append(
                    f"expect.plan_first: {name!r} is not among the widest gaps at "
                    f"{following.id!r} ({sorted(pressing)} are)"
                )
            if canonical and not any(canonical in goal.items[b] for b in BLOCKS):
                self.problems.append(f"expect.plan_first: {name!r} is not an item of the target")
        for name in expect.get("plan_excludes", []):
            if not (canonical := self._item(name, "expect.plan_excludes")):
                continue
            levels = [goal.items[b][canonical][0] for b in BLOCKS if canonical in goal.items[b]]
            level = levels[0] if levels else None
            rating = rating_of(ratings, canonical)
            if level is None:
                self.problems.append(f"expect.plan_excludes: {name!r} is not an item of the target")
            elif rating is None or rating < level:
                self.problems.append(
                    f"expect.plan_excludes: {name!r} is rated {rating}, below the target's "
                    f"{level:g}; it belongs in the plan"
                )

    @staticmethod
    def _pressing(step: Occupation, ratings: Ratings, goal: Occupation) -> set[str]:
        """Rated items a full point short at ``step`` with fewer than 3 gaps clearly wider.

        Width is deficit x weight of the section (matcher's documented weights: required
        skills 1, aptitudes 0.8, traits 0.6, recommended skills 0.5), levels capped at the
        target's.
        """
        short = shortfalls(step.items, ratings, goal.items)
        width = {
            name: deficit * SECTION_WEIGHT[step.items[block][name][1]]
            for block in BLOCKS
            for name, deficit in short.items()
            if name in step.items[block]
        }
        return {
            name
            for name, w in width.items()
            if short[name] >= 1 and sum(other > w for other in width.values()) < 3
        }

    def _item(self, name: str, where: str) -> str | None:
        canonical = self.vocab.any_block(name)
        if canonical is None:
            self.problems.append(f"{where}: {name!r} is not a vocabulary name")
        elif canonical != name:
            self.problems.append(f"{where}: write the vocabulary name {canonical!r}, not {name!r}")
        return canonical


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="matcher's data folder")
    parser.add_argument("cases", nargs="*", type=Path, help="case files (default: *.json here)")
    args = parser.parse_args(argv)
    try:
        vocab = load_vocabulary(args.data / "vocabulary")
        catalog = load_catalog(args.data / "profiles", vocab)
    except (OSError, KeyError, IndexError, UnicodeDecodeError) as error:
        print(f"cannot read the catalog in {args.data}: {error}", file=sys.stderr)
        return 2
    if not catalog:
        print(f"no occupation documents in {args.data / 'profiles'}", file=sys.stderr)
        return 2
    checker = CaseChecker(catalog, vocab)
    files = args.cases or sorted(HERE.glob("*.json"))
    failed = 0
    for path in files:
        try:
            problems, notes = checker.check(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as error:
            problems, notes = [f"not readable JSON: {error}"], []
        for line in [*problems, *(f"note: {note}" for note in notes)]:
            print(f"{path.name}: {line}")
        failed += bool(problems)
    print(f"{len(files)} cases, {failed} with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
