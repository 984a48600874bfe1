"""Import an O*NET text database (the ``db_XX_X_text`` layout) as a model.

O*NET rates every occupation on every element, with numeric importance and
level. They map onto matcher's profile model here, in one documented place:

=================  ===========  =========================================
O*NET file         block        importance (0-1) / level (0-5)
=================  ===========  =========================================
Skills.txt         skill        IM 1-5 -> (IM-1)/4;  LV 0-7 -> LV×5/7
Knowledge.txt      skill        as Skills (a name both use gets " (Knowledge)")
Abilities.txt      aptitude     as Skills
Work Styles.txt    trait        IM 1-5 -> (IM-1)/4;  level = (IM-1)×5/4
Interests.txt      interest     OI 1-7 -> (OI-1)/6;  level = (OI-1)×5/6
=================  ===========  =========================================

A level O*NET marks "Not Relevant" counts as 0. Alternate Titles become
aliases, Related Occupations related jobs, Job Zones a preparation level
(``model.extra["job_zone"]``). Occupation Data and Skills are required; the
other files are optional, but a file that is present must have the columns
O*NET gives it.

This product includes information from the O*NET Database by the U.S.
Department of Labor, Employment and Training Administration (USDOL/ETA),
used under the CC BY 4.0 license, when such a database is imported.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

from matcher.core.vectorise import OccupationVectorizer, Requirement
from matcher.core.vocabulary import Vocabulary
from matcher.errors import OnetFormatError
from matcher.model.build import model_from_requirements
from matcher.model.model import Model

from .catalog import Occupation
from .profile import Aptitude, Item, JobProfile

__all__ = ["IMPORTANCE_KEY", "SCALE_RANGES", "SOC_MAJOR_GROUPS", "import_onet"]

_CODE, _NAME, _SCALE, _VALUE = "O*NET-SOC Code", "Element Name", "Scale ID", "Data Value"

# file -> (block, required?); every rated file must have _RATED_COLUMNS
_RATED_FILES = {
    "Skills.txt": ("skill", True),
    "Knowledge.txt": ("skill", False),
    "Abilities.txt": ("aptitude", False),
    "Work Styles.txt": ("trait", False),
    "Interests.txt": ("interest", False),
}
_RATED_COLUMNS = (_CODE, _NAME, _SCALE, _VALUE)

#: Importance (0-1) from which an element is listed in an occupation's profile as required.
IMPORTANCE_KEY = 0.625  # IM 3.5

#: SOC 2018 major groups, by the first two digits of the code.
SOC_MAJOR_GROUPS = {
    "11": "Management",
    "13": "Business and Financial Operations",
    "15": "Computer and Mathematical",
    "17": "Architecture and Engineering",
    "19": "Life, Physical, and Social Science",
    "21": "Community and Social Service",
    "23": "Legal",
    "25": "Educational Instruction and Library",
    "27": "Arts, Design, Entertainment, Sports, and Media",
    "29": "Healthcare Practitioners and Technical",
    "31": "Healthcare Support",
    "33": "Protective Service",
    "35": "Food Preparation and Serving Related",
    "37": "Building and Grounds Cleaning and Maintenance",
    "39": "Personal Care and Service",
    "41": "Sales and Related",
    "43": "Office and Administrative Support",
    "45": "Farming, Fishing, and Forestry",
    "47": "Construction and Extraction",
    "49": "Installation, Maintenance, and Repair",
    "51": "Production",
    "53": "Transportation and Material Moving",
    "55": "Military Specific",
}


def _scale(block: str, scale: str, value: float) -> tuple[str, float] | None:
    """(``importance`` | ``level``, value on matcher's scale) for one O*NET rating, or None."""
    if scale == "IM":
        return "importance", (value - 1) / 4
    if scale == "LV":
        return "level", value * 5 / 7
    if scale == "OI":
        return "interest", (value - 1) / 6
    return None  # other scales (IH high-point codes, ...) are not ratings of an element


def _read(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    try:
        # Blank lines are kept (and dropped below) so that index + 2 is the line number.
        frame = pd.read_csv(
            path,
            sep="\t",
            dtype=str,
            keep_default_na=False,
            quoting=3,
            encoding="utf-8-sig",
            skip_blank_lines=False,
        )
    except UnicodeDecodeError as exc:
        raise OnetFormatError(
            f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    except pd.errors.ParserError as exc:
        raise OnetFormatError(f"{path}: not a tab-separated O*NET file ({exc})") from None
    except pd.errors.EmptyDataError:
        raise OnetFormatError(
            f"{path}: the file is empty; expected a header row with the columns "
            f"{', '.join(repr(c) for c in columns)}"
        ) from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise OnetFormatError(
            f"{path}: missing column(s) {', '.join(repr(c) for c in missing)}; found "
            f"{', '.join(repr(c) for c in frame.columns)}. Is this an O*NET text database file?"
        )
    frame = frame[(frame != "").any(axis=1)]
    return frame


#: The range of each O*NET scale matcher reads.
SCALE_RANGES = {"IM": (1.0, 5.0), "LV": (0.0, 7.0), "OI": (1.0, 7.0)}


def _ratings(path: Path, block: str) -> pd.DataFrame:
    frame = _read(path, _RATED_COLUMNS)
    values = pd.to_numeric(frame[_VALUE], errors="coerce")
    low = frame[_SCALE].map(lambda s: SCALE_RANGES.get(s, (-np.inf, np.inf))[0]).astype(float)
    high = frame[_SCALE].map(lambda s: SCALE_RANGES.get(s, (-np.inf, np.inf))[1]).astype(float)
    rated = frame[_SCALE].isin(list(SCALE_RANGES))
    bad = (values.isna() & (rated | (frame[_VALUE] != ""))) | (values < low) | (values > high)
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        line = int(frame.index[row]) + 2
        scale = frame[_SCALE].iloc[row]
        expected = (
            f"a number from {SCALE_RANGES[scale][0]:g} to {SCALE_RANGES[scale][1]:g} "
            f"(scale {scale})"
            if scale in SCALE_RANGES
            else "a number"
        )
        raise OnetFormatError(
            f"{path}:{line}: column {_VALUE!r} holds {frame[_VALUE].iloc[row]!r}; "
            f"expected {expected}"
        )
    frame = frame.assign(value=values)
    if "Not Relevant" in frame.columns:
        frame.loc[(frame["Not Relevant"] == "Y") & (frame[_SCALE] == "LV"), "value"] = 0.0
    frame["block"] = block
    return frame[[_CODE, _NAME, _SCALE, "value", "block"]]


def import_onet(path: str | Path, *, related: bool = True) -> Model:
    """Read an O*NET text database folder into a :class:`~matcher.Model`.

    Parameters
    ----------
    path : folder holding ``Occupation Data.txt``, ``Skills.txt`` and optionally
        Knowledge, Abilities, Work Styles, Interests, Alternate Titles, Related
        Occupations and Job Zones.
    related : read Related Occupations (the evaluation builds a model without them).

    Only occupations with ratings are kept; the others are counted in
    ``model.extra["unrated"]`` and named in ``model.extra["skipped"]`` (title ->
    why it was left out), so that a look-up of one can say why it is missing.

    Raises
    ------
    OnetFormatError
        A missing required file or a file with the wrong columns, naming both.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise OnetFormatError(f"{folder}: not a folder; give the folder of the O*NET text files")
    digest = hashlib.sha256()
    present = {}
    optional = ("Alternate Titles.txt", "Related Occupations.txt", "Job Zones.txt")
    for name in ("Occupation Data.txt", *_RATED_FILES, *optional):
        if name == "Related Occupations.txt" and not related:
            continue  # not a source of this model: keep it out of the digest too
        file = folder / name
        required = name == "Occupation Data.txt" or _RATED_FILES.get(name, ("", False))[1]
        if file.is_file():
            present[name] = file
            digest.update(name.encode() + hashlib.sha256(file.read_bytes()).digest())
        elif required:
            raise OnetFormatError(f"{folder}: required file {name!r} is missing")

    occupations = _read(present["Occupation Data.txt"], (_CODE, "Title", "Description"))
    repeated = occupations[_CODE].duplicated()
    if repeated.any():
        row = int(repeated.to_numpy().nonzero()[0][0])
        raise OnetFormatError(
            f"{present['Occupation Data.txt']}:{row + 2}: occupation "
            f"{occupations[_CODE].iloc[row]!r} is listed twice; each code must appear once"
        )
    frames = {
        name: _ratings(present[name], block)
        for name, (block, _) in _RATED_FILES.items()
        if name in present
    }
    if "Knowledge.txt" in frames:
        # A knowledge area and a skill may share a name ("Mathematics"): keep them apart.
        knowledge = frames["Knowledge.txt"]
        clash = knowledge[_NAME].isin(set(frames["Skills.txt"][_NAME]))
        knowledge[_NAME] = knowledge[_NAME].where(~clash, knowledge[_NAME] + " (Knowledge)")
    rated = pd.concat(list(frames.values()), ignore_index=True)

    requirements: dict[str, dict[tuple[str, str], dict[str, float]]] = defaultdict(dict)
    for code, name, scale, value, block in rated.itertuples(index=False):
        mapped = _scale(block, scale, value)
        if mapped is None or pd.isna(value):
            continue
        kind, number = mapped
        entry = requirements[code].setdefault((block, name), {})
        if kind == "interest":
            entry["importance"], entry["level"] = number, number * 5
        else:
            entry[kind] = number
    for entries in requirements.values():
        for (block, _), entry in entries.items():
            if block == "trait" and "level" not in entry:
                entry["level"] = entry.get("importance", 0.0) * 5

    aliases = _aliases(present.get("Alternate Titles.txt"))
    related_titles = _related(present.get("Related Occupations.txt"), occupations)
    job_zone = _job_zones(present.get("Job Zones.txt"))

    built, needs = [], []
    skipped: dict[str, str] = {}
    with_skills = set(frames["Skills.txt"][_CODE])
    occupation_rows = occupations[[_CODE, "Title", "Description"]]
    for code, title, description in occupation_rows.itertuples(index=False):
        entries = requirements.get(code)
        if not entries or code not in with_skills:
            skipped[" ".join(title.split())] = "is in O*NET but has no ratings"
            continue
        need = {
            key: Requirement(round(e.get("importance", 0.0), 6), round(e.get("level", 0.0), 6))
            for key, e in entries.items()
        }
        profile = _profile(code, title, description, need, aliases, related_titles)
        built.append(Occupation(code, profile, "onet"))
        needs.append(need)
    if not built:
        raise OnetFormatError(f"{folder}: no occupation has ratings in Skills.txt")

    names: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for need in needs:
        for block, name in need:
            names[block][name] = ()
    vocabulary = Vocabulary(dict(names))
    # Every element is rated for every occupation: levels carry the information,
    # so importance only tempers the weights and blocks count alike.
    vectorizer = OccupationVectorizer(
        vocabulary,
        block_weights=dict.fromkeys(vocabulary.blocks, 1.0),
        unlisted_weight=3.0,
        use_idf=False,
    )
    return model_from_requirements(
        built,
        needs,
        vocabulary,
        vectorizer=vectorizer,
        catalog_hash=digest.hexdigest(),
        source=f"O*NET {folder}",
        extra={"job_zone": job_zone, "unrated": len(skipped), "skipped": skipped},
    )


def _aliases(path: Path | None) -> dict[str, list[str]]:
    if path is None:
        return {}
    frame = _read(path, (_CODE, "Alternate Title"))
    out: dict[str, list[str]] = defaultdict(list)
    for code, title in frame[[_CODE, "Alternate Title"]].itertuples(index=False):
        title = " ".join(title.split())
        if title and title not in out[code]:
            out[code].append(title)
    return out


def _related(path: Path | None, occupations: pd.DataFrame) -> dict[str, list[str]]:
    if path is None:
        return {}
    frame = _read(path, (_CODE, "Related O*NET-SOC Code", "Relatedness Tier"))
    frame = frame[frame["Relatedness Tier"].str.startswith("Primary")]
    titles = dict(zip(occupations[_CODE], occupations["Title"], strict=True))
    out: dict[str, list[str]] = defaultdict(list)
    for code, other in frame[[_CODE, "Related O*NET-SOC Code"]].itertuples(index=False):
        out[code].append(titles.get(other, other))
    return out


def _job_zones(path: Path | None) -> dict[str, int]:
    if path is None:
        return {}
    frame = _read(path, (_CODE, "Job Zone"))
    zones = pd.to_numeric(frame["Job Zone"], errors="coerce")
    return {c: int(z) for c, z in zip(frame[_CODE], zones, strict=True) if pd.notna(z)}


def _profile(
    code: str,
    title: str,
    description: str,
    need: dict[tuple[str, str], Requirement],
    aliases: dict[str, list[str]],
    related: dict[str, list[str]],
) -> JobProfile:
    def listed(block: str, low: float, high: float = 2.0) -> list[tuple[str, Requirement]]:
        found = [(n, r) for (b, n), r in need.items() if b == block and low <= r.importance < high]
        return sorted(found, key=lambda nr: (-nr[1].importance, nr[0]))

    def level(r: Requirement) -> float:
        return round(r.level, 1)

    group = SOC_MAJOR_GROUPS.get(code[:2], "Other")
    return JobProfile(
        title=" ".join(title.split()),
        industry=group,
        classification=(group, code),
        summary=description.split(". ")[0].rstrip(".") + "." if description else "",
        description=description,
        traits=tuple(Item(n) for n, _ in listed("trait", IMPORTANCE_KEY)),
        required_skills=tuple(Item(n, level(r)) for n, r in listed("skill", IMPORTANCE_KEY)),
        recommended_skills=tuple(
            Item(n, level(r)) for n, r in listed("skill", 0.5, IMPORTANCE_KEY)
        ),
        aptitudes=tuple(
            Aptitude(n, f"O*NET importance {1 + 4 * r.importance:.1f} of 5", level(r))
            for n, r in listed("aptitude", IMPORTANCE_KEY)
        ),
        aliases=tuple(a for a in aliases.get(code, []) if a != title),
        related_jobs=tuple(related.get(code, [])),
    )
