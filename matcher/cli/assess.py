"""``matcher assess``: an adaptive self-assessment in the terminal, one question at a time."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import signal
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


#: The signals that stop the interview: Ctrl-C, SIGTERM and a closed terminal (None: a signal
#: this system lacks).
_STOPPING = (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None))

#: The stopping signals that arrived, in the order their handlers ran (signals that arrive
#: together run lowest number first); the exit status is 128 + the first of them.
_held: list[int] = []


def _note(signum: int, frame: object) -> None:
    # noted, never raised: a closed terminal sends two SIGHUPs within a millisecond, and the
    # second, raised while the first was being handled (or killing the process once the
    # default handler was back), lost every answer or left the save's .tmp behind
    if not _held:
        _end_input()
    _held.append(signum)


def _end_input() -> None:
    """End the answer being waited for, as Ctrl-D would: the interview stops at once."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, sys.stdin.fileno())
        os.close(null)


def handle(args: argparse.Namespace) -> int:
    model = base.load_model_option(args)
    if args.target is not None and not args.target.strip():
        raise InputError('--target "": give an occupation\'s title, id or alias, or leave it out')
    target = model.resolve_occupation(args.target).title if args.target else ""
    # a bad path is refused before the questions, not after them (the answers would be lost):
    # a file is made and removed, as only a write finds a read-only disk
    from matcher.util.atomic import folder_while_needed, probe_file

    # the folders made now to be checked are removed again when nothing is written into them
    # (stopped at once, every answer a skip, Ctrl-C): they were left behind empty
    with contextlib.ExitStack() as folders:
        if args.output is not None:
            if not os.path.lexists(args.output.parent):
                folders.enter_context(folder_while_needed(args.output.parent))
            probe_file(args.output)
        if args.report is not None:
            folders.enter_context(folder_while_needed(args.report))
        return _interview(model, target, args)


def _interview(model, target: str, args: argparse.Namespace) -> int:
    """Ask the questions, then save the answers and write the report; the exit status."""
    from matcher.match.interview import Interview
    from matcher.model.items import DESCRIPTIONS

    screen = _Guarded()
    interview = Interview(model, target_job=target)
    described = model.extra.get(DESCRIPTIONS, {})
    screen.text(
        f"Rate each item from 0 (none) to 5 (expert). {SKIP} skips an item you cannot rate, "
        f"{BACK} goes back to the one before, {STOP} stops. {len(model.ids)} occupations. "
        "The matches are in the ranking's order (near relations of a job kept near it); "
        '"sure" is the chance that each is your occupation, from your answers alone.'
    )
    handlers = _install(dict.fromkeys(_STOPPING, _note))
    _held.clear()
    try:  # the answers are saved whatever signals arrive meanwhile: they are only noted
        _ask_until_settled(screen, interview, described)
        status = _finish(screen, interview, args, report=not _held)
    finally:
        _install(handlers)
    return status or (128 + _held[0] if _held else status)  # as shells report a signal


def _ask_until_settled(screen, interview, described: dict) -> None:
    """Show the matches and ask the next question until the interview settles or is stopped."""
    while True:
        snapshot = interview.snapshot
        if snapshot.matches:
            _show(screen, snapshot.matches)
        if snapshot.stop or snapshot.question is None:
            screen.text(f"Settled: {snapshot.stop}.")
            return
        question = snapshot.question
        screen.text()
        screen.text(f"Q{len(interview) + 1}. {question.block}: {question.name}")
        if about := described.get(question.key):  # O*NET's names say little on their own
            screen.text(about, indent=4)
        screen.text(f"({question.reason})", indent=4)
        if not _ask(screen, interview):
            return


def _install(handlers: dict) -> dict:
    """Set each signal's handler; the ones replaced (None: a signal this system lacks)."""
    replaced = {}
    for signum, handler in handlers.items():
        if signum is None:
            continue
        with contextlib.suppress(ValueError):  # not the main thread: not its signals to take
            replaced[signum] = signal.signal(signum, handler)
    return replaced


class _Guarded:
    """The screen, or nothing once the screen is gone: a reader that went away (``| head``)
    or a closed terminal must not stop the answers read from being saved."""

    def __init__(self) -> None:
        from .screen import Screen

        self.screen = Screen()
        self.gone = False

    def text(self, *args, **kwargs) -> None:
        self._call(self.screen.text, *args, **kwargs)

    def table(self, *args, **kwargs) -> None:
        self._call(self.screen.table, *args, **kwargs)

    def _call(self, draw, *args, **kwargs) -> None:
        if self.gone:
            return
        try:
            draw(*args, **kwargs)
            sys.stdout.flush()
        except OSError:  # a broken pipe, or EIO from a terminal that hung up
            self.lose()

    def lose(self) -> None:
        """Send what follows to nowhere (the interpreter's last flush too)."""
        self.gone = True
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _read(screen: _Guarded) -> str:
    """A line of the person's answer, the prompt shown where it can be."""
    try:
        return input("" if screen.gone else PROMPT)
    except OSError:  # the prompt could not be written; its answer is not read yet
        screen.lose()
        return input("")


def _ask(screen, interview) -> bool:
    """Read answers until one moves the interview on; False to stop."""
    while True:
        try:
            text = _read(screen).strip().lower()
        except EOFError:  # the input ended (or a signal ended it): as if the person stopped
            screen.text()
            return False
        if _held:  # a line still buffered from a file when a signal came is not answered
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


def _finish(screen, interview, args: argparse.Namespace, *, report: bool = True) -> int:
    """Save the answers and write the report, then the credit the model's data asks for;
    the exit status (0, or 2 when the answers could not be saved and were printed instead)."""
    status = _save(screen, interview, args, report=report)
    base.print_credit(screen, interview.model)
    return status


def _save(screen, interview, args: argparse.Namespace, *, report: bool) -> int:
    """Save the answers and write the report, saying what was done; the exit status."""
    from matcher.io.ratings import ALIKE_TEXT

    person = interview.assessment()
    answered = len(person.ratings)
    status = base.EXIT_OK
    saved = ""
    if args.output is not None and not len(interview):  # stopped at the first question
        saved = f"No question answered: nothing saved to {args.output}."
    elif args.output is not None:  # skips too: next_questions reads them
        from matcher.util.atomic import atomic_write_text

        text = json.dumps(interview.to_dict(), ensure_ascii=False, indent=2) + "\n"
        try:  # saved before anything is shown: the screen may be gone
            atomic_write_text(args.output, text)
            saved = f"Saved the self-assessment to {args.output}."
        except (InputError, OSError) as exc:  # the folder became unwritable since the check
            _print_answers(exc, text)
            status = base.EXIT_BAD_INPUT
    screen.text(f"{counted(len(interview), 'question')}, {answered} answered.")
    if saved:
        screen.text(saved)
    if args.output is not None and len(interview) and not answered and not status:
        # `matcher recommend` refuses it; saved all the same, as resuming reads what was asked
        screen.text("No rating given: the saved file records what was asked but cannot be ranked.")
    elif person.alike:  # as `matcher recommend` says it
        screen.text(f"Note: {ALIKE_TEXT}.")
    if args.report is None or not report:
        return status
    if not answered:
        screen.text("No rating given: no report written.")
        return status
    from matcher.report.build import build_report
    from matcher.report.files import write_report
    from matcher.report.stems import report_stem

    built = build_report(person, target=args.target, model=interview.model)
    stem = report_stem(args.output.stem) if args.output is not None else None
    for path in write_report(built, args.report, stem=stem).values():
        screen.text(f"Wrote {path}.")
    return status


def _print_answers(exc: Exception, text: str) -> None:
    """The answers that could not be saved, on standard error: copied from there, they are
    a self-assessment file."""
    with contextlib.suppress(OSError):
        sys.stderr.write(
            f"matcher: error: {exc}; the answers were not saved. Here they are, as a "
            f"self-assessment (JSON) to save yourself:\n{text}"
        )
        sys.stderr.flush()
