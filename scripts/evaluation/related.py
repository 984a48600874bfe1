"""Related occupations: does ``model.similar`` find the occupations O*NET relates?

The model is built without O*NET's Related Occupations file; its neighbours
(``model.similar``, the requirements blended with names and descriptions) are
scored by recall@10 of O*NET's Primary related occupations (Primary-Short and
Primary-Long), next to plain cosine similarity of the raw levels.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from matcher.core.ranking import top_k

__all__ = ["cosine_matrix", "primary_related", "recall_of", "related_table"]

K = 10


def primary_related(onet_dir: Path, ids: list[str]) -> dict[int, set[int]]:
    """Row of each occupation -> rows of its Primary related occupations."""
    frame = pd.read_csv(onet_dir / "Related Occupations.txt", sep="\t", dtype=str)
    frame = frame[frame["Relatedness Tier"].str.startswith("Primary")]
    row = {code: i for i, code in enumerate(ids)}
    related: dict[int, set[int]] = {}
    for code, other in frame[["O*NET-SOC Code", "Related O*NET-SOC Code"]].itertuples(index=False):
        if code in row and other in row and code != other:
            related.setdefault(row[code], set()).add(row[other])
    return related


def recall_of(best: np.ndarray, related: dict[int, set[int]], k: int = K) -> float:
    """Mean recall of the related occupations among the first k of each row of ``best``."""
    recalls = [len(set(best[i, :k].tolist()) & truth) / len(truth) for i, truth in related.items()]
    return float(np.mean(recalls))


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms > 0, norms, 1)
    return unit @ unit.T


def related_table(model, onet_dir: Path) -> list[str]:
    """The recall@10 table of the plain cosine baseline and ``model.similar``."""
    related = primary_related(onet_dir, model.ids)
    cosine = cosine_matrix(model.levels)
    np.fill_diagonal(cosine, -np.inf)
    ours = np.array(
        [[model.index_of(n.occupation_id) for n in model.similar(i, k=K)] for i in model.ids]
    )
    return [
        f"Recall@{K} of O*NET's Primary related occupations ({len(related)} occupations):",
        "",
        f"| similarity | recall@{K} |",
        "| --- | --- |",
        f"| plain cosine on raw levels (baseline) | {recall_of(top_k(cosine, K), related):.3f} |",
        f"| matcher's neighbours, `model.similar()` | **{recall_of(ours, related):.3f}** |",
    ]
