"""Turn occupations and people into vectors over one feature space.

Features are ``block:name`` pairs, blocks being skill, aptitude, trait (and
interest where a catalog rates interests). An occupation becomes two rows:
the *level* it needs of each feature (0-5, the scale people rate themselves
on) and the *importance* of each feature to it (0-1). A person becomes one
row of ratings (0-5) with NaN for every item left unanswered.

All the defaults that turn a text document into numbers live in
:data:`SECTION_DEFAULTS`, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .vocabulary import BLOCKS, Vocabulary, normalize_name

if TYPE_CHECKING:
    from matcher.io.profile import JobProfile

__all__ = [
    "DEFAULT_BLOCK_WEIGHTS",
    "SECTION_DEFAULTS",
    "OccupationVectorizer",
    "Requirement",
    "profile_requirements",
]


@dataclass(frozen=True)
class Requirement:
    """What an occupation asks of one feature: ``importance`` 0-1, ``level`` 0-5."""

    importance: float
    level: float


#: profile section -> (block, importance, level used when the document gives none).
#: Required skills weigh more than recommended ones; levels follow the 0-5 self-rating
#: scale (3 = competent on one's own).
SECTION_DEFAULTS: dict[str, tuple[str, float, float]] = {
    "required_skills": ("skill", 1.0, 3.0),
    "recommended_skills": ("skill", 0.5, 2.0),
    "aptitudes": ("aptitude", 0.8, 3.0),
    "traits": ("trait", 0.6, 3.0),
}

#: How much each block counts in a match, relative to the others.
DEFAULT_BLOCK_WEIGHTS: dict[str, float] = {
    "skill": 1.0,
    "aptitude": 0.8,
    "trait": 0.6,
    "interest": 0.6,
}

Key = tuple[str, str]


def profile_requirements(
    profile: JobProfile, vocabulary: Vocabulary
) -> tuple[dict[Key, Requirement], list[Key]]:
    """The requirements a job-profile document states, by canonical feature.

    Returns ``(requirements, unresolved)``: names the vocabulary does not know
    stay as features of their own (spelled as in the document) and are listed
    in ``unresolved`` so that they can be reported. When one feature appears in
    two sections the stronger requirement wins.
    """
    requirements: dict[Key, Requirement] = {}
    unresolved: list[Key] = []
    for section, (block, importance, default_level) in SECTION_DEFAULTS.items():
        for item in getattr(profile, section):
            name = vocabulary.resolve(block, item.name)
            if name is None:
                name = item.name
                unresolved.append((block, name))
            level = default_level if item.level is None else float(item.level)
            current = requirements.get((block, name))
            if current is None or (importance, level) > (current.importance, current.level):
                requirements[(block, name)] = Requirement(importance, level)
    return requirements, unresolved


class OccupationVectorizer:
    """Learn a feature space from occupations; map occupations and people into it.

    Modelled on scikit-learn's ``DictVectorizer``: ``fit`` learns the features
    (every vocabulary name plus every name the occupations use), ``transform``
    returns arrays.

    Parameters
    ----------
    vocabulary : Vocabulary or None
        Canonical names to include even when no occupation uses them, and the
        aliases used to resolve a person's item names.
    block_weights : mapping block -> weight, optional
        Relative weight of each block in a match (default
        :data:`DEFAULT_BLOCK_WEIGHTS`).
    unlisted_weight : float, default 0.15
        Importance given to a feature an occupation does not mention: not
        needing something is weak evidence, but evidence.
    use_idf : bool, default True
        Weigh features by their inverse occupation frequency. Right for
        catalogs that *list* what an occupation needs (text documents); a
        catalog that rates every feature for every occupation (O*NET) does not
        need it, because a feature all occupations share cancels out of the
        likelihood anyway.

    Attributes
    ----------
    feature_names_ : ndarray of str, shape (n_features,)
        ``block:name``, sorted by block then name.
    blocks_ : ndarray of str, shape (n_features,)
    discrimination_ : ndarray of float, shape (n_features,)
        Smoothed inverse occupation frequency of each feature (1 for a feature
        every occupation needs, higher for rarer ones, 0 for a feature no
        occupation mentions, which cannot tell occupations apart); 1 for every
        mentioned feature when ``use_idf=False``.
    """

    def __init__(
        self,
        vocabulary: Vocabulary | None = None,
        *,
        block_weights: Mapping[str, float] | None = None,
        unlisted_weight: float = 0.15,
        use_idf: bool = True,
    ) -> None:
        self.vocabulary = vocabulary
        self.block_weights = dict(DEFAULT_BLOCK_WEIGHTS if block_weights is None else block_weights)
        self.unlisted_weight = unlisted_weight
        self.use_idf = use_idf

    # -- fitting -----------------------------------------------------------------------

    def fit(self, occupations: Sequence[Mapping[Key, Requirement]]) -> OccupationVectorizer:
        """Learn features and their discrimination from occupation requirements."""
        if not occupations:
            raise ValueError("cannot fit on an empty catalog: give at least one occupation")
        unknown = set(self.block_weights) - set(BLOCKS)
        if unknown:
            raise ValueError(f"block_weights has unknown blocks {sorted(unknown)}; use {BLOCKS}")
        if self.unlisted_weight < 0:
            raise ValueError(f"unlisted_weight must be >= 0, got {self.unlisted_weight}")
        keys: set[Key] = set()
        if self.vocabulary is not None:
            for block in self.vocabulary.blocks:
                keys.update((block, name) for name in self.vocabulary.names(block))
        for requirements in occupations:
            keys.update(requirements)
        order = {block: i for i, block in enumerate(BLOCKS)}
        ordered = sorted(keys, key=lambda k: (order[k[0]], k[1]))
        self.feature_names_ = np.array([f"{b}:{n}" for b, n in ordered], dtype=object)
        self.blocks_ = np.array([b for b, _ in ordered], dtype=object)
        self.vocabulary_ = {key: i for i, key in enumerate(ordered)}
        self._normalized = {(b, normalize_name(n)): i for (b, n), i in self.vocabulary_.items()}

        importance = self._matrix(occupations, lambda r: r.importance)
        frequency = importance.sum(axis=0)
        m = len(occupations)
        idf = np.log((1.0 + m) / (1.0 + frequency)) + 1.0 if self.use_idf else 1.0
        self.discrimination_ = np.where(frequency > 0, idf, 0.0)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "vocabulary_"):
            raise RuntimeError("this OccupationVectorizer is not fitted yet; call fit() first")

    def get_feature_names_out(self) -> np.ndarray:
        self._check_fitted()
        return self.feature_names_.copy()

    @property
    def n_features(self) -> int:
        self._check_fitted()
        return len(self.feature_names_)

    # -- occupations -----------------------------------------------------------------

    def _matrix(self, occupations: Sequence[Mapping[Key, Requirement]], value) -> np.ndarray:
        out = np.zeros((len(occupations), len(self.vocabulary_)), dtype=np.float64)
        for row, requirements in enumerate(occupations):
            for key, requirement in requirements.items():
                column = self.vocabulary_.get(key)
                if column is not None:
                    out[row, column] = value(requirement)
        return out

    def transform(
        self, occupations: Sequence[Mapping[Key, Requirement]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Levels and importances of occupations.

        Returns
        -------
        levels : ndarray, shape (n_occupations, n_features), 0-5
            The level each occupation needs; 0 for a feature it does not mention.
        importance : ndarray, shape (n_occupations, n_features), 0-1
            How much each feature matters to each occupation; 0 where not mentioned.
        """
        self._check_fitted()
        return self._matrix(occupations, lambda r: r.level), self._matrix(
            occupations, lambda r: r.importance
        )

    def match_weights(self, importance: np.ndarray) -> np.ndarray:
        """Weight of each (occupation, feature) in a match, shape like ``importance``.

        (importance + unlisted weight) / (1 + unlisted weight) × discrimination
        × block weight, the discrimination scaled to a mean of 1 over the features
        some occupation mentions. The weight is the precision of a rating in the
        match (see :mod:`matcher.core.likelihood`): 1 for an item of full importance, of
        average discrimination, in a block of weight 1.
        """
        self._check_fitted()
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
        self._check_fitted()
        if self.vocabulary is not None:
            canonical = self.vocabulary.resolve(block, name)
            if canonical is not None and (block, canonical) in self.vocabulary_:
                return self.vocabulary_[(block, canonical)]
        return self._normalized.get((block, normalize_name(name)))

    def transform_ratings(self, people: Iterable[Mapping[Key, float]]) -> np.ndarray:
        """Ratings of people, shape (n_people, n_features), NaN where unanswered.

        Keys must already be canonical ``(block, name)`` pairs of this space
        (see :mod:`matcher.io.assessment`, which validates and resolves them).
        """
        self._check_fitted()
        rows = list(people)
        out = np.full((len(rows), len(self.vocabulary_)), np.nan)
        for row, ratings in enumerate(rows):
            for key, value in ratings.items():
                out[row, self.vocabulary_[key]] = value
        return out

    def key(self, column: int) -> Key:
        return (str(self.blocks_[column]), str(self.feature_names_[column]).split(":", 1)[1])

    def __repr__(self) -> str:
        fitted = f", n_features={len(self.vocabulary_)}" if hasattr(self, "vocabulary_") else ""
        return (
            f"OccupationVectorizer(unlisted_weight={self.unlisted_weight}, "
            f"use_idf={self.use_idf}{fitted})"
        )
