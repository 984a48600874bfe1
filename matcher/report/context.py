"""What the templates show: a report formatted once, for both HTML and Markdown."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from markupsafe import Markup

from matcher import __version__
from matcher.core.fit import PARTIAL
from matcher.core.gapmath import MATCH_TOLERANCE
from matcher.io.ratings import ALIKE_TEXT
from matcher.match.gapreport import ESTIMATE_TEXT, GapReport
from matcher.match.jobnote import current_job_note
from matcher.util.labels import BLANK_ADVICE, counted, label, level_text, sentence

from .build import Report
from .charts import BLOCK_COLOURS
from .rows import match_rows, need_rows, plan_rows, step_rows

__all__ = ["SOURCE_TEXT", "format_time", "report_context"]

#: Where a report's target came from, as the report says it.
SOURCE_TEXT = {
    "given": "chosen for this report",
    "profile": "named in the profile",
    "best match": "your best match; no target was named",
}
_ROUTE_TEXT = {
    "career path": "the career path the target occupation documents",
    "route": "a route through related jobs, each move kept small",
    # no colon after a word: Markdown's escape of it (against autolinks) showed as "\:"
    "straight": "straight to the target, as no chain of related jobs leads there more directly",
    "direct": "the target alone, as no path leads to it in this catalog",
}


def _route_text(g: GapReport) -> str:
    """How the route of a gap report is said. A route of the target alone is not always for
    want of a path: the person may meet it already, or no match of theirs be credible to
    start from; a note says which, and "no path leads to it" beside it was false."""
    if g.route != "direct":
        text = _ROUTE_TEXT.get(g.route, g.route)
        pairs = itertools.pairwise(g.steps)
        moved = [f"{a.title} to {b.title}" for a, b in pairs if b.undocumented]
        if not moved or g.route == "straight":  # the straight move says it of itself
            return text
        # A close move joining the path is no documented move (a porter's move to Nursing
        # Associate was shown as "the career path the target occupation documents")
        if len(moved) == len(g.steps) - 1:  # the route is that move alone
            return f"a move no document gives ({', '.join(moved)})"
        if g.route == "career path":
            return f"a move no document gives ({', '.join(moved)}), then {text}"
        return f"{text}, and a move no document gives ({', '.join(moved)})"
    last = g.steps[-1]
    if last.is_current:  # no colon after a word (see _ROUTE_TEXT)
        return f"the target alone, {g.mine}"
    if last.reached or not any(s.is_current for s in g.steps):
        return "the target alone"
    return _ROUTE_TEXT["direct"]


def _words(blocks) -> str:
    """``skills, aptitudes and traits``: blocks as the model names them."""
    names = [f"{b}s" for b in blocks]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def format_time(created: datetime) -> str:
    """A report's time as shown: ``2025-04-01 09:30 UTC``."""
    return created.strftime("%Y-%m-%d %H:%M ") + (created.tzname() or "")


def report_context(report: Report) -> dict[str, Any]:
    """What the templates show, formatted once for both HTML and Markdown."""
    g = report.gaps
    # "your target" marks a target the person (or whoever ran the report) named: a best match
    # taken as the target was badged "your target" too, read as the person's own choice
    matches = match_rows(
        report.recommendations, "" if report.target_source == "best match" else g.target_id
    )
    steps = step_rows(g)
    plan = plan_rows(g)
    items = need_rows(report)
    return {
        **_header(report),
        **_summary(report),
        **_route(g, plan),
        "matches": matches,
        "steps": steps,
        "plan": plan,
        "items": items,
        "need_items": [i for i in items if not i["fit"]],
        "fit_items": [i for i in items if i["fit"]],
        **_needs(report, items),
        **_blocks(report),
        **_footnotes(steps, plan),
        "block_colours": BLOCK_COLOURS,
        "tolerance": level_text(MATCH_TOLERANCE),
        "partial_to": level_text(MATCH_TOLERANCE + PARTIAL),
    }


def _header(report: Report) -> dict[str, Any]:
    """Who the report is for, what it aims at, when and from which catalog it was made."""
    return {
        "who": label(report.who),
        # A survey names people by their id: show the id once.
        "respondent_id": "" if report.respondent_id == report.who else report.respondent_id,
        "current_job": report.person.current_job,
        "named_target": report.person.target_job,
        "target_title": report.gaps.target_title,
        "target_source": SOURCE_TEXT[report.target_source],
        "created": format_time(report.created),
        "created_iso": report.created.isoformat(),
        "rated": ", ".join(counted(n, b) for b, n in report.rated.items()),
        "rated_total": counted(sum(report.rated.values()), "item"),
        "catalog_size": counted(report.catalog_size, "occupation"),
        "catalog": counted(report.catalog_size, "occupation")
        + (f", catalog {report.catalog_digest}" if report.catalog_digest else ""),
        "version": __version__,
        "credit": report.credit,
    }


def _summary(report: Report) -> dict[str, Any]:
    """The summary's sentences: the best match, the next step, and the notes on the person."""
    recs = report.recommendations
    return {
        "best": _best(recs[0]) if recs else None,
        "next_step": _next_text(report.gaps),
        "alike": sentence(ALIKE_TEXT) if report.person.alike else None,
        "current_note": sentence(current_job_note(report.current, recs, report.standing)),
        "order_note": sentence(report.order_note),
    }


def _route(g: GapReport, plan: list[dict[str, Any]]) -> dict[str, Any]:
    """The route: how many steps ahead and left, the post the person is in, how it was found."""
    return {
        # The post the person is in is not a step ahead of them: its gaps are said apart.
        "steps_ahead": counted(sum(not s.is_current for s in g.steps), "step"),
        "any_steps_ahead": any(not s.is_current for s in g.steps),
        "steps_left": sum(not s.reached and not s.is_current for s in g.steps),
        "own_gaps": _own_gaps(g),
        # a match the route starts from is not the person's post (a nursery assistant with no
        # current job read "closing the gaps of your own post, Nursery Teacher")
        "here_text": g.here,
        "mine": g.mine.capitalize(),
        "plan_size": counted(len(plan), "item"),
        "route": g.route,
        "route_text": _route_text(g),
        "notes": list(g.notes),
    }


def _needs(report: Report, items: list[dict[str, Any]]) -> dict[str, Any]:
    """The needs chart's figures: how many of the target's needs were met, rated, left blank
    or estimated, and the three the person is shortest of."""
    needs = [i for i in report.need_items if not i.is_fit]
    # counted over what the person rated: estimates "met" read as the person's own claims
    rated_needs = [i for i in needs if i.rating is not None]
    blank = sum(row["skipped"] for row in items if not row["fit"])  # rated: never skipped
    not_rated = len(needs) - len(rated_needs) - blank
    unrated_text = ", ".join(
        [f"{not_rated} more not rated"] * bool(not_rated)
        + [f"{blank}{'' if not_rated else ' more'} left blank"] * bool(blank)
    )
    short = (i for i in rated_needs if not i.meets)
    shortest = sorted(short, key=lambda i: (-i.shortfall, i.name))[:3]
    return {
        "items_met": sum(i.meets for i in rated_needs),
        "items_needed": len(rated_needs),
        "items_unrated": len(needs) - len(rated_needs),
        "items_total": report.need_items_total,
        # the chart keeps what the person rated first: "the 16 most important" was not so
        "items_rated_shown": sum(i.rating is not None for i in report.need_items),
        "items_estimated": sum(i["estimated"] for i in items),
        "items_unrated_text": unrated_text,
        # which footnote an estimate has, as in the path and the plan
        "items_not_rated": any(i["estimated"] and not i["skipped"] for i in items),
        "items_blank": any(i["estimated"] and i["skipped"] for i in items),
        # every bar an estimate: none rated, and some are needs (an unrated fit has no bar)
        "items_all_estimated": any(i["estimated"] for i in items)
        and all(i.rating is None for i in report.need_items),
        "items_short": [f"{i.name} (short by {i.shortfall:.1f})" for i in shortest],
    }


def _blocks(report: Report) -> dict[str, Any]:
    """The blocks the report speaks of, in words: those rated, those needed, those of fit."""
    # What is a matter of fit is the model's to say: interests, and O*NET's work styles too.
    fit_blocks = tuple(
        dict.fromkeys(
            [e.block for r in report.recommendations for e in (*r.matched, *r.missing) if e.fit]
            + [i.block for i in report.need_items if i.is_fit]
        )
    ) or ("interest",)
    needs = [i for i in report.need_items if not i.is_fit]
    blocks = report.blocks or tuple(report.rated)
    needs_blocks = report.needs_blocks or tuple(dict.fromkeys(i.block for i in needs))
    return {
        "blocks_text": _words(blocks),
        "needs_title": _words(needs_blocks).capitalize(),
        "needs_text": _words(needs_blocks),
        "has_fit": any(i.is_fit for i in report.need_items),
        "fit_title": _words(fit_blocks).capitalize(),
    }


def _footnotes(steps: list[dict[str, Any]], plan: list[dict[str, Any]]) -> dict[str, Any]:
    """Which footnotes the path and the plan have: of estimates never rated, of items left
    blank; each where its stars are (an empty plan under a footnote of estimates read as
    something left out)."""
    return {
        "estimate_text": ESTIMATE_TEXT,
        "steps_estimated": any(s["estimated"] for st in steps for s in st["gaps"]),
        # which footnote an estimate has: never rated ("rate it to be sure") or left blank
        "steps_not_rated": any(
            s["estimated"] and not s["skipped"] for st in steps for s in st["gaps"]
        ),
        "steps_blank": any(s["skipped"] for st in steps for s in st["gaps"]),
        "plan_not_rated": any(p["estimated"] and not p["skipped"] for p in plan),
        "plan_blank": any(p["skipped"] for p in plan),
        # the project's own words, not the person's: as the templates' text, left unescaped
        # (Markdown's escape of a colon after a word, against autolinks, showed as "\:")
        "blank_advice": Markup(sentence(BLANK_ADVICE)),
    }


def _next_text(g: GapReport) -> str | None:
    """What the summary calls the next step (None: no step ahead)."""
    if g.next_step is None:
        return None
    step = g.steps[g.next_step]
    # At the target with gaps of its own, "next" is the post the person is in.
    if not step.is_current:
        return step.title
    if step.gaps:
        return f"closing the gaps of {g.mine}, {step.title}"
    # short of nothing rated: too few of its key items rated to say
    return f"rating the rest of the key items of {g.mine}, {step.title}"


def _own_gaps(g: GapReport) -> str | None:
    """The title of the post the person holds when it has gaps of its own, else None."""
    # the post the person holds has gaps only where they rated an item short of it: of
    # what they left unrated an estimate (2 at most) says little of someone doing the job
    # (a teacher was told her own post "has gaps too" on estimates alone)
    for s in g.steps:
        if (
            s.is_current
            and not s.reached
            and s is not g.steps[-1]
            and any(not gap.estimated for gap in s.gaps)
        ):
            return s.title
    return None


def _best(recommendation) -> dict[str, Any]:
    """The best match as the summary gives it, with how many of its key items were rated: a
    score of 0.12 from a 20-item survey read as "12 % suited" where 3 of 25 were rated."""
    rated = len(recommendation.matched) + len(recommendation.missing)
    unrated = len(recommendation.unrated)  # the score counts these as not met
    return {
        "title": recommendation.title,
        "score": f"{recommendation.score:.2f}",
        "rated": rated if unrated else None,
        "key": counted(rated + unrated, "key item"),
        # most of its key items: two at least, or its only one
        "not_asked": (
            f", and {len(recommendation.not_asked)} "
            f"{'was' if len(recommendation.not_asked) == 1 else 'were'} not on your questionnaire"
            if recommendation.rests_on_few_asked
            else ""
        ),
    }
