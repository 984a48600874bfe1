"""The exact Bayes oracle: each style's own generative model, scored on a grid.

For one style (and one simulator variant) the oracle knows everything the
simulator does except each person's parameters and occupation: it integrates
the parameters over their uniform ranges on a midpoint grid, scores each
occupation by the exact probability of the person's ratings (rounding and the
ends of the scale as an ordinal likelihood, careless answers as a mixture, the
skip-weak mechanism on blanks and answers alike, a persistent personal
deviation by Gauss-Hermite quadrature), and puts a uniform prior on
occupations. Nothing can rank a style's respondents better on average: its
MRR is the ceiling a ranking is measured against.

The cost is one matrix product of the one-hot ratings (n, 6 F) with a table
(6 F, m) per grid point; :data:`GRID` sets the points per parameter.
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln, logsumexp, ndtr, stdtr

from .styles import MNAR_WIDTH, PERSON_SD, STYLES, VARIANTS, Respondents, style

__all__ = ["GRID", "PERSON_NODES", "UNKNOWN", "mixture_oracle", "oracle"]

#: Grid points per parameter (a parameter whose range is one value gets one).
GRID = {"a": 6, "b": 6, "s": 4, "careless": 4, "mnar": 5, "mar": 4}
#: The rank key of :func:`mixture_oracle` in equal shares: the oracle not told the person's
#: style, the ceiling of a ranking in use.
UNKNOWN = "oracle-unknown"
#: Gauss-Hermite nodes over the persistent personal deviation (variant "person").
PERSON_NODES = 9
_TINY = 1e-300


def _grid(bounds: tuple[float, float] | None, k: int) -> np.ndarray:
    if bounds is None:
        return np.array([np.nan])
    low, high = bounds
    if low == high:
        return np.array([low])
    return low + (high - low) * (np.arange(k) + 0.5) / k


def _cuts(rounding: str) -> np.ndarray:
    """Latent values at which the rating steps up: x.5 when rounding, x.75 for floor(x + 0.25)."""
    step = 0.5 if rounding == "round" else 0.75
    return np.concatenate([[-np.inf], np.arange(5) + step, [np.inf]])


def _cdf(noise: str):
    if noise == "normal":
        return ndtr
    return lambda z: stdtr(3, z * np.sqrt(3.0))  # t3 scaled to unit standard deviation


def _deviations(how: dict[str, str], mnar: bool) -> tuple[np.ndarray, np.ndarray, float]:
    """Nodes and weights over the person's deviation from their occupation's levels, and
    what is left to add to the noise's standard deviation.

    A Gaussian deviation under Gaussian noise only widens the noise, unless the person
    skips by their own level (skip-weak): then the blanks and the ratings share it, and
    it is integrated by Gauss-Hermite quadrature."""
    if how["levels"] == "occupation":
        return np.zeros(1), np.ones(1), 0.0
    if how["noise"] == "normal" and not mnar:
        return np.zeros(1), np.ones(1), PERSON_SD
    x, w = np.polynomial.hermite.hermgauss(PERSON_NODES)
    return np.sqrt(2.0) * PERSON_SD * x, w / np.sqrt(np.pi), 0.0


def oracle(
    people: Respondents,
    levels: np.ndarray,
    name: str,
    variant: str = "base",
    chosen: bool = False,
    background: tuple[np.ndarray, np.ndarray] | None = None,
):
    """Log-likelihood (n, m) of each person's answers under each occupation, style ``name``.

    ``chosen``: the items each person was asked were chosen one at a time from their answers
    before (an adaptive interview), not by the style. Such a choice depends only on what was
    observed, so it says nothing more of the occupation: only the rate of random blanks
    remains of the pattern (it still tells styles apart).

    ``background`` (values, probabilities): where ``levels`` is NaN (an item the occupation
    does not list) the person's level is one of ``values``, drawn with ``probabilities``."""
    st, how = style(name), VARIANTS[variant]
    mnar = st["mnar"] is not None
    cuts, cdf = _cuts(how["rounding"]), _cdf(how["noise"])
    nodes, node_weights, extra = _deviations(how, mnar)
    answered = ~np.isnan(people.ratings)
    # (n, 6F), rating-major
    one_hot = np.concatenate([(people.ratings == v) & answered for v in range(6)], axis=1)
    one_hot = one_hot.astype(np.float32)
    skipped = (people.asked & ~answered).astype(np.float32)
    listed = ~np.isnan(levels)
    known = np.where(listed, levels, 0.0)
    if not listed.all() and background is None:
        raise ValueError("levels has NaN (unlisted items) but no background was given")
    drawn = None if listed.all() else np.asarray(background[0], dtype=float)[None, :]  # (1, K)
    c = st["centre"]

    def rating(at: np.ndarray, a: float, b: float, s: float) -> np.ndarray:
        """P(rating v | level + deviation), (nodes, 6, *at.shape)."""
        mean = c + b * (at[None] + nodes[:, None, None] - c) + a
        z = (cuts[None, :, None, None] - mean[:, None]) / (b * np.hypot(s, extra))
        return np.diff(cdf(z), axis=1)

    total = _LogSum()
    for a in _grid(st["a"], GRID["a"]):
        for b in _grid(st["b"], GRID["b"]):
            for s in _grid(st["s"], GRID["s"]):
                rating_p = rating(known, a, b, s)
                drawn_p = None if drawn is None else rating(drawn, a, b, s)
                for e in _grid(st["careless"], GRID["careless"]):
                    p = (1 - e) * rating_p + e / 6
                    for tau in _grid(st["mnar"], GRID["mnar"]):
                        for q in _grid(st["mar"] if mnar else None, GRID["mar"]):
                            answer, blank = _chances(p, known, nodes, node_weights, tau, q)
                            if drawn is not None:
                                answer, blank = _unlisted(
                                    answer,
                                    blank,
                                    _chances(
                                        (1 - e) * drawn_p + e / 6,
                                        drawn,
                                        nodes,
                                        node_weights,
                                        tau,
                                        q,
                                    ),
                                    listed,
                                    background[1],
                                )
                            total.add(_score(one_hot, skipped, answer, blank))
    return total.mean() + _pattern(people, st, chosen)[:, None]


def _pattern(people: Respondents, st: dict, chosen: bool = False) -> np.ndarray:
    """log P(which items were asked, which left blank at random | style), (n,).

    The same for every occupation, so it does not change a style's ranking; it is
    there so that styles can be mixed (:func:`mixture_oracle`): the items a short
    questionnaire asks are any ``k`` of the catalog's, with ``k`` uniform over its
    range; every other style asks everything; random blanks have the style's rate. Items
    ``chosen`` by an interview: the blanks' rate only.
    """
    asked = people.asked.sum(axis=1)
    blank = (people.asked & np.isnan(people.ratings)).sum(axis=1)
    n_features = people.asked.shape[1]
    if chosen:
        out = np.zeros(len(people))
    elif st["items"] is None:
        out = np.where(asked == n_features, 0.0, -np.inf)
    else:
        low, high = st["items"]
        ways = gammaln(n_features + 1) - gammaln(asked + 1) - gammaln(n_features - asked + 1)
        out = np.where((asked >= low) & (asked <= high), -np.log(high - low + 1) - ways, -np.inf)
    if st["mnar"] is None:  # the skip-weak grid covers its own blanks
        q = _grid(st["mar"], GRID["mar"])[:, None]
        rates = blank[None] * np.log(q) + (asked - blank)[None] * np.log1p(-q)
        out = out + logsumexp(rates, axis=0) - np.log(len(q))
    return out


class _LogSum:
    """log Σ exp of many (n, m) arrays, a batch at a time: one exponential per element
    instead of the two transcendental functions of a running ``logaddexp``."""

    BATCH = 12

    def __init__(self) -> None:
        self.batch: list[np.ndarray] = []
        self.total: np.ndarray | None = None
        self.count = 0

    def add(self, ll: np.ndarray) -> None:
        self.batch.append(ll)
        self.count += 1
        if len(self.batch) == self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.total is not None:
            self.batch.append(self.total)
        stack = np.stack(self.batch)
        top = stack.max(axis=0)
        self.total = top + np.log(np.exp(stack - top).sum(axis=0))
        self.batch = []

    def mean(self) -> np.ndarray:
        """log of the mean of the exponentials added, float64."""
        if self.batch:
            self._flush()
        return self.total.astype(np.float64) - np.log(self.count)


def _chances(p, levels, nodes, node_weights, tau, q):
    """P(an answer v) (6, m, F) and P(a blank) (m, F) at one grid point, over the deviation
    nodes; ``p`` (nodes, 6, m, F) rating probabilities. Blanks at random say nothing about
    the occupation: None."""
    w = node_weights[:, None, None, None]
    if np.isnan(tau):
        return (w * p).sum(axis=0), None
    person = levels[None] + nodes[:, None, None]
    skip = q + (1 - q) * ndtr((tau - person) / MNAR_WIDTH)  # (nodes, m, F)
    return (w * (1 - skip[:, None]) * p).sum(axis=0), (node_weights[:, None, None] * skip).sum(
        axis=0
    )


def _unlisted(answer, blank, drawn, listed, probabilities):
    """The chances of unlisted cells (``listed`` False) replaced by those of a level drawn
    from the background: ``drawn`` is :func:`_chances` at each of its values, (6, 1, K) and
    (1, K), mixed by ``probabilities`` (K,)."""
    drawn_answer, drawn_blank = drawn
    mixed = (drawn_answer * probabilities).sum(axis=2)[:, :, None]  # (6, 1, 1)
    answer = np.where(listed, answer, mixed)
    if blank is not None:
        blank = np.where(listed, blank, float((drawn_blank * probabilities).sum()))
    return answer, blank


def _score(one_hot, skipped, answer, blank) -> np.ndarray:
    """Log-likelihood (n, m) of the answers (and blanks) given their chances."""
    out = _product(one_hot, np.log(np.maximum(answer, _TINY)))
    if blank is not None:
        out += skipped @ np.log(np.maximum(blank, _TINY)).T.astype(np.float32)
    return out


def _product(one_hot: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Σ over answered items of log P(rating | occupation): (n, 6F) @ (6F, m)."""
    six, m, n_features = table.shape
    flat = table.transpose(0, 2, 1).reshape(six * n_features, m).astype(np.float32)
    return one_hot @ flat


def mixture_oracle(
    people: Respondents, levels: np.ndarray, variant: str = "base", share: np.ndarray | None = None
):
    """The oracle of a mixed population: every style's likelihood weighed by its share of
    the population (the person's style unknown, and independent of the occupation:
    the prior over occupations stays uniform). ``share`` (one per style of
    :data:`STYLES`): the population's own shares unless given.

    With equal shares it is the ceiling of any ranking that is not told a person's
    style, as a ranking in use is not: scored on one style's respondents, it shows what
    that style costs a method that must allow for the other nine."""
    if share is None:
        share = np.bincount(people.styles, minlength=len(STYLES)) / len(people)
    parts = [
        np.log(share[k]) + oracle(people, levels, name, variant)
        for k, name in enumerate(STYLES)
        if share[k] > 0
    ]
    return logsumexp(np.stack(parts), axis=0)
