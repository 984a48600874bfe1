"""Which names answer to which occupation of a catalog: its titles, aliases and forms of them.

A name (compared normalised, :func:`~matcher.core.vocabulary.normalize_name`) answers to one
occupation or to none. Names are claimed in tiers, the stronger first, and a tier never
takes a name a stronger one holds or shares:

1. **titles**, and codes a source gives besides the ids (O*NET's SOC code "29-1141" for
   29-1141.00): the first occupation in id order keeps a title two give (an error that
   ``catalog check`` and ``build`` report);
2. **forms of titles**: a title without its brackets ("Ward Mayor" for "Ward Mayor (Tokyo
   Special Wards)") and its singular ("Registered Nurse" for "Registered Nurses", as O*NET
   titles are plural and people name their job in the singular). A form of a title comes
   before another occupation's alias: O*NET gives "Customer Service Representative" to
   Credit Authorizers and "Cashier" to Tellers among others;
3. **aliases**: an alias one occupation gives is its name; one several give names none of
   them and is *shared* ("Certified Nursing Assistant (CNA)": O*NET gives it to Surgical
   Assistants and to Nursing Assistants; the first in code order used to be taken);
4. **forms of aliases**: an alias "Full Name (ABBR)" whose brackets hold the initials of the
   name before them also answers to the full name ("Registered Nurse" for "Registered Nurse
   (RN)", "Licensed Practical Nurse" for "Licensed Practical Nurse (LPN)"), and "ABBR (Full
   Name)" to the full name; not a qualifier in brackets ("Project Manager (IT)" is no
   "Project Manager").

A form that several occupations give in its tier names none of them and is shared too. A
look-up of a shared name lists who gives it (:mod:`matcher.model.names`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from matcher.core.vocabulary import normalize_name

if TYPE_CHECKING:
    from .catalog import Occupation

__all__ = ["NameTable", "abbreviates", "alias_forms", "name_table", "singular", "title_forms"]

_PARENTHESES = re.compile(r"\s*\([^)]*\)\s*")
_TRAILING = re.compile(r"^(.*\S)\s*\(([^()]*)\)$")
_LETTERS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_PLURAL = re.compile(r"^(.*\b)([a-z]+)$")
# words an abbreviation may leave out ("Certified Orientation and Mobility Specialist", COMS)
_SKIPPABLE = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})


@dataclass
class NameTable:
    """``names``: normalised name -> occupation id; ``shared``: normalised name -> the ids of
    the occupations that give it (it names none); ``duplicates``: ``(name, first id, other
    id)`` of every title or alias another occupation gives as a title or alias too."""

    names: dict[str, str] = field(default_factory=dict)
    shared: dict[str, list[str]] = field(default_factory=dict)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)


def reference_keys(name: str) -> list[str]:
    """Keys a name typed may match: the whole name, then the name without brackets."""
    keys = [normalize_name(name)]
    bare = normalize_name(_PARENTHESES.sub(" ", name))
    if bare and bare not in keys:
        keys.append(bare)
    return keys


def singular(key: str) -> str | None:
    """The singular of a normalised title whose last word is an English plural, or None:
    "registered nurses" -> "registered nurse", "actuaries" -> "actuary", "coaches" ->
    "coach". A title listing several kinds of worker ("welders, cutters, ...") has none."""
    found = _PLURAL.match(key)
    if "," in key or found is None:
        return None
    start, word = found.groups()
    if len(word) < 4 or word.endswith(("ss", "us", "is")) or not word.endswith("s"):
        return None
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "sses", "xes", "zzes")):
        word = word[:-2]
    else:
        word = word[:-1]
    return start + word


def title_forms(title: str) -> list[str]:
    """A title's forms of tier 3: without its brackets, and the singular of both."""
    whole, *bare = reference_keys(title)
    forms = [*bare, *(singular(k) for k in (whole, *bare))]
    return [f for f in dict.fromkeys(forms) if f and f != whole]


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is the initials of ``long``'s words, in order, each word that is
    no more than a joining word ("and", "of") left out or not: "RN" of "Registered Nurse",
    "PMH-CNS" of "Psychiatric-Mental Health Clinical Nurse Specialist", "COMS" of
    "Certified Orientation and Mobility Specialist"."""
    letters = "".join(c for c in short if c.isalpha())
    words = [w.casefold() for w in _LETTERS.findall(long)]
    if not 2 <= len(letters) <= 12 or not letters.isupper() or len(words) > 20:
        return False

    def read(w: int, i: int) -> bool:
        if i == len(letters):
            return all(word in _SKIPPABLE for word in words[w:])
        if w == len(words):
            return False
        if words[w][0] == letters[i].casefold() and read(w + 1, i + 1):
            return True
        return words[w] in _SKIPPABLE and read(w + 1, i)

    return read(0, 0)


def alias_forms(alias: str) -> list[str]:
    """An alias's forms of tier 4: the full name of "Full Name (ABBR)" or "ABBR (Full
    Name)" where the one is the initials of the other."""
    found = _TRAILING.match(alias.strip())
    if found is None:
        return []
    outer, inner = found.group(1).strip(), found.group(2).strip()
    if abbreviates(inner, outer):
        return [normalize_name(outer)]
    if abbreviates(outer, inner):
        return [normalize_name(inner)]
    return []


def name_table(
    occupations: Iterable[Occupation], codes: Iterable[tuple[str, str]] = ()
) -> NameTable:
    """The names of ``occupations`` (in id order), claimed tier by tier (see the module
    docstring); ``codes``, ``(code, id)``, are other codes that name an occupation, claimed
    with the titles (O*NET's SOC code "29-1141" for "29-1141.00", Registered Nurses)."""
    occupations = list(occupations)
    table = NameTable()
    names, duplicates = table.names, table.duplicates
    for occupation in occupations:
        key = normalize_name(occupation.title)
        owner = names.setdefault(key, occupation.id)
        if owner != occupation.id:
            duplicates.append((occupation.title, owner, occupation.id))
    for code, occupation_id in codes:
        names.setdefault(normalize_name(code), occupation_id)
    titles = dict(names)
    _claim(table, ((o.id, title_forms(o.title)) for o in occupations))
    formed = set(names) - set(titles) | set(table.shared)  # held or shared by a title's form
    owners: dict[str, list[str]] = {}  # who gives each alias, in id order
    for occupation in occupations:
        for alias in occupation.profile.aliases:
            key = normalize_name(alias)
            owner = titles.get(key)
            if owner is not None:
                if owner != occupation.id:  # another's title: an error a check reports
                    duplicates.append((alias, owner, occupation.id))
                continue
            if key in formed:
                continue
            given = owners.setdefault(key, [])
            if occupation.id not in given:
                if given:
                    duplicates.append((alias, given[0], occupation.id))
                given.append(occupation.id)
    for key, given in owners.items():
        if len(given) == 1:
            names[key] = given[0]
        else:
            table.shared[key] = sorted(given)
    forms = ((o.id, [f for a in o.profile.aliases for f in alias_forms(a)]) for o in occupations)
    _claim(table, forms)
    return table


def _claim(table: NameTable, forms: Iterable[tuple[str, list[str]]]) -> None:
    """Give each form to the one occupation of its tier that gives it, unless a stronger tier
    holds or shares it; a form several give is shared."""
    claims: dict[str, set[str]] = {}
    for occupation_id, keys in forms:
        for key in keys:
            if key not in table.names and key not in table.shared:
                claims.setdefault(key, set()).add(occupation_id)
    for key, ids in claims.items():
        if len(ids) == 1:
            table.names[key] = next(iter(ids))
        else:
            table.shared[key] = sorted(ids)
