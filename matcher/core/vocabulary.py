"""Canonical names of skills, aptitudes and traits, and the aliases documents use.

Documents say the same thing in many ways ("Has leadership", "Leadership").
Every name is compared after :func:`normalize_name`; the alias tables in
``data/vocabulary/`` (read by :mod:`matcher.io.vocabulary`) map the normalised spellings to
one canonical name per block.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from matcher.errors import InputError

if TYPE_CHECKING:  # the index is built for a first suggestion, not to resolve names
    from .fuzzy import Match, NameIndex

#: Feature blocks in the order they appear in vectors. ``interest`` is only
#: present in catalogs that rate interests (O*NET).
BLOCKS: tuple[str, ...] = ("skill", "aptitude", "trait", "interest")

_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"[-‐‑‒–—_]")
# Traits are often written as a sentence about the person ("Has integrity").
_TRAIT_PREFIX = re.compile(r"^(?:has|have|is|shows|with|a|an)\s+(?:a\s+|an\s+)?")

#: A suggestion is a near spelling of a name (:func:`matcher.core.fuzzy.near_spelling`) and
#: scores within this many points (0-100, see :mod:`matcher.core.fuzzy`) of the best one: a
#: few close names, never a list of guesses.
SUGGEST_WINDOW = 15.0


@functools.lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """Key for comparing names: NFKC, case-folded, '&' as 'and', dashes as spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("&", " and ")
    text = _DASHES.sub(" ", text)
    return _SPACES.sub(" ", text).strip(" .:;,")


@dataclass(frozen=True)
class Vocabulary:
    """Canonical names per block and the aliases that resolve to them.

    Parameters
    ----------
    entries : mapping of block -> mapping of canonical name -> aliases
    """

    entries: Mapping[str, Mapping[str, tuple[str, ...]]]
    _lookup: dict[str, dict[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, dict[str, str]] = {}
        for block, names in self.entries.items():
            if block not in BLOCKS:
                raise InputError(f"unknown vocabulary block {block!r}; expected one of {BLOCKS}")
            table: dict[str, str] = {}
            for name, aliases in names.items():
                for spelling in (name, *aliases):
                    key = normalize_name(spelling)
                    other = table.get(key)
                    if other is not None and other != name:
                        raise InputError(
                            f"{block} vocabulary: {spelling!r} names both {other!r} and {name!r}"
                        )
                    table[key] = name
            lookup[block] = table
        object.__setattr__(self, "_lookup", lookup)

    @property
    def blocks(self) -> tuple[str, ...]:
        return tuple(b for b in BLOCKS if b in self.entries)

    def names(self, block: str) -> tuple[str, ...]:
        """Canonical names of one block, sorted."""
        return tuple(sorted(self.entries.get(block, {})))

    def aliases(self, block: str, name: str) -> tuple[str, ...]:
        return tuple(self.entries.get(block, {}).get(name, ()))

    def resolve(self, block: str, text: str) -> str | None:
        """Canonical name for ``text`` in ``block``, or None when nothing matches."""
        table = self._lookup.get(block, {})
        key = normalize_name(text)
        if key in table:
            return table[key]
        if block == "trait":
            stripped = _TRAIT_PREFIX.sub("", key)
            if stripped in table:
                return table[stripped]
        return None

    def spellings(self, block: str) -> dict[str, str]:
        """Every normalised spelling of ``block`` (names and aliases) -> its canonical name."""
        return dict(self._lookup.get(block, {}))

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("item_index", None)  # built again on the first question after loading
        return state

    @functools.cached_property
    def item_index(self) -> NameIndex[tuple[str, str]]:
        """Every spelling of every block, pointing at ``(block, canonical name)``."""
        from .fuzzy import NameIndex

        return NameIndex(
            (key, (block, name))
            for block in self.blocks
            for key, name in self._lookup[block].items()
        )

    def suggestions(self, block: str | None, text: str, n: int = 3) -> list[str]:
        """The closest names to ``text`` across every block and alias, as a message to a
        reader of ``block`` shows them (:func:`shown_matches`, quoted)."""
        return shown_matches(block, text, closest_items(self.item_index, text, block, n), self)

    def digest(self) -> str:
        """A hash of every name and alias: models remember which vocabulary built them."""
        h = hashlib.sha256()
        for block in sorted(self.entries):
            for name in sorted(self.entries[block]):
                h.update(f"{block}\t{name}\t{'|'.join(self.entries[block][name])}\n".encode())
        return h.hexdigest()


def closest_items(
    index: NameIndex[tuple[str, str]], text: str, block: str | None = None, n: int = 3
) -> list[Match[tuple[str, str]]]:
    """The ``(block, name)`` items of ``index`` closest to ``text``, best first, each with the
    name or alias it matched: at most ``n``, each a near spelling of a whole name (a typo or
    two, a word missing or added, the words in another order) or the right name under
    another block. On a tie, ``block``'s item comes first."""
    from .fuzzy import near_spelling

    rank = {b: i for i, b in enumerate(BLOCKS)}
    return index.find(
        normalize_name(text),
        limit=n,
        window=SUGGEST_WINDOW,
        order=lambda item: (item[0] != block, rank.get(item[0], len(rank)), item[1]),
        keep=near_spelling,
    )


def qualified_names(block: str | None, items: Iterable[tuple[str, str]]) -> list[str]:
    """Item names as a reader of ``block`` writes them: bare in that block, else ``block:name``."""
    return [name if b == block else f"{b}:{name}" for b, name in items]


def shown_matches(
    block: str | None,
    text: str,
    matches: Iterable[Match[tuple[str, str]]],
    vocabulary: Vocabulary | None,
    write: Callable[[str], str] = repr,
) -> list[str]:
    """Items suggested for ``text`` (:func:`closest_items`) as a message shows them: each
    name as a reader of ``block`` writes it (:func:`qualified_names`), put by ``write``
    (default: quoted); one found through an alias, when the name itself is no near spelling of
    ``text``, as that alias, with its name: "'Animal Handling' (an alias of Animal Care)" (the
    name alone read as a guess out of nowhere)."""
    from .fuzzy import near_spelling

    typed = normalize_name(text)
    shown = []
    for match in matches:
        item_block, name = match.target
        alias = None
        if vocabulary is not None and not near_spelling(typed, normalize_name(name)):
            aliases = vocabulary.aliases(item_block, name)
            alias = next((a for a in aliases if normalize_name(a) == match.name), None)
        written = write(qualified_names(block, [(item_block, alias or name)])[0])
        shown.append(f"{written} (an alias of {name})" if alias else written)
    return shown


def format_suggestions(shown: Iterable[str]) -> str:
    """A finding's words for :meth:`Vocabulary.suggestions`: did you mean them, or no close
    match."""
    shown = list(shown)
    return f"did you mean {', '.join(shown)}?" if shown else "no close match"
