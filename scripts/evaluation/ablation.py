"""The ablation: what each part of the ranking model adds, by taking it away.

Each part names what is removed and how, without touching the package: module
constants patched for the length of a run (as the research harness did), the
scoring arrays built from other inputs, or the Gaussian pass's order used
alone. :func:`patched` applies a part; :func:`scorer` builds its scorer.

Parts marked *listing only* act on a catalog that lists requirements (documents)
and are run on the built-in catalog: O*NET rates every item, so it has neither
an "unlisted" column nor importance in its evidence. Parts marked *questionnaire
only* act on questionnaires, not on the built-in catalog's free lists.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

import matcher.core.blanks as blanks
import matcher.core.gaussian as gaussian
import matcher.core.likelihood as likelihood
import matcher.core.personal as personal
import matcher.core.styles as styles
from matcher.core.ranking import top_k
from matcher.core.scorer import Scorer
from matcher.core.shortlist import SUPPORT
from matcher.model.scoring import scorer_from_arrays, scoring_arrays

if TYPE_CHECKING:
    from .suite import Catalog

__all__ = ["PARTS", "Part", "applies", "gaussian_pass", "patched", "scorer"]


@dataclass(frozen=True)
class Part:
    """What is taken away: ``patches`` (module, name, value) set while it runs; or the
    scoring arrays built without block weights, without importance (every listed item
    counts fully), without per-feature discrimination (one background row for every
    item an occupation does not list); or the Gaussian pass alone."""

    removed: str
    patches: tuple[tuple[object, str, object], ...] = ()
    gaussian_only: bool = False
    block_weights: bool = True
    importance: bool = True
    discrimination: bool = True
    listing_only: bool = False
    relations: bool = True
    questionnaire_only: bool = False


def _without(family: str) -> dict[str, float]:
    return {**styles.FAMILIES, family: 0.0}


PARTS: dict[str, Part] = {
    "full": Part("nothing: the model as it is"),
    **{
        f"no-{family}": Part(
            f"the {family} family of response styles",
            ((styles, "FAMILIES", _without(family)),),
        )
        for family in styles.FAMILIES
    },
    "no-careless": Part("careless answers (share 0)", ((styles, "CARELESS", (0.0, 0.0, 0.0)),)),
    "gaussian": Part("the ordinal tables (the Gaussian pass's order alone)", gaussian_only=True),
    "no-personal-offset": Part(
        "an offset of the personal items' own (they read like the skills)",
        ((personal, "SHARE", 0.0),),
        questionnaire_only=True,
    ),
    "no-blanks": Part(
        "the blank model (blanks at random)",
        (
            (blanks, "BLANK_LIFTS", (0.0,)),
            (blanks, "BLANK_SLOPES", (0.0,)),
            (blanks, "BLANK_SHIFTS", (0.0,)),
        ),
    ),
    "no-block-weights": Part("block weights (every block counts 1)", block_weights=False),
    "no-discrimination": Part(
        "per-feature discrimination (one background for every unlisted item)",
        discrimination=False,
        listing_only=True,
    ),
    "no-relations": Part(
        "the catalog's relations (related jobs, career paths) as a prior on the order",
        relations=False,
    ),
    "no-importance": Part(
        "importance weights (a listed item counts fully)", importance=False, listing_only=True
    ),
}


def applies(name: str, catalog: Catalog) -> bool:
    """Whether taking part ``name`` away changes anything on ``catalog``: the listing-only
    parts need a catalog of documents, block weights a catalog whose blocks differ."""
    part = PARTS[name]
    if part.listing_only and not catalog.free_lists:
        return False
    if part.questionnaire_only and catalog.free_lists:
        return False
    if not part.relations:
        return catalog.scorer.relations is not None
    return part.block_weights or not np.all(catalog.block_weight == 1.0)


def _clear_caches() -> None:
    # both read the constants above when first called for a centre / at all
    gaussian._families.cache_clear()
    blanks._mechanisms.cache_clear()


@contextlib.contextmanager
def patched(name: str) -> Iterator[Part]:
    """Run with part ``name`` taken away (module constants restored afterwards)."""
    part = PARTS[name]
    saved = [(module, attr, getattr(module, attr)) for module, attr, _ in part.patches]
    for module, attr, value in part.patches:
        setattr(module, attr, value)
    _clear_caches()
    try:
        with np.errstate(divide="ignore"):  # a family of weight 0 has log prior −inf
            yield part
    finally:
        for module, attr, value in saved:
            setattr(module, attr, value)
        _clear_caches()


def scorer(catalog: Catalog, name: str) -> Scorer:
    """The scorer of ``catalog`` without part ``name`` (call inside :func:`patched`)."""
    part = PARTS[name]
    if name == "full":
        return catalog.scorer
    importance = catalog.importance if part.importance else (catalog.importance > 0) * 1.0
    weight = catalog.block_weight if part.block_weights else None
    arrays = scoring_arrays(catalog.levels, importance, weight, ~catalog.skill)
    if not part.discrimination:  # the blank model's arrays: "unlisted" alone as typical
        for reading in ("evidence", "asked"):
            arrays.update({f"{reading}_{k}": arrays[f"listing_{k}"] for k in _EVIDENCE})
    # the catalog's relations (a prior on the order) are kept unless taken away
    relations = catalog.scorer.relations if part.relations else None
    return dataclasses.replace(scorer_from_arrays(arrays, len(catalog.levels)), relations=relations)


_EVIDENCE = ("typical", "indptr", "index", "weight")


def gaussian_pass(ratings: np.ndarray, asked: np.ndarray, scorer: Scorer):
    """The order of :func:`matcher.core.likelihood.evaluate`'s first pass, (n, m): the
    Gaussian likelihood, the ratings of unlisted items and the blanks, without the exact
    ordinal likelihood over styles (the same steps as ``evaluate``'s first lines)."""
    evidence = scorer.evidence(ratings, asked)
    sums = likelihood.reduced(evidence, scorer)
    gauss, _, _ = gaussian.gaussian_likelihood(sums[:6], scorer.grid.centre)
    if scorer.weights.background:
        gauss += sums[6]
    support = top_k(np.ascontiguousarray(gauss.T), SUPPORT)
    return gauss.T + blanks.blank_likelihood(evidence, scorer, support)
