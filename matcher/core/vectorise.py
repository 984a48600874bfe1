"""Turn occupations into vectors over one feature space: the vectoriser a model is built with.

Features are ``block:name`` pairs, blocks being skill, aptitude, trait (and
interest where a catalog rates interests). An occupation becomes two rows:
the *level* it needs of each feature (0-5, the scale people rate themselves
on) and the *importance* of each feature to it (0-1). A person becomes one
row of ratings (0-5) with NaN for every item left unanswered
(:meth:`~matcher.core.features.FeatureSpace.transform_ratings`).

:class:`OccupationVectorizer` is a scikit-learn estimator and is used at build
time only: what it learns is a :class:`~matcher.core.features.FeatureSpace`, the
part a saved model keeps, which needs numpy only.

All the defaults that turn a text document into numbers live in
:data:`SECTION_DEFAULTS`, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from matcher.validation import check_flag, check_instance, check_number, check_weights, refuse

from .features import MAX_BLOCK_WEIGHT, FeatureSpace
from .vocabulary import BLOCKS, Vocabulary

if TYPE_CHECKING:
    from matcher.io.profile import JobProfile

__all__ = [
    "DEFAULT_BLOCK_WEIGHTS",
    "MAX_BLOCK_WEIGHT",
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
    "aptitude": 0.4,
    "trait": 0.2,
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


class OccupationVectorizer(TransformerMixin, BaseEstimator):
    """Learn a feature space from occupations; map occupations into it.

    A scikit-learn transformer modelled on ``DictVectorizer``: its input ``X``
    is a sequence of occupations, each a mapping ``(block, name) ->``
    :class:`Requirement`. ``fit`` learns the features (every vocabulary name plus
    every name the occupations use) and their discrimination; ``transform``
    returns the levels, :meth:`transform_importance` the importances. It works
    with ``clone``, ``get_params`` / ``set_params`` and ``set_output``.

    Parameters
    ----------
    vocabulary : Vocabulary or None
        Canonical names to include even when no occupation uses them, and the
        aliases used to resolve a person's item names.
    block_weights : mapping block -> weight, optional
        Relative weight of each block in a match (default
        :data:`DEFAULT_BLOCK_WEIGHTS`; a block left out keeps its default).
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
    feature_space_ : :class:`~matcher.core.features.FeatureSpace`
        What a model keeps: the attributes below, the block weights and the vocabulary.
    feature_names_ : ndarray of str, shape (n_features,)
        ``block:name``, sorted by block then name.
    blocks_ : ndarray of str, shape (n_features,)
    block_weights_ : dict block -> weight, the defaults filled in.
    vocabulary_ : dict ``(block, name)`` -> column.
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
        self.block_weights = block_weights
        self.unlisted_weight = unlisted_weight
        self.use_idf = use_idf

    # -- fitting -----------------------------------------------------------------------

    def _check_params(self) -> dict[str, float]:
        # checked here, as scikit-learn does, so that set_params is checked too; build_model
        # checks block_weights before reading a catalog
        if self.vocabulary is not None:
            check_instance("vocabulary", self.vocabulary, (Vocabulary,), "a Vocabulary or None")
        given = self.block_weights
        given = {} if given is None else check_weights("block_weights", given, BLOCKS)
        check_number("unlisted_weight", self.unlisted_weight)
        check_flag(
            "use_idf", bool(self.use_idf) if isinstance(self.use_idf, np.bool_) else self.use_idf
        )
        # a block left out keeps its default: {"skill": 2} weighed aptitudes and traits 0
        return {**DEFAULT_BLOCK_WEIGHTS, **given}

    def fit(self, X: Sequence[Mapping[Key, Requirement]], y: object = None) -> OccupationVectorizer:
        """Learn features and their discrimination from occupation requirements."""
        self.block_weights_ = self._check_params()
        occupations = _occupations(X)
        if not occupations:
            raise ValueError("cannot fit on an empty catalog: give at least one occupation")
        keys: set[Key] = set()
        if self.vocabulary is not None:
            for block in self.vocabulary.blocks:
                keys.update((block, name) for name in self.vocabulary.names(block))
        for requirements in occupations:
            keys.update(requirements)
        order = {block: i for i, block in enumerate(BLOCKS)}
        ordered = sorted(keys, key=lambda k: (order[k[0]], k[1]))
        self.vocabulary_ = {key: i for i, key in enumerate(ordered)}

        importance = self._matrix(occupations, lambda r: r.importance)
        frequency = importance.sum(axis=0)
        m = len(occupations)
        idf = np.log((1.0 + m) / (1.0 + frequency)) + 1.0 if self.use_idf else 1.0
        self.feature_space_ = FeatureSpace(
            [f"{b}:{n}" for b, n in ordered],
            np.where(frequency > 0, idf, 0.0),
            block_weights=self.block_weights_,
            unlisted_weight=float(self.unlisted_weight),
            vocabulary=self.vocabulary,
        )
        self.feature_names_ = self.feature_space_.feature_names_
        self.blocks_ = self.feature_space_.blocks_
        self.discrimination_ = self.feature_space_.discrimination_
        return self

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """``block:name`` of every column of :meth:`transform`'s output."""
        check_is_fitted(self, "feature_space_")
        return self.feature_names_.copy()

    @property
    def n_features(self) -> int:
        check_is_fitted(self, "feature_space_")
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

    def transform(self, X: Sequence[Mapping[Key, Requirement]]) -> np.ndarray:
        """The level each occupation needs, shape (n_occupations, n_features), 0-5.

        0 for a feature an occupation does not mention; names the fitted space
        does not know are ignored.
        """
        check_is_fitted(self, "feature_space_")
        return self._matrix(_occupations(X), lambda r: r.level)

    def transform_importance(self, X: Sequence[Mapping[Key, Requirement]]) -> np.ndarray:
        """How much each feature matters to each occupation, shape (n_occupations,
        n_features), 0-1; 0 where not mentioned."""
        check_is_fitted(self, "feature_space_")
        return self._matrix(_occupations(X), lambda r: r.importance)

    def match_weights(self, importance: np.ndarray) -> np.ndarray:
        """See :meth:`matcher.core.features.FeatureSpace.match_weights`."""
        check_is_fitted(self, "feature_space_")
        return self.feature_space_.match_weights(importance)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # Occupations are mappings of requirements, as DictVectorizer's samples are dicts.
        tags.input_tags.dict = True
        return tags


def _occupations(X) -> list[Mapping[Key, Requirement]]:
    """``X`` as a list of requirement mappings, or a TypeError saying what is expected."""
    if isinstance(X, Mapping) or not isinstance(X, Iterable):
        raise TypeError(
            "X must be a sequence of occupations, each a mapping (block, name) -> Requirement, "
            f"got {type(X).__name__}"
        )
    occupations = list(X)
    for row, requirements in enumerate(occupations):
        if not isinstance(requirements, Mapping):
            raise TypeError(
                f"occupation {row} must be a mapping (block, name) -> Requirement, got "
                f"{type(requirements).__name__} (an array is not an occupation)"
            )
        for key, requirement in requirements.items():
            if not (
                isinstance(key, tuple)
                and len(key) == 2
                and key[0] in BLOCKS
                and isinstance(key[1], str)
                and key[1].strip()
            ):  # a plain "Accounting" raised KeyError: 'A' (its first letter read as a block)
                refuse(
                    f"each key of occupation {row}",
                    key,
                    f"a (block, name) pair, the block one of {', '.join(BLOCKS)}",
                )
            if not isinstance(requirement, Requirement):
                raise TypeError(
                    f"occupation {row}, {key!r}: expected a Requirement, got {requirement!r}"
                )
    return occupations
