"""The Gaussian pass of the likelihood: every occupation, cheaply.

Ratings read as Gaussian (no rounding, no ends of the scale) with the person's offset
and scale integrated in closed form under a Gaussian version of each family of the
style prior (:mod:`matcher.core.styles`). All an occupation needs are six moments of
the person's counts (:func:`matcher.core.likelihood.reduced`), so the pass is a few
elementwise operations over every occupation; :mod:`matcher.core.likelihood` uses it to
choose the occupations scored exactly, and to order the rest.
"""

from __future__ import annotations

import functools

import numpy as np

from .logsum import logsumexp

__all__ = ["GAUSS_NOISE", "gaussian_likelihood"]

#: Noise levels of the Gaussian pass (rating points; rounding adds 1/12 of variance).
GAUSS_NOISE = (0.85,)


@functools.cache
def _families(centre: float) -> tuple[np.ndarray, ...]:
    """Gaussian versions of the style families, crossed with :data:`GAUSS_NOISE`: prior mean
    (C, 2), precision (C, 2, 2), log determinant of the covariance (C,), log weight (C,) and
    noise variance (C,) of (a, b), where the latent rating is ``centre + a + b (level −
    centre)``."""
    from .styles import FAMILIES

    tiny = 1e-4

    def pivot(at: float, b_sd: float, a_sd: float, b_mean: float = 1.0):
        k = centre - at  # a = (at − centre)(1 − b) + a'
        jacobian = np.array([[k, 1.0], [1.0, 0.0]])
        cov = jacobian @ np.diag([b_sd**2, a_sd**2]) @ jacobian.T + tiny * np.eye(2)
        return np.array([k * (b_mean - 1.0), b_mean]), cov

    families = [
        (np.array([0.0, 1.0]), tiny * np.eye(2), FAMILIES["honest"]),
        (np.array([0.0, 1.0]), np.diag([1.5**2, tiny]), FAMILIES["shift"]),
        (*pivot(2.5, 0.8, 0.3), FAMILIES["middle"]),
        (*pivot(5.0, 0.3, 0.3, 0.7), FAMILIES["top"]),
        (np.array([0.0, 1.0]), np.diag([2.0**2, 1.0**2]), FAMILIES["slab"]),
    ]
    rows = [(f, noise) for noise in GAUSS_NOISE for f in families]
    mean = np.array([f[0] for f, _ in rows])
    precision = np.array([np.linalg.inv(f[1]) for f, _ in rows])
    log_det = np.array([np.log(np.linalg.det(f[1])) for f, _ in rows])
    log_weight = np.log([f[2] / len(GAUSS_NOISE) for f, _ in rows])
    variance = np.array([noise * noise + 1 / 12 for _, noise in rows])
    return mean, precision, log_det, log_weight, variance


def gaussian_likelihood(
    moments: np.ndarray, centre: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The Gaussian pass: log-likelihood with offset and scale integrated in closed form
    under each family, and the broad family's fitted offset and scale, each of the shape
    of one moment.

    ``moments`` (6, ...): Σ1, Σd, Σd², Σr, Σr·d, Σr² over listed levels, where
    d = level − centre and r = rating − centre; float32 is precise enough (the families'
    precisions are moderate: 1e-5 of the log-likelihood, measured).
    """
    s0, s1, s2, t1, t2, rr = moments
    p, prior_g, constant, var, broad = _terms(centre)  # once per process, not per call
    terms = np.empty((len(var), *s0.shape), moments.dtype)
    # Constants as Python floats: they take the moments' precision, not float64's.
    by_noise = {}  # the moments over the noise variance, shared by the families of a noise
    for c, v in enumerate(var.tolist()):
        if v not in by_noise:
            lin = rr * (-0.5 / v)
            lin -= s0 * float(0.5 * np.log(2 * np.pi * v))
            by_noise[v] = (
                s0 * (1 / v),
                s1 * (1 / v),
                s2 * (1 / v),
                t1 * (1 / v),
                t2 * (1 / v),
                lin,
            )
        s0v, s1v, s2v, t1v, t2v, lin = by_noise[v]
        (p11, p12), (_, p22) = p[c].tolist()
        h11, h12, h22 = s0v + p11, s1v + p12, s2v + p22
        g1, g2 = t1v + float(prior_g[c, 0]), t2v + float(prior_g[c, 1])
        det = h11 * h22
        det -= h12 * h12
        if c == broad:
            a = (g1 * h22 - h12 * g2) / det
            b = (h11 * g2 - h12 * g1) / det
        # ½ (g' H⁻¹ g − log det H), g' H⁻¹ g = (g1² h22 − 2 g1 g2 h12 + g2² h11) / det
        h22 *= g1
        h12 *= g2
        h12 *= 2
        h22 -= h12
        h22 *= g1
        g2 *= g2
        g2 *= h11
        h22 += g2
        h22 /= det
        h22 -= np.log(det, out=det)
        h22 *= 0.5
        h22 += lin
        h22 += float(constant[c])
        terms[c] = h22
    return logsumexp(terms, axis=0), a, b


@functools.cache
def _terms(centre: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """What :func:`gaussian_likelihood` needs of the families (:func:`_families`): the
    precisions (C, 2, 2), precision times prior mean (C, 2), the constant of each family
    (C,), the noise variances (C,), and which family is the broad one at the middle noise
    (where a person's offset and scale lie)."""
    mean, p, log_det, log_weight, var = _families(centre)
    prior_g = np.einsum("cij,cj->ci", p, mean)
    prior_q = np.einsum("ci,cij,cj->c", mean, p, mean)
    constant = log_weight - 0.5 * (prior_q + log_det)
    families = len(mean) // len(GAUSS_NOISE)
    broad = families * (len(GAUSS_NOISE) // 2) + families - 1
    return p, prior_g, constant, var, broad
