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
self-assessment (:func:`~.requirements.self_rating_level`), which O*NET's LV alone is not: LV
anchors an absolute difficulty (6 of 7 for Speaking is arguing before a supreme court), so most
jobs' main skills sit at 2.5-3.5 after ×5/7, where the people who do them rate themselves 4 or
5, and a person's list fits the more senior or specialised occupations better than their own.

A level O*NET marks "Not Relevant" counts as 0. Alternate Titles become
aliases (and a Short Title one occupation alone gives, "RN"), Related Occupations
related jobs (the *Supplemental* tier moves a career route may take besides,
``model.extra["supplemental_related"]``), Job Zones a preparation level
(``model.extra["job_zone"]``), the Content Model Reference what each item covers
(``matcher items``). Occupation Data and Skills are required; the
other files are optional, but a file that is present must have the columns
O*NET gives it.

The modules: :mod:`.files` finds the files, hashes them and reads the occupations and
ratings, with :mod:`.tables`, which reads one file and holds its scales;
:mod:`.requirements` maps the ratings onto matcher's scales (pure arithmetic);
:mod:`.profiles` makes the job profiles (the SOC major groups); :mod:`.optional` reads
what the optional files add, :mod:`.checks` what an import leaves out (said once per
file), :mod:`.credit` the release a model names and the credit it owes O*NET.

This product includes information from the O*NET Database by the U.S.
Department of Labor, Employment and Training Administration (USDOL/ETA),
used under the CC BY 4.0 license, when such a database is imported.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from matcher.core.vectorise import OccupationVectorizer
from matcher.core.vocabulary import Vocabulary
from matcher.errors import OnetFormatError, OnetWarning
from matcher.model.build import model_from_requirements
from matcher.model.credit import DATA_SOURCE
from matcher.model.items import DESCRIPTIONS, WORDS, onet_words
from matcher.model.model import Model
from matcher.validation import check_flag, check_path

from . import optional
from .checks import incomplete, without
from .credit import onet_release, onet_source
from .files import GIVES, OCCUPATIONS, onet_files, read_occupations, read_rated
from .profiles import IMPORTANCE_KEY, SOC_MAJOR_GROUPS, OnetOccupations, onet_occupations
from .requirements import onet_requirements
from .tables import CODE, SCALE_RANGES

__all__ = ["IMPORTANCE_KEY", "SCALE_RANGES", "SOC_MAJOR_GROUPS", "import_onet"]


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
    notes: list[str] = []  # the warnings, given at the end in one place
    present, digest = onet_files(folder, related=related, notes=notes)
    occupations = read_occupations(present[OCCUPATIONS])
    known = set(occupations[CODE])
    frames, rated = read_rated(present, occupations, notes)
    needs = onet_requirements(rated)
    aliases, shared = optional.aliases(present.get("Alternate Titles.txt"), known, notes)
    related_titles, supplemental = optional.related_occupations(
        present.get("Related Occupations.txt"), occupations, notes
    )
    job_zone = optional.job_zones(present.get("Job Zones.txt"), known, notes)
    found = onet_occupations(
        occupations, needs, set(frames["Skills.txt"][CODE]), aliases, related_titles
    )
    if not found.built:
        raise OnetFormatError(f"{folder}: no occupation has ratings in Skills.txt")

    kept = pd.Series([o.profile.title for o in found.built], index=[o.id for o in found.built])
    for name, frame in frames.items():
        incomplete(present[name], frame, kept, notes)
    for name, given in (("Job Zones.txt", job_zone), ("Related Occupations.txt", related_titles)):
        if name in present:
            without(present[name], given, kept, GIVES[name], notes)
    for note in notes:
        warnings.warn(note, OnetWarning, stacklevel=2)

    names = _names(found)
    described = optional.descriptions(present.get("Content Model Reference.txt"), rated, names)
    skipped = found.skipped
    return _model(
        found,
        names,
        folder,
        digest,
        # O*NET-SOC "29-1141.00" is SOC 2018's "29-1141", the code a counsellor also uses
        codes=[(c[:-3], c) for c in occupations[CODE] if c.endswith(".00")],
        extra={
            "job_zone": job_zone,
            "unrated": len(skipped),
            "skipped": skipped,
            # what O*NET relates a left-out occupation to: said when a person asks for it
            "skipped_related": {
                " ".join(title.split()): list(related_titles.get(code, ())[:3])
                for code, title in occupations[[CODE, "Title"]].itertuples(index=False)
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
        },
    )


def _names(found: OnetOccupations) -> dict[str, dict[str, tuple[str, ...]]]:
    """The items the kept occupations are rated on, by block: the model's vocabulary (no
    aliases: O*NET names each element one way)."""
    names: dict[str, dict[str, tuple[str, ...]]] = {}
    for need in found.needs:
        for block, name in need:
            names.setdefault(block, {})[name] = ()
    return names


def _model(
    found: OnetOccupations,
    names: dict[str, dict[str, tuple[str, ...]]],
    folder: Path,
    digest: str,
    *,
    codes: list[tuple[str, str]],
    extra: dict[str, object],
) -> Model:
    """The model of the kept occupations (rated on ``names``), with the left-out ones as the
    catalog's absent ones."""
    vocabulary = Vocabulary(names)
    keys = {f"{block}:{name}" for block, items in names.items() for name in items}
    # Every element is rated for every occupation: levels carry the information,
    # so importance only tempers the weights and blocks count alike.
    vectorizer = OccupationVectorizer(
        vocabulary,
        block_weights=dict.fromkeys(vocabulary.blocks, 1.0),
        unlisted_weight=3.0,
        use_idf=False,
    )
    return model_from_requirements(
        found.built,
        found.needs,
        vocabulary,
        absent=found.unrated,
        codes=codes,
        vectorizer=vectorizer,
        catalog_hash=digest,
        source=f"O*NET {folder}",
        extra={**extra, WORDS: {k: list(w) for k, w in onet_words().items() if k in keys}},
    )
