"""The files of an O*NET text database: which are there (two required, the rest optional),
a digest of them all, and the occupations and rated rows read from them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from matcher.errors import OnetFormatError
from matcher.io.item_names import KNOWLEDGE_SUFFIX

from .checks import known_rows, unpaired
from .tables import BLOCK_SCALES, CODE, NAME, read_ratings, read_table

__all__ = [
    "GIVES",
    "OCCUPATIONS",
    "OPTIONAL_FILES",
    "RATED_FILES",
    "onet_files",
    "read_occupations",
    "read_rated",
]

#: The file that lists the occupations (required).
OCCUPATIONS = "Occupation Data.txt"
#: file -> (block, required?); every rated file must have RATED_COLUMNS
RATED_FILES = {
    "Skills.txt": ("skill", True),
    "Knowledge.txt": ("skill", False),
    "Abilities.txt": ("aptitude", False),
    "Work Styles.txt": ("trait", False),
    "Interests.txt": ("interest", False),
}
OPTIONAL_FILES = (
    "Alternate Titles.txt",
    "Related Occupations.txt",
    "Job Zones.txt",
    "Content Model Reference.txt",
)
#: What each optional file gives the model, for the warning that it is absent.
GIVES = {
    "Knowledge.txt": "knowledge areas",
    "Abilities.txt": "aptitudes",
    "Work Styles.txt": "traits",
    "Interests.txt": "interests",
    "Alternate Titles.txt": "aliases",
    "Related Occupations.txt": "related jobs (primary-tier related occupations)",
    "Job Zones.txt": "job zone",
    "Content Model Reference.txt": "descriptions of the items (`matcher items`)",
}


def onet_files(folder: Path, *, related: bool, notes: list[str]) -> tuple[dict[str, Path], str]:
    """The files of ``folder`` an import reads, by name, and the digest of them all (the
    model's catalog hash); optional files that are absent are noted in ``notes``.
    ``related``: whether Related Occupations is a source of the model.

    Raises
    ------
    OnetFormatError
        A required file missing, or a name that is no file (a folder).
    """
    digest = hashlib.sha256()
    present = {}
    absent = []
    for name in (OCCUPATIONS, *RATED_FILES, *OPTIONAL_FILES):
        if name == "Related Occupations.txt" and not related:
            continue  # not a source of this model: keep it out of the digest too
        file = folder / name
        required = name == OCCUPATIONS or RATED_FILES.get(name, ("", False))[1]
        if file.is_file():
            present[name] = file
            digest.update(name.encode() + hashlib.sha256(file.read_bytes()).digest())
        elif file.exists():
            raise OnetFormatError(f"{file}: not a file (a folder?); expected the O*NET text file")
        elif required:
            raise OnetFormatError(f"{folder}: required file {name!r} is missing")
        else:
            absent.append(name)
    if absent:
        notes.append(
            f"{folder}: {len(absent)} optional O*NET file(s) absent, so the model has no "
            + "; no ".join(f"{GIVES[n]} (from {n!r})" for n in absent)
        )
    return present, digest.hexdigest()


def read_occupations(path: Path) -> pd.DataFrame:
    """Occupation Data: code, title and description of every occupation, each code once."""
    occupations = read_table(path, (CODE, "Title", "Description"))
    repeated = occupations[CODE].duplicated()
    if repeated.any():
        row = int(repeated.to_numpy().nonzero()[0][0])
        raise OnetFormatError(
            f"{path}:{occupations.index[row]}: occupation "
            f"{occupations[CODE].iloc[row]!r} is listed twice; each code must appear once"
        )
    return occupations


def read_rated(
    present: dict[str, Path], occupations: pd.DataFrame, notes: list[str]
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The rows of each rated file present, by file name (of the listed occupations only),
    and all of them together, without the elements rated on one of IM and LV alone (noted in
    ``notes``, as are the rows of codes Occupation Data does not list)."""
    known = set(occupations[CODE])
    frames = {
        name: known_rows(present[name], read_ratings(present[name], block), known, notes)
        for name, (block, _) in RATED_FILES.items()
        if name in present
    }
    if "Knowledge.txt" in frames:
        # A knowledge area and a skill may share a name ("Mathematics"): keep them apart.
        knowledge = frames["Knowledge.txt"]
        clash = knowledge[NAME].isin(set(frames["Skills.txt"][NAME]))
        knowledge[NAME] = knowledge[NAME].where(~clash, knowledge[NAME] + KNOWLEDGE_SUFFIX)
    titles = dict(zip(occupations[CODE], occupations["Title"], strict=True))
    rated = pd.concat(
        [
            unpaired(present[name], frame, BLOCK_SCALES[RATED_FILES[name][0]], titles, notes)
            for name, frame in frames.items()
        ],
        ignore_index=True,
    )
    return frames, rated
