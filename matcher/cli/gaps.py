"""``matcher gaps``: the gaps at each step of the path to a target occupation."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from matcher.errors import InputError, UnknownOccupationError
from matcher.model.credit import with_source

from . import base

if TYPE_CHECKING:
    from matcher.match.gapreport import GapReport

    from .screen import Screen


def add_arguments(p: argparse.ArgumentParser, command: str) -> None:
    p.description = (
        "The gaps of a self-assessment at each step of the career path to a target occupation, "
        "and a learning plan."
    )
    p.add_argument("profile", help="self-assessment JSON file, or - to read it from standard input")
    p.add_argument(
        "--target",
        help="target occupation: id, title or alias (default: the self-assessment's target_job)",
    )
    base.add_json_option(p, "the gaps and the plan")
    p.add_argument(
        "--lenient",
        action="store_true",
        help="ignore unknown item names with a warning (default: an error)",
    )
    base.add_model_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from matcher.match.gaps import gaps

    model = base.load_model_option(args)
    person = base.read_assessment_arg(args.profile, model, args.lenient)
    target = args.target or person.target_job
    where = "standard input" if args.profile == base.STDIO else args.profile
    if not target:
        raise InputError(
            f'{where}: no target occupation: give one with --target "TITLE", or add '
            f'"target_job": "TITLE" to the self-assessment (`matcher search TEXT` finds titles)'
        )
    try:
        report = gaps(person, target, model=model)
    except UnknownOccupationError as exc:  # which of the two gave the name
        raise base.target_error(exc, bool(args.target), where) from None
    if args.json:
        base.print_json(with_source(report.to_dict(), model))
        return base.EXIT_OK
    from .screen import Screen

    screen = Screen()
    _show(screen, report, person.alike)
    base.print_credit(screen, model)
    return base.EXIT_OK


def _show(screen: Screen, report: GapReport, alike: bool) -> None:
    """The report laid out: the steps' tables and notes under their headings, the plan's
    lines hanging under their numbers (:mod:`matcher.match.gaptext` words them)."""
    from matcher.match import gaptext

    screen.text(gaptext.heading(report))
    for note in gaptext.notes(report, alike):
        screen.text(note, indent=2)
    for index, step in enumerate(report.steps, start=1):
        screen.text()
        screen.text(gaptext.step_heading(report, index, step))
        if rows := gaptext.gap_rows(step):
            screen.table(gaptext.GAP_COLUMNS, rows, numeric=gaptext.GAP_NUMERIC, indent=3)
        for line in gaptext.step_notes(step):
            screen.text(line, indent=3)
    if report.plan:
        screen.text()
        screen.text(gaptext.PLAN_HEADING)
        for line in gaptext.plan_lines(report):
            screen.text(line, indent=2, hang=4)  # under the item, past its number
    footnotes = gaptext.footnotes(report)
    if footnotes:
        screen.text()
    for line in footnotes:
        screen.text(line)
