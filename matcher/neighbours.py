"""Occupation-to-occupation similarity: which occupations are neighbours of which."""

from __future__ import annotations

from typing import Any

import numpy as np

from .vectorise import OccupationVectorizer


def occupation_similarity(
    levels: np.ndarray,
    importance: np.ndarray,
    vectorizer: OccupationVectorizer,
    *,
    extra: dict[str, Any] | None = None,
) -> np.ndarray:
    """Cosine similarity of occupations' weighted, centred requirement vectors.

    Each occupation is described by ``level × (importance + unlisted weight)``
    per feature, scaled by the square root of the feature's match weight
    (discrimination × block weight), and centred on the catalog mean so that
    what every occupation needs does not make them all alike.

    Returns
    -------
    ndarray, shape (n_occupations, n_occupations), values in [-1, 1].
    """
    block = np.array([vectorizer.block_weights.get(b, 0.0) for b in vectorizer.blocks_])
    scale = np.sqrt(vectorizer.discrimination_ * block)
    vectors = levels * (importance + vectorizer.unlisted_weight) * scale[None, :]
    vectors = vectors - vectors.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms > 0, norms, 1)
    return vectors @ vectors.T
