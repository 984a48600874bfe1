"""Why an occupation was recommended: block contributions and item evidence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import numpy as np

from matcher.core.gapmath import (
    KEY_IMPORTANCE,
    MATCH_TOLERANCE,
    deficit,
    shown,
    shown_deficits,
    shown_value,
)
from matcher.util.labels import level_text, percent, rating_text

if TYPE_CHECKING:
    pass

__all__ = [
    "ItemEvidence",
    "Recommendation",
    "Standing",
    "evidence",
    "evidence_of_many",
    "few_asked_note",
    "key_items",
]


#: Asked items an occupation does not list that the explanation speaks of (fewer say little).
UNNEEDED_SAID = 3
#: A mean rating of those below this is "low", at or above :data:`HIGH_RATING` more than the
#: occupation needs of them (a questionnaire reads them at the background's level, mostly 0).
LOW_RATING, HIGH_RATING = 1.5, 2.5


@dataclass(frozen=True)
class ItemEvidence:
    """One key item of an occupation set against the person's rating.

    ``rating`` is None when the person did not answer; ``level`` is what the
    occupation needs (0-5, to one decimal, as shown and judged); ``importance`` is its
    weight in the match.
    """

    block: str
    name: str
    rating: float | None
    level: float
    importance: float
    #: a matter of fit, never a gap (:func:`~matcher.core.gapmath.fit_blocks`)
    fit: bool = False

    @property
    def deficit(self) -> float | None:
        """How many rating points short of the needed level (0 if met; None if unrated)."""
        return None if self.rating is None else deficit(self.level, self.rating)

    def __str__(self) -> str:
        wants = "typical" if self.fit else "needs"  # a fit is no need to meet
        return f"{self.name} ({rating_text(self.rating)} / {wants} {level_text(self.level)})"


@dataclass(frozen=True)
class Standing:
    """Where a person's current job stands in their whole order (shown or not): its ``rank``
    (1 for the first) and ``confidence``, and ``why`` the first match is placed before it
    when the job has the higher confidence ("the order ...",
    :func:`~matcher.match.order.why_before`), else None."""

    rank: int
    confidence: float
    why: str | None = None


@dataclass(frozen=True)
class Recommendation:
    """One ranked occupation for one person.

    ``score`` is in [0, 1]: the share of the occupation's key items (by
    importance) that the person's ratings meet, an unrated key item counting as
    not met (:mod:`matcher.core.fit`); ``contributions`` gives each block's part
    of it (they add up to the score). ``confidence`` is the probability, given
    everything the person answered and left blank, that this is their occupation
    (the ranking's posterior; low when the evidence is thin or several
    occupations fit alike). ``matched`` are key items the person's rating meets,
    ``missing`` key items rated below the need, ``unrated`` key items the person
    did not answer. ``offset`` and ``scale`` describe how the person's ratings
    sit against this occupation's levels (0 and 1: at the levels themselves).
    ``not_asked`` are the key items (all unrated) the person's questionnaire did not ask:
    empty for a free list and for ``"asked": "all"``, where every item was asked.
    ``left_blank`` are the unrated key items a questionnaire (``"asked"``, ``"all"`` too) did
    ask: "left blank", as the gaps and the reports' tables say, not "not rated".
    ``unneeded`` is how many items the questionnaire asked and the person rated that the
    occupation does not list, ``unneeded_rating`` their mean rating (None when none): a
    questionnaire reads such an item as one the occupation needs little of (0 for a free
    list, whose unlisted items read as the catalog has them). ``alike``: the person's
    ratings hardly vary (eight or more, all within one point), so they say little about which
    occupations fit; the same for every match of one person, as a batch's rows carry it.
    """

    rank: int
    occupation_id: str
    title: str
    score: float
    confidence: float
    contributions: Mapping[str, float]
    matched: tuple[ItemEvidence, ...]
    missing: tuple[ItemEvidence, ...]
    unrated: tuple[ItemEvidence, ...]
    offset: float = 0.0
    scale: float = 1.0
    not_asked: tuple[ItemEvidence, ...] = ()
    left_blank: tuple[ItemEvidence, ...] = ()
    unneeded: int = 0
    unneeded_rating: float | None = None
    alike: bool = False

    @property
    def rests_on_few_asked(self) -> bool:
        """Whether most of its key items were not on the person's questionnaire. An item not
        asked is no evidence either way, so such a match rests on the fewer that were: a
        dental nurse's healthcare questionnaire put Restaurant Server first on Customer
        Service, Teamwork, Communication Skills and Cleanliness, "4 of 4 rated key items"
        met, with Hospitality, Cash Handling and 8 more never asked.

        Counted as the note counts them: decided by importance, "9 of its 20 key items were
        not on your questionnaire" was said to be "most", the match to rest "on the few" 11."""
        key = len(self.matched) + len(self.missing) + len(self.unrated)
        return 2 * len(self.not_asked) > key

    @property
    def not_asked_note(self) -> str | None:
        """What to say of a match that :attr:`rests_on_few_asked`, else None."""
        said = self.not_asked_words
        if said is None:
            return None
        names = _first([e.name for e in self.not_asked], 3)
        return f"{said[0]} ({names}): {said[1]}"

    @property
    def not_asked_words(self) -> tuple[str, str] | None:
        """:attr:`not_asked_note` before and after the names not asked (the reports set the
        names apart), else None; every count worded as :func:`~matcher.util.labels.counted`
        words it ("rests on the 1 that were")."""
        if not self.rests_on_few_asked:
            return None
        key = len(self.matched) + len(self.missing) + len(self.unrated)
        asked = key - len(self.not_asked)
        if not asked:
            none = "its only key item was" if key == 1 else f"none of its {key} key items was"
            said = f"{none} on your questionnaire", "nothing you were asked is key to it"
        else:
            # most not asked: two at least, so "were"
            that = "the one that was" if asked == 1 else f"the {asked} that were"
            said = (
                f"{len(self.not_asked)} of its {key} key items were not on your questionnaire",
                f"this match rests on {that}",
            )
        return said[0], said[1] + self._unneeded_words(bool(asked))

    def _unneeded_words(self, after_rests: bool = True) -> str:
        """What the asked items the occupation does not list add to :attr:`not_asked_words`
        (after "this match rests on ..." or, ``after_rests`` false, after "nothing you were
        asked is key to it"): they are evidence too. A teenager who rated herself 0-2 on a
        40-item questionnaire got Farm Worker first, "resting on the one" key item asked, a gap
        (meeting it lowered Farm Worker): it rested on her low answers to the 39 items Farm
        Worker does not need."""
        kind = self.unneeded_kind
        if kind is None:
            return ""
        n = self.unneeded
        said = f"{self.unneeded_rating:.1f} on average"
        if kind == "high":
            return f", though you rated the {n} asked items it does not need {said}"
        rests = ", and on" if after_rests else ": it rests on"
        if kind == "low":
            return f"{rests} the {n} asked items it does not need, which you rated low ({said})"
        return f"{rests} your ratings ({said}) of the {n} asked items it does not need"

    @property
    def unneeded_kind(self) -> str | None:
        """How the person rated the asked items the occupation does not list: "low", "high"
        or "middle", judged on the mean as shown (to one decimal: "rated low (1.5 on
        average)" beside "your ratings (1.5 on average)" read as a contradiction); None when
        fewer than :data:`UNNEEDED_SAID` were rated."""
        if self.unneeded < UNNEEDED_SAID or self.unneeded_rating is None:
            return None
        mean = round(self.unneeded_rating, 1)
        if mean < LOW_RATING:
            return "low"
        return "high" if mean >= HIGH_RATING else "middle"

    @property
    def explanation(self) -> str:
        """A sentence or three a person can read."""
        parts = []
        blocks = sorted(self.contributions.items(), key=lambda kv: (-kv[1], kv[0]))
        shares = ", ".join(f"{block}s {value:.2f}" for block, value in blocks if value > 0)
        parts.append(
            f"Score {self.score:.2f}{f' ({shares})' if shares else ''}, "
            f"confidence {percent(self.confidence)}."
        )
        if note := self.not_asked_note:  # before "You meet 4 of 4", which read as a perfect fit
            parts.append(f"{note[0].upper()}{note[1:]}.")
        key = len(self.matched) + len(self.missing)
        if self.matched:
            shown = _first(list(map(str, self.matched)), 4)
            parts.append(f"You meet {len(self.matched)} of {key} rated key items: {shown}.")
        work = [e for e in self.missing if not e.fit]
        if work:
            parts.append(f"To work on: {_first(list(map(str, work)), 3)}.")
        fit = [e for e in self.missing if e.fit]
        if fit:  # a matter of liking or style, not a gap to close
            kinds = " and ".join(f"{b}s" for b in sorted({e.block for e in fit}, reverse=True))
            parts.append(f"{kinds.capitalize()} further from it: {_first(list(map(str, fit)), 3)}.")
        # the items not asked are named above when the note is given
        unrated = [
            e
            for e in self.unrated
            if not (note and e in self.not_asked) and e not in self.left_blank
        ]
        if unrated:
            parts.append(f"Not rated: {_first([e.name for e in unrated], 3)}.")
        if self.left_blank:
            parts.append(f"Left blank: {_first([e.name for e in self.left_blank], 3)}.")
        return " ".join(parts)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["contributions"] = dict(self.contributions)
        data["explanation"] = self.explanation
        return data


def few_asked_note(recommendations: list[Recommendation] | tuple) -> str | None:
    """What to say beside the matches of those that :attr:`~Recommendation.rests_on_few_asked`,
    or None: the table gave Restaurant Server first to a dental nurse whose questionnaire never
    asked 15 of its 19 key items, with nothing to tell it from a match that was tested."""
    resting = [r for r in recommendations if r.rests_on_few_asked]
    if not resting:
        return None
    few = [f"#{r.rank} {r.title}" for r in resting]
    those = "that match rests" if len(few) == 1 else "those matches rest"
    # and on the asked items they do not list, when every such match rests on them (rated
    # low, as its explanation says); rated high they count against it
    also = all(r.unneeded_kind == "low" for r in resting)
    they = "it does" if len(few) == 1 else "they do"
    on = f"on the ones that were{f' and on the asked items {they} not need' if also else ''}"
    # "#1 A, #2 B and #3 C"; past three, "#1 A, #2 B, #3 C and 2 more"
    named = _first(few, 3) if len(few) > 3 else f"{', '.join(few[:-1])} and {few[-1]}"
    return (
        f"most of the key items of {named.removeprefix(' and ')} were not on your "
        f"questionnaire: {those} {on} (rate the items marked ? to test them)"
    )


def _first(names: list[str], shown: int) -> str:
    """The first ``shown`` names, and how many more ("You meet 10 of 13" named 4 and read as
    if the count and the list disagreed)."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")


def key_items(
    levels: np.ndarray,
    importance: np.ndarray,
    weights: np.ndarray,
    keys: list[tuple[str, str]],
    name_rank: np.ndarray,
    fits: frozenset[str] = frozenset(),
) -> tuple[np.ndarray, np.ndarray, tuple[ItemEvidence, ...]]:
    """One occupation's key items, most telling first (by match weight, then name): their
    columns, the levels needed (as shown), and each as unrated :class:`ItemEvidence`.

    ``levels``, ``importance``, ``weights`` are the occupation's rows (n_features,);
    ``keys`` the (block, name) of every feature and ``name_rank`` the position of each
    feature's name in alphabetical order, ``fits`` the blocks that are a matter of fit.
    They depend on the occupation alone, so a
    model keeps them (:func:`matcher.match.recommend.recommend`): most of an
    occupation's key items are unrated by any one person, and those are shared."""
    columns = np.flatnonzero(importance >= KEY_IMPORTANCE)
    columns = columns[np.lexsort((name_rank[columns], -weights[columns]))]
    need = shown(levels[columns])  # as shown, as the half-point rule judges it
    items = tuple(
        # the level as shown, as the half-point rule judges it (matcher.core.gapmath)
        ItemEvidence(*keys[c], None, shown_value(level), weight, keys[c][0] in fits)
        for c, level, weight in zip(
            columns.tolist(), need.tolist(), importance[columns].tolist(), strict=True
        )
    )
    return columns, need, items


def evidence(
    ratings: np.ndarray,
    key: tuple[np.ndarray, np.ndarray, tuple[ItemEvidence, ...]],
    as_shown: np.ndarray | None = None,
) -> tuple[tuple[ItemEvidence, ...], tuple[ItemEvidence, ...], tuple[ItemEvidence, ...]]:
    """Key items of one occupation (:func:`key_items`) split into matched, missing and
    unrated against one person's ratings (n_features,), NaN where unanswered; ``as_shown``:
    the ratings :func:`~matcher.core.gapmath.shown`, when already made for several
    occupations."""
    return evidence_of_many(ratings, [key], as_shown)[0]


def evidence_of_many(
    ratings: np.ndarray,
    keys: list[tuple[np.ndarray, np.ndarray, tuple[ItemEvidence, ...]]],
    as_shown: np.ndarray | None = None,
) -> list[tuple[tuple[ItemEvidence, ...], tuple[ItemEvidence, ...], tuple[ItemEvidence, ...]]]:
    """:func:`evidence` of several occupations' key items: the ratings read and the verdicts
    made in one call for them all (one call each made a dozen NumPy calls on a few items, ten
    times a recommendation)."""
    if as_shown is None:
        as_shown = shown(ratings)
    if not keys:
        return []
    columns = np.concatenate([key[0] for key in keys])
    values = ratings[columns].tolist()
    # the verdicts in one call (a rounding per item in plain Python cost 0.5 ms a call)
    short = shown_deficits(np.concatenate([key[1] for key in keys]), as_shown[columns]).tolist()
    found, start = [], 0
    for _, _, items in keys:
        end = start + len(items)
        found.append(_verdicts(items, values[start:end], short[start:end]))
        start = end
    return found


def _verdicts(
    items: tuple[ItemEvidence, ...], values: list[float], short: list[float]
) -> tuple[tuple[ItemEvidence, ...], tuple[ItemEvidence, ...], tuple[ItemEvidence, ...]]:
    """Key items split into matched, missing and unrated by the person's ``values`` (NaN:
    not rated) and how far ``short`` of each need they fall."""
    matched: list[ItemEvidence] = []
    missing: list[ItemEvidence] = []
    unrated: list[ItemEvidence] = []
    for item, r, gap in zip(items, values, short, strict=True):
        if r != r:  # NaN: not rated
            unrated.append(item)
            continue
        rated = ItemEvidence(item.block, item.name, r, item.level, item.importance, item.fit)
        (matched if gap <= MATCH_TOLERANCE else missing).append(rated)
    return tuple(matched), tuple(missing), tuple(unrated)
