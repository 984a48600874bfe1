"""A gap report as ``matcher gaps`` prints it: the heading and its notes, each step's heading,
table of gaps and the key items not rated or left blank, the learning plan and the footnotes
of estimates. Text and table rows only; the command lays them out on the screen."""

from __future__ import annotations

from matcher.io.ratings import ALIKE_TEXT
from matcher.util.labels import BLANK_ADVICE, counted, label, level_text, rating_text

from .gapreport import ESTIMATE_TEXT, GapReport, PathStep

__all__ = [
    "GAP_COLUMNS",
    "GAP_NUMERIC",
    "PLAN_HEADING",
    "footnotes",
    "gap_rows",
    "heading",
    "notes",
    "plan_lines",
    "step_heading",
    "step_notes",
]

#: A step's table of gaps: its columns, and those aligned as numbers.
GAP_COLUMNS = ["missing", "block", "you", "needs", "deficit", "priority"]
GAP_NUMERIC = ["you", "needs", "deficit", "priority"]
#: The plan's order said as it is: "in this order" was read as an order to learn in, and it
#: put Machine Learning before Statistics (the catalog says what each step needs, not which
#: item builds on which).
PLAN_HEADING = (
    "Learning plan (step by step, the most pressing first within a step; not an order to learn "
    "in): you -> needed by a step -> at the target"
)


def heading(report: GapReport) -> str:
    """Whose path to which target, how it was found and how many steps it has."""
    who = f"{label(report.person)}: " if report.person else ""
    steps = counted(len(report.steps), "step")
    return f"{who}path to {report.target_title} ({report.route}, {steps})"


def notes(report: GapReport, alike: bool) -> list[str]:
    """The report's notes, and the note on answers alike (``alike``: the person's were)."""
    said = [f"note: {note}" for note in report.notes]
    if alike:  # as `recommend` and the reports say it: such answers meet any step alike
        said.append(f"note: {ALIKE_TEXT}")
    return said


def step_heading(report: GapReport, index: int, step: PathStep) -> str:
    """Step number ``index`` (from 1): its title, where it stands and its match score."""
    mark = "NEXT" if step.status == "next" else step.status
    here = f", {report.here}" if step.is_current else ""
    return f"{index}. {step.title}  [{mark}{here}; match {step.score:.2f}]"


def gap_rows(step: PathStep) -> list[list[str]]:
    """A step's gaps as the rows of its table (:data:`GAP_COLUMNS`)."""
    return [
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


def step_notes(step: PathStep) -> list[str]:
    """What a step's table does not say: that too little was rated to say whether the person
    meets it, and its key items not rated yet or left blank."""
    said = []
    if not step.gaps and not step.reached:  # nothing short on what was rated, too little rated
        said.append("too few of its key items rated to say whether you meet it")
    shown = {g.name for g in step.gaps}  # an estimated gap is in the table already
    unrated = [name for name in step.unrated if name not in shown]
    # what the person was asked and skipped is not "not rated yet", as if never asked
    blank = [name for name in unrated if name in step.skipped]
    unrated = [name for name in unrated if name not in step.skipped]
    if unrated:
        said.append(f"not rated yet: {', '.join(unrated)}")
    if blank:
        said.append(f"left blank: {', '.join(blank)}")
    return said


def plan_lines(report: GapReport) -> list[str]:
    """The learning plan, one numbered line an item: the rating, the level a step needs and,
    when that step is not the target, what the target asks."""
    last = len(report.steps) - 1
    lines = []
    for number, item in enumerate(report.plan, start=1):
        if item.step == last:
            later = ""
        elif item.target_level is None:
            later = "; the target does not ask for it"
        else:
            later = f" -> {level_text(item.target_level)} at the target"
        lines.append(
            f"{number:2}. {item.name}: "
            f"{rating_text(item.rating, item.estimate, skipped=item.skipped)} -> "
            f"{level_text(item.level)} by {item.step_title}{later}"
        )
    return lines


def footnotes(report: GapReport) -> list[str]:
    """The footnotes of the estimated gaps (marked ``*``): of items not rated, of items left
    blank; none without estimates."""
    estimated = [g for s in report.steps for g in s.gaps if g.estimated]
    said = []
    if any(not g.skipped for g in estimated):
        said.append(f"* not rated: estimated as {ESTIMATE_TEXT}; rate it to be sure")
    if any(g.skipped for g in estimated):
        how = "the same way" if not all(g.skipped for g in estimated) else f"as {ESTIMATE_TEXT}"
        said.append(f"* left blank: estimated {how}; {BLANK_ADVICE}")
    return said
