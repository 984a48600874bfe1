"""Which known name a typed text means: by words (in any order, prefixes count), then typos.

:class:`NameIndex` is built once over a list of names (item names and their
aliases, or occupation titles and aliases), each pointing at a target. A query
is compared to a name two ways, and the better one counts:

- **words**: every word of the query is looked up among the words of the names,
  exactly, as the start of a word (``admin`` → ``administrative``), or with a
  typo (one edit in a word of 4-7 letters, two in a longer one, as search
  engines' "automatic fuzziness" does); the score is the share of the query's
  words found, times a little for how much of the name they cover;
- **whole text**: rapidfuzz's normalised Indel similarity of the two strings,
  for typos that join or split words.

:func:`near_spelling` says whether a query could be a whole name mistyped: what a "did
you mean" may offer (a name merely sharing a word is no typo of it).

Names are ranked first by how the query's words were found in them (:class:`Kind`): every
word whole, then every word whole or as the start of one, then every word with typos
allowed, then the rest (some of the words, or the whole text alike); the score orders
names of one kind. A typo never outranks a word found as typed: "welder" finds the welders
and the welding machine operators (whose aliases hold the word) before Clergy, whose alias
"Elder" is one letter from it, however short that alias.

Looking words up in an inverted index and scoring the whole text with
rapidfuzz's ``process.extract`` over the prebuilt list keeps a query to a
fraction of a millisecond for a thousand names, about a hundredth of what
difflib's ``get_close_matches`` takes over the same list
(``scripts/bench_names.py`` prints both). Names and queries are compared as
given: normalise both the same way first (``vocabulary.normalize_name``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Generic, TypeVar

__all__ = ["Kind", "Match", "NameIndex", "near_spelling", "rank", "words"]

T = TypeVar("T", bound=Hashable)

#: Words that carry no meaning of their own in a name ("Mayor of a Small Town",
#: "Has leadership"); ignored unless a query has no other word.
# fmt: off
STOP_WORDS = frozenset({
    "a", "an", "and", "at", "by", "for", "has", "have", "in", "is", "of", "on", "or", "the",
    "to", "with",
})
# fmt: on

#: Below this whole-text similarity (0-100) two strings are not typos of each other.
WHOLE_TEXT_CUTOFF = 75.0

#: Query words whose matches an index remembers.
WORD_CACHE = 4096

_WORD = re.compile(r"\w+")
_EXACT, _PREFIX = 1.0, 0.9
_TYPO_COST = 0.15  # a word found with one typo counts 0.85, with two 0.7
# Shorter starts must be whole words: "a" is the start of too much. Two kana or kanji say
# as much as three or four letters.
_MIN_PREFIX, _MIN_PREFIX_WIDE = 3, 2


def words(text: str) -> list[str]:
    """The words of a text that carry meaning (all of them when every one is a stop word)."""
    found = _WORD.findall(text)
    content = [w for w in found if w not in STOP_WORDS]
    return content or found


def typos_allowed(word: str) -> int:
    """Edits a word may have and still be recognised: none under 4 letters."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


#: The edits a near spelling of a whole name may have, all its words together.
NEAR_TYPOS = 2


def near_spelling(query: str, name: str) -> bool:
    """Whether ``query`` could be ``name`` mistyped (both normalised): the same words in any
    order, with a typo or two in all (none in a word under 4 letters), and at most one word
    missing (a part of the name: "budget" is Budget Management) or one added to a name of
    two words or more (a number the name does not hold is no word: "Food Hygiene Level 2" is
    Food Hygiene); or words joined or split, with a typo or two ("leader ship").

    A shared word does not make two names near: "Manual Handling" is not "Animal
    Handling", nor "PAT Testing" "QA Testing" (a word each that the other lacks), nor
    "Audio Typing" "Audit" (a one-word name is no part of a longer one), nor "Audio Typing"
    "Auditing" (three edits).
    """
    from rapidfuzz.distance import Levenshtein

    left, right = words(query), words(name)
    if len(left) != len(right):  # words joined or split: compare the letters
        joined = query.replace(" ", "")
        allowed = min(NEAR_TYPOS, typos_allowed(joined))
        if Levenshtein.distance(joined, name.replace(" ", ""), score_cutoff=allowed) <= allowed:
            return True
    whole = len(right)
    for word in list(left):
        if word in right:
            left.remove(word)
            right.remove(word)
    pairs = sorted(
        (Levenshtein.distance(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)
    )
    edits, paired, used = 0, set(), set()
    for distance, i, j in pairs:  # the closest pairs first
        if i in paired or j in used or distance > typos_allowed(left[i]):
            continue
        if edits + distance <= NEAR_TYPOS:
            edits += distance
            paired.add(i)
            used.add(j)
    added = sum(1 for i, word in enumerate(left) if i not in paired and not word.isdigit())
    missing = len(right) - len(used)
    return added + missing <= 1 and (added == 0 or whole >= 2)


class Kind(IntEnum):
    """How a name matched a query, best first: the first ranking key of a match."""

    WHOLE = 0  # every word of the query is a word of the name
    START = 1  # every word is a word or the start of one
    TYPO = 2  # every word is found, some with a typo
    PART = 3  # some of the words, or only the whole text is alike


@dataclass(frozen=True)
class Match(Generic[T]):
    """A target a query may mean: its best-matching name, how it matched and a score from 0
    to 100 (which orders matches of one kind)."""

    target: T
    name: str
    score: float
    kind: Kind = Kind.PART


class NameIndex(Generic[T]):
    """Names pointing at targets, indexed by word; see the module docstring.

    Parameters
    ----------
    names : iterable of (name, target)
        Normalised names; a target may have several (a title and its aliases).
    """

    def __init__(self, names: Iterable[tuple[str, T]]) -> None:
        pairs = list(dict.fromkeys((name, target) for name, target in names if name))
        self.names = [name for name, _ in pairs]
        self.targets = [target for _, target in pairs]
        self._name_words = [frozenset(words(name)) for name in self.names]
        postings: dict[str, list[int]] = {}
        for index, found in enumerate(self._name_words):
            for word in found:
                postings.setdefault(word, []).append(index)
        self._postings = postings
        self._vocabulary = sorted(postings)
        # Unknown names share words ("management"): each word is looked up once.
        self._word_matches = functools.lru_cache(maxsize=WORD_CACHE)(self._match_word)

    def __len__(self) -> int:
        return len(self.names)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["_word_matches"]  # a cache, and not picklable
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._word_matches = functools.lru_cache(maxsize=WORD_CACHE)(self._match_word)

    def find(
        self,
        query: str,
        *,
        limit: int,
        cutoff: float = 0.0,
        window: float | None = None,
        order: Callable[[T], Any] | None = None,
        keep: Callable[[str, str], bool] | None = None,
    ) -> list[Match[T]]:
        """The ``limit`` targets ``query`` most likely means, best first.

        Matches are ranked by kind, then score (see the module docstring). ``cutoff``
        is the lowest score kept (0: any name sharing a word, or close as a whole);
        ``keep(query, name)``, when given, the names that may match at all (such as
        :func:`near_spelling`); ``window`` keeps only scores within that many points of
        the first. Ties go to
        the target more of whose names match, then by ``order(target)`` (default: the
        target): "bookkeeping" matches an alias of three teachers' occupations as well
        as one of the bookkeeping clerks', whose title matches too.
        """
        keys: dict[T, tuple[int, float]] = {}  # the best (kind, -score) of each target
        chosen: dict[T, int] = {}  # and the name that has it
        named: dict[T, int] = {}
        for index, key in self._scores(query).items():
            if -key[1] < cutoff or key[1] >= 0:
                continue
            if keep is not None and not keep(query, self.names[index]):
                continue
            target = self.targets[index]
            named[target] = named.get(target, 0) + 1
            if target not in keys or key < keys[target]:
                keys[target] = key
                chosen[target] = index
        by = order or _itself
        found = sorted(keys, key=lambda t: (*keys[t], -named[t], by(t)))
        if window is not None and found:
            found = [t for t in found if -keys[t][1] >= -keys[found[0]][1] - window]
        return [
            Match(t, self.names[chosen[t]], -keys[t][1], Kind(keys[t][0])) for t in found[:limit]
        ]

    def _scores(self, query: str) -> dict[int, tuple[int, float]]:
        """The sort key, (kind, -score), of every name that shares a word with the query or
        is close to it (score 0-100)."""
        from rapidfuzz import fuzz, process

        wanted = words(query)
        found = [self._word_matches(word) for word in wanted]
        candidates = {i for matches in found for word in matches for i in self._postings[word]}
        scores: dict[int, tuple[int, float]] = {}
        for index in candidates:
            name_words = self._name_words[index]
            weights = [
                max((weight for word, weight in matches.items() if word in name_words), default=0)
                for matches in found
            ]
            covered = sum(1 for word in name_words if any(word in m for m in found))
            share = sum(weights) / len(wanted)
            score = 100.0 * share * (0.75 + 0.25 * covered / len(name_words))
            scores[index] = (_kind(min(weights)), -score)
        for _, similarity, index in process.extract(
            query, self.names, scorer=fuzz.ratio, limit=None, score_cutoff=WHOLE_TEXT_CUTOFF
        ):
            kind, score = scores.get(index, (int(Kind.PART), 0.0))
            scores[index] = (kind, min(score, -similarity))
        return scores

    def _match_word(self, word: str) -> dict[str, float]:
        """Words of the index that ``word`` may mean, each with its weight (1 when exact)."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        matches: dict[str, float] = {}
        edits = typos_allowed(word)
        if edits:
            for other, distance, _ in process.extract(
                word, self._vocabulary, scorer=Levenshtein.distance, limit=None, score_cutoff=edits
            ):
                matches[other] = 1.0 - _TYPO_COST * distance
        if len(word) >= (_MIN_PREFIX if word.isascii() else _MIN_PREFIX_WIDE):
            start = bisect.bisect_left(self._vocabulary, word)
            for other in self._vocabulary[start:]:
                if not other.startswith(word):
                    break
                matches[other] = max(matches.get(other, 0.0), _PREFIX)
        if word in self._postings:
            matches[word] = _EXACT
        return matches


def _kind(weakest: float) -> int:
    """How the words of a query were found in a name, from the weight of the word found
    worst (0 for a word not found)."""
    # plain ints: an enum member's look-up costs, once per candidate name
    if weakest >= _EXACT:
        return 0
    if weakest >= _PREFIX:
        return 1
    return 2 if weakest > 0 else 3


def rank(kind: int, score: float) -> tuple[int, float]:
    """The sort key of a match: its kind, then its score (higher first)."""
    return int(kind), -score


def _itself(target: Any) -> Any:
    return target
