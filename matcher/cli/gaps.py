"""``matcher gaps``: the gaps at each step of the path to a target occupation."""

from __future__ import annotations

import argparse

from matcher.errors import InputError, UnknownOccupationError
from matcher.model.credit import with_source
from matcher.util.labels import BLANK_ADVICE, counted, level_text, rating_text

from . import base, plain


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
    from matcher.match.gapreport import ESTIMATE_TEXT
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
    who = f"{plain.label(report.person)}: " if report.person else ""
    steps = counted(len(report.steps), "step")
    screen.text(f"{who}path to {report.target_title} ({report.route}, {steps})")
    for note in report.notes:
        screen.text(f"note: {note}", indent=2)
    if person.alike:  # as `recommend` and the reports say it: such answers meet any step alike
        from matcher.io.ratings import ALIKE_TEXT

        screen.text(f"note: {ALIKE_TEXT}", indent=2)
    for index, step in enumerate(report.steps, start=1):
        mark = "NEXT" if step.status == "next" else step.status
        here = f", {report.here}" if step.is_current else ""
        screen.text()
        screen.text(f"{index}. {step.title}  [{mark}{here}; match {step.score:.2f}]")
        rows = [
            [
                g.name,
                g.block,
                rating_text(g.rating, g.estimate, skipped=g.skipped),
                level_text(g.level),
                # a deficit is of the numbers shown: one decimal, and more than 0.5 in a gap
                f"{g.deficit:.1f}" + ("*" if g.estimated else ""),
                f"{g.priority:.2f}",
            ]
            for g in step.gaps
        ]
        if rows:
            screen.table(
                ["missing", "block", "you", "needs", "deficit", "priority"],
                rows,
                numeric=["you", "needs", "deficit", "priority"],
                indent=3,
            )
        elif not step.reached:  # nothing short on what was rated, too little rated to say
            screen.text("too few of its key items rated to say whether you meet it", indent=3)
        shown = {g.name for g in step.gaps}  # an estimated gap is in the table already
        unrated = [name for name in step.unrated if name not in shown]
        # what the person was asked and skipped is not "not rated yet", as if never asked
        blank = [name for name in unrated if name in step.skipped]
        unrated = [name for name in unrated if name not in step.skipped]
        if unrated:
            screen.text(f"not rated yet: {', '.join(unrated)}", indent=3)
        if blank:
            screen.text(f"left blank: {', '.join(blank)}", indent=3)
    if report.plan:
        screen.text()
        screen.text("Learning plan (in this order): you -> needed by a step -> at the target")
        last = len(report.steps) - 1
        for number, item in enumerate(report.plan, start=1):
            if item.step == last:
                later = ""
            elif item.target_level is None:
                later = "; the target does not ask for it"
            else:
                later = f" -> {level_text(item.target_level)} at the target"
            screen.text(
                f"{number:2}. {item.name}: "
                f"{rating_text(item.rating, item.estimate, skipped=item.skipped)} -> "
                f"{level_text(item.level)} by {item.step_title}{later}",
                indent=2,
                hang=4,  # under the item, past its number
            )
    estimated = [g for s in report.steps for g in s.gaps if g.estimated]
    if estimated:
        screen.text()
    if any(not g.skipped for g in estimated):
        screen.text(f"* not rated: estimated as {ESTIMATE_TEXT}; rate it to be sure")
    if any(g.skipped for g in estimated):
        how = "the same way" if not all(g.skipped for g in estimated) else f"as {ESTIMATE_TEXT}"
        screen.text(f"* left blank: estimated {how}; {BLANK_ADVICE}")
    base.print_credit(screen, model)
    return base.EXIT_OK
