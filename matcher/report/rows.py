"""The rows of a report's tables, formatted once for HTML and Markdown: the matches,
the route's steps, the learning plan and the needs chart."""

from __future__ import annotations

from typing import Any

from matcher.io.assessment import ALL
from matcher.match.gapreport import GapReport
from matcher.util.labels import estimate_text, level_text, percent, rating_text, sentence

__all__ = ["left_blank", "match_rows", "need_rows", "plan_rows", "step_rows"]


def match_rows(recs, target_id: str) -> list[dict[str, Any]]:
    """The matches table: each recommendation as the templates show it."""
    return [
        {
            "rank": r.rank,
            "title": r.title,
            "score": f"{r.score:.2f}",
            "confidence": percent(r.confidence),
            "bar": "█" * round(r.score * 10) + "░" * (10 - round(r.score * 10)),
            "is_target": r.occupation_id == target_id,
            "matched": [_evidence(e) for e in _needs(r.matched)[:4]],
            "matched_more": max(0, len(_needs(r.matched)) - 4),
            "missing": [_evidence(e) for e in _needs(r.missing)[:4]],
            "missing_more": max(0, len(_needs(r.missing)) - 4),
            # A fit (interests, O*NET's work styles) is not something to have or to work on.
            "fit": [
                f"{e.name} ({rating_text(e.rating)} / typical {level_text(e.level)})"
                for e in (*r.matched, *r.missing)
                if e.fit
            ][:4],
            "few_asked": _few_asked(r),
            "unrated": _unrated(r)[:4],
            "unrated_more": max(0, len(_unrated(r)) - 4),
            "blank": [e.name for e in r.left_blank[:4]],
            "blank_more": max(0, len(r.left_blank) - 4),
            "parts": ", ".join(
                f"{block}s {value:.2f}"
                for block, value in sorted(r.contributions.items(), key=lambda kv: (-kv[1], kv[0]))
                if value > 0.005
            ),
        }
        for r in recs
    ]


def step_rows(g: GapReport) -> list[dict[str, Any]]:
    """The route's steps, each with its gaps, as the templates show them."""
    steps = []
    for number, step in enumerate(g.steps, start=1):
        status = "next step" if step.status == "next" else step.status
        # an estimated gap is in the step's table already (as `matcher gaps` shows it)
        in_table = {gap.name for gap in step.gaps}
        # what the person was asked and skipped is said apart from what was never asked
        blank = [name for name in step.unrated if name not in in_table and name in step.skipped]
        unrated = [n for n in step.unrated if n not in in_table and n not in step.skipped]
        css = step.status if step.status in ("reached", "next") else "ahead"
        steps.append(
            {
                "number": number,
                "title": step.title,
                "status": status,
                "css": css,
                "here": step.is_current,
                "is_target": step.occupation_id == g.target_id,
                "score": f"{step.score:.2f}",
                "reached": step.reached,
                "unrated": unrated[:12],
                "unrated_more": max(0, len(unrated) - 12),
                "blank": blank[:12],
                "blank_more": max(0, len(blank) - 12),
                "gaps": [
                    {
                        "name": gap.name,
                        "block": gap.block,
                        "you": rating_text(gap.rating, gap.estimate, skipped=gap.skipped),
                        "estimated": gap.estimated,
                        "skipped": gap.skipped,
                        "needs": level_text(gap.level),
                        "short": f"{gap.deficit:.1f}",
                        "priority": f"{gap.priority:.2f}",
                    }
                    for gap in step.gaps
                ],
            }
        )
    return steps


def plan_rows(g: GapReport) -> list[dict[str, Any]]:
    """The learning plan: what to learn, in order, from what rating to what level."""
    return [
        {
            "number": number,
            "name": item.name,
            "block": item.block,
            "from": rating_text(item.rating, item.estimate, skipped=item.skipped),
            "estimated": item.estimated,
            "skipped": item.skipped,
            "to": level_text(item.level),
            "target": "not needed" if item.target_level is None else level_text(item.target_level),
            "step": item.step + 1,
            "step_title": item.step_title,
        }
        for number, item in enumerate(g.plan, start=1)
    ]


def need_rows(report) -> list[dict[str, Any]]:
    """The needs chart's items: the person's side, the level needed and the verdict."""
    return [_need_row(i, left_blank(report.person, i.block, i.name)) for i in report.need_items]


def _need_row(item, skipped: bool) -> dict[str, Any]:
    return {
        "name": item.name,
        "block": item.block,
        "you": _you(item, skipped),
        # an unrated fit shows no estimate: it is never a gap the estimate is for
        "estimated": item.rating is None and not item.is_fit,
        "skipped": skipped,
        "fit": item.is_fit,
        "needs": level_text(item.level),
        "verdict": _verdict(item, skipped),
        "meets": item.meets,
    }


def left_blank(person, block: str, name: str) -> bool:
    """Whether ``person``'s questionnaire asked this item and they gave no rating: "left
    blank" in the path and plan, so in the aptitudes and traits, their chart and the matches
    too (the same skipped item read "not rated ... Rate it to be sure" a section further)."""
    if person.asked is None or person.rating(block, name) is not None:
        return False
    return person.asked == ALL or (block, name) in person.asked


def _verdict(item, skipped: bool = False) -> str:
    """How an item of the needs chart compares: a need met or not; a fit (an interest,
    O*NET's work styles) fits or not."""
    if item.is_fit:
        if item.rating is None:  # a fit judged on a guess reads as a judgement of the person
            return "rate it to see how it fits"
        if item.meets:
            return "fits"
        return "a weaker interest than is typical" if item.block == "interest" else "below typical"
    verdict = "meets it" if item.meets else f"short by {item.shortfall:.1f}"
    said = "left blank" if skipped else "not rated"
    return verdict if item.rating is not None else f"{said} (the estimate {verdict})"


def _you(item, skipped: bool = False) -> str:
    """The person's side of a need item: the rating, else the estimate the gaps assume,
    but never for a fit (an interest, O*NET's work styles), which is no gap."""
    if item.rating is not None or item.is_fit:
        return rating_text(item.rating, skipped=skipped)
    return (
        rating_text(None, item.estimate, skipped=True) if skipped else estimate_text(item.estimate)
    )


def _few_asked(recommendation) -> dict[str, Any] | None:
    """A match most of whose key items the person's questionnaire did not ask
    (``Recommendation.rests_on_few_asked``): how many of how many, the first named; else None.
    "You have: Customer Service, Teamwork" read as a tested fit for a match never asked 15 of
    its 19 key items."""
    said = recommendation.not_asked_words
    if said is None:
        return None
    names = [e.name for e in recommendation.not_asked]
    return {
        "said": sentence(said[0]),
        "rests": said[1],
        "names": names[:4],
        "more": max(0, len(names) - 4),
    }


def _unrated(recommendation) -> list[str]:
    """A match's unrated key items, but those :func:`_few_asked` names already."""
    apart = recommendation.not_asked if recommendation.rests_on_few_asked else ()
    apart = (*apart, *recommendation.left_blank)  # said apart: "Left blank"
    return [e.name for e in recommendation.unrated if e not in apart]


def _needs(items) -> list:
    """The items of a match that are needs (not a matter of fit: interests, O*NET's work
    styles)."""
    return [e for e in items if not e.fit]


def _evidence(item) -> str:
    """``Policy Planning (4 / needs 4.9)``: an item of a match, levels to one decimal."""
    return f"{item.name} ({rating_text(item.rating)} / needs {level_text(item.level)})"
