"""One person's report, computed once: matches, the path to a target, the needs chart's items."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from matcher.core.gapmath import MATCH_TOLERANCE, deficit, estimated_ratings, fit_blocks
from matcher.io.assessment import Assessment
from matcher.match.explain import Recommendation, Standing
from matcher.match.gaps import GapReport, gaps
from matcher.match.jobnote import current_job
from matcher.match.order import order_notes
from matcher.match.recommend import ranked, rate
from matcher.model.credit import data_credit
from matcher.model.default import model_or_default
from matcher.model.model import Model
from matcher.validation import check_instance, check_positive_int, check_text, refuse

__all__ = [
    "DEFAULT_TOP",
    "MAX_NEED_ITEMS",
    "NEEDS_BLOCKS",
    "NeedItem",
    "Report",
    "build_report",
    "report_time",
]

#: How many best matches a report shows unless told otherwise (fits one page).
DEFAULT_TOP = 5
#: Blocks the needs chart may compare, in this order (those the model has): every
#: block but skills, which the path and the plan cover item by item.
NEEDS_BLOCKS = ("aptitude", "trait", "interest")
#: Most rows of the needs chart (a catalog like O*NET rates every item for every job).
MAX_NEED_ITEMS = 16


@dataclass(frozen=True)
class NeedItem:
    """One aptitude, trait or interest of the target, set against the person.

    ``rating`` is None when unrated; ``estimate`` is then the rating the gaps
    assume (:func:`matcher.core.gapmath.estimated_ratings`: the mean of the
    person's ratings in the block, shrunk towards 2). ``level`` 0-5 is what the
    target needs (for an interest: how strong it is in the occupation, a fit
    rather than a requirement).
    """

    block: str
    name: str
    rating: float | None
    estimate: float
    level: float
    importance: float
    #: a matter of fit, never a gap to close (an interest; O*NET's work styles)
    is_fit: bool = False

    @property
    def value(self) -> float:
        """The rating, or the estimate where unrated."""
        return self.estimate if self.rating is None else self.rating

    @property
    def shortfall(self) -> float:
        """How far short, on the numbers as shown (:func:`~matcher.core.gapmath.deficit`)."""
        return deficit(self.level, self.value)

    @property
    def meets(self) -> bool:
        return self.shortfall <= MATCH_TOLERANCE


@dataclass(frozen=True)
class Report:
    """Everything a report shows, computed once and rendered to any format."""

    respondent_id: str
    person: Assessment
    target_source: str  # "given" | "profile" | "best match"
    recommendations: tuple[Recommendation, ...]
    gaps: GapReport
    need_items: tuple[NeedItem, ...]
    created: datetime
    catalog_size: int
    catalog_digest: str = ""
    rated: Mapping[str, int] = field(default_factory=dict)
    need_items_total: int = 0  # before the cap of MAX_NEED_ITEMS
    blocks: tuple[str, ...] = ()  # the model's blocks
    needs_blocks: tuple[str, ...] = ()  # the blocks the needs chart compares
    current: tuple[str, str] | None = None  # the current job (id, title), when in the catalog
    standing: Standing | None = None  # where it stands, and why, when not the first
    credit: str = ""  # what the model's data asks to be credited with (O*NET's licence)
    order_note: str | None = None  # why the first match is before a likelier one (if it is)

    @property
    def who(self) -> str:
        """The person's name, else the respondent id."""
        return self.person.name.strip() or self.respondent_id or "Anonymous respondent"


def report_time(created: datetime | None) -> datetime:
    """The time a report is dated: ``created`` (timezone-aware), else ``$SOURCE_DATE_EPOCH``
    (reproducible builds), else now."""
    if created is not None:
        valid = "a timezone-aware datetime, e.g. datetime.now(UTC)"
        check_instance("created", created, (datetime,), valid)
        if created.utcoffset() is None:  # naive: which moment it names depends on the machine
            refuse("created", created, valid)
        return created
    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible builds
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).astimezone().replace(microsecond=0)


def build_report(
    profile: Assessment | Mapping[str, Any] | str | Path,
    *,
    target: str | None = None,
    model: Model | None = None,
    top_k: int = DEFAULT_TOP,
    respondent_id: str = "",
    created: datetime | None = None,
    lenient: bool = False,
) -> Report:
    """Compute a report for one person.

    Parameters
    ----------
    profile : the person's self-assessment: an :class:`~matcher.Assessment`, a dict
        in the self-assessment JSON shape (the README's *A person's profile*), or a path.
    target : occupation id, title or alias. Default: the self-assessment's
        ``target_job``, else the person's best match.
    top_k : how many best matches to show.
    respondent_id : shown on the report and used for its file name.
    created : timezone-aware time the report is dated (default: now, or
        ``$SOURCE_DATE_EPOCH`` when set).

    Raises
    ------
    UnknownOccupationError
        The target names no occupation of the catalog (the message lists similar
        names: by spelling, not jobs alike).
    """
    top_k = check_positive_int("top_k", top_k)
    if target is not None:  # "" or 0 fell back to the default target unsaid
        check_text("target", target, "an occupation's id, title or alias, or None")
    check_instance("respondent_id", respondent_id, (str,), "text")
    model = model_or_default(model)
    person, ratings = rate(profile, model, lenient=lenient)
    recommendations = tuple(ranked(person, ratings, model, top_k))
    if target:
        source = "given"
    elif person.target_job.strip():
        target, source = person.target_job, "profile"
    else:
        target, source = recommendations[0].occupation_id, "best match"
    gap_report = gaps(person, target, model=model)
    rated: dict[str, int] = {}
    for block, _ in person.ratings:
        rated[block] = rated.get(block, 0) + 1
    needs_blocks = tuple(b for b in NEEDS_BLOCKS if b in model.block_names)
    items = _need_items(model, ratings, gap_report.target_id, needs_blocks)
    current = current_job(model, person)
    standing, order = order_notes(person, recommendations, model, current)
    return Report(
        respondent_id=respondent_id,
        person=person,
        target_source=source,
        recommendations=recommendations,
        gaps=gap_report,
        need_items=_most_important(items, MAX_NEED_ITEMS),
        created=report_time(created),
        catalog_size=len(model.catalog),
        catalog_digest=model.catalog_hash[:12],
        rated={b: rated[b] for b in model.block_names if b in rated},
        need_items_total=len(items),
        blocks=model.block_names,
        needs_blocks=needs_blocks,
        current=current,
        standing=standing,
        credit=data_credit(model),
        order_note=order,
    )


def _need_items(
    model: Model, ratings: np.ndarray, target_id: str, blocks: tuple[str, ...]
) -> tuple[NeedItem, ...]:
    """The target's items of ``blocks`` against the person's ratings.

    Block by block in the order given; most important first within each block.
    """
    row = model.index_of(target_id)
    estimates = estimated_ratings(ratings[None, :], model.block_codes)[0]
    importance, levels = model.importance[row], model.levels[row]
    fits = fit_blocks(model)
    items = []
    for column in np.flatnonzero(importance > 0):
        block, name = model.vectorizer.key(column)
        if block not in blocks:
            continue
        rating = None if np.isnan(ratings[column]) else float(ratings[column])
        items.append(
            NeedItem(
                block,
                name,
                rating,
                float(estimates[column]),
                float(levels[column]),
                float(importance[column]),
                block in fits,
            )
        )
    order = {b: i for i, b in enumerate(blocks)}
    items.sort(key=lambda i: (order[i.block], -i.importance, -i.level, i.name))
    return tuple(items)


def _most_important(items: tuple[NeedItem, ...], limit: int) -> tuple[NeedItem, ...]:
    """The ``limit`` items to chart, in their order: those rated first (O*NET's work styles
    outrank interests: a student who rated the six interests saw one bar among 15 empty rows),
    each group by importance (then highest level, then name)."""
    if len(items) <= limit:
        return items
    order = sorted(items, key=lambda i: (i.rating is None, -i.importance, -i.level, i.name))
    keep = set(order[:limit])
    return tuple(i for i in items if i in keep)
