"""``next_questions(profile)``: the items whose answer is expected to change the ranking most.

The person is in a questionnaire: the items they were asked and left blank
are blanks, the items not asked yet say nothing. The maths is
:mod:`matcher.core.questions`; this module reads the self-assessment, runs
the ranking's passes once and says in words why each item is worth asking.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from matcher.core.blanks import blank_likelihood
from matcher.core.design import design, listed_order
from matcher.core.evidence import Evidence
from matcher.core.gapmath import fit_blocks
from matcher.core.likelihood import Evaluation, evaluate
from matcher.core.questions import (
    CANDIDATES,
    AnswerModel,
    Belief,
    answer_model,
    answers,
    belief,
    contrast,
    information_gain,
    opening,
)
from matcher.core.ranking import top_k
from matcher.core.shortlist import SUPPORT
from matcher.core.weights import RATINGS
from matcher.errors import AssessmentError
from matcher.io.assessment import RATING_KEYS, Assessment, assessment_to_dict, read_assessment
from matcher.io.ratings import GROUPS
from matcher.model.default import model_or_default
from matcher.model.model import Model
from matcher.util.labels import level_text
from matcher.validation import check_positive_int

from .recommend import asked_mask

__all__ = [
    "Question",
    "choose",
    "designed_order",
    "next_questions",
    "read_answers",
    "single_threaded",
]

#: Levels at or above which an occupation "needs" an item, and at or below which it hardly
#: does, in the words of an opening question.
HIGH, LOW = 3.0, 1.0


@dataclass(frozen=True)
class Question:
    """An item worth asking, and why.

    ``gain`` is the information its answer is expected to give about the person's
    occupation, in bits (the most a 0-5 answer can give is log2 6 ≈ 2.6);
    ``reason`` says it in words; ``contrast`` holds the ids of the two occupations it
    tells apart best (empty for an opening question, which splits the whole catalog).
    """

    block: str
    name: str
    gain: float
    reason: str
    contrast: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The item as a survey column names it, ``skill:Policy Planning``."""
        return f"{self.block}:{self.name}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["contrast"] = list(self.contrast)
        data["key"] = self.key
        return data


@functools.cache
def _threadpools():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextlib.contextmanager
def single_threaded() -> Iterator[None]:
    """BLAS on one thread: the products of one person's passes are small, and on a busy
    machine waking BLAS threads for them costs more than they save (3-5 times, measured
    by ``scripts/bench_questions.py``)."""
    with _threadpools().limit(limits=1, user_api="blas"):
        yield


def answers_model(model: Model) -> AnswerModel:
    """The model's :class:`~matcher.core.questions.AnswerModel`, computed once per process."""
    return model.cached("answer_model", lambda: answer_model(model.scorer))


def read_answers(
    answers: Assessment | Mapping[str, Any] | str | Path | None,
    model: Model,
    *,
    lenient: bool = False,
) -> tuple[Assessment, np.ndarray, np.ndarray]:
    """A questionnaire so far: the self-assessment, its ratings (F,) NaN where unanswered,
    and which items were asked (F,).

    ``None`` or an empty mapping is a questionnaire not started. Without ``"asked"`` the
    items asked are the rated ones (nothing skipped yet); an ``"asked"`` list with no
    rating is a questionnaire whose every item so far was skipped.
    """
    if answers is None or (isinstance(answers, Mapping) and not answers):
        person = Assessment(asked=frozenset())
    else:
        try:
            person = read_assessment(answers, model.item_resolver, lenient=lenient)
        except AssessmentError as exc:
            if isinstance(answers, Assessment) and _only_unrated(exc):  # an interview's skips
                answers = assessment_to_dict(answers)
            if not (isinstance(answers, Mapping) and _only_unrated(exc)):
                raise
            person = _skipped_only(answers, model, lenient)
    ratings = model.vectorizer.transform_ratings([person.ratings])[0]
    rated = ~np.isnan(ratings)
    asked = rated if person.asked is None else asked_mask(person, model) | rated
    return person, ratings, asked


def _only_unrated(exc: AssessmentError) -> bool:
    return len(exc.problems) == 1 and exc.problems[0].startswith("no ratings")


def _skipped_only(answers: Mapping[str, Any], model: Model, lenient: bool) -> Assessment:
    """A questionnaire whose items so far were all skipped: ``"asked"`` is read by lending
    the reader a rating of its first item, then dropping the rating again."""
    asked = answers.get("asked")
    if isinstance(asked, str):  # "all", every item skipped (a wrong word: the reader says so)
        block, first = model.vectorizer.key(0)
        group = GROUPS[block]
    else:
        group = next((g for g, names in (asked or {}).items() if names), None)
        if not isinstance(asked, Mapping) or group not in RATING_KEYS:
            return Assessment(asked=frozenset())
        first = asked[group][0] if isinstance(asked[group], list | tuple) else None
    lent = {**answers, group: {str(first): 0}}
    person = read_assessment(lent, model.item_resolver, lenient=lenient)
    return Assessment(
        name=person.name,
        current_job=person.current_job,
        target_job=person.target_job,
        asked=person.asked,
    )


def next_questions(
    profile: Assessment | Mapping[str, Any] | str | Path | None = None,
    *,
    k: int = 3,
    model: Model | None = None,
    lenient: bool = False,
) -> list[Question]:
    """The ``k`` items not asked yet whose answer is expected to tell most about which
    occupation fits the person, best first (ties by the model's feature order).

    ``profile`` is the questionnaire so far (a self-assessment as for ``recommend``,
    with ``"asked"`` for the items asked and skipped); ``None`` or ``{}`` gets the best
    opening questions. Each :class:`Question` says why it is worth asking.
    """
    k = check_positive_int("k", k)
    model = model_or_default(model)
    _, ratings, asked = read_answers(profile, model, lenient=lenient)
    with single_threaded():
        return choose(ratings, asked, model, k)


def designed_order(model: Model, n_items: int | None = None) -> tuple[np.ndarray, int]:
    """The first ``n_items`` (default: every item) of the questionnaire that tells the
    model's occupations apart best, in order, and how many of them the design chose: after
    those no item tells the simulated respondents apart any further, and the rest are the
    items most occupations list (:func:`matcher.core.design.design`; the first N of a
    longer design are the design of N)."""
    n = model.vectorizer.n_features if n_items is None else n_items  # design() caps it
    then = listed_order(np.asarray(model.importance))
    with single_threaded():
        items, gains = design(answers_model(model), n, then)
    return items, len(gains)


def choose(
    ratings: np.ndarray,
    asked: np.ndarray,
    model: Model,
    k: int,
    evaluation: Evaluation | None = None,
    evidence: Evidence | None = None,
) -> list[Question]:
    """The ``k`` best questions for answers ``ratings`` (F,) to the items ``asked`` (F,)
    (``evaluation`` and ``evidence``: the ranking's passes on them and what they were run
    on, when already made)."""
    if not asked.any():  # nothing asked yet: what splits the catalog
        first = model.cached("opening", lambda: _opening(model))
        return [q for item, q in first if not asked[item]][:k]
    known = understand(ratings, asked, model, evaluation, evidence)
    predicted = answers(answers_model(model), known)
    gain = information_gain(predicted, known.weight)
    gain[asked] = -np.inf
    best = np.argsort(-gain, kind="stable")[: min(k, int(np.sum(~asked)))]
    questions = []
    for item in best.tolist():
        a, b = contrast(predicted[item], known.weight)
        questions.append(_question(model, item, float(gain[item]), known.rows[a], known.rows[b]))
    return questions


def understand(
    ratings: np.ndarray,
    asked: np.ndarray,
    model: Model,
    evaluation: Evaluation | None = None,
    evidence: Evidence | None = None,
) -> Belief:
    """What the answers say (:func:`matcher.core.questions.belief`), from the ranking's passes
    and evidence (made here unless given)."""
    scorer = model.scorer
    if evidence is None:
        evidence = scorer.evidence(ratings, asked)
    evaluation = evaluation or evaluate(evidence, scorer)
    rated = evidence.rated[:, :, 0] + evidence.base[:, 0]  # (m, L 6): level column, then rating
    m, width = len(rated), scorer.weights.n_levels
    rated = rated.reshape(m, width, RATINGS).transpose(0, 2, 1).reshape(m, -1)  # as the tables
    answered = evidence.answered[:, :, 0].T  # (m, L)
    presence = scorer.listing.total if evidence.asked is None else evidence.asked[:, :, 0].T
    n_blank, n_asked = int(evidence.n_blank[0]), int(evidence.n_asked[0])
    order = top_k(evaluation.log_likelihood, max(CANDIDATES, SUPPORT))[0]
    blanks = blank_likelihood(evidence, scorer, order[None, :SUPPORT])[0]
    return belief(
        rated, answered, presence - answered, blanks, order, n_blank, n_asked, answers_model(model)
    )


def _level(model: Model, row: int, item: int) -> str:
    # a catalog that rates every item (O*NET) lists every item, at 0 where it has none
    if model.importance[row, item] <= 0 and model.scorer.weights.background:
        return "does not list it"
    if model.feature_keys[item][0] in fit_blocks(model):  # an interest is no need
        return f"is typically at about {level_text(model.levels[row, item])} in it"
    return f"needs it at about {level_text(model.levels[row, item])}"


def _question(model: Model, item: int, gain: float, a: int, b: int) -> Question:
    block, name = model.feature_keys[item]
    titles = model.titles
    unlisted = model.importance[[a, b], item] <= 0
    if unlisted.all() and model.scorer.weights.background:
        # after many skips the gain is in how the person answers, not in a difference of the
        # two ("tells A from B: A does not list it, B does not list it" said nothing)
        reason = f"neither {titles[a]} nor {titles[b]} lists it: tells whether either fits you"
    else:
        reason = (
            f"tells {titles[a]} from {titles[b]}: {titles[a]} {_level(model, a, item)}, "
            f"{titles[b]} {_level(model, b, item)}"
        )
    return Question(block, name, gain, reason, (model.ids[a], model.ids[b]))


def _opening(model: Model) -> list[tuple[int, Question]]:
    """Every item in the order it is worth asking first (see
    :func:`matcher.core.questions.opening`), with its feature index."""
    known = opening(answers_model(model))
    gain = information_gain(answers(answers_model(model), known), known.weight)
    levels = model.levels
    fits = fit_blocks(model)
    questions = []
    for item in np.argsort(-gain, kind="stable").tolist():
        block, name = model.feature_keys[item]
        high = int(np.sum(levels[:, item] >= HIGH))
        low = int(np.sum(levels[:, item] <= LOW))
        # an interest or an O*NET work style is where an occupation's people are, no need
        verb = "are typically" if block in fits else "need it"
        reason = (
            f"splits the catalog: {high} of {len(known.rows)} occupations {verb} at "
            f"{HIGH:g} or more, {low} at {LOW:g} or less"
        )
        questions.append((item, Question(block, name, float(gain[item]), reason)))
    return questions
