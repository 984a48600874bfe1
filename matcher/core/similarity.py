"""Occupation-to-occupation similarity: which occupations are neighbours of which.

Two views of an occupation are compared and blended:

* what it requires: the level of every feature, scaled by the square root of
  its importance (plus a floor, so that a level the occupation barely needs
  still counts a little), compared by cosine;
* what it is called and does: TF-IDF of its title (counted three times), its
  aliases and its description, compared by cosine.

Names carry what ratings miss ("Section Chief" and "Subsection Chief" are
neighbours however their levels differ), ratings what names miss.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

if TYPE_CHECKING:
    from matcher.io.profile import JobProfile

#: Share of the names-and-description view in the blend.
TEXT_SHARE = 0.2
#: Importance floor in the requirement view.
IMPORTANCE_FLOOR = 0.2


def _cosine(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms > 0, norms, 1)
    return unit @ unit.T


def text_similarity(profiles: Sequence[JobProfile]) -> np.ndarray:
    """Cosine of TF-IDF vectors of title ×3, aliases and description, shape (n, n)."""
    texts = [" ".join([p.title] * 3 + list(p.aliases) + [p.description]) for p in profiles]
    try:
        tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2)
        matrix = tfidf.fit_transform(texts)
    except ValueError:  # no word is shared by two occupations
        return np.eye(len(profiles))
    return (matrix @ matrix.T).toarray()


def occupation_similarity(
    levels: np.ndarray, importance: np.ndarray, profiles: Sequence[JobProfile]
) -> np.ndarray:
    """Similarity of every pair of occupations.

    Parameters
    ----------
    levels, importance : (n_occupations, n_features), 0-5 and 0-1
    profiles : the n occupations' documents, in row order

    Returns
    -------
    ndarray, shape (n_occupations, n_occupations), values in [0, 1], 1 on the diagonal.
    """
    requirement = _cosine(levels * np.sqrt(importance + IMPORTANCE_FLOOR))
    return (1 - TEXT_SHARE) * requirement + TEXT_SHARE * text_similarity(profiles)
