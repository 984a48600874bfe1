"""``matcher gaps``: the gaps at each step of the path to a target occupation."""

from __future__ import annotations

import argparse

from . import base


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("gaps", help="skill gaps along the path to a target occupation")
    p.add_argument("profile", help="profile JSON file, or - to read it from standard input")
    p.add_argument("--target", required=True, help="target occupation: id, title or alias")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lenient", action="store_true", help="ignore unknown item names")
    base.add_model_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from matcher.match.gaps import ESTIMATE_TEXT, gaps

    model = base.load_model_option(args)
    person = base.read_assessment_arg(args.profile, model, args.lenient)
    report = gaps(person, args.target, model=model)
    if args.json:
        base.print_json(report.to_dict())
        return base.EXIT_OK
    who = f"{report.person}: " if report.person else ""
    print(f"{who}path to {report.target_title} ({report.route}, {len(report.steps)} steps)")
    for note in report.notes:
        print(f"  note: {note}")
    for index, step in enumerate(report.steps, start=1):
        mark = "reached" if step.reached else ("NEXT" if step.is_next else "ahead")
        here = ", you are here" if step.is_current else ""
        print(f"\n{index}. {step.title}  [{mark}{here}; match {step.score:.2f}]")
        rows = [
            [
                g.name,
                g.block,
                _rating(g.rating, g.estimate),
                _level(g.level),
                f"{g.deficit:.1f}" + ("*" if g.estimated else ""),
                f"{g.priority:.2f}",
            ]
            for g in step.gaps
        ]
        if rows:
            print(base.table(rows, ["missing", "block", "you", "needs", "deficit", "priority"]))
        if step.unrated:
            print(f"   not rated yet: {', '.join(step.unrated)}")
    if report.plan:
        print("\nLearning plan (in this order): you -> needed by a step -> at the target")
        last = len(report.steps) - 1
        for number, item in enumerate(report.plan, start=1):
            if item.step == last:
                later = ""
            elif item.target_level is None:
                later = "; the target does not ask for it"
            else:
                later = f" -> {_level(item.target_level)} at the target"
            print(
                f"  {number:2}. {item.name}: {_rating(item.rating, item.estimate)} -> "
                f"{_level(item.level)} by {item.step_title}{later}"
            )
    if any(g.estimated for s in report.steps for g in s.gaps):
        print(f"\n* not rated: estimated as {ESTIMATE_TEXT}; rate it to be sure")
    return base.EXIT_OK


def _level(value: float) -> str:
    """One decimal at most, as the 0-5 scale supports."""
    return f"{round(value, 1):g}"


def _rating(rating: float | None, estimate: float | None) -> str:
    return _level(rating) if rating is not None else f"unrated (~{_level(estimate or 0.0)})"
