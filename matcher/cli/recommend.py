"""``matcher recommend``: the best-matching occupations for a self-assessment."""

from __future__ import annotations

import argparse

from . import base


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("recommend", help="best-matching occupations for a profile")
    p.add_argument("profile", help="profile JSON file, or - to read it from standard input")
    p.add_argument(
        "--top", type=base.positive_int, default=10, help="how many occupations (default 10)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lenient", action="store_true", help="ignore unknown item names")
    base.add_model_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from matcher.match.recommend import recommend

    model = base.load_model_option(args)
    person = base.read_assessment_arg(args.profile, model, args.lenient)
    recommendations = recommend(person, top_k=args.top, model=model)
    if args.json:
        base.print_json([r.to_dict() for r in recommendations])
        return base.EXIT_OK
    who = f" for {person.name}" if person.name else ""
    print(f"Best matches{who} ({len(person.ratings)} items rated):\n")
    rows = [
        [
            str(r.rank),
            f"{r.score:.2f}",
            r.title,
            ", ".join(e.name for e in r.matched[:3]) or "-",
            ", ".join(e.name for e in (r.missing + r.unrated)[:3]) or "-",
        ]
        for r in recommendations
    ]
    print(base.table(rows, ["#", "score", "occupation", "you have", "to work on"]))
    if recommendations:
        print(f"\nWhy #1: {recommendations[0].explanation}")
    return base.EXIT_OK
