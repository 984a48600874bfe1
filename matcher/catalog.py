"""A catalog is a folder of job-profile documents, one occupation per file.

The file name (without ``.txt``) is the occupation id. :func:`load_catalog`
reads a folder; :func:`check_catalog` reports everything a catalog author
should fix: parse errors, references that resolve to nothing, vocabulary
outside the canonical lists, duplicate titles or aliases, incomplete profiles.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .parse import SECTIONS, ProfileParseError, ProfileWarning, parse_profile
from .profile import JobProfile
from .vocabulary import Vocabulary, builtin_vocabulary, format_suggestions, normalize_name

__all__ = ["Catalog", "Finding", "Occupation", "catalog_digest", "check_catalog", "load_catalog"]


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
        self._by_id = {o.id: o for o in self._occupations}
        self._names: dict[str, str] = {}
        self.duplicate_names: list[tuple[str, str, str]] = []  # (name, first id, second id)
        # Titles first, so an alias never shadows another occupation's title.
        for pass_aliases in (False, True):
            for occupation in self._occupations:
                names = occupation.profile.aliases if pass_aliases else (occupation.title,)
                for name in names:
                    for key in _reference_keys(name)[:1]:
                        owner = self._names.get(key)
                        if owner is None:
                            self._names[key] = occupation.id
                        elif owner != occupation.id:
                            self.duplicate_names.append((name, owner, occupation.id))
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
        """The id of the occupation whose title or alias is ``name``, or None."""
        if name in self._by_id:
            return name
        for key in _reference_keys(name):
            if key in self._names:
                return self._names[key]
        return None

    @property
    def names(self) -> dict[str, str]:
        """Normalised title or alias -> occupation id."""
        return dict(self._names)


def load_catalog(directory: str | Path) -> Catalog:
    """Parse every ``*.txt`` in ``directory``.

    Raises
    ------
    ProfileParseError
        For the first document that cannot be parsed (use :func:`check_catalog`
        to see them all).
    FileNotFoundError
        When the folder does not exist or holds no ``.txt`` files.
    """
    paths = _profile_paths(directory)
    occupations = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProfileWarning)
        for path in paths:
            occupations.append(Occupation(path.stem, parse_profile(path), str(path)))
    return Catalog(occupations)


def _profile_paths(directory: str | Path) -> list[Path]:
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"catalog folder {directory} does not exist")
    paths = sorted(directory.glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"catalog folder {directory} holds no .txt profiles")
    return paths


def catalog_digest(directory: str | Path, vocabulary: Vocabulary | None = None) -> str:
    """SHA-256 over every profile file (name and bytes) and the vocabulary.

    A model remembers the digest of what it was built from, so a changed
    catalog is noticed before a stale model is used.
    """
    h = hashlib.sha256()
    for path in _profile_paths(directory):
        h.update(path.name.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    h.update((vocabulary or builtin_vocabulary()).digest().encode())
    return h.hexdigest()


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Finding:
    """One problem found in a catalog. ``severity`` is ``error`` or ``warning``."""

    severity: str
    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.severity}: {self.message}"


#: What a complete profile has: field -> minimum number of entries.
COMPLETENESS = {
    "industry": 1,
    "classification": 1,
    "summary": 1,
    "description": 1,
    "outlook": 1,
    "traits": 3,
    "work_style": 1,
    "career_path": 1,
    "required_skills": 4,
    "recommended_skills": 2,
    "aptitudes": 4,
    "aliases": 1,
    "related_jobs": 3,
}
_HEADINGS = {name: heading for name, heading, _ in SECTIONS}
#: Share of career-path steps and related jobs that must resolve to the catalog.
MIN_RESOLVED = 0.95


def check_catalog(
    directory: str | Path, vocabulary: Vocabulary | None = None
) -> tuple[list[Finding], dict[str, float]]:
    """Check a catalog folder. Returns ``(findings, summary figures)``."""
    vocabulary = vocabulary or builtin_vocabulary()
    findings: list[Finding] = []
    occupations = []
    for path in _profile_paths(directory):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ProfileWarning)
            try:
                profile = parse_profile(path)
            except ProfileParseError as exc:
                findings.append(Finding("error", str(path), exc.line, exc.message))
                continue
        for warning in caught:
            findings.append(Finding("warning", str(path), None, str(warning.message)))
        occupations.append(Occupation(path.stem, profile, str(path)))
    catalog = Catalog(occupations)

    for name, first, second in catalog.duplicate_names:
        findings.append(
            Finding(
                "error",
                catalog.get(second).source,  # type: ignore[union-attr]
                None,
                f"title or alias {name!r} also names {first!r}; each name must point to "
                f"one occupation",
            )
        )

    references = resolved = 0
    for occupation in catalog:
        profile, source = occupation.profile, occupation.source
        for field, minimum in COMPLETENESS.items():
            value = getattr(profile, field)
            count = len(value) if isinstance(value, tuple) else int(bool(value))
            if count < minimum:
                findings.append(
                    Finding(
                        "error",
                        source,
                        None,
                        f"section {_HEADINGS[field]!r} has {count} "
                        f"entr{'y' if count == 1 else 'ies'}; "
                        f"a complete profile has at least {minimum}",
                    )
                )
        for aptitude in profile.aptitudes:
            if not aptitude.reason:
                findings.append(
                    Finding("error", source, None, f"aptitude {aptitude.name!r} has no reason")
                )
        for block, items in (
            ("skill", [i.name for i in profile.required_skills + profile.recommended_skills]),
            ("aptitude", [a.name for a in profile.aptitudes]),
            ("trait", [i.name for i in profile.traits]),
        ):
            for item in items:
                if vocabulary.resolve(block, item) is None:
                    findings.append(
                        Finding(
                            "error",
                            source,
                            None,
                            f"{block} {item!r} is not in the {block} vocabulary; "
                            f"{format_suggestions(vocabulary.suggest(block, item))}",
                        )
                    )
        if profile.career_path and catalog.resolve(profile.career_path[-1]) != occupation.id:
            findings.append(
                Finding(
                    "error",
                    source,
                    None,
                    f"the career path ends at {profile.career_path[-1]!r}, not at the "
                    f"occupation itself ({profile.title!r})",
                )
            )
        for kind, names in (
            ("career path step", profile.career_path),
            ("related job", profile.related_jobs),
        ):
            for name in names:
                references += 1
                if catalog.resolve(name) is not None:
                    resolved += 1
                else:
                    findings.append(
                        Finding(
                            "warning",
                            source,
                            None,
                            f"{kind} {name!r} is not the title or alias of any occupation "
                            f"in the catalog",
                        )
                    )
    share = resolved / references if references else 1.0
    if share < MIN_RESOLVED:
        findings.append(
            Finding(
                "error",
                str(directory),
                None,
                f"only {share:.1%} of career-path steps and related jobs resolve to an "
                f"occupation; at least {MIN_RESOLVED:.0%} must",
            )
        )
    industries = {o.profile.industry for o in catalog if o.profile.industry}
    summary = {
        "profiles": float(len(catalog)),
        "references": float(references),
        "resolved_share": share,
        "industries": float(len(industries)),
        "errors": float(sum(f.severity == "error" for f in findings)),
        "warnings": float(sum(f.severity == "warning" for f in findings)),
    }
    return findings, summary
