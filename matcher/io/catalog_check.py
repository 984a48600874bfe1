"""Check a catalog folder: everything a catalog author should fix.

**Errors** are what ``build`` refuses: a document that cannot be read, a title or alias naming
two occupations. **Warnings** are what it takes but a careful author fixes: references
(career-path steps, related jobs) that resolve to nothing, names outside the vocabulary, titles
and aliases that read otherwise than they are written (:mod:`.catalog_lookalikes`), a
career path that does not name its occupation, profiles less complete than the built-in
catalog's (:data:`COMPLETENESS`, :data:`MIN_RESOLVED`). ``matcher catalog check`` prints the
findings and exits 1 on errors; the built-in catalog has none of either
(``tests/test_catalog.py``). Holding every catalog to the built-in one's bar as errors made the
real seed documents fail the check that ``build`` reads without complaint.
"""

from __future__ import annotations

import functools
import itertools
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from matcher.core.vocabulary import Vocabulary, format_suggestions
from matcher.errors import ProfileParseError, ProfileWarning
from matcher.util.labels import counted
from matcher.validation import check_instance, check_path

from .catalog import (
    Catalog,
    Occupation,
    id_clashes,
    occupation_id,
    profile_paths,
    references,
    skipped_entries,
    skipped_message,
)
from .catalog_lookalikes import lookalike_names
from .job_format import HEADING_OF, heading_field, read_document
from .job_reader import parse_profile
from .profile import JobProfile
from .vocabulary import builtin_vocabulary

__all__ = ["COMPLETENESS", "MIN_RESOLVED", "Finding", "check_catalog"]


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
#: Share of career-path steps and related jobs that must resolve to the catalog.
MIN_RESOLVED = 0.95


def check_catalog(
    directory: str | Path, vocabulary: Vocabulary | None = None
) -> tuple[list[Finding], dict[str, float]]:
    """Check a catalog folder. Returns ``(findings, summary figures)``.

    Raises
    ------
    InputError
        ``directory`` is no path, or ``vocabulary`` no :class:`Vocabulary` (each reached a
        TypeError or an AttributeError).
    """
    check_path("directory", directory)  # the name as given: findings quote it
    if vocabulary is None:
        vocabulary = builtin_vocabulary()
    check_instance("vocabulary", vocabulary, (Vocabulary,), "a Vocabulary, or None (built in)")
    _lines.cache_clear()  # the documents as they are now
    findings, occupations = _read_documents(directory)
    catalog = Catalog(occupations)
    findings += _duplicate_names(catalog)
    findings += [
        Finding("warning", o.source, _line_with(o.source, name), why)
        for o, name, why in lookalike_names(catalog)
    ]
    total = unresolved = 0
    moves: set[tuple[str, str]] = set()  # career-path steps, one after another
    for occupation in catalog:
        findings += _incomplete(occupation)
        findings += _aptitudes_without_reason(occupation)
        findings += _unknown_items(occupation, vocabulary)
        steps = [s for s in map(catalog.resolve, occupation.profile.career_path) if s is not None]
        findings += _path_problems(occupation, steps, catalog)
        moves.update(itertools.pairwise(steps))
        names = references(occupation.profile)
        missing = _unresolved_references(occupation, names, catalog)
        total, unresolved = total + len(names), unresolved + len(missing)
        findings += missing
    findings += _circle(directory, moves, catalog)
    share = (total - unresolved) / total if total else 1.0
    findings += _few_resolved(directory, share)
    return findings, _summary(catalog, findings, total, share)


def _read_documents(directory: str | Path) -> tuple[list[Finding], list[Occupation]]:
    """Every document of the folder read, each with what its reading found; the entries
    skipped and the file names that give one id are findings of their own."""
    findings: list[Finding] = []
    occupations = []
    paths = profile_paths(directory)
    skipped = skipped_entries(directory)
    if skipped:
        findings.append(
            Finding("warning", str(directory), None, skipped_message(directory, skipped))
        )
    clashes = dict(id_clashes(paths))
    findings.extend(Finding("error", str(path), None, why) for path, why in clashes.items())
    for path in (p for p in paths if p not in clashes):
        found, profile = _read_document(path)
        findings += found
        if profile is not None:
            occupations.append(Occupation(occupation_id(path), profile, str(path)))
    return findings, occupations


def _read_document(path: Path) -> tuple[list[Finding], JobProfile | None]:
    """One document read on past each bad item: its errors and warnings as findings, and the
    profile (None when the reading stopped, and then only the error that stopped it)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ProfileWarning)
        errors: list[ProfileParseError] = []  # every bad item, the document read on
        try:
            profile = parse_profile(path, errors=errors)
        except ProfileParseError as exc:
            # no title, a heading twice, not UTF-8: the reading stopped there (a file
            # that cannot be read at all, without a line, needs no such word)
            unread = " (the document's other problems are not checked)" if exc.line else ""
            return [Finding("error", str(path), exc.line, exc.message + unread)], None
        findings = [Finding("error", str(path), e.line, e.message) for e in errors]
    for warning in caught:
        # the reader's warnings begin "FILE:LINE: ": the line goes where every finding's is
        text = str(warning.message)
        located = re.match(rf"{re.escape(str(path))}:(\d+): (.*)", text, re.DOTALL)
        line, text = (int(located[1]), located[2]) if located else (None, text)
        findings.append(Finding("warning", str(path), line, text))
    return findings, profile


def _duplicate_names(catalog: Catalog) -> list[Finding]:
    """A title or alias of two occupations: ``build`` refuses it."""
    findings = []
    for name, first, second in catalog.duplicate_names:
        source = catalog.get(second).source  # type: ignore[union-attr]
        findings.append(
            Finding(
                "error",
                source,
                _line_with(source, name),
                f"title or alias {name!r} also names {first!r}; each name must point to "
                f"one occupation",
            )
        )
    return findings


def _incomplete(occupation: Occupation) -> list[Finding]:
    """The sections with fewer entries than a complete profile has (:data:`COMPLETENESS`)."""
    findings = []
    for field, minimum in COMPLETENESS.items():
        value = getattr(occupation.profile, field)
        count = len(value) if isinstance(value, tuple) else int(bool(value))
        if count < minimum:
            findings.append(
                Finding(
                    "warning",
                    occupation.source,
                    _heading_line(occupation.source, field),
                    f"section {HEADING_OF[field]!r} has "
                    f"{counted(count, 'entry', 'entries')}; "
                    f"a complete profile has at least {minimum}",
                )
            )
    return findings


def _aptitudes_without_reason(occupation: Occupation) -> list[Finding]:
    source = occupation.source
    return [
        Finding(
            "warning",
            source,
            _line_with(source, aptitude.name),
            f"aptitude {aptitude.name!r} has no reason",
        )
        for aptitude in occupation.profile.aptitudes
        if not aptitude.reason
    ]


def _unknown_items(occupation: Occupation, vocabulary: Vocabulary) -> list[Finding]:
    """The skills, aptitudes and traits the vocabulary does not know, with the closest names."""
    profile, source = occupation.profile, occupation.source
    findings = []
    for block, items in (
        ("skill", [i.name for i in profile.required_skills + profile.recommended_skills]),
        ("aptitude", [a.name for a in profile.aptitudes]),
        ("trait", [i.name for i in profile.traits]),
    ):
        for item in items:
            if vocabulary.resolve(block, item) is None:
                findings.append(
                    Finding(
                        "warning",
                        source,
                        _line_with(source, item),
                        f"{block} {item!r} is not in the {block} vocabulary; "
                        f"{format_suggestions(vocabulary.suggestions(block, item))}",
                    )
                )
    return findings


def _path_problems(occupation: Occupation, known: list[str], catalog: Catalog) -> list[Finding]:
    """A career path that does not name its occupation, or passes a step twice; ``known`` is
    the path's steps that resolve, as occupation ids."""
    profile, source = occupation.profile, occupation.source
    findings = []
    # A path that names its occupation goes on past it (the steps after it are moves up:
    # matcher.model.moves); one that does not is read as leading to it from its last step.
    # (A path that names its own title, which another document also has, names it: the
    # duplicate name is an error of its own.)
    if (
        profile.career_path
        and occupation.id not in known
        and profile.title not in profile.career_path
    ):
        findings.append(
            Finding(
                "warning",
                source,
                _heading_line(source, "career_path"),
                f"the career path does not name the occupation itself "
                f"({profile.title!r}): it is read as leading on from its last step, "
                f"{profile.career_path[-1]!r}, to {profile.title!r}",
            )
        )
    # (the occupation itself may come twice: a junior title of it, an alias, opens a path)
    for step in dict.fromkeys(s for s in known if known.count(s) > 1 and s != occupation.id):
        findings.append(
            Finding(
                "warning",
                source,
                _heading_line(source, "career_path"),
                f"the career path passes {catalog.get(step).profile.title!r} more than once; "
                f"a path goes one way, each step once",
            )
        )
    return findings


def _unresolved_references(
    occupation: Occupation, names: list[tuple[str, str]], catalog: Catalog
) -> list[Finding]:
    """The career-path steps and related jobs (``names``, from
    :func:`~matcher.io.catalog.references`) that name no occupation of the catalog."""
    source = occupation.source
    return [
        Finding(
            "warning",
            source,
            _line_with(source, name),
            f"{kind} {name!r} is not the title or alias of any occupation in the catalog",
        )
        for kind, name in names
        if catalog.resolve(name) is None
    ]


def _circle(directory: str | Path, moves: set[tuple[str, str]], catalog: Catalog) -> list[Finding]:
    """Career paths that, taken together, go round in a circle (one is said)."""
    cycle = _cycle(moves)
    if not cycle:
        return []
    titles = " -> ".join(catalog.get(o).profile.title for o in [*cycle, cycle[0]])
    return [
        Finding(
            "warning",
            str(directory),
            None,
            f"career paths go round in a circle: {titles}; a step cannot come both before "
            f"and after another",
        )
    ]


def _few_resolved(directory: str | Path, share: float) -> list[Finding]:
    """Too small a ``share`` of the references resolved (:data:`MIN_RESOLVED`)."""
    if share >= MIN_RESOLVED:
        return []
    return [
        Finding(
            "warning",
            str(directory),
            None,
            f"only {share:.1%} of career-path steps and related jobs resolve to an "
            f"occupation; at least {MIN_RESOLVED:.0%} must",
        )
    ]


def _summary(
    catalog: Catalog, findings: list[Finding], total: int, share: float
) -> dict[str, float]:
    """The figures ``matcher catalog check`` sums up with; ``total`` references, ``share`` of
    them resolved."""
    industries = {o.profile.industry for o in catalog if o.profile.industry}
    return {
        "profiles": float(len(catalog)),
        "references": float(total),
        "resolved_share": share,
        "industries": float(len(industries)),
        "errors": float(sum(f.severity == "error" for f in findings)),
        "warnings": float(sum(f.severity == "warning" for f in findings)),
    }


def _cycle(moves: set[tuple[str, str]]) -> list[str]:
    """One circle of the career paths' moves (occupation ids, in order), or [] for none."""
    after: dict[str, list[str]] = {}
    for a, b in sorted(moves):
        if a != b:
            after.setdefault(a, []).append(b)
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    for start in sorted(after):
        if state.get(start):
            continue
        walk, stack = [start], [iter(after.get(start, ()))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[walk.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return walk[walk.index(nxt) :]
            elif not state.get(nxt):
                state[nxt] = 1
                walk.append(nxt)
                stack.append(iter(after.get(nxt, ())))
    return []


@functools.lru_cache(maxsize=64)
def _lines(source: str) -> tuple[str, ...]:
    """A document's lines, to say where a finding about it is (empty when unreadable)."""
    try:
        return tuple(read_document(Path(source)).decode("utf-8", "replace").splitlines())
    except (OSError, ProfileParseError):
        return ()


def _line_with(source: str, text: str) -> int | None:
    """The first line of a document that holds ``text`` (an item, a name), or None."""
    return next((n for n, line in enumerate(_lines(source), start=1) if text in line), None)


def _heading_line(source: str, field: str) -> int | None:
    """The line of a document's heading of ``field``, or None (the section is missing)."""
    return next(
        (n for n, line in enumerate(_lines(source), start=1) if heading_field(line) == field),
        None,
    )
