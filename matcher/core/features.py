"""The feature space of a model: what a match needs of the vectoriser that built it.

:class:`~matcher.core.vectorise.OccupationVectorizer` (a scikit-learn estimator,
used when a model is built) learns the features from a catalog; what it learns is a
:class:`FeatureSpace`, which is all a loaded model keeps. It needs numpy only, so
loading a model and ranking occupations never import scikit-learn.

The attribute names are the estimator's fitted attributes (``feature_names_``,
``blocks_``, ``discrimination_``), so code written against either reads the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from .vocabulary import BLOCKS, Vocabulary, normalize_name

__all__ = ["MAX_BLOCK_WEIGHT", "FeatureSpace"]

Key = tuple[str, str]
#: Spellings of items a feature space remembers the column of (then it starts again).
FOUND_SPELLINGS = 4096


#: The most a block may be weighted (``build_model(block_weights=...)``). A weight multiplies
#: the log-likelihood of each of the block's ratings, summed in float32 (at most 3.4e38): a
#: skill weight of 1e38 overflowed and every recommend() stopped with a raw IndexError, and
#: a profile of a thousand ratings could overflow at 1e34. A million is far from that and
#: already leaves the other blocks nothing to say (the first match at 100 %).
MAX_BLOCK_WEIGHT = 1e6


class FeatureSpace:
    """Features (``block:name``), how well each tells occupations apart, and how a
    person's item names find them.

    Parameters
    ----------
    feature_names : sequence of str, ``block:name`` in column order.
    discrimination : ndarray of float, shape (n_features,)
        Smoothed inverse occupation frequency of each feature (0 for a feature no
        occupation mentions).
    block_weights : mapping block -> weight of the block in a match.
    unlisted_weight : importance given to a feature an occupation does not mention.
    vocabulary : Vocabulary or None, the aliases a person's item names resolve through.
    """

    def __init__(
        self,
        feature_names: Iterable[str],
        discrimination: np.ndarray,
        *,
        block_weights: Mapping[str, float],
        unlisted_weight: float,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.feature_names_ = np.array(list(feature_names), dtype=object)
        keys = [_split(name) for name in self.feature_names_]
        self._keys = keys  # each column's (block, name): every item a person names is looked up
        self.blocks_ = np.array([block for block, _ in keys], dtype=object)
        self.discrimination_ = np.asarray(discrimination, dtype=np.float64)
        if self.discrimination_.shape != self.feature_names_.shape:
            raise ValueError(
                f"discrimination has shape {self.discrimination_.shape}; one value per feature "
                f"({len(self.feature_names_)}) is needed"
            )
        self.block_weights = dict(block_weights)
        self.unlisted_weight = float(unlisted_weight)
        self.vocabulary = vocabulary
        self.vocabulary_ = {key: column for column, key in enumerate(keys)}
        self._normalized: dict[Key, int] | None = None
        self._found: dict[Key, int | None] = {}

    @property
    def n_features(self) -> int:
        return len(self.feature_names_)

    def get_feature_names_out(self) -> np.ndarray:
        return self.feature_names_.copy()

    def key(self, column: int) -> Key:
        """``(block, name)`` of a column."""
        return self._keys[column]

    def match_weights(self, importance: np.ndarray) -> np.ndarray:
        """Weight of each (occupation, feature) in a match, shape like ``importance``.

        (importance + unlisted weight) / (1 + unlisted weight) × discrimination
        × block weight, the discrimination scaled to a mean of 1 over the features
        some occupation mentions. The weight is the precision of a rating in the
        match (see :mod:`matcher.core.likelihood`): 1 for an item of full importance, of
        average discrimination, in a block of weight 1.
        """
        block = np.array([self.block_weights.get(b, 0.0) for b in self.blocks_])
        used = self.discrimination_ > 0
        discrimination = self.discrimination_ / (
            self.discrimination_[used].mean() if used.any() else 1
        )
        need = (importance + self.unlisted_weight) / (1 + self.unlisted_weight)
        return need * (discrimination * block)[None, :]

    # -- people ------------------------------------------------------------------------

    def feature_index(self, block: str, name: str) -> int | None:
        """Column of an item: by canonical name (through the vocabulary) or as spelled."""
        # people name the same items again and again (a survey's columns, a questionnaire's
        # items): each spelling is normalised once, up to a bound on what is kept
        key = (block, name)
        column = self._found.get(key, -1)  # one look-up: safe beside another thread's clear()
        if column != -1:
            return column
        if len(self._found) >= FOUND_SPELLINGS:
            self._found.clear()
        column = self._found[key] = self._feature_index(block, name)
        return column

    def _feature_index(self, block: str, name: str) -> int | None:
        if self.vocabulary is not None:
            canonical = self.vocabulary.resolve(block, name)
            if canonical is not None and (block, canonical) in self.vocabulary_:
                return self.vocabulary_[(block, canonical)]
        if self._normalized is None:
            self._normalized = {(b, normalize_name(n)): i for (b, n), i in self.vocabulary_.items()}
        return self._normalized.get((block, normalize_name(name)))

    def transform_ratings(self, people: Iterable[Mapping[Key, float]]) -> np.ndarray:
        """Ratings of people, shape (n_people, n_features), NaN where unanswered.

        Keys must already be canonical ``(block, name)`` pairs of this space
        (see :mod:`matcher.io.assessment`, which validates and resolves them).
        """
        rows = list(people)
        out = np.full((len(rows), self.n_features), np.nan)
        for row, ratings in enumerate(rows):
            for key, value in ratings.items():
                out[row, self.vocabulary_[key]] = value
        return out

    def __repr__(self) -> str:
        return f"FeatureSpace(n_features={self.n_features}, unlisted_weight={self.unlisted_weight})"


def _split(feature_name: str) -> Key:
    block, _, name = str(feature_name).partition(":")
    if block not in BLOCKS or not name:
        raise ValueError(
            f"feature name {feature_name!r} is not 'block:name' with a block of {BLOCKS}"
        )
    return block, name
