"""Which item to ask next: what each unasked item's answer is expected to tell, pure NumPy.

The ranking's likelihood (:mod:`matcher.core.likelihood`) already says, for
every occupation, how likely each answer to each item is: the item is read at
its level columns (:mod:`matcher.core.weights`: a level between two knots is
read at both; an item a listing catalog's occupation does not list, or lists
with little importance, partly at the catalog's typical row), and a level
column gives a rating through the person's response style
(:mod:`matcher.core.styles`). So, for a candidate occupation ``j`` and an item
``f`` not asked yet, a rating's distribution is::

    P(v | j, f) = Σ_s P(s | answers, j) Σ_k W(f, j, k) P(v | k, s)      v = 0..5

with the person's styles ``s`` weighed by how well they explain the answers if
``j`` is their occupation, and ``W`` the item's level columns normalised to sum
to one (the weights the ranking multiplies log-probabilities by, read here as a
mixture). A skip is the blank model's (:func:`~matcher.core.blanks.blank_likelihood`)
in its simplest form: the person skips items their occupation lists at one
rate and items it does not list at another, each estimated from their own
blanks under that occupation (for a catalog that rates every item, one rate).

Mixed over the candidate occupations by their posterior ``π`` this is the
predictive distribution of the answer; the item to ask is the one whose answer
is expected to tell most about the occupation, the mutual information::

    gain(f) = H(Σ_j π_j P(· | j, f)) − Σ_j π_j H(P(· | j, f))      bits

A person who has answered nothing gets the *opening* items: every occupation
equally likely, every style at its prior weight.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .logsum import logsumexp, softmax
from .scorer import BACKGROUND_ANSWERS, Scorer
from .sparse import row_entries
from .weights import RATINGS, LevelWeights

__all__ = [
    "AnswerModel",
    "Belief",
    "Layout",
    "answer_model",
    "answers",
    "belief",
    "contrast",
    "information_gain",
    "opening",
    "predictive",
]

#: Occupations a question is chosen to tell apart: the best of the ranking. Wider than the
#: ranking's exact shortlist, which is too narrow while little is known.
CANDIDATES = 200
#: The person's styles: the styles that best explain their answers on their best few
#: occupations (those the ranking's passes choose the styles on).
KEEP = 64
SUPPORT = 6
#: Posterior mass of the unlikely candidates left out of the choice.
TAIL = 1e-4
#: Candidates the reason of a question is looked for among: the likeliest.
CONTRASTED = 16
#: How many blanks' worth the person's overall rate of skipping counts for in their rate of
#: skipping what one occupation lists (or does not).
SKIP_PRIOR = 2.0


@dataclass(frozen=True)
class Layout:
    """A matrix of :class:`~matcher.core.weights.LevelWeights` occupation by occupation, so
    that the rows of a few occupations are read without a pass over every entry.

    ``entries`` index its CSR arrays, in occupation order; occupation ``j``'s are
    ``entries[starts[j]:starts[j + 1]]``, with their ``feature`` and ``column``.
    """

    weights: LevelWeights
    entries: np.ndarray
    starts: np.ndarray
    feature: np.ndarray
    column: np.ndarray

    @classmethod
    def of(cls, weights: LevelWeights) -> Layout:
        feature = np.repeat(np.arange(weights.n_features, dtype=np.int32), np.diff(weights.indptr))
        occupation, column = np.divmod(weights.index, np.int32(weights.n_levels))
        entries = np.argsort(occupation, kind="stable").astype(np.int64)
        starts = np.zeros(weights.n_occupations + 1, np.int64)
        np.cumsum(np.bincount(occupation, minlength=weights.n_occupations), out=starts[1:])
        return cls(weights, entries, starts, feature[entries], column[entries].astype(np.int32))

    def columns(self, rows: np.ndarray) -> np.ndarray:
        """How each item is read for the occupations ``rows`` (C,): (F, C, L) weights of its
        level columns, each (item, occupation) summing to one. An item without any weight
        (a block weighted 0) is read alike for every occupation: it tells nothing."""
        weights = self.weights
        rows = np.asarray(rows, dtype=np.intp)
        out = np.repeat(weights.typical[:, None, :].astype(np.float64), len(rows), axis=1)
        at, lengths = row_entries(self.starts, rows)
        slot = np.repeat(np.arange(len(rows)), lengths)
        # each (feature, occupation, column) is stored once, so a plain += adds every entry
        out[self.feature[at], slot, self.column[at]] += weights.weight[self.entries[at]]
        np.maximum(out, 0.0, out=out)  # float32 rounding of typical + excess
        total = out.sum(axis=2, keepdims=True)
        uniform = 1.0 / weights.n_levels
        return np.where(total > 1e-9, out / np.where(total > 1e-9, total, 1.0), uniform)


@dataclass(frozen=True)
class AnswerModel:
    """What choosing questions needs besides the scorer, computed once per model.

    log_tables, probabilities : (G, 6 L) log P(rating v | level column k) of every style
        and its exponent, columns v-major.
    styles : (G,) the styles' prior probabilities.
    prior : (6, L) the probabilities mixed over ``styles``: a person nobody knows
        anything of.
    ratings, listing : the scorer's two evidence matrices (ratings as a questionnaire reads
        them; whether an occupation itself lists an item), occupation by occupation.
    early : ratings as an interview of fewer than
        :data:`~matcher.core.scorer.BACKGROUND_ANSWERS` answers reads them (as a free
        list's ratings are read; its blanks are still what it asked: see ``Scorer.evidence``).
    """

    scorer: Scorer
    log_tables: np.ndarray
    probabilities: np.ndarray
    styles: np.ndarray
    prior: np.ndarray
    ratings: Layout
    listing: Layout
    early: Layout


def answer_model(scorer: Scorer) -> AnswerModel:
    """The :class:`AnswerModel` of a scorer."""
    log_tables = np.ascontiguousarray(scorer.tables.T, dtype=np.float32)  # (G, 6 L)
    probabilities = np.exp(log_tables)
    weight = np.exp(scorer.grid.log_prior - np.max(scorer.grid.log_prior))
    styles = weight / weight.sum()
    typical = Layout.of(scorer.weights)
    asked = typical if scorer.asked is None else Layout.of(scorer.asked)
    return AnswerModel(
        scorer,
        log_tables,
        probabilities,
        styles,
        (styles @ probabilities.astype(np.float64)).reshape(RATINGS, -1),
        # answers predicted as the ranking will read them: an interview is a questionnaire
        # once it has enough answers, a free list before (built-in catalog, with the typical
        # rows throughout: 40 questions hit@1 0.756, designed template 0.448; as a
        # questionnaire throughout 0.817 and 0.633, but 15 questions 0.228 against 0.276)
        asked,
        Layout.of(scorer.listing),
        typical,
    )


@dataclass(frozen=True)
class Belief:
    """What one person's answers so far say.

    rows : (C,) candidate occupations; ``weight`` (C,) their posterior.
    tables : (C, 6, L) P(rating v | level column k) under each candidate, mixed over the
        person's styles by their posterior given the answers and that candidate.
    skip : (C, 2) how often the person skips an item the candidate lists, and one it does
        not list.
    answers : how many items the person has answered.
    """

    rows: np.ndarray
    weight: np.ndarray
    tables: np.ndarray
    skip: np.ndarray
    answers: int = 0


def belief(
    rated: np.ndarray,
    answered: np.ndarray,
    blank: np.ndarray,
    blanks: np.ndarray,
    order: np.ndarray,
    n_blank: int,
    n_asked: int,
    model: AnswerModel,
) -> Belief:
    """A person's :class:`Belief` from the ranking's evidence of their answers.

    ``rated`` (m, 6 L), ``answered`` and ``blank`` (m, L): their evidence and presence
    counts, from the ranking's :class:`~matcher.core.evidence.Evidence` of their answers
    (:func:`matcher.match.questions.understand` arranges them so);
    ``blanks`` (m,): what their blanks say of each occupation
    (:func:`~matcher.core.blanks.blank_likelihood`); ``order`` (m,): the occupations
    as the ranking orders them; ``n_blank`` of the ``n_asked`` items asked were skipped.
    The candidates are the ranking's best
    :data:`CANDIDATES`; the person's styles the :data:`KEEP` that best explain their
    answers on the best :data:`SUPPORT`, each candidate weighing them by how well they
    explain its own fit; a candidate's posterior is its likelihood summed over those
    styles, with what the blanks say. Candidates holding no more than :data:`TAIL` of
    the posterior between them are left out.
    """
    rows = np.asarray(order[:CANDIDATES])
    log_prior = model.scorer.grid.log_prior.astype(np.float64)
    on_support = model.log_tables @ rated[order[:SUPPORT]].T  # (G, SUPPORT)
    fit = logsumexp(on_support.astype(np.float64), axis=1) + log_prior
    kept = np.sort(np.argsort(-fit, kind="stable")[:KEEP])
    ll = (rated[rows] @ model.log_tables[kept].T).astype(np.float64) + log_prior[kept]  # (C, K)
    weight = softmax(logsumexp(ll, axis=1) + blanks[rows], axis=0)
    by_weight = np.argsort(-weight, kind="stable")
    held = np.searchsorted(np.cumsum(weight[by_weight]), 1.0 - TAIL) + 1
    keep = np.sort(by_weight[: max(2, held)])
    rows, weight, ll = rows[keep], weight[keep] / weight[keep].sum(), ll[keep]
    if rated[rows].any():
        tables = softmax(ll, axis=1) @ model.probabilities[kept].astype(np.float64)
    else:  # only skips so far: nothing said about the style
        tables = np.broadcast_to(model.prior.ravel(), (len(rows), model.prior.size))
    # skips: of what each candidate lists (every level column but "unlisted") and the rest
    listed = slice(None, -1) if model.scorer.listing.background else slice(None)
    overall = (n_blank + 0.5) / (n_asked + 1.0)  # the blank model's own estimate
    skip = np.empty((len(rows), 2))
    for k, part in enumerate((listed, slice(-1, None))):
        b = blank[rows, part].sum(axis=1)
        a = answered[rows, part].sum(axis=1)
        skip[:, k] = (b + SKIP_PRIOR * overall) / (a + b + SKIP_PRIOR)
    return Belief(rows, weight, tables.reshape(len(rows), RATINGS, -1), skip, n_asked - n_blank)


def opening(model: AnswerModel) -> Belief:
    """The :class:`Belief` before any answer: every occupation equally likely, every style
    at its prior weight, no skip."""
    m = model.scorer.weights.n_occupations
    tables = np.broadcast_to(model.prior, (m, *model.prior.shape))
    return Belief(np.arange(m), np.full(m, 1.0 / m), tables, np.zeros((m, 2)))


def predictive(
    columns: np.ndarray, known: Belief, unlisted: np.ndarray | None = None
) -> np.ndarray:
    """Distribution of the answer to each item under each candidate occupation, (F, C, 7):
    the ratings 0-5, then a skip.

    ``columns`` (F, C, L): how each item is read for each candidate (:meth:`Layout.columns`);
    ``unlisted`` (F, C): how far each candidate does not list each item (None: it lists
    every item), which sets the rate of skipping it.
    """
    # a product per candidate: (C, F, L) @ (C, L, 6)
    ratings = np.matmul(columns.transpose(1, 0, 2), known.tables.transpose(0, 2, 1))
    ratings = ratings.transpose(1, 0, 2)
    ratings /= np.maximum(ratings.sum(axis=2, keepdims=True), 1e-300)
    if unlisted is None:
        unlisted = np.zeros(ratings.shape[:2])
    skip = (1 - unlisted) * known.skip[None, :, 0] + unlisted * known.skip[None, :, 1]
    return np.concatenate([ratings * (1.0 - skip[..., None]), skip[..., None]], axis=2)


def answers(model: AnswerModel, known: Belief) -> np.ndarray:
    """:func:`predictive` of every item for a person's candidates, (F, C, 7)."""
    unlisted = None
    if model.scorer.listing.background:
        unlisted = model.listing.columns(known.rows)[:, :, -1]
    # read as the ranking will read the answers with this one
    layout = model.ratings if known.answers + 1 >= BACKGROUND_ANSWERS else model.early
    return predictive(layout.columns(known.rows), known, unlisted)


def _entropy(p: np.ndarray) -> np.ndarray:
    """Entropy in bits over the last axis."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log2(p), 0.0)
    return -terms.sum(axis=-1)


def information_gain(answers: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Expected information (bits) each item's answer gives about the occupation, (F,):
    the mutual information of answer and occupation, for ``answers`` (F, C, 7) from
    :func:`predictive` and the candidates' posterior ``weight`` (C,)."""
    weight = np.asarray(weight, dtype=np.float64)
    weight = weight / weight.sum()
    mixture = np.einsum("c,fcv->fv", weight, answers)
    gain = _entropy(mixture) - _entropy(answers) @ weight
    return np.maximum(gain, 0.0)  # rounding below zero for an item that tells nothing


def contrast(answers: np.ndarray, weight: np.ndarray) -> tuple[int, int]:
    """The two candidates one item tells apart best, as indices into its ``answers``
    (C, 7): of the :data:`CONTRASTED` likeliest, the pair whose expected ratings differ
    most, times both weights; the more likely one first."""
    weight = np.asarray(weight, dtype=np.float64)
    top = np.sort(np.argsort(-weight, kind="stable")[:CONTRASTED])
    ratings = answers[top, :RATINGS]
    expected = ratings @ np.arange(RATINGS) / np.maximum(ratings.sum(axis=1), 1e-300)
    w = weight[top]
    score = np.abs(expected[:, None] - expected[None, :]) * w[:, None] * w[None, :]
    np.fill_diagonal(score, -1.0)
    a, b = divmod(int(np.argmax(score)), len(top))  # ties: the lower indices
    a, b = int(top[a]), int(top[b])
    return (a, b) if weight[a] >= weight[b] else (b, a)
