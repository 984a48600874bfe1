"""O*NET's ratings on matcher's scales: each occupation's requirements, pure arithmetic.

Importance (IM 1-5) becomes 0-1, a level (LV 0-7) the level a worker of the occupation
would give themselves on a self-assessment's 0-5 scale (:func:`self_rating_level`), an
interest (OI 1-7) both its importance and its level. No file is read here: the rated rows
come from :func:`~.files.read_rated`.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from matcher.core.vectorise import Requirement

from .tables import CODE, NAME, SCALE

__all__ = ["onet_requirements", "scale_value", "self_rating_level"]


def scale_value(block: str, scale: str, value: float) -> tuple[str, float] | None:
    """(``importance`` | ``level``, value on matcher's scale) for one O*NET rating, or None."""
    if scale == "IM":
        return "importance", (value - 1) / 4
    if scale == "LV":
        return "level", value * 5 / 7
    if scale == "OI":
        return "interest", (value - 1) / 6
    return None  # other scales (IH high-point codes, ...) are not ratings of an element


def self_rating_level(level: float | None, importance: float) -> float:
    """The level of an element on a self-assessment's 0-5 scale from O*NET's level (LV×5/7,
    None where the file gives none, as Work Styles) and importance (0-1): their mean, the
    importance read on 0-5 as Work Styles' level is; a level of 0 stays 0.

    A self-rating says how good one is at what one's work relies on; O*NET's LV anchors an
    absolute difficulty. Thirty hand-written people of an O*NET model (``tests/personas/onet``;
    twenty of them written before any other mapping was tried) rated their main skills above
    LV×5/7 and got the senior or specialised neighbours of their jobs first (an HR adviser
    Arbitrators, a primary teacher postsecondary teachers, a hairdresser Talent Directors):
    12 of 30 passed with LV×5/7 (the first acceptable match's reciprocal rank 0.62), 15 with a
    quarter of importance (0.69), 16 with this mean (0.71), 16 with three quarters (0.75), 17
    with importance alone (0.75). The mean keeps what LV alone tells (a surgeon's and a
    nurse's Medicine are alike in importance, not in level).
    """
    if level == 0:  # the occupation needs none of it (O*NET's "Not Relevant" reads 0)
        return 0.0
    scaled = importance * 5
    return scaled if level is None else (level + scaled) / 2


def onet_requirements(rated: pd.DataFrame) -> dict[str, dict[tuple[str, str], Requirement]]:
    """Each occupation's requirements, by O*NET code: ``(block, name)`` -> importance (0-1)
    and level (0-5), from the rated rows (columns code, name, scale, ``value``, ``block``). A
    scale that rates no element (IH) and a blank value are left out."""
    entries: dict[str, dict[tuple[str, str], dict[str, float]]] = defaultdict(dict)
    for code, name, scale, value, block in rated[[CODE, NAME, SCALE, "value", "block"]].itertuples(
        index=False
    ):
        mapped = scale_value(block, scale, value)
        if mapped is None or pd.isna(value):
            continue
        kind, number = mapped
        entry = entries[code].setdefault((block, name), {})
        if kind == "interest":
            entry["importance"], entry["level"] = number, number * 5
        else:
            entry[kind] = number
    for found in entries.values():
        for (block, _), entry in found.items():
            if block != "interest":
                entry["level"] = self_rating_level(entry.get("level"), entry.get("importance", 0.0))
    return {
        code: {
            key: Requirement(round(e.get("importance", 0.0), 6), round(e.get("level", 0.0), 6))
            for key, e in found.items()
        }
        for code, found in entries.items()
    }
