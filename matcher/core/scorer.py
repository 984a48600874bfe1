"""What the ranking's passes need of one catalog (:class:`Scorer`, built once per model), and
how a person's ratings are counted against it (:meth:`Scorer.evidence`: a free list and a
questionnaire are read differently). The passes themselves are :mod:`matcher.core.likelihood`'s."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .blanks import questionnaire
from .evidence import Evidence
from .styles import Cells, StyleGrid
from .support import style_groups
from .weights import RATINGS, LevelWeights

__all__ = ["BACKGROUND_ANSWERS", "UNLISTED_LEVEL", "Scorer"]

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
