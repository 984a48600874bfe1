"""A catalog is a folder of job-profile documents, one occupation per file.

The file name (without ``.txt``) is the occupation id. :func:`load_catalog`
reads a folder into a :class:`Catalog`, which resolves titles and aliases to
ids; :func:`catalog_digest` fingerprints it, so that a model notices when the
catalog it was built from changed. :mod:`matcher.io.catalog_check` reports
what a catalog author should fix.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from matcher.core.vocabulary import Vocabulary, builtin_vocabulary, normalize_name
from matcher.errors import CatalogFolderError, ProfileWarning

if TYPE_CHECKING:  # a loaded model's catalog reads no document to answer from its names
    from .profile import JobProfile

__all__ = [
    "Catalog",
    "Occupation",
    "catalog_digest",
    "load_catalog",
    "profile_paths",
    "references",
    "skipped_entries",
    "skipped_message",
    "warn_skipped",
]


@dataclass(frozen=True)
class Occupation:
    """A parsed profile with its stable id and the file it came from."""

    id: str
    profile: JobProfile
    source: str = ""

    @property
    def title(self) -> str:
        return self.profile.title


_PARENTHESES = re.compile(r"\s*\([^)]*\)\s*")


def _reference_keys(name: str) -> list[str]:
    """Keys a reference may match: the whole name, then the name without brackets."""
    keys = [normalize_name(name)]
    bare = normalize_name(_PARENTHESES.sub(" ", name))
    if bare and bare not in keys:
        keys.append(bare)
    return keys


class Catalog(Sequence[Occupation]):
    """Occupations in id order, with a lookup of titles and aliases."""

    def __init__(self, occupations: Iterable[Occupation]) -> None:
        self._occupations = tuple(sorted(occupations, key=lambda o: o.id))
        ids = [o.id for o in self._occupations]
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"occupation ids must be unique; repeated: {', '.join(dupes)}")
        self.ids = [o.id for o in self._occupations]
        self._by_id = {o.id: o for o in self._occupations}
        self._names: dict[str, str] = {}
        self.duplicate_names: list[tuple[str, str, str]] = []  # (name, first id, second id)
        # Titles first, so an alias never shadows another occupation's title.
        titles: set[str] = set()
        shared: set[str] = set()  # aliases of two occupations (O*NET has thousands)
        for pass_aliases in (False, True):
            for occupation in self._occupations:
                names = occupation.profile.aliases if pass_aliases else (occupation.title,)
                for name in names:
                    for key in _reference_keys(name)[:1]:
                        owner = self._names.get(key)
                        if owner is None:
                            self._names[key] = occupation.id
                            if not pass_aliases:
                                titles.add(key)
                        elif owner != occupation.id:
                            self.duplicate_names.append((name, owner, occupation.id))
                            if pass_aliases and key not in titles:
                                shared.add(key)
        # An alias several occupations give names none of them: the first in id order was
        # taken ("Certified Nursing Assistant (CNA)": Surgical Assistants, not Nursing
        # Assistants); a look-up of it lists them instead (matcher.model.names).
        for key in shared:
            del self._names[key]
        # Titles without their bracketed qualifier, where that is unambiguous.
        for occupation in self._occupations:
            for key in _reference_keys(occupation.title)[1:]:
                self._names.setdefault(key, occupation.id)

    def __getitem__(self, index):  # type: ignore[override]
        return self._occupations[index]

    def __len__(self) -> int:
        return len(self._occupations)

    def get(self, occupation_id: str) -> Occupation | None:
        return self._by_id.get(occupation_id)

    def resolve(self, name: str) -> str | None:
        """The id of the occupation whose id, title or alias is ``name``, or None. Ids are
        trimmed as names are (a code pasted with a space)."""
        if name in self._by_id:
            return name
        if name.strip() in self._by_id:
            return name.strip()
        for key in _reference_keys(name):
            if key in self._names:
                return self._names[key]
        return None

    def ids_starting(self, text: str) -> list[str]:
        """The ids that start with ``text``, in order ("29-1141": 29-1141.00 to .04)."""
        start = bisect.bisect_left(self.ids, text)
        end = bisect.bisect_left(self.ids, text + "\U0010ffff", lo=start)
        return self.ids[start:end]

    @property
    def names(self) -> dict[str, str]:
        """Normalised title or alias -> occupation id."""
        return dict(self._names)


def load_catalog(directory: str | Path) -> Catalog:
    """Parse every ``*.txt`` in ``directory``.

    Raises
    ------
    ProfileParseError
        For the first document that cannot be parsed or read, such as a folder named
        ``*.txt`` or a symbolic link loop (use :func:`~matcher.check_catalog` to see them all).
    CatalogFolderError
        When the folder does not exist, is a file or holds no ``.txt`` files.
    """
    from .job_reader import parse_profile  # a loaded model's catalog needs no parser

    paths = profile_paths(directory)
    warn_skipped(directory)
    occupations = []
    with warnings.catch_warnings(record=True) as kept:
        warnings.simplefilter("always", ProfileWarning)
        for path in paths:
            occupations.append(Occupation(path.stem, parse_profile(path), str(path)))
    found = [str(w.message) for w in kept if issubclass(w.category, ProfileWarning)]
    if found:
        # one line for all (a misspelt "Requird Skills" made a profile without skills, unsaid)
        warnings.warn(
            ProfileWarning(
                f"{directory}: {len(found)} thing(s) in the documents were kept but look "
                f"unintended, such as {found[0]}; `matcher catalog check -v {directory}` "
                "lists them all"
            ),
            stacklevel=2,
        )
    return Catalog(occupations)


def profile_paths(directory: str | Path) -> list[Path]:
    """Every ``*.txt`` entry of a catalog folder, sorted (a folder or a broken link among them
    is reported when it is read, as a :class:`~matcher.errors.ProfileParseError`)."""
    directory = Path(directory)
    if not directory.is_dir():
        if directory.exists():
            raise CatalogFolderError(f"catalog folder {directory} is a file, not a folder")
        raise CatalogFolderError(f"catalog folder {directory} does not exist")
    # a hidden file (macOS's "._name.txt" beside each copied document) is no occupation
    paths = sorted(p for p in directory.glob("*.txt") if not p.name.startswith("."))
    if not paths:
        raise CatalogFolderError(f"catalog folder {directory} holds no .txt profiles")
    return paths


def references(profile: JobProfile) -> list[tuple[str, str]]:
    """The names a document gives of other occupations, each with its kind: career-path
    steps and related jobs (``catalog check`` counts how many resolve, ``build`` warns of
    those that do not)."""
    return [("career path step", name) for name in profile.career_path] + [
        ("related job", name) for name in profile.related_jobs
    ]


def skipped_entries(directory: str | Path) -> list[str]:
    """Names in a catalog folder that are not read: not ``*.txt`` (``.md``, ``.TXT``, a
    subfolder, ...) and hidden ``*.txt`` files (``._name.txt``, which macOS leaves beside each
    copied file). Other hidden entries (``.gitkeep``, ``.DS_Store``) are not listed."""
    directory = Path(directory)
    return sorted(
        path.name + ("/" if path.is_dir() else "")
        for path in directory.iterdir()
        if path.name.startswith(".") == path.name.endswith(".txt")
    )


def skipped_message(directory: str | Path, skipped: list[str]) -> str:
    """One line about the entries :func:`skipped_entries` found."""
    shown = ", ".join(skipped[:5]) + (" ..." if len(skipped) > 5 else "")
    return (
        f"{directory}: skipped {len(skipped)} entr{'y' if len(skipped) == 1 else 'ies'} that "
        f"{'is' if len(skipped) == 1 else 'are'} not a .txt profile: {shown}; a catalog reads "
        f"only files named *.txt not starting with '.' (rename a document to include it)"
    )


def warn_skipped(directory: str | Path) -> None:
    # Said, not silent: an author who saved a profile as .md or .TXT would otherwise wonder
    # why the occupation is missing.
    skipped = skipped_entries(directory)
    if skipped:
        warnings.warn(skipped_message(directory, skipped), stacklevel=3)


def catalog_digest(directory: str | Path, vocabulary: Vocabulary | None = None) -> str:
    """SHA-256 over every profile file (name and bytes) and the vocabulary.

    A model remembers the digest of what it was built from, so a changed
    catalog is noticed before a stale model is used.
    """
    from .job_format import read_document  # here: its patterns cost 4 ms of every start-up

    h = hashlib.sha256()
    for path in profile_paths(directory):
        h.update(path.name.encode() + b"\0")
        # a folder named *.txt, a link loop, a link to /dev/zero: refused, never read whole
        h.update(hashlib.sha256(read_document(path)).digest())
    h.update((vocabulary or builtin_vocabulary()).digest().encode())
    return h.hexdigest()
