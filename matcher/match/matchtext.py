"""The best matches as ``matcher recommend`` prints them: the heading, the table's rows (what
the person has, what to work on) and the paragraphs after it (why the first, what the three
numbers mean, the notes). Text and table rows only; the command lays them out on the screen."""

from __future__ import annotations

from matcher.io.assessment import Assessment
from matcher.io.ratings import ALIKE_TEXT
from matcher.model.model import Model
from matcher.util.labels import counted, label, percent

from .explain import Recommendation, few_asked_note
from .jobnote import unknown_job_note

__all__ = ["COLUMNS", "NUMERIC", "heading", "paragraphs", "rows"]

#: The table of matches: its columns, and those aligned as numbers.
COLUMNS = ["#", "confidence", "score", "occupation", "you have", "to work on"]
NUMERIC = ["#", "confidence", "score"]

# The three numbers answer three questions; a reader took the order for any of them.
_NUMBERS = (
    "The order is how well your answers fit each occupation, near relations of a job "
    "kept near it; confidence is the chance that it is your occupation, from your "
    "answers alone; score is the share of its key items your ratings meet (one lower "
    "down may ask less of what you rated). An item marked ? is a key item you did not "
    "rate: rate it to know whether it is one to work on."
)


def heading(person: Assessment) -> str:
    """Whose best matches, from how many ratings."""
    who = f" for {label(person.name)}" if person.name else ""
    return f"Best matches{who} ({counted(len(person.ratings), 'item')} rated):"


def rows(recommendations: list[Recommendation]) -> list[list[object]]:
    """The matches as the rows of the table (:data:`COLUMNS`): three items of each kind."""
    return [
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


def paragraphs(
    model: Model,
    person: Assessment,
    recommendations: list[Recommendation],
    order: str | None,
    job_note: str | None,
) -> list[str]:
    """What follows the table, a paragraph each: why the first, what the numbers mean, the
    notes (on the order, few asked items, the current job, answers alike) and the occupations
    left unranked. ``order`` and ``job_note``: :func:`~matcher.match.order.order_notes`'s
    note and :func:`~matcher.match.jobnote.current_job_note`."""
    said = []
    if recommendations:
        said += [f"Why #1: {recommendations[0].explanation}", _NUMBERS]
        if order:
            said.append(f"Note: {order}.")
        if few := few_asked_note(recommendations):
            said.append(f"Note: {few}.")
    if job_note:
        said.append(f"Note: {job_note}.")
    elif unknown := unknown_job_note(model, person):  # as `matcher gaps` says it
        said.append(f"Note: {unknown}.")
    if person.alike:
        said.append(f"Note: {ALIKE_TEXT}.")
    if unranked := model.extra.get("skipped"):
        examples = ", ".join(list(unranked)[:2])
        said.append(
            f"Not ranked: {counted(len(unranked), 'occupation')} of the source "
            f"{'has' if len(unranked) == 1 else 'have'} no ratings "
            f"(such as {examples}); `matcher show TITLE` says why."
        )
    return said


def _have(recommendation: Recommendation) -> list:
    """Key items met, what one can do before what one is like (a work style or interest
    met is a fit: a cook "has" Food Production before Cooperation)."""
    return sorted(recommendation.matched, key=lambda e: e.fit)  # stable: importance order kept


def _to_work_on(recommendation: Recommendation) -> list[str]:
    """Key items short, then those unrated marked "?", but interests (and O*NET's work
    styles): a matter of fit, never a gap. Unmarked, an unrated item read as a verdict (a
    native speaker told to work on English Language)."""
    short = [e.name for e in recommendation.missing if not e.fit]
    return short + [f"{e.name}?" for e in recommendation.unrated if not e.fit]
