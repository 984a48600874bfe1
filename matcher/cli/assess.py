"""``matcher assess``: an adaptive self-assessment in the terminal, one question at a time."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from matcher.errors import InputError
from matcher.util.labels import counted, percent

from . import base

#: What the person types besides a rating.
SKIP, BACK, STOP = "s", "b", "q"
PROMPT = f"rating 0-5, {SKIP} skip, {BACK} back, {STOP} stop> "


def add_arguments(p: argparse.ArgumentParser, command: str) -> None:
    p.description = (
        "Ask one item at a time, each the one whose answer is expected to tell most about "
        "which occupations fit; show the best matches and how sure they are after each answer, "
        "and stop when they are settled (see the README's Quick tour). Type a rating 0-5, "
        f"{SKIP} to skip an item, {BACK} to go back one, {STOP} to stop."
    )
    p.add_argument(
        "--target",
        help="target occupation (id, title or alias), for the saved self-assessment and the report",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="save the self-assessment as JSON (with the items asked)",
    )
    p.add_argument("--report", type=Path, metavar="DIR", help="write the gap report into DIR")
    base.add_model_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from matcher.match.interview import Interview
    from matcher.model.items import DESCRIPTIONS

    model = base.load_model_option(args)
    if args.target is not None and not args.target.strip():
        raise InputError('--target "": give an occupation\'s title, id or alias, or leave it out')
    target = model.resolve_occupation(args.target).title if args.target else ""
    # a bad path is refused before the questions, not after them (the answers would be lost)
    if args.output is not None:
        from matcher.util.atomic import file_to_write

        file_to_write(args.output)  # a folder refused, its folder made, a file in the way refused
    if args.report is not None and args.report.exists() and not args.report.is_dir():
        raise InputError(f"--report {args.report}: is a file; give the folder to write into")
    from .screen import Screen

    screen = Screen()
    interview = Interview(model, target_job=target)
    described = model.extra.get(DESCRIPTIONS, {})
    screen.text(
        f"Rate each item from 0 (none) to 5 (expert). {SKIP} skips an item you cannot rate, "
        f"{BACK} goes back to the one before, {STOP} stops. {len(model.ids)} occupations. "
        "The matches are in the ranking's order (near relations of a job kept near it); "
        '"sure" is the chance that each is your occupation, from your answers alone.'
    )
    while True:
        snapshot = interview.snapshot
        if snapshot.matches:
            _show(screen, snapshot.matches)
        if snapshot.stop or snapshot.question is None:
            screen.text(f"Settled: {snapshot.stop}.")
            break
        question = snapshot.question
        screen.text()
        screen.text(f"Q{len(interview) + 1}. {question.block}: {question.name}")
        if about := described.get(question.key):  # O*NET's names say little on their own
            screen.text(about, indent=4)
        screen.text(f"({question.reason})", indent=4)
        try:
            if not _ask(screen, interview):
                break
        except KeyboardInterrupt:  # Ctrl-C stops the interview; the answers given are kept
            screen.text()
            _finish(screen, interview, args, report=False)
            return base.EXIT_INTERRUPTED
    _finish(screen, interview, args)
    return base.EXIT_OK


def _ask(screen, interview) -> bool:
    """Read answers until one moves the interview on; False to stop."""
    while True:
        try:
            text = input(PROMPT).strip().lower()
        except EOFError:  # the input ended: as if the person stopped
            screen.text()
            return False
        if not sys.stdin.isatty():  # answers from a file: echo them, as a terminal would
            screen.text(text)
        if text == STOP:
            return False
        if text == SKIP:
            interview.answer(None)
            return True
        if text == BACK:
            if not interview.order:
                screen.text("Nothing to go back to.")
                continue
            # say what is taken back: the question asked again does not show it
            previous = interview.ratings[interview.order[-1]]
            interview.back()
            said = "a skip" if math.isnan(previous) else f"{previous:g}"
            screen.text(f"Taken back: your answer ({said}) to the question before.")
            return True
        try:
            interview.answer(float(text))  # it checks the range
            return True
        except (ValueError, InputError):
            shown = text if len(text) <= 20 else text[:19] + "\u2026"
            screen.text(
                f"{shown!r} is not an answer: type a rating from 0 to 5 (3.5 too), {SKIP}, "
                f"{BACK} or {STOP}."
            )


def _show(screen, matches) -> None:
    rows = [[k, m.title, percent(m.confidence)] for k, m in enumerate(matches, start=1)]
    screen.table(["#", "best matches now", "sure"], rows, numeric=["#", "sure"])


def _finish(screen, interview, args: argparse.Namespace, *, report: bool = True) -> None:
    person = interview.assessment()
    answered = len(person.ratings)
    screen.text(f"{counted(len(interview), 'question')}, {answered} answered.")
    if args.output is not None and not len(interview):  # stopped at the first question
        screen.text(f"No question answered: nothing saved to {args.output}.")
    elif args.output is not None:  # skips too: next_questions reads them
        from matcher.util.atomic import atomic_write_text

        text = json.dumps(interview.to_dict(), ensure_ascii=False, indent=2) + "\n"
        atomic_write_text(args.output, text)
        screen.text(f"Saved the self-assessment to {args.output}.")
    if args.report is None or not report:
        return
    if not answered:
        screen.text("No rating given: no report written.")
        return
    from matcher.report.build import build_report
    from matcher.report.files import write_report
    from matcher.report.stems import report_stem

    report = build_report(person, target=args.target, model=interview.model)
    stem = report_stem(args.output.stem) if args.output is not None else None
    for path in write_report(report, args.report, stem=stem).values():
        screen.text(f"Wrote {path}.")
