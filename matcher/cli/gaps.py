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
    from matcher.match.gaps import gaps

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
                "unrated" if g.rating is None else f"{g.rating:g}",
                f"{g.level:g}",
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
        print("\nLearning plan (in this order):")
        for number, item in enumerate(report.plan, start=1):
            start = "unrated" if item.rating is None else f"{item.rating:g}"
            print(f"  {number:2}. {item.name}: {start} -> {item.level:g} by {item.step_title}")
    if any(g.estimated for s in report.steps for g in s.gaps):
        print("\n* estimated from your other ratings in the same block: rate it to be sure")
    return base.EXIT_OK
