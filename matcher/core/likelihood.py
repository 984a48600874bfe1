"""How likely a person's self-assessment is under each occupation: the maths, pure NumPy.

A person's ratings are whole points 0-5 read off their occupation's levels
through a response style (:mod:`matcher.core.styles`: an offset, a scale, a
noise and a share of careless answers, unknown and integrated over a prior),
and the items they were asked but left blank say something too
(:mod:`matcher.core.blanks`). All that one occupation needs is the person's
evidence counted by level (:mod:`matcher.core.evidence`), so every step below
is a product of those counts with a table.

Integrating over thousands of styles for every occupation would be slow, and
most styles do not fit a given person at all, so the work is done in passes:

1. **Every occupation**, twice cheaply: a Gaussian approximation of the
   ratings whose offset and scale integrate in closed form under a Gaussian
   version of each family of the prior (:mod:`matcher.core.gaussian`), and the
   exact likelihood under a dozen *probe* styles. The best of each make a
   shortlist (:data:`~matcher.core.shortlist.SHORTLIST`).
2. **The person's styles**: the fine styles near the Gaussian fits of the best
   occupations and near the best probes are scored on the first few of the
   shortlist (by both passes); the :data:`KEEP` that explain them best are the
   person's.
3. **The shortlist** is scored exactly over those styles. Outside it, the
   Gaussian approximation orders the rest, below the shortlist, and weighs them in the
   posterior (the confidence), which also weighs answers that follow no item at all
   (:mod:`matcher.core.flat`).

In passes 2 and 3 the personal items may sit apart from the skills
(:mod:`matcher.core.personal`), and a person who answers on part of the scale reads
each answer as a cell of it (:mod:`matcher.core.coarse`); the first pass reads
everybody alike.

:func:`evaluate` runs the passes for many people at once on their evidence,
which :func:`evaluate_many` counts with SciPy (a batch) and :func:`evaluate_one`
with NumPy alone (one person); everything else is the same code, so they agree.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .blanks import blank_likelihood, questionnaire
from .coarse import Coarse, cells, own_tables, reread
from .evidence import Evidence
from .flat import flat_likelihood
from .gaussian import gaussian_likelihood
from .logsum import logsumexp, softmax
from .personal import correction
from .posterior import FREE_LIST_BLANKS, FREE_LIST_BLANKS_RATED, confidence, share
from .ranking import gather, top_k
from .relations import related_prior
from .shortlist import SUPPORT, pick, sizes, support
from .styles import Cells, StyleGrid
from .support import candidate_groups, kept_styles, style_groups
from .weights import RATINGS, LevelWeights

__all__ = [
    "Evaluation",
    "Scorer",
    "evaluate",
    "evaluate_many",
    "evaluate_one",
    "reduced",
]

#: Styles kept for the exact pass.
KEEP = 24
#: Answers a questionnaire needs to be read against the background (:meth:`Scorer.evidence`).
#: With fewer, a narrow range of answers fits a squeezed scale under every occupation alike
#: and the blanks decide: a helpdesk technician's 12 answers in 2-4 put Photographer and
#: Cashier before IT Support Specialist. Questionnaires of 20-40 items read as well with
#: 10 as with 20 here.
BACKGROUND_ANSWERS = 15
#: The level the blank model reads for an unlisted item (the background's mean).
UNLISTED_LEVEL = 1.0


@dataclass(frozen=True, eq=False)
class Scorer:
    """Everything the passes need for one catalog (built once per model).

    weights : the occupation side of the evidence (ratings).
    listing : the same without the catalog's typical rows (blanks: does the occupation itself
        list an item).
    grid, tables : the style prior and log P(rating | level) per style, (6 L, G).
    probes : indices of the probe styles.
    relations : the catalog's relation graph (CSR ``indptr``, ``indices``; see
        :mod:`matcher.core.relations`), or None for a catalog that documents none.
    stored_groups : :attr:`groups` as a model stores them (None: found on first use).
    personal : :attr:`weights` of the personal items alone (:mod:`matcher.core.personal`),
        and ``shifted`` (D, 6 L, G) the tables moved by each of its offsets; None for a
        catalog whose items are all of one kind.
    asked_of : what makes :attr:`asked` on first use (a model reads it from its file then: a
        free list never needs it); None for a catalog that rates every item.
        ``personal_items`` (F,) bool: which items :attr:`personal` counts (its :attr:`asked`
        counterpart is made from them on first use).
    """

    weights: LevelWeights
    listing: LevelWeights
    grid: StyleGrid
    tables: np.ndarray
    probes: np.ndarray
    cells: Cells
    relations: tuple[np.ndarray, np.ndarray] | None = None
    stored_groups: tuple[int, np.ndarray] | None = None
    personal: LevelWeights | None = None
    shifted: np.ndarray | None = None
    asked_of: Callable[[], LevelWeights] | None = None
    personal_items: np.ndarray | None = None

    @functools.cached_property
    def asked(self) -> LevelWeights | None:
        """:attr:`weights` with items an occupation does not list read "unlisted" (the
        background), how a questionnaire is read (:meth:`evidence`); None for a catalog that
        rates every item."""
        return None if self.asked_of is None else self.asked_of()

    def subset(self, features: np.ndarray) -> Scorer:
        return Scorer(
            self.weights.subset(features),
            self.listing.subset(features),
            self.grid,
            self.tables,
            self.probes,
            self.cells,
            self.relations,
            self.stored_groups,
            None if self.personal is None else self.personal.subset(features),
            self.shifted,
            None if self.asked_of is None else functools.partial(_asked_subset, self, features),
            None if self.personal_items is None else self.personal_items[features],
        )

    def evidence(self, ratings: np.ndarray, asked: np.ndarray | None) -> Evidence:
        """The :class:`~matcher.core.evidence.Evidence` of people's ``ratings`` (n, F) NaN
        where unanswered, ``asked`` (n, F) or None (every item), SciPy; or of one person
        (both (F,)), NumPy only.

        In a catalog that lists a few items per occupation, a questionnaire is read
        against :attr:`asked`: an item an occupation does not list is rated as the
        background has it, since everybody was asked it. A free list is read against
        :attr:`weights`, the catalog's typical rows: an item a person chose to name that
        an occupation does not list is rated as the catalog has it (whoever names
        "Teamwork" rates it about as high whatever their job). Read against the typical
        rows, whole questionnaires of the built-in catalog lost to Pearson's correlation
        under every response style (honest MRR 0.92 against 1.00, halo 0.71 against 1.00);
        free lists read against the background lost personas their acceptable matches.
        A listed item reads alike either way: its importance at its level, the rest as the
        catalog has it. A questionnaire of fewer than :data:`BACKGROUND_ANSWERS` answers has
        its ratings read as a free list's (against :attr:`weights`); ``asked`` still decides
        its blanks (an item not asked is no evidence), so it is not read as the same ratings
        without ``asked`` (a free list, every unmentioned item blank)."""
        one = ratings.ndim == 1
        make = Evidence.of_person if one else Evidence.of_people
        if self.asked_of is None:  # everything rated: one reading
            return make(self.weights, self.listing, ratings, asked, self.personal)
        answered = np.count_nonzero(~np.isnan(ratings), axis=-1)
        n_asked = ratings.shape[-1] if asked is None else np.count_nonzero(asked, axis=-1)
        # every answered item was asked: the rest of what was asked is blank
        kind = questionnaire(n_asked - answered, n_asked) & (answered >= BACKGROUND_ANSWERS)
        kind = np.atleast_1d(kind)
        if one or kind.all() or not kind.any():
            weights, personal = self._reading(bool(kind[0]))
            return make(weights, self.listing, ratings, asked, personal)
        groups = [np.flatnonzero(~kind), np.flatnonzero(kind)]
        parts = [
            make(weights, self.listing, ratings[g], None if asked is None else asked[g], personal)
            for (weights, personal), g in zip(
                map(self._reading, (False, True)), groups, strict=True
            )
        ]
        return Evidence.joined(parts, groups, self.listing)

    def _reading(self, questionnaire: bool) -> tuple[LevelWeights, LevelWeights | None]:
        """The weights, and those of the personal items, a free list (False) or a questionnaire
        (True) is read against: :attr:`asked` is made only for a questionnaire."""
        if questionnaire:
            return self.asked, self._asked_personal  # type: ignore[return-value]
        return self.weights, self.personal

    @functools.cached_property
    def _asked_personal(self) -> LevelWeights | None:
        """:attr:`asked` of the personal items alone (as :attr:`personal` of :attr:`weights`)."""
        if self.personal is None or self.asked is None:
            return None
        return self.asked.only(self.personal_items)

    @functools.cached_property
    def by_level(self) -> np.ndarray:
        """``tables`` with rows in the order of the evidence's counts (level column, then
        rating value: row ``k × 6 + v``), (L 6, G)."""
        width = self.weights.n_levels
        rows = np.arange(RATINGS * width).reshape(RATINGS, width).T.ravel()
        return np.ascontiguousarray(self.tables[rows])

    @functools.cached_property
    def probe_tables(self) -> np.ndarray:
        """The probe styles' tables, (L 6, P) float32, rows as :attr:`by_level`."""
        return np.ascontiguousarray(self.by_level[:, self.probes])

    @property
    def level_values(self) -> np.ndarray:
        """The level of each level column (unlisted read as :data:`UNLISTED_LEVEL`)."""
        knots = self.weights.knots
        return np.append(knots, UNLISTED_LEVEL) if self.weights.background else knots

    @functools.cached_property
    def reduction(self) -> np.ndarray:
        """See :func:`_reduction`."""
        return _reduction(self)

    @functools.cached_property
    def groups(self) -> tuple[int, np.ndarray]:
        """See :func:`~matcher.core.support.style_groups` (a model stores them)."""
        return self.stored_groups if self.stored_groups is not None else style_groups(self)

    @functools.cached_property
    def listed(self) -> np.ndarray:
        """How many items each occupation lists at each level column, (m, L) float32 (the
        listing's total: what a person asked everything could have left blank)."""
        return self.listing.total.astype(np.float32)

    @functools.cached_property
    def honest_cell(self) -> int:
        """The cell (:class:`~matcher.core.styles.Cells`) of the honest style."""
        return int(self.cells.of(np.array(self.grid.centre), np.array(1.0)))

    @functools.cached_property
    def by_style(self) -> np.ndarray:
        """The tables a style at a time, (G, L 6) float32, columns as :attr:`by_level`: a
        style's row is gathered whole."""
        return np.ascontiguousarray(self.by_level.T)

    @functools.cached_property
    def offset_by_style(self) -> np.ndarray:
        """:attr:`by_style` and then :attr:`shifted` the same way, (1 + D, G, L 6) float32:
        what :func:`~matcher.core.personal.correction` gathers a person's styles from."""
        width = self.weights.n_levels
        rows = np.arange(RATINGS * width).reshape(RATINGS, width).T.ravel()
        moved = self.shifted[:, rows].transpose(0, 2, 1)
        return np.ascontiguousarray(np.concatenate([self.by_style[None], moved]))


def _asked_subset(scorer: Scorer, features: np.ndarray) -> LevelWeights:
    """:attr:`Scorer.asked` of ``features`` (a :meth:`Scorer.subset`'s, made on first use)."""
    return scorer.asked.subset(features)  # type: ignore[union-attr]


@dataclass(frozen=True)
class Evaluation:
    """What the passes found for n people over m occupations.

    log_likelihood : (n, m), what the ranking is by (the shortlist exact, the rest below it).
    shortlist : (n, S) occupation rows scored exactly, and ``exact`` (n, S) their
        log-likelihoods, with the catalog's relations (:mod:`matcher.core.relations`), the
        order of the ranking; ``posterior`` (n, S) the probability of each given the
        person's answers alone, among every occupation
        (:func:`~matcher.core.posterior.confidence`).
    offset, scale : (n, m) how each person's ratings sit against each occupation's levels
        (the Gaussian pass's fit: 0 and 1 for ratings at the levels themselves).
    outside : (n, 2) what gives each occupation outside the shortlist its probability from
        ``log_likelihood`` (:func:`~matcher.core.posterior.share`).
    related, blanks : (n, S) the relations' part of ``exact`` (None for a catalog that
        relates no occupations) and the blanks' part; ``blank_weight`` (n,) how much of the
        blanks' part ``posterior`` weighs (a free list's :data:`FREE_LIST_BLANKS`, else 1):
        what makes the order and the confidence disagree.
    """

    log_likelihood: np.ndarray
    shortlist: np.ndarray
    exact: np.ndarray
    posterior: np.ndarray
    offset: np.ndarray
    scale: np.ndarray
    outside: np.ndarray
    related: np.ndarray | None = None
    blanks: np.ndarray | None = None
    blank_weight: np.ndarray | None = None

    def confidence(self, rows: np.ndarray) -> np.ndarray:
        """Posterior probability of occupation ``rows`` (n, k) for each person."""
        return share(rows, self.shortlist, self.posterior, self.log_likelihood, self.outside)


# --------------------------------------------------------------------------- passes


def _reduction(scorer: Scorer) -> np.ndarray:
    """What every occupation needs of the counts, (L 6, 7 + P) float32: the Gaussian
    pass's six moments, the ratings of unlisted items at the first probe (a severe reader,
    see :func:`~matcher.core.styles.probes`; zero for a catalog that rates every item) and
    the probe styles' tables; rows as the counts."""
    c = scorer.grid.centre
    knots = scorer.weights.knots
    width = scorer.weights.n_levels
    d = np.zeros(width)
    d[: len(knots)] = knots - c
    on = np.zeros(width)
    on[: len(knots)] = 1.0
    v = np.repeat(np.arange(RATINGS) - c, width)
    dd, oo = np.tile(d, RATINGS), np.tile(on, RATINGS)
    unlisted = np.zeros(RATINGS * width)
    if scorer.weights.background:
        unlisted[width - 1 :: width] = scorer.tables[width - 1 :: width, scorer.probes[0]]
    columns = [oo, oo * dd, oo * dd * dd, oo * v, oo * v * dd, oo * v * v, unlisted]
    out = np.column_stack([*columns, scorer.tables[:, scorer.probes]]).astype(np.float32)
    return np.ascontiguousarray(out.reshape(RATINGS, width, -1).transpose(1, 0, 2)).reshape(
        width * RATINGS, -1
    )


def reduced(evidence: Evidence, scorer: Scorer) -> np.ndarray:
    """What the first pass needs of every occupation, (7 + P, m, n) float32: the counts times
    :attr:`Scorer.reduction` (see :func:`_reduction`)."""
    reduce = scorer.reduction.T  # (K, L 6)
    if evidence.rated.shape[2] == 1:  # one person: one product over every occupation at once
        sums = reduce @ evidence.rated[:, :, 0].T  # (K, m), the transpose read in place
        sums += reduce @ evidence.base
        return sums[:, :, None]
    sums = np.matmul(reduce, evidence.rated)  # (m, K, n): a product per occupation
    sums += reduce @ evidence.base  # the typical rows' part
    return np.ascontiguousarray(sums.transpose(1, 0, 2))


def _probes_by_cells(evidence: Evidence, scorer: Scorer, coarse: Coarse) -> np.ndarray:
    """The probe styles' log-likelihood of every occupation for the people who answer on
    part of the scale, read by their cells, (P, m, c)."""
    rows = np.flatnonzero(coarse.who)
    tables = own_tables(scorer.probe_tables.T, coarse.take(rows))  # (c, P, L 6)
    counts = evidence.rated[:, :, rows] + evidence.base[None, :, rows]  # (m, L 6, c)
    return np.matmul(tables, counts.transpose(2, 1, 0)).transpose(1, 2, 0)


def evaluate(evidence: Evidence, scorer: Scorer) -> Evaluation:
    """Run the passes for n people over their :class:`~matcher.core.evidence.Evidence`."""
    m, _, n = evidence.rated.shape
    sums = reduced(evidence, scorer)
    gauss, offset, scale = gaussian_likelihood(sums[:6], scorer.grid.centre)
    if scorer.weights.background:  # ratings of unlisted items, at the first probe (severe)
        gauss += sums[6]
    blanks = blank_likelihood(evidence, scorer, top_k(np.ascontiguousarray(gauss.T), SUPPORT))
    gauss = gauss.T + blanks  # (n, m) from here on
    log_prior = scorer.grid.log_prior.astype(np.float32)  # the passes in float32
    asked = questionnaire(evidence.n_blank, evidence.n_asked)
    # answers on a few points or above a floor: read by cells
    coarse = cells(evidence.points, asked)
    if coarse is not None:  # their probes read by their cells too: the shortlist is theirs
        sums[7:, :, coarse.who] = _probes_by_cells(evidence, scorer, coarse)
    probe_ll = sums[7:] + log_prior[scorer.probes][:, None, None]  # (P, m, n)
    probe = logsumexp(probe_ll, axis=0).T + blanks
    size, from_probes, _ = sizes(m)
    by_gauss = top_k(gauss, max(size, SUPPORT, 3))
    by_probe = top_k(probe, max(from_probes, 3))
    shortlist = pick(gauss, by_gauss, by_probe)
    people = np.arange(n)[:, None]
    fit_probes = logsumexp(probe_ll[:, by_probe[:, :3], people], axis=2).T  # (n, P)
    best_probes = scorer.probes[top_k(fit_probes, 2)]
    offset, scale = offset.T, scale.T
    groups, real, probes = candidate_groups(scorer, offset, scale, by_gauss[:, :3], best_probes)
    on = evidence.rows(support(shortlist, by_gauss))  # (n, k, 6 L)
    kept, kept_prior = kept_styles(scorer, on, groups, real, probes, KEEP, coarse)
    short = evidence.rows(shortlist)
    tables = reread(scorer.by_style[kept], coarse)
    exact = np.matmul(tables, short.transpose(0, 2, 1)) + kept_prior[:, :, None]
    # The personal items may sit apart from the skills on a person's scale: weighed for a
    # questionnaire only. A free list names what a person has, rated high, without the low
    # answers that place each kind of item (its matches changed by chance: two personas lost
    # an acceptable fifth match, none gained one).
    if evidence.personal is not None and asked.any():
        own = evidence.personal(shortlist).transpose(0, 2, 1)
        exact += correction(scorer.offset_by_style, kept, own, coarse) * asked[:, None, None]
    styles = logsumexp(exact, axis=1)
    by_blanks = gather(blanks, shortlist)
    exact = styles + by_blanks
    related = None
    if scorer.relations is not None:
        # The order follows the catalog's relations of the likely occupations; the posterior
        # does not: it stays what the answers say (calibrated), a preference is no evidence.
        related = related_prior(shortlist, softmax(exact, axis=1), scorer.relations, m)
        exact = exact + related
    # How sure: the answers may not follow the items at all (straight-lining), nor the blanks
    # (at random: ``by_blanks`` is relative to that), equally likely under every occupation
    # (matcher.core.flat). It sets the posterior, not the order, which it leaves as it is.
    counts = short[:, 0].reshape(n, -1, RATINGS).sum(axis=1).T  # (6, n): any row will do
    flat = flat_likelihood(counts, evidence.n_blank, evidence.n_asked)
    # the shortlist above the rest, in exact order; the rest by the Gaussian pass
    rest = gauss.copy()
    rest[people, shortlist] = -np.inf
    weight = FREE_LIST_BLANKS if scorer.weights.background else FREE_LIST_BLANKS_RATED
    posterior, outside = confidence(
        styles, by_blanks, flat, asked, gather(gauss, shortlist), rest, weight
    )
    top_rest = np.max(rest, axis=1)
    shift = np.where(np.isfinite(top_rest), exact.min(axis=1) - 1.0 - top_rest, 0.0)
    out = np.add(gauss, shift[:, None], dtype=np.float64)
    out[people, shortlist] = exact
    outside[:, 0] -= shift  # the rest as ``out`` has them
    weighed = np.where(asked, 1.0, weight)  # as confidence() weighs the blanks
    return Evaluation(
        out, shortlist, exact, posterior, offset, scale, outside, related, by_blanks, weighed
    )


def evaluate_many(ratings: np.ndarray, asked: np.ndarray | None, scorer: Scorer) -> Evaluation:
    """:func:`evaluate` for many people: ``ratings`` (n, F) NaN where unanswered, ``asked``
    (n, F) bool, or None when every item was asked (a survey). Needs SciPy."""
    return evaluate(scorer.evidence(ratings, asked), scorer)


def evaluate_one(ratings: np.ndarray, asked: np.ndarray, scorer: Scorer) -> Evaluation:
    """:func:`evaluate` for one person: ``ratings`` (F,) NaN where unanswered, ``asked`` (F,)
    bool. NumPy only."""
    return evaluate(scorer.evidence(ratings, asked), scorer)
