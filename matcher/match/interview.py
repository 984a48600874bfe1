"""An adaptive self-assessment: one question at a time, each the one that tells most, until
the best matches are settled.

:class:`Interview` holds the answers so far (a rating 0-5, or a skip) in the order
they were given; after each one it ranks the occupations as ``recommend`` does,
chooses the next question (:func:`matcher.match.questions.choose`) and checks the
stopping rule (:func:`settled`). ``matcher assess`` is its terminal front end.

**When it stops** (:func:`settled`): when the best match holds :data:`SURE` of the
posterior; or when the top :data:`TOP` have stayed the same, in the same order,
for the last :data:`STEADY` answers and no question left is expected to tell more
than :data:`LITTLE` bits; or when every item has been asked. Someone who skips every
item stops after :data:`SKIPPED` skips once no question left tells :data:`LITTLE` bits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from matcher.core.likelihood import evaluate
from matcher.core.ranking import top_k
from matcher.errors import InputError
from matcher.io.assessment import Assessment
from matcher.io.ratings import GROUPS, rating_number, rating_problem
from matcher.model.default import model_or_default
from matcher.model.model import Model
from matcher.util.labels import percent

from .questions import Question, choose, single_threaded

__all__ = [
    "LITTLE",
    "SKIPPED",
    "STEADY",
    "SURE",
    "TOP",
    "Interview",
    "Match",
    "Snapshot",
    "settled",
]

#: The best match's posterior at which the interview stops.
SURE = 0.9
#: Matches shown, and watched by the stopping rule.
TOP = 5
#: Answers the top matches must stay the same for ...
STEADY = 4
#: ... while no question is expected to tell more than this (bits).
LITTLE = 0.1
#: Skips in a row, with nothing rated, after which an interview whose next question tells
#: less than :data:`LITTLE` stops (a developer skips the opening questions on budgets and
#: teams; nobody skips twenty that are each chosen to tell most).
SKIPPED = 20

#: Block -> the self-assessment JSON's key of its group of ratings.


def settled(
    tops: Sequence[tuple[int, ...]], confidence: float, gain: float, remaining: int
) -> str | None:
    """Why an interview can stop, or None: ``tops`` are the top matches after each answer so
    far, ``confidence`` the best match's posterior now, ``gain`` what the best question
    left is expected to tell (bits), ``remaining`` how many items are not asked yet."""
    if remaining == 0:
        return "every item has been asked"
    if confidence >= SURE:
        return f"the best match holds {percent(confidence)} of the probability"
    recent = tops[-STEADY - 1 :]
    if len(recent) > STEADY and len(set(recent)) == 1 and gain < LITTLE:
        return (
            f"the top {TOP} have not changed for {STEADY} answers and no question left is "
            f"expected to change them"
        )
    return None


@dataclass(frozen=True)
class Match:
    """One of the best matches now: ``confidence`` is its posterior probability."""

    occupation_id: str
    title: str
    confidence: float


@dataclass(frozen=True)
class Snapshot:
    """Where an interview stands: the best matches (none before the first rating), the
    next question (None when every item was asked) and why it may stop (None: go on)."""

    matches: tuple[Match, ...]
    question: Question | None
    stop: str | None


class Interview:
    """The questionnaire so far, and what to ask next.

    ``target_job``, ``current_job`` and ``name`` are kept for the saved
    self-assessment and the report.
    """

    def __init__(
        self,
        model: Model | None = None,
        *,
        name: str = "",
        current_job: str = "",
        target_job: str = "",
    ) -> None:
        self.model = model_or_default(model)
        self.name, self.current_job, self.target_job = name, current_job, target_job
        n = self.model.vectorizer.n_features
        self.ratings = np.full(n, np.nan)
        self.asked = np.zeros(n, bool)
        self.order: list[int] = []  # items in the order asked
        self._tops: dict[int, tuple[int, ...]] = {}  # number of answers -> the top matches
        self._snapshot: Snapshot | None = None

    def __len__(self) -> int:
        """How many questions have been answered or skipped."""
        return len(self.order)

    @property
    def snapshot(self) -> Snapshot:
        """The ranking, the next question and the stopping rule for the answers so far."""
        if self._snapshot is None:
            self._snapshot = self._look()
        return self._snapshot

    def _look(self) -> Snapshot:
        remaining = int(np.sum(~self.asked))
        with single_threaded():
            if np.isnan(self.ratings).all():  # nothing to rank on yet
                questions = choose(self.ratings, self.asked, self.model, 1) if remaining else []
                question = questions[0] if questions else None
                why = settled([], 0.0, 1.0, remaining)
                if why is None and len(self) >= SKIPPED and question and question.gain < LITTLE:
                    # every answer a skip: nothing ranks, and asking on tells nothing either
                    why = f"{len(self)} items skipped and no question left is expected to tell much"
                return Snapshot((), question, why)
            scorer = self.model.scorer  # the person's evidence made once, for both
            evidence = scorer.evidence(self.ratings, self.asked)
            evaluation = evaluate(evidence, scorer)
            questions = choose(self.ratings, self.asked, self.model, 1, evaluation, evidence)
        rows = top_k(evaluation.log_likelihood, TOP)
        confidence = evaluation.confidence(rows)[0]
        ids, titles = self.model.ids, self.model.titles
        matches = tuple(
            Match(ids[r], titles[r], float(c))
            for r, c in zip(rows[0].tolist(), confidence.tolist(), strict=True)
        )
        self._tops[len(self.order)] = tuple(rows[0].tolist())
        tops = [self._tops[k] for k in sorted(self._tops)]
        question = questions[0] if questions else None
        gain = question.gain if question else 0.0
        return Snapshot(matches, question, settled(tops, float(confidence[0]), gain, remaining))

    def answer(self, rating: float | None) -> None:
        """Answer the current question with a rating 0-5, or skip it (None); a rating is
        checked as a self-assessment's is (:func:`matcher.io.ratings.rating_problem`)."""
        question = self.snapshot.question
        if question is None:
            raise InputError("every item has been asked: there is no question to answer")
        # the self-assessment's rule: True from a checkbox was saved as a rating of 1, "4" from a
        # form raised a TypeError
        problem = None if rating is None else rating_problem(rating, "None to skip")
        if problem:
            raise InputError(problem)
        item = self.model.vectorizer.feature_index(question.block, question.name)
        self.ratings[item] = np.nan if rating is None else rating_number(rating)
        self.asked[item] = True
        self.order.append(item)
        self._snapshot = None

    def back(self) -> bool:
        """Take back the last answer; False when there is none."""
        if not self.order:
            return False
        item = self.order.pop()
        self.ratings[item] = np.nan
        self.asked[item] = False
        self._tops = {k: v for k, v in self._tops.items() if k <= len(self.order)}
        self._snapshot = None
        return True

    def assessment(self) -> Assessment:
        """The self-assessment so far, with the items asked (a skip is asked, unanswered)."""
        keys = self.model.feature_keys
        rated = [i for i in self.order if not np.isnan(self.ratings[i])]  # every one asked
        ratings = {keys[i]: float(self.ratings[i]) for i in rated}
        return Assessment(
            name=self.name,
            ratings=ratings,
            current_job=self.current_job,
            target_job=self.target_job,
            asked=frozenset(keys[i] for i in self.order),
        )

    def to_dict(self) -> dict[str, Any]:
        """The self-assessment in its JSON shape (the README's *A person's profile*), with
        ``"asked"``: items in the order asked, ratings as given."""
        keys = self.model.feature_keys
        data: dict[str, Any] = {
            field: value
            for field, value in (
                ("name", self.name),
                ("current_job", self.current_job),
                ("target_job", self.target_job),
            )
            if value
        }
        asked: dict[str, list[str]] = {}
        for item in self.order:
            block, name = keys[item]
            group = GROUPS[block]
            asked.setdefault(group, []).append(name)
            if not np.isnan(self.ratings[item]):
                value = float(self.ratings[item])
                data.setdefault(group, {})[name] = int(value) if value.is_integer() else value
        data["asked"] = asked
        return data
