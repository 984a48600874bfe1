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
from typing import Any, Generic, TypeVar

__all__ = ["Match", "NameIndex", "words"]

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


@dataclass(frozen=True)
class Match(Generic[T]):
    """A target a query may mean: its best-matching name and a score from 0 to 100."""

    target: T
    name: str
    score: float


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
    ) -> list[Match[T]]:
        """The ``limit`` targets ``query`` most likely means, best first.

        ``cutoff`` is the lowest score kept (0: any name sharing a word, or
        close as a whole); ``window`` keeps only scores within that many points
        of the best. Ties go to the target more of whose names match, then by
        ``order(target)`` (default: the target): "bookkeeping" matches an alias of three
        teachers' occupations as well as one of the bookkeeping clerks', whose title
        matches too.
        """
        best: dict[T, Match[T]] = {}
        named: dict[T, int] = {}
        for index, score in self._scores(query).items():
            if score < cutoff or score <= 0:
                continue
            target = self.targets[index]
            named[target] = named.get(target, 0) + 1
            if target not in best or score > best[target].score:
                best[target] = Match(target, self.names[index], score)
        by = order or _itself
        found = sorted(best.values(), key=lambda m: (-m.score, -named[m.target], by(m.target)))
        if window is not None and found:
            found = [m for m in found if m.score >= found[0].score - window]
        return found[:limit]

    def _scores(self, query: str) -> dict[int, float]:
        """Score (0-100) of every name that shares a word with the query or is close to it."""
        from rapidfuzz import fuzz, process

        wanted = words(query)
        found = [self._word_matches(word) for word in wanted]
        candidates = {i for matches in found for word in matches for i in self._postings[word]}
        scores: dict[int, float] = {}
        for index in candidates:
            name_words = self._name_words[index]
            weights = [
                max((weight for word, weight in matches.items() if word in name_words), default=0)
                for matches in found
            ]
            covered = sum(1 for word in name_words if any(word in m for m in found))
            share = sum(weights) / len(wanted)
            scores[index] = 100.0 * share * (0.75 + 0.25 * covered / len(name_words))
        for _, similarity, index in process.extract(
            query, self.names, scorer=fuzz.ratio, limit=None, score_cutoff=WHOLE_TEXT_CUTOFF
        ):
            scores[index] = max(scores.get(index, 0.0), similarity)
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


def _itself(target: Any) -> Any:
    return target
