"""Where a model keeps the moves its catalog documents (:mod:`matcher.model.moves`): the names
of their arrays and the version of their reading, which loading a model checks without the
moves themselves (a recommendation reads none of them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = [
    "COSTED",
    "MOVES_VERSION",
    "MOVE_KINDS",
    "SUPPLEMENTAL",
    "SUPPLEMENTAL_RELATED",
    "VERSION_ARRAY",
    "cost_array",
    "has_current_moves",
    "move_arrays",
]

#: How the stored moves were read from the documents, kept with them (``moves_version``): 2
#: since a career path that names its own occupation goes on past it in the author's order.
#: Moves stored by an older matcher (no version, or another) are read again from the
#: documents the model keeps, with the ranking's relations made of them: a model saved before
#: had Staff Nurse below a Healthcare Assistant whose own path leads up to it.
MOVES_VERSION = 2
VERSION_ARRAY = "moves_version"
#: The kinds of move a model keeps.
MOVE_KINDS = ("forward", "related", "earlier")
#: The kinds of move a route takes, whose costs are kept.
COSTED = ("forward", "related")
#: The kind of move a source may add (costed; see :class:`Moves`), and where a model keeps
#: its pairs: ``model.extra[SUPPLEMENTAL_RELATED]``, occupation id -> ids.
SUPPLEMENTAL, SUPPLEMENTAL_RELATED = "supplemental", "supplemental_related"


def move_arrays(kind: str) -> tuple[str, str]:
    """The names of the arrays (CSR ``indptr``, ``indices``) of one kind of move."""
    return f"moves_{kind}_indptr", f"moves_{kind}_indices"


def cost_array(kind: str) -> str:
    """The name of the array of the costs of one kind of move."""
    return f"moves_{kind}_cost"


def has_current_moves(arrays: Mapping[str, Any]) -> bool:
    """Whether a model's arrays (a mapping) hold the documented moves, with their costs, as
    this matcher reads the documents (:data:`MOVES_VERSION`)."""
    names = [name for kind in MOVE_KINDS for name in move_arrays(kind)]
    names += [cost_array(kind) for kind in COSTED]
    return all(name in arrays for name in (*names, VERSION_ARRAY)) and (
        int(np.asarray(arrays[VERSION_ARRAY])[0]) == MOVES_VERSION
    )
