"""``matcher recommend``: the best-matching occupations for a self-assessment."""

from __future__ import annotations

import argparse
import sys

from . import base


def add_arguments(p: argparse.ArgumentParser, command: str) -> None:
    p.description = (
        "Rank the occupations of a model against a self-assessment (JSON, see the README) and "
        "say why each one fits."
    )
    p.add_argument("profile", help="self-assessment JSON file, or - to read it from standard input")
    p.add_argument(
        "--top", type=base.positive_int, default=10, help="how many occupations (default 10)"
    )
    base.add_json_option(p, "the recommendations")
    p.add_argument(
        "--lenient",
        action="store_true",
        help="ignore unknown item names with a warning (default: an error)",
    )
    base.add_model_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from matcher.match.jobnote import current_job, current_job_note, unknown_job_note
    from matcher.match.order import order_notes
    from matcher.match.recommend import ranked, rate

    model = base.load_model_option(args)
    person = base.read_assessment_arg(args.profile, model, args.lenient)
    recommendations = ranked(*rate(person, model), model, args.top)
    current = current_job(model, person)
    standing, order = order_notes(person, recommendations, model, current)
    job_note = current_job_note(current, recommendations, standing)
    # what recommend() warns of, said once each: an unknown current job is a note of the
    # plain output, but its JSON and an unknown target went unsaid
    target = unknown_job_note(model, person, "target_job")
    if args.json:
        unknown = unknown_job_note(model, person)
        _print_json(recommendations, person.alike, [order, job_note, unknown, target])
        return base.EXIT_OK
    if target:
        print(f"matcher: note: {target}", file=sys.stderr)
    from matcher.match import matchtext

    from .screen import Screen

    screen = Screen()
    screen.text(matchtext.heading(person))
    screen.text()
    rows = matchtext.rows(recommendations)
    screen.table(matchtext.COLUMNS, rows, numeric=matchtext.NUMERIC)
    for paragraph in matchtext.paragraphs(model, person, recommendations, order, job_note):
        screen.text()
        screen.text(paragraph)
    base.print_credit(screen, model)
    return base.EXIT_OK


def _print_json(recommendations: list, alike: bool, notes: list[str | None]) -> None:
    """The matches as JSON on standard output, and the notes said beside it, on standard error
    (the JSON stays the list it always was)."""
    # each match carries the flag as a batch's rows do (`alike`): said on standard error
    # only, it was lost to a portal reading the JSON
    base.print_json([r.to_dict() for r in recommendations])
    for note in notes:
        if note:
            print(f"matcher: note: {note}", file=sys.stderr)
    if alike:
        from matcher.io.ratings import ALIKE_TEXT

        print(f"matcher: note: {ALIKE_TEXT}", file=sys.stderr)
