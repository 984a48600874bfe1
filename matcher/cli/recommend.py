"""``matcher recommend``: the best-matching occupations for a self-assessment."""

from __future__ import annotations

import argparse
import sys

from matcher.util.labels import counted, percent

from . import base, plain


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
    from matcher.match.explain import (
        current_job,
        current_job_note,
        few_asked_note,
        unknown_job_note,
    )
    from matcher.match.order import order_notes
    from matcher.match.recommend import recommend

    model = base.load_model_option(args)
    person = base.read_assessment_arg(args.profile, model, args.lenient)
    recommendations = recommend(person, top_k=args.top, model=model)
    current = current_job(model, person)
    standing, order = order_notes(person, recommendations, model, current)
    job_note = current_job_note(current, recommendations, standing)
    if args.json:
        # each match carries the flag as a batch's rows do (`alike`): said on standard error
        # only, it was lost to a portal reading the JSON
        base.print_json([{**r.to_dict(), "alike": person.alike} for r in recommendations])
        # said beside the JSON, which stays the list it always was
        for note in (order, job_note):
            if note:
                print(f"matcher: note: {note}", file=sys.stderr)
        if person.alike:
            from matcher.io.ratings import ALIKE_TEXT

            print(f"matcher: note: {ALIKE_TEXT}", file=sys.stderr)
        return base.EXIT_OK
    from .screen import Screen

    screen = Screen()
    who = f" for {plain.label(person.name)}" if person.name else ""
    screen.text(f"Best matches{who} ({counted(len(person.ratings), 'item')} rated):")
    screen.text()
    rows = [
        [
            r.rank,
            percent(r.confidence),
            f"{r.score:.2f}",
            r.title,
            ", ".join(e.name for e in _have(r)[:3]) or "-",
            ", ".join(_to_work_on(r)[:3]) or "-",
        ]
        for r in recommendations
    ]
    screen.table(
        ["#", "confidence", "score", "occupation", "you have", "to work on"],
        rows,
        numeric=["#", "confidence", "score"],
    )
    if recommendations:
        screen.text()
        screen.text(f"Why #1: {recommendations[0].explanation}")
        screen.text()
        # The three numbers answer three questions; a reader took the order for any of them.
        screen.text(
            "The order is how well your answers fit each occupation, near relations of a job "
            "kept near it; confidence is the chance that it is your occupation, from your "
            "answers alone; score is the share of its key items your ratings meet (one lower "
            "down may ask less of what you rated). An item marked ? is a key item you did not "
            "rate: rate it to know whether it is one to work on."
        )
        if order:
            screen.text()
            screen.text(f"Note: {order}.")
        if few := few_asked_note(recommendations):
            screen.text()
            screen.text(f"Note: {few}.")
    if job_note:
        screen.text()
        screen.text(f"Note: {job_note}.")
    elif unknown := unknown_job_note(model, person):  # as `matcher gaps` says it
        screen.text()
        screen.text(f"Note: {unknown}.")
    if person.alike:
        from matcher.io.ratings import ALIKE_TEXT

        screen.text()
        screen.text(f"Note: {ALIKE_TEXT}.")
    if unranked := model.extra.get("skipped"):
        examples = ", ".join(list(unranked)[:2])
        screen.text()
        screen.text(
            f"Not ranked: {counted(len(unranked), 'occupation')} of the source "
            f"{'has' if len(unranked) == 1 else 'have'} no ratings "
            f"(such as {examples}); `matcher show TITLE` says why."
        )
    base.print_credit(screen, model)
    return base.EXIT_OK


def _have(recommendation) -> list:
    """Key items met, what one can do before what one is like (a work style or interest
    met is a fit: a cook "has" Food Production before Cooperation)."""
    return sorted(recommendation.matched, key=lambda e: e.fit)  # stable: importance order kept


def _to_work_on(recommendation) -> list[str]:
    """Key items short, then those unrated marked "?", but interests (and O*NET's work
    styles): a matter of fit, never a gap. Unmarked, an unrated item read as a verdict (a
    native speaker told to work on English Language)."""
    short = [e.name for e in recommendation.missing if not e.fit]
    return short + [f"{e.name}?" for e in recommendation.unrated if not e.fit]
