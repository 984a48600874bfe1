"""Simulated respondents: response styles from the survey literature, drawn per person.

A respondent belongs to one occupation and rates each item they are asked on
the whole points 0-5. Their rating of an item whose true level is ``t`` is read
off a latent value::

    x = c + b × (t + e − c) + a        e ~ noise of standard deviation s

rounded and clipped to 0-5: ``a`` is an offset (leniency, severity), ``b`` a
scale pivoting at ``c`` (extreme and midpoint responding, acquiescence), and a
share of answers is careless (any point at random). Every parameter is drawn
per person, uniformly over the style's range. Items can go unanswered at
random (MAR), more often the weaker the person is in them (skip-weak: missing
not at random), or not be asked at all (a short questionnaire).

The *variants* change the simulator's own assumptions, to see whether a
ranking leans on them: heavy-tailed noise (Student t with 3 degrees of
freedom, same standard deviation), a persistent personal deviation of the
person's true levels from their occupation's (the noise comes on top), and
rounding down (``floor(x + 0.25)``) instead of to the nearest point.

The oracle (:mod:`.oracle`) scores the same model exactly; nothing here is
given to the ranking under test but the ratings and which items were asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.special import ndtr

__all__ = [
    "DEFAULTS",
    "MNAR_WIDTH",
    "PERSON_SD",
    "STYLES",
    "VARIANTS",
    "Respondents",
    "mixed",
    "simulate",
    "style",
    "unlisted_drawn",
]

#: Each style's parameter ranges, over :data:`DEFAULTS`. a: offset, b: scale, centre: where
#: the scale pivots, s: noise, mar: share skipped at random, careless: share of careless
#: answers, mnar: the level below which a person tends to skip, items: questionnaire length,
#: pop: "weak" for people from the weakest third of the occupations (by mean level).
STYLES: dict[str, dict] = {
    "honest": {},
    "leniency": {"a": (0.75, 2.0)},
    "severity": {"a": (-2.0, -0.75)},
    "extreme": {"b": (1.6, 2.6), "a": (-0.4, 0.4), "centre": 2.5},
    "midpoint": {"b": (0.25, 0.5), "a": (-0.3, 0.3), "centre": 2.5},
    "acquiescence": {"b": (0.5, 0.8), "centre": 5.0},
    "skip-weak": {"mnar": (1.0, 2.5), "mar": (0.0, 0.15)},
    "short": {"items": (20, 40), "mar": (0.0, 0.1), "a": (-0.5, 0.5)},
    "weak-overrate": {"a": (1.0, 2.5), "pop": "weak"},
    "careless": {"careless": (0.15, 0.35)},
}
DEFAULTS: dict = {
    "a": (0.0, 0.0),
    "b": (1.0, 1.0),
    "centre": 0.0,
    "s": (0.4, 0.8),
    "mar": (0.1, 0.4),
    "careless": (0.0, 0.0),
    "mnar": None,
    "items": None,
    "pop": "all",
}
#: Probit width of the skip-weak mechanism: P(skip) = Φ((τ − t) / width).
MNAR_WIDTH = 0.5
#: Standard deviation of the persistent personal deviation (variant "person").
PERSON_SD = 0.5
#: Simulator variants: noise, true levels, rounding.
VARIANTS: dict[str, dict[str, str]] = {
    "base": {"noise": "normal", "levels": "occupation", "rounding": "round"},
    "t3": {"noise": "t3", "levels": "occupation", "rounding": "round"},
    "person": {"noise": "normal", "levels": "person", "rounding": "round"},
    "floor": {"noise": "normal", "levels": "occupation", "rounding": "floor"},
}


def unlisted_drawn(levels: np.ndarray, listed: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``levels`` (n, F) of respondents' occupations with each item the occupation does not
    list (``listed`` False) at a level drawn from the model's background: most people have a
    little of what their job does not need."""
    from matcher.model.scoring import BACKGROUND

    drawn = rng.choice(BACKGROUND[0], size=levels.shape, p=BACKGROUND[1])
    return np.where(listed, levels, drawn)


def style(name: str) -> dict:
    """The full parameter ranges of a style."""
    return {**DEFAULTS, **STYLES[name]}


@dataclass
class Respondents:
    """Simulated self-assessments.

    ratings : (n, F) whole points 0-5, NaN where not answered.
    asked : (n, F) bool, the items each person was asked (a blank is asked, not answered).
    truth : (n,) row of each person's occupation.
    styles : (n,) index into :data:`STYLES` of each person's style.
    """

    ratings: np.ndarray
    asked: np.ndarray
    truth: np.ndarray
    styles: np.ndarray = field(default=None)

    def __len__(self) -> int:
        return len(self.truth)

    def take(self, rows: np.ndarray) -> Respondents:
        return Respondents(
            self.ratings[rows], self.asked[rows], self.truth[rows], self.styles[rows]
        )


def _uniform(rng: np.random.Generator, bounds: tuple[float, float], n: int) -> np.ndarray:
    return rng.uniform(bounds[0], bounds[1], size=(n, 1))


def _noise(rng: np.random.Generator, kind: str, shape: tuple, sd: np.ndarray) -> np.ndarray:
    if kind == "normal":
        return rng.normal(0.0, 1.0, size=shape) * sd
    if kind == "t3":  # Student t, 3 degrees of freedom, scaled to the same standard deviation
        return rng.standard_t(3, size=shape) * sd / np.sqrt(3.0)
    raise ValueError(f"noise {kind!r}: expected 'normal' or 't3'")


def simulate(
    levels: np.ndarray,
    name: str,
    rng: np.random.Generator,
    per: int = 1,
    variant: str = "base",
) -> Respondents:
    """``per`` respondents of style ``name`` from each occupation (row of ``levels``, (m, F))."""
    st, how = style(name), VARIANTS[variant]
    m = len(levels)
    rows = np.arange(m)
    if st["pop"] == "weak":
        rows = np.sort(np.argsort(levels.mean(axis=1), kind="stable")[: m // 3])
    truth = np.repeat(rows, per)
    n = len(truth)
    true = levels[truth]
    if how["levels"] == "person":
        true = true + rng.normal(0.0, PERSON_SD, size=true.shape)
    e = _noise(rng, how["noise"], true.shape, _uniform(rng, st["s"], n))
    a, b = _uniform(rng, st["a"], n), _uniform(rng, st["b"], n)
    c = st["centre"]
    x = c + b * (true + e - c) + a
    x = np.round(x) if how["rounding"] == "round" else np.floor(x + 0.25)
    ratings = np.clip(x, 0, 5)
    careless = rng.random(true.shape) < _uniform(rng, st["careless"], n)
    ratings = np.where(careless, rng.integers(0, 6, size=true.shape), ratings)
    asked = np.ones(true.shape, bool)
    if st["items"] is not None:
        k = rng.integers(st["items"][0], st["items"][1] + 1, size=n)
        order = np.argsort(rng.random(true.shape), axis=1)
        asked = order < k[:, None]
    skip = rng.random(true.shape) < _uniform(rng, st["mar"], n)
    if st["mnar"] is not None:
        tau = _uniform(rng, st["mnar"], n)
        skip |= rng.random(true.shape) < ndtr((tau - true) / MNAR_WIDTH)
    answered = asked & ~skip
    nothing = ~answered.any(axis=1)  # everybody answers something: their first asked item
    first = np.argmax(asked, axis=1)
    answered[nothing, first[nothing]] = True
    ratings = np.where(answered, ratings, np.nan)
    return Respondents(ratings, asked, truth, np.full(n, list(STYLES).index(name)))


def mixed(
    levels: np.ndarray, rng: np.random.Generator, per: int = 1, variant: str = "base"
) -> Respondents:
    """A population of every style at once: each style simulated as :func:`simulate` does,
    then a random ``1 / len(STYLES)`` of each kept, so that the whole is about the size of
    one style's and each style's share is its share of all respondents."""
    parts = []
    for name in STYLES:
        people = simulate(levels, name, rng, per, variant)
        keep = rng.permutation(len(people))[: round(len(people) / len(STYLES))]
        parts.append(people.take(np.sort(keep)))
    return Respondents(
        np.vstack([p.ratings for p in parts]),
        np.vstack([p.asked for p in parts]),
        np.concatenate([p.truth for p in parts]),
        np.concatenate([p.styles for p in parts]),
    )
