"""The vocabulary files: the canonical names of skills, aptitudes and traits and the aliases
documents use, read from ``data/vocabulary/`` (or another folder) into a
:class:`~matcher.core.vocabulary.Vocabulary`, the name tables."""

from __future__ import annotations

import functools
from pathlib import Path

from matcher.core.vocabulary import Vocabulary
from matcher.errors import InputError
from matcher.model.locations import vocabulary_dir

__all__ = ["VOCABULARY_FILES", "builtin_vocabulary", "read_vocabulary"]

VOCABULARY_FILES = {"skill": "skills.csv", "aptitude": "aptitudes.csv", "trait": "traits.csv"}


def read_vocabulary(directory: str | Path | None = None) -> Vocabulary:
    """Read ``skills.csv``, ``aptitudes.csv`` and ``traits.csv`` (columns ``name,aliases``;
    aliases separated by ``|``) of ``directory`` (default: the built-in vocabulary)."""
    import csv  # here: a loaded model carries its vocabulary

    directory = Path(directory) if directory is not None else vocabulary_dir()
    entries: dict[str, dict[str, tuple[str, ...]]] = {}
    for block, filename in VOCABULARY_FILES.items():
        path = directory / filename
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "name" not in reader.fieldnames:
                raise InputError(f"{path}: expected a header row with a 'name' column")
            names: dict[str, tuple[str, ...]] = {}
            for line, row in enumerate(reader, start=2):
                name = (row.get("name") or "").strip()
                if not name:
                    raise InputError(f"{path}:{line}: field 'name' is empty")
                if name in names:
                    raise InputError(f"{path}:{line}: {name!r} is listed twice")
                aliases = tuple(
                    a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()
                )
                names[name] = aliases
        entries[block] = names
    return Vocabulary(entries)


@functools.cache
def builtin_vocabulary() -> Vocabulary:
    """The vocabulary shipped in ``data/vocabulary``, read once per process."""
    return read_vocabulary()
