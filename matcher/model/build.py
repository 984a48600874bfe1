"""Build a model: fit the vectoriser on a catalog and assemble the arrays a match needs.

Building needs scikit-learn (the vectoriser is an estimator, the neighbour graph
uses TF-IDF); a built model, saved and loaded again, does not.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matcher.core.similarity import neighbour_graph
from matcher.core.vectorise import (
    MAX_BLOCK_WEIGHT,
    OccupationVectorizer,
    Requirement,
    profile_requirements,
)
from matcher.core.vocabulary import BLOCKS, Vocabulary
from matcher.errors import InputError
from matcher.io.catalog import Catalog, Occupation, catalog_digest, load_catalog, references
from matcher.io.vocabulary import builtin_vocabulary
from matcher.util.labels import counted
from matcher.validation import check_path, check_weights

from .locations import catalog_dir as builtin_catalog_dir
from .model import Model
from .moves import index_moves
from .scoring import scoring_arrays

__all__ = ["build_model", "model_from_requirements"]


def model_from_requirements(
    occupations: Sequence[Occupation],
    requirements: Sequence[dict[tuple[str, str], Requirement]],
    vocabulary: Vocabulary,
    *,
    catalog_hash: str,
    source: str,
    unresolved: Sequence[tuple[str, str]] = (),
    vectorizer: OccupationVectorizer | None = None,
    extra: dict[str, Any] | None = None,
    absent: Sequence[Occupation] = (),
    codes: Sequence[tuple[str, str]] = (),
) -> Model:
    """Fit the vectoriser, compute the neighbour graph and the documented moves, and
    assemble a :class:`Model` (rows in occupation id order). ``absent`` and ``codes``: see
    :class:`~matcher.io.catalog.Catalog`."""
    # A catalog read from documents is given as it is (in id order, names indexed): its
    # name table is made once (half a second at 20,000 occupations)
    given = occupations if isinstance(occupations, Catalog) and not absent and not codes else None
    order = sorted(range(len(occupations)), key=lambda i: occupations[i].id)
    occupations = [occupations[i] for i in order]
    requirements = [requirements[i] for i in order]
    vectorizer = (vectorizer or OccupationVectorizer(vocabulary)).fit(requirements)
    levels = vectorizer.transform(requirements)
    importance = vectorizer.transform_importance(requirements)
    neighbours = neighbour_graph(levels, importance, [o.profile for o in occupations])
    model = Model(
        given if given is not None else Catalog(occupations, absent=absent, codes=codes),
        vectorizer.feature_space_,
        levels,
        importance,
        arrays={"neighbour_rows": neighbours.rows, "neighbour_similarity": neighbours.similarity},
        catalog_hash=catalog_hash,
        source=source,
        unresolved=tuple(sorted(set(unresolved))),
        extra=extra or {},
    )
    # The documented moves, indexed now: a loaded model then reads no document to route.
    documented = index_moves(model)
    model.arrays.update(documented.arrays())
    # and the ranking's relation graph of them, so that no process makes it again
    model.arrays.update(documented.relation_arrays())
    model.arrays.update(
        scoring_arrays(levels, importance, model.feature_block_weights, model.personal_features)
    )
    return model


def build_model(
    catalog_dir: str | Path | None = None, *, block_weights: dict[str, float] | None = None
) -> Model:
    """Build a model from a folder of job-profile documents (default: the built-in catalog).

    ``block_weights`` sets how much skills, aptitudes and traits count
    (default :data:`~matcher.core.vectorise.DEFAULT_BLOCK_WEIGHTS`; each from 0 to
    :data:`~matcher.core.vectorise.MAX_BLOCK_WEIGHT`; a block left out keeps its default).
    Item names the vocabulary does not know become features of their own and are listed in
    ``model.unresolved`` (and warned about), never dropped.
    """
    directory = (
        check_path("catalog_dir", catalog_dir) if catalog_dir is not None else builtin_catalog_dir()
    )
    if block_weights is not None:  # before the catalog is read, not after
        check_weights("block_weights", block_weights, BLOCKS, MAX_BLOCK_WEIGHT)
    vocabulary = builtin_vocabulary()
    catalog = load_catalog(directory)
    _refuse_duplicate_names(catalog, directory)
    _warn_unresolved_references(catalog, directory)
    requirements, unresolved = [], []
    for occupation in catalog:
        found, missing = profile_requirements(occupation.profile, vocabulary)
        requirements.append(found)
        unresolved.extend(missing)
    empty = [o.source or o.id for o, found in zip(catalog, requirements, strict=True) if not found]
    if empty:
        # kept, as every document is (an unfinished catalog still builds), but said: such an
        # occupation has nothing a person's ratings could match
        warnings.warn(
            f"{directory}: {counted(len(empty), 'profile')} "
            f"{'states' if len(empty) == 1 else 'state'} no skill, aptitude or trait, so no "
            f"self-assessment can match them: {', '.join(empty[:10])}"
            f"{' ...' if len(empty) > 10 else ''}; `matcher catalog check` lists what is missing",
            stacklevel=2,
        )
    if unresolved:
        # a near miss of a known name is most likely a typo: "trait:Leadershp" beside Leadership
        # would be a feature of its own, and gaps would ask for both
        shown = []
        for block, name in sorted(set(unresolved))[:10]:
            close = vocabulary.suggestions(block, name, 1)
            shown.append(f"{block}:{name}" + (f" (did you mean {close[0]}?)" if close else ""))
        count = len(set(unresolved))
        warnings.warn(
            f"{directory}: {counted(count, 'item name')} {'is' if count == 1 else 'are'} not in "
            "the vocabulary and kept as "
            f"features of their own: {', '.join(shown)}{' ...' if count > 10 else ''}",
            stacklevel=2,
        )
    return model_from_requirements(
        catalog,
        requirements,
        vocabulary,
        catalog_hash=catalog_digest(directory, vocabulary),
        source=f"catalog {directory}",
        unresolved=unresolved,
        vectorizer=OccupationVectorizer(vocabulary, block_weights=block_weights),
    )


def _refuse_duplicate_names(catalog: Catalog, directory: Path) -> None:
    """A title or alias naming two occupations: ``catalog check`` calls it an error, and a
    model built anyway would answer a lookup of that name with either one."""
    if not catalog.duplicate_names:
        return
    clashes = [
        f"{name!r} in {catalog.get(second).source} and {catalog.get(first).source}"  # type: ignore[union-attr]
        for name, first, second in catalog.duplicate_names
    ]
    raise InputError(
        f"{directory}: {counted(len(clashes), 'title or alias', 'titles or aliases')} "
        f"{'names' if len(clashes) == 1 else 'name'} two occupations: "
        f"{'; '.join(clashes[:5])}{' ...' if len(clashes) > 5 else ''}; each name must point "
        f"to one occupation (a copied or linked document?); `matcher catalog check "
        f"{directory}` lists every problem"
    )


def _warn_unresolved_references(catalog: Catalog, directory: Path) -> None:
    # Kept, as check keeps them (a warning there): such a step or related job is no move a
    # route can take, so say so once instead of once per name; a name an occupation gives
    # twice (a step and a related job) is one problem. An id or a title as written resolves
    # (a name given twice was refused before), found without the catalog's normalising.
    exact = {name for occupation in catalog for name in (occupation.id, occupation.title)}
    missing = list(
        dict.fromkeys(
            f"{name!r} ({occupation.id})"
            for occupation in catalog
            for _, name in references(occupation.profile)
            if name not in exact and catalog.resolve(name) is None
        )
    )
    if missing:
        what = "career-path step or related job", "career-path steps or related jobs"
        warnings.warn(
            (
                f"{directory}: {counted(len(missing), *what)} "
                f"{'names' if len(missing) == 1 else 'name'} no "
                f"occupation of the catalog, e.g. {', '.join(missing[:3])}"
                f"{' ...' if len(missing) > 3 else ''}; run `matcher catalog check "
                f"{directory}` for the list"
            ),
            stacklevel=3,
        )
