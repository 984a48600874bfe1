"""A catalog is a folder of job-profile documents, one occupation per file.

The file name (without ``.txt``) is the occupation id. :func:`load_catalog`
reads a folder into a :class:`Catalog`, which resolves titles and aliases to
ids; :func:`catalog_digest` fingerprints it, so that a model notices when the
catalog it was built from changed. :mod:`matcher.io.catalog_check` reports
what a catalog author should fix.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import os
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from matcher.core.vocabulary import Vocabulary, normalize_name
from matcher.errors import CatalogFolderError, InputError, ProfileWarning
from matcher.util.invisible import strip_survey_hidden
from matcher.util.labels import counted

from .vocabulary import builtin_vocabulary

if TYPE_CHECKING:  # a loaded model's catalog reads no document to answer from its names
    from .profile import JobProfile

__all__ = [
    "Catalog",
    "Occupation",
    "catalog_digest",
    "id_clashes",
    "load_catalog",
    "occupation_id",
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


class Catalog(Sequence[Occupation]):
    """Occupations in id order, with a lookup of titles and aliases (and forms of them, such
    as a title's singular: :mod:`matcher.io.catalog_names`).

    ``absent``: occupations the source knows but left out of the catalog (O*NET's unrated
    ones), looked up by name (:meth:`identify`) to say why they are missing; ``codes``:
    ``(code, id)``, other codes that name an occupation (O*NET's "29-1141" for 29-1141.00).
    """

    def __init__(
        self,
        occupations: Iterable[Occupation],
        *,
        absent: Iterable[Occupation] = (),
        codes: Iterable[tuple[str, str]] = (),
    ) -> None:
        from .catalog_names import name_table  # a loaded model's catalog has its table

        self._occupations = tuple(sorted(occupations, key=lambda o: o.id))
        left_out = sorted(absent, key=lambda o: o.id)
        ids = [o.id for o in (*self._occupations, *left_out)]
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"occupation ids must be unique; repeated: {', '.join(dupes)}")
        self.ids = [o.id for o in self._occupations]
        self._by_id = {o.id: o for o in self._occupations}
        # Occupations the source knows but left out (O*NET's unrated): their names are
        # claimed with the others', so that naming one is answered by why it is missing and
        # an alias it shares with a kept occupation names neither.
        self._absent = {o.id: (o.title, tuple(o.profile.aliases)) for o in left_out}
        table = name_table(sorted((*self._occupations, *left_out), key=lambda o: o.id), codes)
        self._names: dict[str, str] = table.names
        self._shared = table.shared
        self.duplicate_names: list[tuple[str, str, str]] = table.duplicates

    def __getitem__(self, index):  # type: ignore[override]
        return self._occupations[index]

    def __len__(self) -> int:
        return len(self._occupations)

    def get(self, occupation_id: str) -> Occupation | None:
        return self._by_id.get(occupation_id)

    def resolve(self, name: str) -> str | None:
        """The id of the occupation whose id, title or alias is ``name``, or None. Ids are
        trimmed as names are (a code pasted with a space)."""
        found = self.identify(name)
        return found if found in self._by_id else None

    def identify(self, name: str) -> str | None:
        """:meth:`resolve`, but the id of an occupation left out (:attr:`absent`) too. A name
        as a CSV matcher wrote it (``'`` before a title a spreadsheet would run) is the
        name: copied from a results file or the survey template into a survey, a profile or
        ``--target``, it reads back alike everywhere."""
        # what shows as nothing is no part of a name, as in a survey's job names: "Chef\u200b"
        # copied from a web page was Chef in a survey, and unknown in a profile and --target
        name = strip_survey_hidden(name)
        found = self._identify(name)
        # trimmed first, as a name is (and a survey cell before the look-up): " '@Home Clerk"
        # pasted with a space was a job in a survey and unknown as --target
        trimmed = name.strip()
        if found is None and trimmed.startswith("'"):
            from matcher.util.cells import unneutralised  # pyarrow: not for every look-up

            bare = unneutralised(trimmed)
            found = self._identify(bare) if bare != trimmed else None
        return found

    def _identify(self, name: str) -> str | None:
        if name in self._by_id:
            return name
        if name.strip() in self._by_id or name.strip() in self._absent:
            return name.strip()
        # a title or alias as written, the usual name, without importing the patterns of
        # the other forms (a millisecond of `matcher recommend` with a current job)
        found = self._names.get(normalize_name(name))
        if found is not None:
            return found
        from .catalog_names import reference_keys

        for key in reference_keys(name):
            if key in self._names:
                return self._names[key]
        return None

    @functools.cached_property
    def absent(self) -> dict[str, str]:
        """Id -> title of the occupations the source knows but left out of the catalog (made
        once: names are resolved against it in loops)."""
        return {i: title for i, (title, _) in self._absent.items()}

    def absent_index(self) -> dict[str, list]:
        """The occupations left out, as a saved model keeps them: ``ids``, ``titles`` and
        ``aliases`` (a list per occupation)."""
        return {
            "ids": list(self._absent),
            "titles": [title for title, _ in self._absent.values()],
            "aliases": [list(aliases) for _, aliases in self._absent.values()],
        }

    def absent_names(self) -> list[tuple[str, str]]:
        """``(name, id)`` of every title and alias of the occupations left out."""
        return [(n, i) for i, (title, aliases) in self._absent.items() for n in (title, *aliases)]

    def ids_starting(self, text: str) -> list[str]:
        """The ids that start with ``text``, in order ("29-1141": 29-1141.00 to .04)."""
        start = bisect.bisect_left(self.ids, text)
        end = bisect.bisect_left(self.ids, text + "\U0010ffff", lo=start)
        return self.ids[start:end]

    @property
    def names(self) -> dict[str, str]:
        """Normalised title or alias -> occupation id (of the catalog, or left out)."""
        return dict(self._names)

    def sharing(self, name: str) -> list[str]:
        """The ids of the occupations that all give ``name``, which so names none of them
        (see :mod:`matcher.io.catalog_names`), or []."""
        from .catalog_names import reference_keys

        shared = self._shared
        return next((list(shared[k]) for k in reference_keys(name) if k in shared), [])

    @property
    def shared(self) -> dict[str, list[str]]:
        """Normalised alias (or form of one) that several occupations give, so that it names
        none of them -> their ids."""
        return dict(self._shared)


def load_catalog(directory: str | Path) -> Catalog:
    """Parse every ``*.txt`` in ``directory``.

    Raises
    ------
    ProfileParseError
        For the first document that cannot be parsed or read, such as a folder named
        ``*.txt`` or a symbolic link loop (use :func:`~matcher.check_catalog` to see them all).
    CatalogFolderError
        When the folder does not exist, is a file or holds no ``.txt`` files.
    InputError
        When two names give one occupation id (:func:`id_clashes`).
    """
    from .job_reader import parse_profile  # a loaded model's catalog needs no parser

    paths = profile_paths(directory)
    warn_skipped(directory)
    clashes = id_clashes(paths)
    if clashes:
        path, why = clashes[0]
        raise InputError(f"{path}: {why}; `matcher catalog check {directory}` lists them all")
    occupations = []
    with warnings.catch_warnings(record=True) as kept:
        warnings.simplefilter("always", ProfileWarning)
        for path in paths:
            occupations.append(Occupation(occupation_id(path), parse_profile(path), str(path)))
    found = [str(w.message) for w in kept if issubclass(w.category, ProfileWarning)]
    if found:
        # one line for all (a misspelt "Requird Skills" made a profile without skills, unsaid)
        warnings.warn(
            ProfileWarning(
                f"{directory}: {counted(len(found), 'thing')} in the documents "
                f"{'was' if len(found) == 1 else 'were'} kept but "
                f"{'looks' if len(found) == 1 else 'look'} "
                f"unintended, such as {found[0]}; `matcher catalog check -v {directory}` "
                "lists them all"
            ),
            stacklevel=2,
        )
    return Catalog(occupations)


def occupation_id(path: Path) -> str:
    """The id of the occupation a document gives: its file name without ``.txt``, a byte that
    is not UTF-8 written ``\\xff`` (a name such as ``may\\xffor.txt`` on Linux gave an id with
    a lone surrogate, which a batch's CSV or Parquet file cannot hold)."""
    return os.fsencode(path.stem).decode("utf-8", "backslashreplace")


def id_clashes(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """``(path, why)`` of every document whose name gives the id of an earlier one: a name
    that is not UTF-8 and one that writes its byte out (``may\\xffor.txt`` twice, once as
    bytes), the only names that can."""
    first: dict[str, Path] = {}
    clashes = []
    for path in paths:
        known = first.setdefault(occupation_id(path), path)
        if known is not path:
            clashes.append(
                (
                    path,
                    f"its name gives the occupation id '{occupation_id(path)}', as {known} "
                    "does (a byte of a name that is not UTF-8 is written \\xff in an id); "
                    "rename one",
                )
            )
    return clashes


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
        f"{directory}: skipped {counted(len(skipped), 'entry', 'entries')} that "
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
        # the name's bytes as the file system has them: a name that is not UTF-8 (may\xffor.txt
        # on Linux) stopped str.encode, and every UTF-8 name gives the bytes it gave
        h.update(os.fsencode(path.name) + b"\0")
        # a folder named *.txt, a link loop, a link to /dev/zero: refused, never read whole
        h.update(hashlib.sha256(read_document(path)).digest())
    h.update((vocabulary or builtin_vocabulary()).digest().encode())
    return h.hexdigest()
