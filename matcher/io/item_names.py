"""Item names a person wrote in a self-assessment, resolved through a model's resolver, or
said to be unknown with what was probably meant: a near spelling, the items a word is about,
or that the self-assessment was made for another model.

The names are resolved by an :class:`ItemResolver`, a model's
(:attr:`matcher.model.model.Model.item_resolver`): the reader asks only what the protocol
says, and needs no model of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from typing import Any, Protocol

from matcher.core.vocabulary import qualified_names
from matcher.errors import AssessmentError
from matcher.io.ratings import GROUPS, RATING_KEYS

__all__ = [
    "KNOWLEDGE_SUFFIX",
    "NAME_LIMIT",
    "ItemResolver",
    "another_model_hint",
    "as_written",
    "as_written_name",
    "namesake_notes",
    "resolve_name",
    "shown_name",
]

#: The longest item name looked for, near spellings or words (the longest name, alias or
#: word of an item, built-in or O*NET, is under 140 characters); a longer one is unknown.
NAME_LIMIT = 200
#: What an O*NET import adds to the name of a knowledge area a skill shares: the skill
#: "Mathematics" and the knowledge area "Mathematics (Knowledge)" (:mod:`matcher.io.onet.files`).
KNOWLEDGE_SUFFIX = " (Knowledge)"


class NamedItem(Protocol):
    """An item :meth:`ItemResolver.about` finds: its block and canonical name."""

    block: str
    name: str


class ItemResolver(Protocol):
    """What reading a self-assessment asks of a model: its item names, resolved and explained.

    ``blocks`` are the model's blocks in order; ``space`` is the feature space the names
    resolve in (an Assessment read for it is not checked again).
    """

    blocks: tuple[str, ...]
    space: object

    def __call__(self, block: str, name: str) -> str | None:
        """The canonical name of ``name`` written under ``block``, or None."""
        ...

    def suggest(self, block: str | None, name: str, n: int = 3) -> list[str]:
        """The closest item names to ``name``, as a message to the person shows them."""
        ...

    def about(self, text: str) -> Sequence[NamedItem]:
        """The items whose name, alias, everyday word or description ``text`` names."""
        ...


def resolve_name(
    resolver: ItemResolver, block: str, name: Any, where: str, unknown: list[str]
) -> str | None:
    """The canonical name of an item, or None with the reason and suggestions in ``unknown``."""
    canonical = resolver(block, str(name))
    if canonical is None:
        blocks = resolver.blocks
        if block not in blocks:
            # an O*NET database without Abilities.txt has no aptitudes: "no close match" hid it
            why = f"this model has no {block}s (it has {', '.join(f'{b}s' for b in blocks)})"
        else:
            why = f"unknown {block} name"
        if len(unknown) >= AssessmentError.SHOWN:
            # past what the message shows: a suggestion each made 200,000 names take minutes
            unknown.append(f"{where}: {why}")
            return None
        # a name is a few words: those of a 24 KB one were looked up for 3 s, and an
        # assessment of five held a worker 18 s
        long = len(str(name)) > NAME_LIMIT
        suggested = [] if long else resolver.suggest(block, str(name))
        hint = ""
        if not suggested:
            # an everyday word ("Driving") is no spelling of a name (O*NET's Transportation):
            # the items whose words it is, and where the names are
            found = [] if long else [(i.block, i.name) for i in resolver.about(str(name))[:3]]
            if found:
                hint = f"; items about it: {as_written(qualified_names(block, found))}"
            hint += f" (`matcher items [--model FILE]` lists the {block}s one can rate)"
        mean = f"did you mean {', '.join(suggested)}?" if suggested else "no close match"
        unknown.append(f"{where}: {why}; {mean}{hint}")
    return canonical


def namesake_notes(
    resolver: ItemResolver, rated: Iterable[tuple[str, str]], said: Set[tuple[str, str]]
) -> list[str]:
    """What to tell a person whose free list rated a skill or a knowledge area and did not
    name its namesake, another item (:data:`KNOWLEDGE_SUFFIX`): a free list's "Mathematics": 4 rated
    O*NET's skill, and its knowledge area, "Mathematics (Knowledge)", was a gap estimated at
    about 2 without a word. ``said``: (block, name) of every item the person rated or left
    unanswered by name."""
    notes = []
    for block, name in rated:
        bare = name.removesuffix(KNOWLEDGE_SUFFIX)
        knowledge = bare + KNOWLEDGE_SUFFIX
        other = resolver(block, knowledge if bare == name else bare)
        if other is None or other == name or (block, other) in said:
            continue
        which = "skill" if bare == name else "knowledge area"
        notes.append(
            f"{bare!r} names two items, the skill {bare!r} and the knowledge area {knowledge!r}, "
            f"and you rated the {which} only: rate {other!r} too, under {GROUPS[block]!r}, or "
            f"it is estimated as an item not rated is"
        )
    return notes


def shown_name(name: Any) -> str:
    """An item name as a message shows it: whole when it could be a name, else its start and
    length (a name of 24 KB filled the problem's line, and why it was refused was cut off)."""
    if not isinstance(name, str) or len(name) <= NAME_LIMIT:
        return repr(name)
    return f"{name[:40]!r}\u2026 ({len(name):,} characters)"


def as_written(names: list[str]) -> str:
    """Item names as a self-assessment writes them (:func:`as_written_name`), listed."""
    return ", ".join(map(as_written_name, names))


def as_written_name(name: str) -> str:
    """An item name as a self-assessment writes it: another group's ``trait:Leadership`` is
    ``'Leadership' under "traits"`` (where it goes, not a survey's column)."""
    block, _, bare = name.partition(":")
    return f'{bare!r} under "{GROUPS[block]}"' if bare and block in GROUPS else repr(name)


def another_model_hint(data: Mapping[str, Any], resolver: ItemResolver) -> str:
    """A hint when most of the item names are unknown to the model, else "": a self-assessment
    saved from an interview on an O*NET model, read with the built-in one, listed every name as
    a typo with suggestions that made no sense."""
    names = [
        (block, str(name))
        for section, block in RATING_KEYS.items()
        if isinstance(data.get(section), Mapping)
        for name in data[section]
    ]
    asked = data.get("asked")
    if isinstance(asked, Mapping):
        names += [
            (RATING_KEYS[section], str(name))
            for section, listed in asked.items()
            if section in RATING_KEYS and isinstance(listed, list | tuple)
            for name in listed
        ]
    unknown = sum(resolver(block, name) is None for block, name in names)
    if unknown < 3 or unknown * 2 <= len(names):
        return ""
    return (
        f"{unknown} of its {len(names)} item names are unknown to this model: the profile may "
        "have been made for another model (give that model: --model FILE, or model= in the "
        "library)"
    )
