"""Occupations the catalog relates: a prior that follows a person's likely occupations.

A catalog says which occupations are related (a document's *Related Jobs*,
O*NET's Related Occupations) and which follow one another (a *Career Path*).
An adviser reads a person's best match that way: when the ratings say "IT
support", network engineering is a sensible second suggestion and
photography is not, even where the two fit the ratings about as well.

So the shortlist's likelihood is multiplied by a prior that depends on the
person: ``ε + Σ_k p_k A_kj``, where ``p`` is the posterior of the likelihood
alone over the shortlist and ``A`` the relation graph with every occupation
related to itself. An occupation related to a likely one keeps its
likelihood; one unrelated to every likely occupation is down-weighted by at
most ``ε`` (:data:`RELATED_FLOOR`), log ε ≈ −4.6 nats. The best match is
related to itself, so a clear best match stays first. Pure NumPy.
"""

from __future__ import annotations

import numpy as np

from .ranking import gather
from .sparse import edges_to_csr, row_entries

__all__ = ["RELATED_FLOOR", "related_prior", "relation_graph"]

#: The prior of an occupation unrelated to every likely one, relative to a likely one.
RELATED_FLOOR = 0.01


def relation_graph(
    pairs: list[tuple[np.ndarray, np.ndarray]], n_occupations: int
) -> tuple[np.ndarray, np.ndarray]:
    """One symmetric graph (CSR ``indptr``, ``indices``) of several CSR graphs of
    ``n_occupations`` rows, each edge both ways, without self-loops."""
    n = n_occupations
    edges = [np.zeros(0, np.int64)]
    for indptr, indices in pairs:
        rows = np.repeat(np.arange(n), np.diff(indptr))
        edges += [rows * n + indices, np.asarray(indices, np.int64) * n + rows]
    return edges_to_csr(np.concatenate(edges), n)


def related_prior(
    shortlist: np.ndarray, posterior: np.ndarray, graph: tuple[np.ndarray, np.ndarray], m: int
) -> np.ndarray:
    """log(ε + Σ_k p_k A_kj) for each person's shortlist rows, (n, S).

    ``shortlist`` (n, S) rows and ``posterior`` (n, S) their probabilities; ``graph``
    from :func:`relation_graph` over ``m`` occupations."""
    indptr, indices = graph
    n, size = shortlist.shape
    take, lengths = row_entries(indptr, shortlist)
    person = np.repeat(np.repeat(np.arange(n), size), lengths)
    near = np.bincount(
        person * m + indices[take], np.repeat(posterior.ravel(), lengths), minlength=n * m
    ).reshape(n, m)
    near = gather(near, shortlist) + posterior  # every row its own relative
    return np.log(RELATED_FLOOR + near)
