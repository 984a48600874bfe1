"""Import an O*NET text database (the ``db_XX_X_text`` layout) as a model.

O*NET rates every occupation on every element, with numeric importance and
level. They map onto matcher's profile model here, in one documented place:

=================  ===========  =========================================
O*NET file         block        importance (0-1) / level (0-5)
=================  ===========  =========================================
Skills.txt         skill        IM 1-5 -> (IM-1)/4;  level = the mean of
                                LV×5/7 and (IM-1)×5/4 (see below)
Knowledge.txt      skill        as Skills (a name both use gets " (Knowledge)")
Abilities.txt      aptitude     as Skills
Work Styles.txt    trait        IM 1-5 -> (IM-1)/4;  level = (IM-1)×5/4
Interests.txt      interest     OI 1-7 -> (OI-1)/6;  level = (OI-1)×5/6
=================  ===========  =========================================

The level is where a worker of the occupation puts the element on the 0-5 scale of a
self-assessment (:func:`~.tables.self_rating_level`), which O*NET's LV alone is not: LV anchors
an absolute difficulty (6 of 7 for Speaking is arguing before a supreme court), so most jobs'
main skills sit at 2.5-3.5 after ×5/7, where the people who do them rate themselves 4 or 5,
and a person's list fits the more senior or specialised occupations better than their own.

A level O*NET marks "Not Relevant" counts as 0. Alternate Titles become
aliases (and a Short Title one occupation alone gives, "RN"), Related Occupations
related jobs (the *Supplemental* tier moves a career route may take besides,
``model.extra["supplemental_related"]``), Job Zones a preparation level
(``model.extra["job_zone"]``), the Content Model Reference what each item covers
(``matcher items``). Occupation Data and Skills are required; the
other files are optional, but a file that is present must have the columns
O*NET gives it.

The modules: :mod:`.tables` reads the files and holds the scales, :mod:`.optional`
what the optional files add, :mod:`.checks` what an import leaves out (said once per
file), :mod:`.credit` the release a model names and the credit it owes O*NET.

This product includes information from the O*NET Database by the U.S.
Department of Labor, Employment and Training Administration (USDOL/ETA),
used under the CC BY 4.0 license, when such a database is imported.
"""

from __future__ import annotations

import hashlib
import warnings
from collections import defaultdict
from pathlib import Path

import pandas as pd

from matcher.core.vectorise import OccupationVectorizer, Requirement
from matcher.core.vocabulary import Vocabulary
from matcher.errors import OnetFormatError, OnetWarning
from matcher.model.build import model_from_requirements
from matcher.model.credit import DATA_SOURCE
from matcher.model.items import DESCRIPTIONS, WORDS, onet_words
from matcher.model.model import Model
from matcher.validation import check_flag, check_path

from ..catalog import Occupation
from ..profile import Aptitude, Item, JobProfile
from . import optional
from .checks import incomplete, known_rows, unpaired, without
from .credit import onet_release, onet_source
from .tables import (
    BLOCK_SCALES,
    CODE,
    NAME,
    SCALE,
    SCALE_RANGES,
    read_ratings,
    read_table,
    scale_value,
    self_rating_level,
)

__all__ = ["IMPORTANCE_KEY", "SCALE_RANGES", "SOC_MAJOR_GROUPS", "import_onet"]

# file -> (block, required?); every rated file must have RATED_COLUMNS
_RATED_FILES = {
    "Skills.txt": ("skill", True),
    "Knowledge.txt": ("skill", False),
    "Abilities.txt": ("aptitude", False),
    "Work Styles.txt": ("trait", False),
    "Interests.txt": ("interest", False),
}
_OPTIONAL_FILES = (
    "Alternate Titles.txt",
    "Related Occupations.txt",
    "Job Zones.txt",
    "Content Model Reference.txt",
)
# what each optional file gives the model, for the warning that it is absent
_GIVES = {
    "Knowledge.txt": "knowledge areas",
    "Abilities.txt": "aptitudes",
    "Work Styles.txt": "traits",
    "Interests.txt": "interests",
    "Alternate Titles.txt": "aliases",
    "Related Occupations.txt": "related jobs (primary-tier related occupations)",
    "Job Zones.txt": "job zone",
    "Content Model Reference.txt": "descriptions of the items (`matcher items`)",
}

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


def import_onet(path: str | Path, *, related: bool = True) -> Model:
    """Read an O*NET text database folder into a :class:`~matcher.Model`.

    Parameters
    ----------
    path : folder holding ``Occupation Data.txt``, ``Skills.txt`` and optionally
        Knowledge, Abilities, Work Styles, Interests, Alternate Titles, Related
        Occupations and Job Zones.
    related : read Related Occupations (the evaluation builds a model without them).

    Only occupations with ratings are kept; the others are counted in
    ``model.extra["unrated"]``, named in ``model.extra["skipped"]`` (title ->
    why it was left out) and kept by code, title and alternate titles as the catalog's
    absent occupations, so that a look-up of one by any of its names says why it is
    missing. A six-digit SOC code ("29-1141") names its ".00" occupation.

    Warns
    -----
    OnetWarning
        One per finding, with the file, the count and examples: optional files that
        are absent; rows of codes Occupation Data does not list (left out); kept
        occupations without some rating, job zone or primary related occupation
        that the file gives the others; elements rated on one of IM and LV alone (left
        out, as the level needs both), with the scale missing.

    Raises
    ------
    OnetFormatError
        A missing required file, a file with the wrong columns, a row with too few
        or too many fields, a file cut off mid-line, a Scale ID the file does not hold,
        or a value off its scale, naming the file (and line).
    """
    path = check_path("path", path)
    related = check_flag("related", related)
    folder = Path(path)
    if not folder.is_dir():
        raise OnetFormatError(f"{folder}: not a folder; give the folder of the O*NET text files")
    digest = hashlib.sha256()
    present = {}
    absent = []
    for name in ("Occupation Data.txt", *_RATED_FILES, *_OPTIONAL_FILES):
        if name == "Related Occupations.txt" and not related:
            continue  # not a source of this model: keep it out of the digest too
        file = folder / name
        required = name == "Occupation Data.txt" or _RATED_FILES.get(name, ("", False))[1]
        if file.is_file():
            present[name] = file
            digest.update(name.encode() + hashlib.sha256(file.read_bytes()).digest())
        elif file.exists():
            raise OnetFormatError(f"{file}: not a file (a folder?); expected the O*NET text file")
        elif required:
            raise OnetFormatError(f"{folder}: required file {name!r} is missing")
        else:
            absent.append(name)
    notes: list[str] = []  # the warnings, given at the end in one place
    if absent:
        notes.append(
            f"{folder}: {len(absent)} optional O*NET file(s) absent, so the model has no "
            + "; no ".join(f"{_GIVES[n]} (from {n!r})" for n in absent)
        )

    occupations = read_table(present["Occupation Data.txt"], (CODE, "Title", "Description"))
    repeated = occupations[CODE].duplicated()
    if repeated.any():
        row = int(repeated.to_numpy().nonzero()[0][0])
        raise OnetFormatError(
            f"{present['Occupation Data.txt']}:{occupations.index[row]}: occupation "
            f"{occupations[CODE].iloc[row]!r} is listed twice; each code must appear once"
        )
    known = set(occupations[CODE])
    frames = {
        name: known_rows(present[name], read_ratings(present[name], block), known, notes)
        for name, (block, _) in _RATED_FILES.items()
        if name in present
    }
    if "Knowledge.txt" in frames:
        # A knowledge area and a skill may share a name ("Mathematics"): keep them apart.
        knowledge = frames["Knowledge.txt"]
        clash = knowledge[NAME].isin(set(frames["Skills.txt"][NAME]))
        knowledge[NAME] = knowledge[NAME].where(~clash, knowledge[NAME] + " (Knowledge)")
    titles = dict(zip(occupations[CODE], occupations["Title"], strict=True))
    rated = pd.concat(
        [
            unpaired(present[name], frame, BLOCK_SCALES[_RATED_FILES[name][0]], titles, notes)
            for name, frame in frames.items()
        ],
        ignore_index=True,
    )

    requirements: dict[str, dict[tuple[str, str], dict[str, float]]] = defaultdict(dict)
    for code, name, scale, value, block in rated[[CODE, NAME, SCALE, "value", "block"]].itertuples(
        index=False
    ):
        mapped = scale_value(block, scale, value)
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
            if block != "interest":
                entry["level"] = self_rating_level(entry.get("level"), entry.get("importance", 0.0))

    aliases, shared = optional.aliases(present.get("Alternate Titles.txt"), known, notes)
    related_titles, supplemental = optional.related_occupations(
        present.get("Related Occupations.txt"), occupations, notes
    )
    job_zone = optional.job_zones(present.get("Job Zones.txt"), known, notes)

    built, needs, unrated = [], [], []
    skipped: dict[str, str] = {}
    with_skills = set(frames["Skills.txt"][CODE])
    occupation_rows = occupations[[CODE, "Title", "Description"]]
    for code, title, description in occupation_rows.itertuples(index=False):
        entries = requirements.get(code)
        if not entries or code not in with_skills:
            title = " ".join(title.split())
            skipped[title] = "is in O*NET but has no ratings"
            # kept by name: its code, title and alternate titles say why it is missing
            names = tuple(a for a in aliases.get(code, []) if a != title)
            unrated.append(Occupation(code, JobProfile(title=title, aliases=names), "onet"))
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

    kept = pd.Series([o.profile.title for o in built], index=[o.id for o in built])
    for name, frame in frames.items():
        incomplete(present[name], frame, kept, notes)
    for name, found in (("Job Zones.txt", job_zone), ("Related Occupations.txt", related_titles)):
        if name in present:
            without(present[name], found, kept, _GIVES[name], notes)
    for note in notes:
        warnings.warn(note, OnetWarning, stacklevel=2)

    names: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for need in needs:
        for block, name in need:
            names[block][name] = ()
    vocabulary = Vocabulary(dict(names))
    described = optional.descriptions(present.get("Content Model Reference.txt"), rated, names)
    keys = {f"{block}:{name}" for block, found in names.items() for name in found}
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
        absent=unrated,
        # O*NET-SOC "29-1141.00" is SOC 2018's "29-1141", the code a counsellor also uses
        codes=[(c[:-3], c) for c in occupations[CODE] if c.endswith(".00")],
        vectorizer=vectorizer,
        catalog_hash=digest.hexdigest(),
        source=f"O*NET {folder}",
        extra={
            "job_zone": job_zone,
            "unrated": len(skipped),
            "skipped": skipped,
            # what O*NET relates a left-out occupation to: said when a person asks for it
            "skipped_related": {
                " ".join(title.split()): list(related_titles.get(code, ())[:3])
                for code, title in occupation_rows[[CODE, "Title"]].itertuples(index=False)
                if " ".join(title.split()) in skipped and related_titles.get(code)
            },
            "shared_names": shared,
            # moves a route may take, no relation the ranking reads (see matcher.model.moves)
            "supplemental_related": {
                code: others for code, others in supplemental.items() if code in kept.index
            },
            # Work Styles are rated for importance alone: their "level" is that importance,
            # so a work style is a matter of fit, like an interest, not a level to reach
            "fit_blocks": ["trait"] if "Work Styles.txt" in present else [],
            DESCRIPTIONS: described,
            # O*NET's licence (CC BY 4.0) asks for its credit wherever the model's data goes
            DATA_SOURCE: onet_source(onet_release(folder)),
            WORDS: {k: list(w) for k, w in onet_words().items() if k in keys},
        },
    )


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
        classification=(group,),  # the code is the id: as a "Middle" level it misled
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
