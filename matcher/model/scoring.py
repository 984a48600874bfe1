"""The arrays a model scores people with, built once with the model and saved in it.

Two kinds of catalog: one that *lists* what each occupation needs (documents:
most items are not mentioned by most occupations) and one that *rates* every
item for every occupation (O*NET). A catalog lists when its occupations leave
more than half of the features at importance 0. Listing catalogs get an
"unlisted" level column with a background distribution of ratings
(:data:`BACKGROUND`): what a person rates an item their job does not need.
Levels are read at knots: the catalog's own levels when it uses a handful,
else every quarter point.

Building the tables needs SciPy; a saved model holds them, so scoring does not.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import numpy as np

from matcher.core.personal import offset_tables
from matcher.core.scorer import Scorer
from matcher.core.styles import StyleGrid, cells, probes, rating_tables, style_grid
from matcher.core.support import style_groups
from matcher.core.weights import LevelWeights

__all__ = [
    "BACKGROUND",
    "KNOT_STEP",
    "SCORING_ARRAYS",
    "SCORING_VERSION",
    "has_current_scoring",
    "lists_requirements",
    "scorer_from_arrays",
    "scoring_arrays",
]

#: The level a person has of an item their occupation does not list: mostly little.
BACKGROUND = (np.array([0.0, 1.0, 2.0, 3.0, 4.0]), np.array([0.8, 0.1, 0.05, 0.03, 0.02]))
#: Knot spacing when a catalog's levels are not a handful of values.
KNOT_STEP = 0.25
#: Most distinct levels read as knots as they are.
MAX_KNOTS = 11

#: The maths of :func:`scoring_arrays`: bump it when they change (the style prior, the tables,
#: the evidence's weights), so that arrays made by another version are made again.
SCORING_VERSION = 5

_GRID = ("offset", "scale", "noise", "careless", "log_prior")
_CSR = ("typical", "indptr", "index", "weight")


#: The names of the arrays :func:`scoring_arrays` makes: a model (or a cached file written by an
#: older matcher) that lacks one has its scoring arrays made again.
SCORING_ARRAYS = (
    *(f"{part}_{name}" for part in ("evidence", "listing", "asked") for name in _CSR),
    "evidence_knots",
    "styles_centre",
    *(f"styles_{name}" for name in _GRID),
    "styles_tables",
    "styles_shifted",
    "styles_probes",
    "evidence_personal",
    "scoring_version",
)


def has_current_scoring(arrays: Mapping[str, Any]) -> bool:
    """Whether a model's arrays (a mapping) hold every scoring array of this version."""
    return all(name in arrays for name in SCORING_ARRAYS) and (
        int(np.asarray(arrays["scoring_version"])[0]) == SCORING_VERSION
    )


def lists_requirements(importance: np.ndarray) -> bool:
    """Whether a catalog lists requirements (documents) rather than rating every item."""
    return bool(np.mean(importance <= 0) > 0.5)


def scoring_arrays(
    levels: np.ndarray,
    importance: np.ndarray,
    block_weight: np.ndarray | None = None,
    personal: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Every array :func:`scorer_from_arrays` needs, from a catalog's levels and importance,
    each feature's block weight (F,) and which features are personal items (F,) bool (see
    :mod:`matcher.core.personal`; None: none is)."""
    from matcher.core.weighting import level_weights  # building only: not to score

    listing = lists_requirements(importance)
    listed = importance > 0 if listing else np.ones(levels.shape, bool)
    values = np.unique(np.round(levels[listed], 6))
    if listing and 0 < len(values) <= MAX_KNOTS:
        knots = values
    else:
        knots = np.arange(0.0, 5.0 + 1e-9, KNOT_STEP)
    centre = float(levels[listed].mean()) if listed.any() else 2.5
    weights = level_weights(
        levels, importance, knots, background=listing, block_weight=block_weight
    )
    plain = level_weights(
        levels,
        importance,
        knots,
        background=listing,
        block_weight=block_weight,
        discriminate=False,
    )
    asked = level_weights(
        levels,
        importance,
        knots,
        background=listing,
        block_weight=block_weight,
        unlisted="background",
    )
    grid = style_grid(centre)
    tables = rating_tables(grid, knots, BACKGROUND if listing else None)
    shifted = offset_tables(grid, knots, BACKGROUND if listing else None)
    if personal is None:
        personal = np.zeros(levels.shape[1], bool)
    lattice = cells(grid)
    probe = probes(grid)
    group_size, group_bits = style_groups(Scorer(weights, plain, grid, tables, probe, lattice))
    return {
        "scoring_version": np.array([SCORING_VERSION]),
        "evidence_knots": weights.knots.astype(np.float64),
        "evidence_typical": weights.typical,
        "evidence_indptr": weights.indptr,
        "evidence_index": weights.index,
        "evidence_weight": weights.weight,
        "listing_typical": plain.typical,
        "listing_indptr": plain.indptr,
        "listing_index": plain.index,
        "listing_weight": plain.weight,
        # the blanks' every-item counts, a bincount over the whole listing: 10-16 ms of the
        # first call at 20,000 occupations, found once here
        "listing_total": plain.total,
        **{f"asked_{name}": getattr(asked, name) for name in _CSR},
        "styles_centre": np.array([centre]),
        **{f"styles_{name}": getattr(grid, name).astype(np.float64) for name in _GRID},
        "styles_tables": tables,
        "styles_shifted": shifted,
        "evidence_personal": np.asarray(personal, dtype=bool),
        "styles_probes": probe.astype(np.int64),
        # found once here rather than in every process that scores (milliseconds of start-up)
        "styles_cell_members": lattice.members,
        "styles_cell_valid": lattice.valid,
        "styles_group_size": np.array([group_size]),
        "styles_group_bits": group_bits,
    }


def scorer_from_arrays(arrays: Mapping[str, Any], n_occupations: int) -> Scorer:
    """The :class:`~matcher.core.scorer.Scorer` of a model's arrays (a mapping)."""
    typical = np.asarray(arrays["evidence_typical"])
    knots = np.asarray(arrays["evidence_knots"])
    background = typical.shape[1] == len(knots) + 1

    def weights_of(prefix: str) -> LevelWeights:
        return _weights_of(arrays, knots, background, n_occupations, prefix)

    grid = StyleGrid(
        float(np.asarray(arrays["styles_centre"])[0]),
        *(np.asarray(arrays[f"styles_{name}"]) for name in _GRID),
    )
    relations = _relations(arrays)
    stored = "styles_group_bits" in arrays and "styles_cell_members" in arrays
    weights = weights_of("evidence")
    listing = weights_of("listing")
    if "listing_total" in arrays:  # a model written before it has the counts made on first use
        listing.__dict__["total"] = np.asarray(arrays["listing_total"])  # the cached property
    personal = np.asarray(arrays["evidence_personal"], dtype=bool)
    # an offset of their own means something only beside items of the other kind
    mixed = personal.any() and not personal.all()
    return Scorer(
        weights,
        listing,
        grid,
        np.asarray(arrays["styles_tables"]),
        np.asarray(arrays["styles_probes"]),
        cells(grid, arrays.get("styles_cell_members"), arrays.get("styles_cell_valid")),
        relations,
        (int(arrays["styles_group_size"][0]), np.asarray(arrays["styles_group_bits"]))
        if stored
        else None,
        weights.only(personal) if mixed else None,
        np.asarray(arrays["styles_shifted"]) if mixed else None,
        # read when a questionnaire first needs it (a free list never does): 11 MB of a
        # 20,000-occupation model's file
        functools.partial(_weights_of, arrays, knots, background, n_occupations, "asked")
        if background
        else None,
        personal if mixed else None,
    )


def _weights_of(
    arrays: Mapping[str, Any], knots: np.ndarray, background: bool, n: int, prefix: str
) -> LevelWeights:
    """The :class:`~matcher.core.weights.LevelWeights` of the arrays named ``prefix``."""
    return LevelWeights(
        knots,
        background,
        np.asarray(arrays[f"{prefix}_typical"]),
        np.asarray(arrays[f"{prefix}_indptr"]),
        np.asarray(arrays[f"{prefix}_index"]),
        np.asarray(arrays[f"{prefix}_weight"]),
        n,
    )


def _relations(arrays) -> tuple[np.ndarray, np.ndarray] | None:
    """The relation graph of :mod:`matcher.core.relations` a model keeps (``relations_indptr``,
    ``relations_indices``: :meth:`matcher.model.moves.Moves.relation_arrays`), or None when
    it has none or the catalog documents no relation."""
    if "relations_indptr" not in arrays:
        return None
    graph = np.asarray(arrays["relations_indptr"]), np.asarray(arrays["relations_indices"])
    return graph if len(graph[1]) else None
