"""What the templates show: a report formatted once, for both HTML and Markdown."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from matcher import __version__
from matcher.core.gapmath import MATCH_TOLERANCE

from .build import Report
from .charts import BLOCK_COLOURS

__all__ = ["SOURCE_TEXT", "format_time", "report_context"]

#: Where a report's target came from, as the report says it.
SOURCE_TEXT = {
    "given": "chosen for this report",
    "profile": "named in the profile",
    "best match": "the best match (no target was named)",
}
_ROUTE_TEXT = {
    "career path": "the career path the target occupation documents",
    "route": "a route through related jobs, each move kept small",
    "direct": "the target alone: no path leads to it in this catalog",
}


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def format_time(created: datetime) -> str:
    """A report's time as shown: ``2025-04-01 09:30 UTC``."""
    return created.strftime("%Y-%m-%d %H:%M ") + (created.tzname() or "")


def report_context(report: Report) -> dict[str, Any]:
    """What the templates show, formatted once for both HTML and Markdown."""
    g = report.gaps
    recs = report.recommendations
    matches = [
        {
            "rank": r.rank,
            "title": r.title,
            "score": f"{r.score:.2f}",
            "bar": "█" * round(r.score * 10) + "░" * (10 - round(r.score * 10)),
            "is_target": r.occupation_id == g.target_id,
            "matched": [str(e) for e in r.matched[:4]],
            "matched_more": max(0, len(r.matched) - 4),
            "missing": [str(e) for e in r.missing[:4]],
            "missing_more": max(0, len(r.missing) - 4),
            "unrated": [e.name for e in r.unrated[:4]],
            "unrated_more": max(0, len(r.unrated) - 4),
            "parts": ", ".join(
                f"{block}s {value:.2f}"
                for block, value in sorted(r.contributions.items(), key=lambda kv: (-kv[1], kv[0]))
                if value > 0.005
            ),
        }
        for r in recs
    ]
    steps = []
    for number, step in enumerate(g.steps, start=1):
        if step.reached:
            status, css = "reached", "reached"
        elif step.is_next:
            status, css = "next step", "next"
        else:
            status, css = "ahead", "ahead"
        steps.append(
            {
                "number": number,
                "title": step.title,
                "status": status,
                "css": css,
                "here": step.is_current,
                "is_target": step.occupation_id == g.target_id,
                "score": f"{step.score:.2f}",
                "gaps": [
                    {
                        "name": gap.name,
                        "block": gap.block,
                        "you": "not rated" if gap.rating is None else _number(gap.rating),
                        "estimated": gap.estimated,
                        "needs": _number(gap.level),
                        "short": f"{gap.deficit:.1f}",
                        "priority": f"{gap.priority:.2f}",
                    }
                    for gap in step.gaps
                ],
            }
        )
    plan = [
        {
            "number": number,
            "name": item.name,
            "block": item.block,
            "from": "not rated" if item.rating is None else _number(item.rating),
            "estimated": item.estimated,
            "to": _number(item.level),
            "final": _number(item.final_level) if item.final_level > item.level else "",
            "step": item.step + 1,
            "step_title": item.step_title,
        }
        for number, item in enumerate(g.plan, start=1)
    ]
    items = [
        {
            "name": i.name,
            "block": i.block,
            "you": _number(i.rating) if i.rating is not None else f"≈{i.estimate:.1f}",
            "estimated": i.rating is None,
            "needs": _number(i.level),
            "verdict": "meets it" if i.meets else f"short by {i.shortfall:.1f}",
            "meets": i.meets,
        }
        for i in report.profile_items
    ]
    met = sum(i.meets for i in report.profile_items)
    shortest = sorted(
        (i for i in report.profile_items if not i.meets), key=lambda i: (-i.shortfall, i.name)
    )[:3]
    next_step = g.steps[g.next_step] if g.next_step is not None else None
    best = recs[0] if recs else None
    rated = ", ".join(_plural(n, b) for b, n in report.rated.items())
    return {
        "who": report.who,
        # A survey names people by their id: show the id once.
        "respondent_id": "" if report.respondent_id == report.who else report.respondent_id,
        "current_job": report.person.current_job,
        "named_target": report.person.target_job,
        "target_title": g.target_title,
        "target_source": SOURCE_TEXT[report.target_source],
        "created": format_time(report.created),
        "created_iso": report.created.isoformat(),
        "rated": rated,
        "rated_total": sum(report.rated.values()),
        "catalog_size": _plural(report.catalog_size, "occupation"),
        "catalog": _plural(report.catalog_size, "occupation")
        + (f", catalog {report.catalog_digest}" if report.catalog_digest else ""),
        "version": __version__,
        "best": None if best is None else {"title": best.title, "score": f"{best.score:.2f}"},
        "next_step": None if next_step is None else next_step.title,
        "steps_left": sum(not s.reached for s in g.steps),
        "plan_size": len(plan),
        "route": g.route,
        "route_text": _ROUTE_TEXT.get(g.route, g.route),
        "notes": list(g.notes),
        "matches": matches,
        "steps": steps,
        "plan": plan,
        "items": items,
        "items_met": met,
        "items_total": report.profile_items_total,
        "items_estimated": sum(i.rating is None for i in report.profile_items),
        "items_short": [f"{i.name} (short by {i.shortfall:.1f})" for i in shortest],
        "has_estimates": any(s["estimated"] for st in steps for s in st["gaps"])
        or any(i["estimated"] for i in items),
        "block_colours": BLOCK_COLOURS,
        "tolerance": _number(MATCH_TOLERANCE),
    }
