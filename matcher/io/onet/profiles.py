"""O*NET's occupations as matcher's job profiles: the items each lists, its SOC major group,
its aliases and related jobs; an occupation without ratings kept by name only, saying why."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from matcher.core.vectorise import Requirement

from ..catalog import Occupation
from ..profile import Aptitude, Item, JobProfile
from .tables import CODE

__all__ = [
    "IMPORTANCE_KEY",
    "SOC_MAJOR_GROUPS",
    "OnetOccupations",
    "job_profile",
    "onet_occupations",
]

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


@dataclass(frozen=True)
class OnetOccupations:
    """The occupations of an import: ``built``, those with ratings, and their ``needs`` (the
    requirements each is fitted on, in the same order); ``unrated``, those without, kept by
    name; ``skipped``, title -> why it was left out."""

    built: list[Occupation]
    needs: list[dict[tuple[str, str], Requirement]]
    unrated: list[Occupation]
    skipped: dict[str, str]


def onet_occupations(
    occupations: pd.DataFrame,
    requirements: dict[str, dict[tuple[str, str], Requirement]],
    with_skills: set[str],
    aliases: dict[str, list[str]],
    related: dict[str, list[str]],
) -> OnetOccupations:
    """Every occupation of Occupation Data (code, title, description), in its order: a job
    profile for one with ratings, in Skills.txt among them (``with_skills``: the codes it
    rates), else kept by name (its code, title and alternate titles say why it is missing)."""
    built, needs, unrated = [], [], []
    skipped: dict[str, str] = {}
    for code, title, description in occupations[[CODE, "Title", "Description"]].itertuples(
        index=False
    ):
        need = requirements.get(code)
        if not need or code not in with_skills:
            title = " ".join(title.split())
            skipped[title] = "is in O*NET but has no ratings"
            names = tuple(a for a in aliases.get(code, []) if a != title)
            unrated.append(Occupation(code, JobProfile(title=title, aliases=names), "onet"))
            continue
        profile = job_profile(code, title, description, need, aliases, related)
        built.append(Occupation(code, profile, "onet"))
        needs.append(need)
    return OnetOccupations(built, needs, unrated, skipped)


def job_profile(
    code: str,
    title: str,
    description: str,
    need: dict[tuple[str, str], Requirement],
    aliases: dict[str, list[str]],
    related: dict[str, list[str]],
) -> JobProfile:
    """The profile of one rated occupation: its title, SOC major group, summary, the items it
    lists (key items as required, the next as recommended) and its aliases and related jobs."""

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
