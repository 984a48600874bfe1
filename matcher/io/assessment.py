"""A person's self-assessment, read from JSON (a file, text or a dict) and checked item by item.

The JSON shape::

    {"name": "Aiko", "current_job": "Section Chief", "target_job": "Ward Mayor",
     "skills": {"Crisis Management": 4}, "aptitudes": {"Stress Tolerance": 5},
     "traits": {"Leadership": 4}}

Ratings run 0-5 (0 = none, 5 = expert). An item left out, or given as
``null``, is unanswered: unknown, not zero.

``"asked"`` says which items the person was asked: ``"all"``, or an object of
lists of names per group (``{"skills": [...], "traits": [...]}``). An item
asked and left unanswered is a *blank* (weak evidence that the person lacks
it); an item not asked says nothing. Without ``"asked"`` the self-assessment
is a free list of what the person has, and every item it does not mention is
a blank (see the README's *How matching works*).
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any, Literal

from matcher.errors import AssessmentError, InputError
from matcher.io.item_names import (
    ItemResolver,
    another_model_hint,
    namesake_notes,
    resolve_name,
    shown_name,
)
from matcher.io.ratings import (
    GROUPS,
    RATING_KEYS,
    HugeNumber,
    rating_number,
    rating_problem,
    rating_text,
    ratings_alike,
)
from matcher.util.warn import warn
from matcher.validation import check_flag, check_instance, check_path

__all__ = [
    "ALL",
    "RATING_KEYS",
    "Assessment",
    "assessment_from_dict",
    "assessment_from_json",
    "assessment_to_dict",
    "ratings_alike",
    "read_assessment",
]

_TEXT_FIELDS = ("name", "current_job", "target_job")
#: ``Assessment.asked`` of a person asked every item.
ALL: Literal["all"] = "all"
#: The source an :class:`Assessment` given as such is named by in a message.
ASSESSMENT = "<Assessment>"
#: The Assessments this reader made, by id: a weak reference, the feature space whose
#: resolver read it and its ratings then. One given back is not checked again while its
#: ratings are the same: a report reads its person three times, 1 ms each at 280 items.
_MADE: dict[int, tuple[weakref.ref, Any, dict]] = {}


@dataclass(frozen=True)
class Assessment:
    """A person's self-assessment: resolved ratings keyed by ``(block, canonical name)``.

    Unanswered items are absent (not zero).
    """

    name: str = ""
    ratings: Mapping[tuple[str, str], float] = field(default_factory=dict)
    current_job: str = ""
    target_job: str = ""
    #: The items the person was asked: :data:`ALL` (``"asked": "all"``) for every item, None
    #: for a free list (no ``"asked"``: the ranking reads every item as asked, a
    #: questionnaire so far only the rated ones), or the items named and rated.
    asked: frozenset[tuple[str, str]] | Literal["all"] | None = None

    def rating(self, block: str, name: str) -> float | None:
        return self.ratings.get((block, name))

    @property
    def alike(self) -> bool:
        """Whether the ratings hardly vary (:func:`ratings_alike`, the one rule)."""
        return bool(ratings_alike([list(self.ratings.values())])[0])


def assessment_to_dict(person: Assessment) -> dict[str, Any]:
    """An :class:`Assessment` in the JSON shape, as it is, for the reader to check (a rating
    is not checked here). Raises :class:`AssessmentError` for what has no place in that
    shape: ratings not keyed by ``(block, name)`` of a known block, ``asked`` not "all",
    None or such pairs."""
    groups = GROUPS
    problems: list[str] = []
    data: dict[str, Any] = {key: getattr(person, key) for key in _TEXT_FIELDS}
    pairs = f"a (block, name) pair, the block one of {', '.join(map(repr, groups))}"
    if isinstance(person.ratings, Mapping):
        for key, value in person.ratings.items():
            if isinstance(key, tuple) and len(key) == 2 and key[0] in groups:
                data.setdefault(groups[key[0]], {})[key[1]] = value
            else:
                problems.append(f"ratings key {key!r}: expected {pairs}")
    else:
        problems.append(f"ratings must be a dict of (block, name): rating, got {person.ratings!r}")
    asked = person.asked
    if asked is None or asked == ALL:
        data["asked"] = asked
    elif isinstance(asked, Set):
        data["asked"] = {}
        for key in sorted(asked, key=repr):  # a set's order is no order: one error each run
            if isinstance(key, tuple) and len(key) == 2 and key[0] in groups:
                data["asked"].setdefault(groups[key[0]], []).append(key[1])
            else:
                problems.append(f"asked item {key!r}: expected {pairs}")
    else:
        problems.append(f'asked must be "all", None or a frozenset of pairs, got {asked!r}')
    if problems:
        raise AssessmentError(ASSESSMENT, problems)
    return data


def read_assessment(
    source: str | Path | Mapping[str, Any] | Assessment,
    resolver: ItemResolver,
    *,
    lenient: bool = False,
) -> Assessment:
    """Read a self-assessment from a JSON file path or a dict, or check an Assessment as its
    dict would be (one this reader made for the same model, unchanged, is returned as it is).

    ``resolver`` is the model's (``model.item_resolver``): it resolves the item names and
    says what an unknown one probably meant.
    """
    lenient = check_flag("lenient", lenient)  # "no" read as lenient
    if isinstance(source, Assessment):
        if _made_here(source, resolver):
            return source
        # checked as a dict is: one made by hand raised a raw KeyError for an alias and
        # ranked a text rating or no rating at all
        source = assessment_to_dict(source)
        return assessment_from_dict(source, resolver, source=ASSESSMENT, lenient=lenient)
    if isinstance(source, Mapping):
        return assessment_from_dict(source, resolver, lenient=lenient)
    check_instance(
        "profile", source, (str, PathLike), "a dict, an Assessment or the path of a JSON file"
    )
    if isinstance(source, str) and source.lstrip().startswith("{"):
        shown = source[:40] + ("..." if len(source) > 40 else "")
        raise InputError(
            f"profile {shown!r}: a string is read as the path of a JSON file, and this one is "
            "JSON text; pass it as a dict (json.loads(text))"
        )
    path = check_path("profile", source)  # "" is no file (it read as the current folder)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such profile file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a profile file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the profile ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return assessment_from_json(text, resolver, source=str(path), lenient=lenient)


def assessment_from_json(
    text: str, resolver: ItemResolver, *, source: str = "<stdin>", lenient: bool = False
) -> Assessment:
    """Read a self-assessment from JSON text (standard input): :func:`read_assessment`."""
    try:
        data = json.loads(
            text,
            object_pairs_hook=_object,
            parse_float=HugeNumber.parse_float,
            parse_int=HugeNumber.parse_int,
        )
    except InputError as exc:  # a repeated key (_object)
        raise InputError(f"{source}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{source}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); see the README "
            f"for the profile format"
        ) from None
    except RecursionError:
        raise InputError(f"{source}: not a profile: JSON nested too deeply") from None
    return assessment_from_dict(data, resolver, source=source, lenient=lenient)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys each come once: Python's reader keeps the last of a repeated
    key, so an exporter's second "skills" would silently drop the first's ratings. The
    same key twice with the same value loses nothing and passes."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out and out[key] != value:
            raise InputError(
                f"{key!r} appears twice in one object, with different values "
                f"({_shown(out[key])} and {_shown(value)}); give each key once"
            )
        out[key] = value
    return out


def assessment_from_dict(
    data: Mapping[str, Any],
    resolver: ItemResolver,
    *,
    source: str = "<profile>",
    lenient: bool = False,
) -> Assessment:
    """Validate and resolve a self-assessment given as a dict.

    Every problem is collected before raising, so one run shows them all.
    With ``lenient=True`` unknown item names (and unknown keys) are ignored
    with a warning; bad ratings are errors in both modes.
    """
    if not isinstance(data, Mapping):
        raise AssessmentError(source, [f"expected a JSON object, got {type(data).__name__}"])
    problems: list[str] = []
    ignored: list[str] = []
    for key in data:
        if key not in RATING_KEYS and key not in _TEXT_FIELDS and key != "asked":
            keys = (*_TEXT_FIELDS, *RATING_KEYS, "asked")
            known = ", ".join(repr(k) for k in keys)
            # "Skills" or "trait": the key meant, before the whole list
            meant = [k for k in keys if isinstance(key, str) and _key_text(key) == _key_text(k)]
            meant = meant or [k for k in keys if isinstance(key, str) and _key_text(key) + "s" == k]
            hint = f"did you mean {meant[0]!r}? " if meant else ""
            message = f"unknown key {key!r}; {hint}expected {known}"
            (ignored if lenient else problems).append(message)
    text = {}
    for key in _TEXT_FIELDS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(f"{key!r} must be text, got {value!r}")
        text[key] = value if isinstance(value, str) else ""

    ratings: dict[tuple[str, str], float] = {}
    unanswered: set[tuple[str, str]] = set()
    for section, block in RATING_KEYS.items():
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, Mapping):
            problems.append(
                f"{section!r} must be an object of name: rating pairs, got {type(items).__name__}"
            )
            continue
        for name, value in items.items():
            where = f"{section} / {shown_name(name)}"
            if value is None:  # explicitly unanswered
                if (canonical := resolver(block, str(name))) is not None:
                    unanswered.add((block, canonical))
                continue
            bad = rating_problem(value)
            if bad:
                problems.append(f"{where}: {bad}")
            # the name too, with a bad rating: "Programing": 9 said the 9, then the typo
            canonical = resolve_name(resolver, block, name, where, ignored if lenient else problems)
            if bad or canonical is None:
                continue
            number = rating_number(value)
            if (block, canonical) in ratings and ratings[(block, canonical)] != number:
                problems.append(
                    f"{where}: {canonical!r} is rated twice with different values "
                    f"({rating_text(ratings[(block, canonical)])} and {rating_text(number)})"
                )
                continue
            ratings[(block, canonical)] = number
    asked = _asked(data.get("asked"), resolver, problems, ignored, lenient)
    # it resolves every name again (about 10 us of the 110 that reading a 50-name
    # questionnaire takes): only for a profile something is wrong with
    hint = another_model_hint(data, resolver) if problems or ignored or not ratings else ""
    if problems:
        raise AssessmentError(source, problems, hint)
    if hint and ignored:
        warn(f"{source}: {hint}")
    for message in ignored[: AssessmentError.SHOWN]:
        warn(f"{source}: ignored {message}")
    if len(ignored) > AssessmentError.SHOWN:  # one line each for the first, then a count
        warn(f"{source}: ignored {len(ignored) - AssessmentError.SHOWN} more unknown names")
    if asked is None:  # a free list: a questionnaire chose what it asked
        for note in namesake_notes(resolver, ratings, unanswered | set(ratings)):
            warn(f"{source}: {note}")
    if not ratings:
        raise AssessmentError(
            source,
            ["no ratings: rate at least one skill, aptitude, trait or interest from 0 to 5"],
            hint,
        )
    person = Assessment(
        name=text["name"],
        ratings=ratings,
        current_job=text["current_job"],
        target_job=text["target_job"],
        asked=asked if asked is None or asked == ALL else frozenset(asked) | frozenset(ratings),
    )
    key = id(person)  # forgotten as the person is
    forget = weakref.ref(person, lambda _, key=key: _MADE.pop(key, None))
    _MADE[key] = (forget, resolver.space, dict(ratings))
    return person


def _made_here(person: Assessment, resolver: ItemResolver) -> bool:
    """Whether ``person`` is one :func:`assessment_from_dict` made for this resolver's
    feature space, with its ratings as they were made."""
    made = _MADE.get(id(person))
    return (
        made is not None
        and made[0]() is person
        and made[1] is resolver.space
        and made[2] == person.ratings
    )


def _asked(
    value: Any, resolver: ItemResolver, problems: list[str], ignored: list[str], lenient: bool
):
    """The ``"asked"`` field as a set of (block, name), :data:`ALL`, or None when not given.
    "all" and a free list were both None: a questionnaire of every item, skipped, was asked
    again (``next_questions``)."""
    if value is None or (isinstance(value, str) and value == ALL):
        return value
    if not isinstance(value, Mapping):
        problems.append(
            f"'asked' must be \"all\" or an object of lists of item names per group "
            f"({', '.join(repr(k) for k in RATING_KEYS)}), got {type(value).__name__}"
        )
        return None
    asked: set[tuple[str, str]] = set()
    for section, names in value.items():
        block = RATING_KEYS.get(section)
        if block is None:
            message = f"asked / {section!r}: unknown group; expected one of " + ", ".join(
                repr(k) for k in RATING_KEYS
            )
            (ignored if lenient else problems).append(message)
            continue
        if isinstance(names, str) or not isinstance(names, list | tuple):
            problems.append(f"asked / {section!r} must be a list of item names")
            continue
        for name in names:
            where = f"asked / {section} / {shown_name(str(name))}"
            canonical = resolve_name(resolver, block, name, where, ignored if lenient else problems)
            if canonical is not None:
                asked.add((block, canonical))
    return asked


def _key_text(key: str) -> str:
    """A top-level key as people vary it: case, spaces, dashes ("Current Job", "current-job")."""
    return "_".join(key.casefold().replace("-", " ").split())
