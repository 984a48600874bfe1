"""Occupation-to-occupation similarity: which occupations are neighbours of which.

Two views of an occupation are compared and blended:

* what it requires: the level of every feature, scaled by the square root of
  its importance (plus a floor, so that a level the occupation barely needs
  still counts a little), compared by cosine;
* what it is called and does: TF-IDF of its title (counted three times), its
  aliases and its description, compared by cosine.

Names carry what ratings miss ("Section Chief" and "Subsection Chief" are
neighbours however their levels differ), ratings what names miss.

A model keeps only the :data:`NEIGHBOURS` most similar occupations of each
occupation, a sparse graph (:class:`Neighbours`) built once with the model: the
similarities are computed a block of rows at a time, so time grows with the square
of the catalog but memory only linearly. The TF-IDF part needs scikit-learn, at
build time only; reading the graph needs numpy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .ranking import top_k

if TYPE_CHECKING:
    from matcher.io.profile import JobProfile

__all__ = [
    "IMPORTANCE_FLOOR",
    "NEIGHBOURS",
    "TEXT_SHARE",
    "Neighbours",
    "SimilarityViews",
    "neighbour_graph",
]

#: Share of the names-and-description view in the blend.
TEXT_SHARE = 0.2
#: Importance floor in the requirement view.
IMPORTANCE_FLOOR = 0.2
#: Neighbours a model keeps per occupation (``Model.similar`` answers up to this many).
NEIGHBOURS = 50
#: Bytes of one stripe of similarity rows while the graph is built: the stripe fits in
#: a few megabytes of cache-friendly memory whatever the catalog size. (A *stripe* is the
#: rows or features worked on at once; a *block* is a skill, aptitude or trait group.)
STRIPE_BYTES = 16 * 2**20


@dataclass(frozen=True)
class Neighbours:
    """The k most similar occupations of every occupation, best first.

    rows : ndarray of int32, shape (n_occupations, k), row indices of the neighbours
        (never the occupation itself; ties go to the lower row, i.e. the lower id).
    similarity : ndarray of float64, shape (n_occupations, k), in [0, 1].
    """

    rows: np.ndarray
    similarity: np.ndarray


class SimilarityViews:
    """The two views of every occupation, ready for :meth:`rows`.

    Parameters
    ----------
    levels, importance : (n_occupations, n_features), 0-5 and 0-1
    profiles : the n occupations' documents, in row order
    """

    def __init__(
        self, levels: np.ndarray, importance: np.ndarray, profiles: Sequence[JobProfile]
    ) -> None:
        vectors = levels * np.sqrt(importance + IMPORTANCE_FLOOR)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        self.requirement = vectors / np.where(norms > 0, norms, 1)
        self.text = _text_vectors(profiles)
        # Transposed once: a product with a CSC matrix would convert it on every block.
        self._text_t = None if self.text is None else self.text.T.tocsr()
        self.n = len(levels)

    def rows(self, start: int, stop: int) -> np.ndarray:
        """Similarity of occupations ``start:stop`` to every occupation, shape
        (stop - start, n), in [0, 1], 1 on the diagonal."""
        # (1 - share) * requirement + share * text, computed in place.
        out = self.requirement[start:stop] @ self.requirement.T
        out *= 1 - TEXT_SHARE
        if self.text is None:  # no word is shared by two occupations
            out[np.arange(stop - start), np.arange(start, stop)] += TEXT_SHARE
        else:
            text = (self.text[start:stop] @ self._text_t).toarray()
            text *= TEXT_SHARE
            out += text
        return out

    def stripes(self) -> Iterator[tuple[int, int, np.ndarray]]:
        """``(start, stop, rows(start, stop))`` over the whole catalog, a stripe at a time."""
        size = max(1, STRIPE_BYTES // (8 * max(self.n, 1)))
        for start in range(0, self.n, size):
            stop = min(start + size, self.n)
            yield start, stop, self.rows(start, stop)


def _text_vectors(profiles: Sequence[JobProfile]) -> Any:
    """L2-normalised TF-IDF rows (a scipy CSR matrix) of title ×3, aliases and description,
    or None when no word is shared by two occupations."""
    # Imported here: building needs scikit-learn, loading and matching do not.
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [" ".join([p.title] * 3 + list(p.aliases) + [p.description]) for p in profiles]
    try:
        tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2)
        return tfidf.fit_transform(texts).tocsr()
    except ValueError:  # no word is shared by two occupations
        return None


def neighbour_graph(
    levels: np.ndarray,
    importance: np.ndarray,
    profiles: Sequence[JobProfile],
    k: int = NEIGHBOURS,
) -> Neighbours:
    """The ``k`` most similar occupations of every occupation (fewer in a catalog of k or
    fewer), by the blend of the module docstring; memory linear in the catalog."""
    views = SimilarityViews(levels, importance, profiles)
    k = max(0, min(k, views.n - 1))
    rows = np.empty((views.n, k), dtype=np.int32)
    similarity = np.empty((views.n, k), dtype=np.float64)
    for start, stop, stripe in views.stripes():
        stripe[np.arange(stop - start), np.arange(start, stop)] = -np.inf  # not its own neighbour
        best = top_k(stripe, k)
        rows[start:stop] = best
        similarity[start:stop] = np.take_along_axis(stripe, best, axis=1)
    return Neighbours(rows, similarity)
