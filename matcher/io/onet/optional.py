"""What O*NET's optional files add to its occupations: what each item covers (the Content
Model Reference), aliases (Alternate Titles), related occupations and job zones. Each reader
takes its file's path (None when absent) and notes what it had to leave out in ``notes``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from matcher.errors import OnetFormatError

from .checks import known_rows
from .tables import CODE, ELEMENT, NAME, read_table

__all__ = ["aliases", "descriptions", "job_zones", "related_occupations"]


def descriptions(
    path: Path | None, rated: pd.DataFrame, names: Mapping[str, Mapping[str, object]]
) -> dict[str, str]:
    """What each item covers, ``{"block:name": text}``, from the content model's reference,
    found by the element ids of the rated files (a knowledge area renamed apart from a skill
    keeps its own)."""
    if path is None:
        return {}
    reference = read_table(path, (ELEMENT, NAME, "Description"))
    text = {
        e: " ".join(d.split())
        for e, d in zip(reference[ELEMENT], reference["Description"], strict=True)
    }
    out = {}
    for element, name, block in (
        rated[[ELEMENT, NAME, "block"]].drop_duplicates().itertuples(index=False)
    ):
        if name in names.get(block, {}) and text.get(element):
            out[f"{block}:{name}"] = text[element]
    return out


def aliases(
    path: Path | None, known: set[str], notes: list[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each occupation's aliases, and the short titles several occupations give (short
    title -> their codes)."""
    if path is None:
        return {}, {}
    frame = known_rows(path, read_table(path, (CODE, "Alternate Title")), known, notes)
    out: dict[str, list[str]] = defaultdict(list)
    for code, title in frame[[CODE, "Alternate Title"]].itertuples(index=False):
        title = " ".join(title.split())
        if title and title not in out[code]:
            out[code].append(title)
    # A short title ("RN", "LPN") is a name of its own where one occupation alone gives it;
    # "CNA" (Nursing Assistants', Home Health Aides', Surgical Assistants') stays out of all
    # three alias lists rather than crowd each (the catalog would name none of them anyway);
    # the model keeps who gives it, so a look-up of "CNA" lists them.
    owners: dict[str, set[str]] = defaultdict(set)
    if "Short Title" in frame.columns:
        for code, short in frame[[CODE, "Short Title"]].itertuples(index=False):
            if short := " ".join(short.split()):
                owners[short].add(code)
    shared = {}
    for short, codes in sorted(owners.items()):
        (code, *others) = codes
        if others:
            shared[short] = sorted(codes)
        elif short not in out[code]:
            out[code].append(short)
    return out, shared


def related_occupations(
    path: Path | None, occupations: pd.DataFrame, notes: list[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each occupation's related jobs (O*NET's *Primary* tiers, by title), and its
    *Supplemental* ones (by code): further relations, moves a career route may take."""
    if path is None:
        return {}, {}
    known = set(occupations[CODE])
    frame = read_table(path, (CODE, "Related O*NET-SOC Code", "Relatedness Tier"))
    frame = known_rows(path, frame, known, notes)
    frame = known_rows(path, frame, known, notes, column="Related O*NET-SOC Code")
    primary = frame["Relatedness Tier"].str.startswith("Primary")
    titles = dict(zip(occupations[CODE], occupations["Title"], strict=True))
    out: dict[str, list[str]] = defaultdict(list)
    for code, other in frame[primary][[CODE, "Related O*NET-SOC Code"]].itertuples(index=False):
        out[code].append(titles[other])
    more: dict[str, list[str]] = defaultdict(list)
    supplemental = frame["Relatedness Tier"].str.startswith("Supplemental")
    pairs = frame[supplemental][[CODE, "Related O*NET-SOC Code"]]
    for code, other in pairs.itertuples(index=False):
        more[code].append(other)
    return out, dict(more)


def job_zones(path: Path | None, known: set[str], notes: list[str]) -> dict[str, int]:
    if path is None:
        return {}
    frame = known_rows(path, read_table(path, (CODE, "Job Zone")), known, notes)
    zones = pd.to_numeric(frame["Job Zone"], errors="coerce")
    bad = ~zones.isin([1, 2, 3, 4, 5])
    if bad.any():
        # A zone that is not read would leave the occupation without one, unsaid.
        line = frame.index[bad.to_numpy()][0]
        raise OnetFormatError(
            f"{path}:{line}: column 'Job Zone' holds {frame['Job Zone'][line]!r}; "
            f"expected a whole number from 1 to 5"
        )
    return {c: int(z) for c, z in zip(frame[CODE], zones, strict=True)}
