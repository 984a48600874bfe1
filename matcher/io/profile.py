"""Typed, immutable job profiles: what the parser produces and the writer consumes.

A :class:`JobProfile` holds one occupation document. Lists are tuples so that a
profile is hashable and can never be changed behind the catalog's back.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """One named skill or trait, with the level (0-5) the document asks for, if any."""

    name: str
    level: float | None = None


@dataclass(frozen=True)
class Aptitude:
    """An aptitude from the 'Aptitudes (Strengths Preferred)' table and why it matters."""

    name: str
    reason: str = ""
    level: float | None = None


@dataclass(frozen=True)
class JobProfile:
    """One occupation as described by a job-profile document.

    ``classification`` runs from broad to narrow: one element for a plain
    classification line, up to three for the Major / Middle / Minor form.
    Text fields keep one paragraph per line. ``extra_sections`` keeps headings
    the parser did not know, in document order, as ``(heading, lines)``.
    """

    title: str
    reading: str = ""
    industry: str = ""
    classification: tuple[str, ...] = ()
    summary: str = ""
    description: str = ""
    outlook: str = ""
    traits: tuple[Item, ...] = ()
    work_style: tuple[str, ...] = ()
    career_path: tuple[str, ...] = ()
    required_skills: tuple[Item, ...] = ()
    recommended_skills: tuple[Item, ...] = ()
    aptitudes: tuple[Aptitude, ...] = ()
    aliases: tuple[str, ...] = ()
    related_jobs: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    extra_sections: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        """The title followed by every alias: what a reference to this occupation may say."""
        return (self.title, *self.aliases)
