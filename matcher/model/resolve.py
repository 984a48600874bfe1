"""Resolving an occupation's name in a model, and saying why a name names none, so that the
reader knows what to do next.

A name is an id, a title, an alias or a form of one (:mod:`matcher.io.catalog_names`). When
it names no occupation of the model, in this order: an empty name; a name several
occupations give (an alias, or a form of one), listing them; a short title several give
(O*NET's "CNA", ``extra["shared_names"]``); an occupation the source knows but the model
left out (O*NET's unrated ones, named by their code, title, alternate titles or a form of
them), with why and what the source relates it to; else the names spelt most like it ("similar
names": by spelling and words, not by what the jobs are), of the occupations kept and of those
left out alike (the search of :func:`matcher.model.names.search`).

A target, a survey's job columns and a person's current job are all explained here, so
that a current job is never "not in the catalog; closest: ..." beside unrelated titles
where a target of the same name is answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matcher.core.vocabulary import normalize_name
from matcher.errors import UnknownOccupationError
from matcher.io.catalog import Catalog, Occupation
from matcher.validation import check_instance

from .names import CLOSEST_TITLES, TITLE_LIMIT, absent_index, is_code, occupation_index

__all__ = ["left_out", "resolve_in", "resolve_occupation", "unknown_occupation"]


def resolve_occupation(catalog: Catalog, name: str) -> Occupation:
    """The occupation with this id, title or alias.

    Raises
    ------
    UnknownOccupationError
        Listing the occupations that share the name, or the similar names (see
        :func:`~matcher.model.names.search`).
    """
    return resolve_in(catalog, name, {})


def resolve_in(catalog: Catalog, name: str, extra: Mapping[str, Any]) -> Occupation:
    """:func:`resolve_occupation`, saying more when a model's ``extra`` knows the name: an
    occupation it left out (``"skipped"``: title -> why) or a short title several
    occupations give (``"shared_names"``: short title -> ids, "CNA")."""
    check_instance("occupation", name, (str,), "an occupation's id, title or alias")
    occupation_id = catalog.resolve(name)
    if occupation_id is None:
        raise unknown_occupation(catalog, name, extra)
    return catalog.get(occupation_id)  # type: ignore[return-value]


def unknown_occupation(
    catalog: Catalog, name: str, extra: Mapping[str, Any], *, hint: bool = True
) -> UnknownOccupationError:
    """The error saying why ``name`` names no occupation of ``catalog`` (``extra``: the
    model's, see :class:`~matcher.model.model.Model`). ``hint``: end with "try `matcher
    search TEXT`" when nothing comes close (a command line's advice, not a report's)."""
    if not name.strip():  # "called ''" read as a quoting slip
        return UnknownOccupationError(
            "an empty name names no occupation; give an occupation's title, id or alias"
        )
    long = len(name) > TITLE_LIMIT  # a cell of 120 KB is neither searched nor repeated whole
    if not long:
        said = _shared(catalog, name, extra) or left_out(catalog, name, extra)
        if said:
            return UnknownOccupationError(said)
    found = [] if long else _closest(catalog, name, CLOSEST_TITLES)
    shown = repr(name[: TITLE_LIMIT - 1]) + "\u2026" if long else repr(name)
    if not found:
        advice = "; try `matcher search TEXT`" if hint else ""
        return UnknownOccupationError(f"no occupation is called {shown}{advice}")
    # Names spelt alike, not jobs alike: "closest: 'Director of Nursing'" for a Nursing
    # Assistant read as the nearest job, and sent a junior to the top of a ladder.
    similar = ", ".join(_label(catalog, i) for i in found)
    kind = "codes" if not long and is_code(name) else "names"  # by code, not by spelling
    message = f"no occupation is called {shown}; similar {kind}: {similar}"
    if found[0] in catalog.absent:  # "Sofware Developers": say why the nearest is missing
        message += "; " + _why_left_out(catalog, found[0], catalog.absent[found[0]], extra)
    return UnknownOccupationError(message)


def _label(catalog: Catalog, occupation_id: str) -> str:
    occupation = catalog.get(occupation_id)
    if occupation is not None:
        return f"{occupation.title!r} ({occupation_id})"
    return f"{catalog.absent.get(occupation_id, '')!r} ({occupation_id}, not in this model)"


def _shared(catalog: Catalog, name: str, extra: Mapping[str, Any]) -> str | None:
    """What to say of a name several occupations give, or None."""
    owners = catalog.sharing(name)
    if owners:
        named = ", ".join(_label(catalog, i) for i in owners)
        return (
            f"{name!r} is an alias of {len(owners)} occupations, so it names none: {named}; "
            "give one of their titles or ids"
        )
    wanted = " ".join(name.split()).casefold()
    for short, owners in sorted((extra.get("shared_names") or {}).items()):
        if short.casefold() == wanted:
            known = [i for i in owners if catalog.get(i) is not None or i in catalog.absent]
            named = ", ".join(_label(catalog, i) for i in known)
            return (
                f"{name!r} is a short title of {len(owners)} occupations, so it names none: "
                f"{named}; give one of their titles or ids"
            )
    return None


def left_out(catalog: Catalog, name: str, extra: Mapping[str, Any]) -> str | None:
    """What to say of a name of an occupation the model left out (why, and what the source
    relates it to), or None for any other name: what a search cannot list."""
    if len(name) > TITLE_LIMIT:  # no title is this long
        return None
    found = catalog.identify(name)
    if found is not None and found in catalog.absent:
        return _why_left_out(catalog, found, name, extra)
    # a model whose catalog keeps no occupations left out (put together by hand, or saved by
    # an older matcher) names them in extra by title alone
    wanted = " ".join(name.split()).casefold()
    for title in sorted(extra.get("skipped") or {}):
        if title.casefold() == wanted:
            return _why_left_out(catalog, None, title, extra, title=title)
    return None


def _why_left_out(
    catalog: Catalog,
    occupation_id: str | None,
    name: str,
    extra: Mapping[str, Any],
    *,
    title: str | None = None,
) -> str:
    """ "X is in O*NET but has no ratings, so it was left out of this model; O*NET relates it
    to ...": what O*NET relates it to, which the model has, as "left out" alone left a person
    nowhere to go (and its title's words, Animal Scientists for Data Scientists, led astray)."""
    title = title or catalog.absent[occupation_id]  # type: ignore[index]
    reason = (extra.get("skipped") or {}).get(title, "is known to the source of this model")
    related = (extra.get("skipped_related") or {}).get(title, ())
    near = [_label(catalog, i) for i in (catalog.resolve(t) for t in related) if i is not None]
    instead = f"; O*NET relates it to {', '.join(near)}" if near else ""
    if not near and occupation_id is not None and "." in occupation_id:
        # "15-1299.00" Computer Occupations, All Other: O*NET relates it to nothing, and
        # details it as 15-1299.01 to .09, which the model may have
        stem = occupation_id.rsplit(".", 1)[0] + "."
        detail = [_label(catalog, i) for i in catalog.ids_starting(stem)[:CLOSEST_TITLES]]
        instead = f"; this model has {', '.join(detail)}" if detail else ""
    if occupation_id is None or normalize_name(name) == normalize_name(title):
        return f"{title} {reason}, so it was left out of this model{instead}"
    return (
        f"{name!r} names {title} ({occupation_id}), which {reason}, so it was left out of this "
        f"model{instead}"
    )


def _closest(catalog: Catalog, name: str, n: int) -> list[str]:
    """The ids of the ``n`` names closest to ``name``, kept or left out, best first; for a
    code, the codes nearest it (:func:`_code_family`)."""
    from matcher.core.fuzzy import rank

    if is_code(name):
        return _code_family(catalog, name.strip())[:n]
    ids = []
    query = normalize_name(name)
    matches = occupation_index(catalog).find(query, limit=n)
    if catalog.absent:
        matches += absent_index(catalog).find(query, limit=n)
    matches.sort(key=lambda m: rank(m.kind, m.score))  # stable: a tie keeps the kept first
    ids += [m.target for m in matches]
    return list(dict.fromkeys(ids))[:n]


#: The fewest digits a code is shortened to when looking for its family: a SOC broad
#: occupation (29-114). Shorter, a minor or major group (29-1, 29), holds codes that are not
#: alike: 29-1141.01 was offered Chiropractors and Dentists, the first codes of group 29.
_FAMILY_DIGITS = 5


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _code_family(catalog: Catalog, code: str) -> list[str]:
    """The ids, kept then left out, that the longest start of ``code`` begins that begins any
    (``29-1141.99``, ``29-1141.05``: the 29-1141 family), compared by their digits alone
    (``291141``, ``29–1141.01`` with an en dash and ``29 1141`` are 29-1141): a code is near
    codes, never a name spelt like its digits (29-1141.99 suggested Emergency Medical
    Technicians, for the "99" of their alias "EMT-I/99"). A code shortened is shortened to a
    SOC broad occupation at most (:data:`_FAMILY_DIGITS`); a code that is itself the start of
    ids (``29-11``) is answered with them."""
    digits = _digits(code)
    ids = [(_digits(i), i) for i in catalog.ids]
    ids += sorted((_digits(i), i) for i in catalog.absent)
    for end in range(len(digits), min(len(digits), _FAMILY_DIGITS) - 1, -1):
        start = digits[:end]
        family = [i for d, i in ids if d.startswith(start)]
        if family and start:
            return family
    return []
