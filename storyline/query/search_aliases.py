"""Entity-aware query expansion: other spellings of a name, taken from resolved entities.

A query word that spells a word of some entity's name ("Bakiev") is searched together
with the other spellings of that word among the same entity's aliases ("Bakiyev",
"Бакиев"). Words are matched by their transliteration skeleton (``translit.skeleton``),
so a spelling that no article uses still finds the entity. Spellings of one word are
told apart from the other words of a name by their phonetic key: "Kurmanbek" is never
added to a search for "Bakiev".

A store with a resolution state (``resolve/incremental.py``) is asked word by word:
the items stored under the word's phonetic key give the entities and their spellings
(``StoredVariants``), so a query reads a few rows, not the corpus. Without that state
the table is built once from ``entities()`` and cached per store until resolution
changes (a build, a judgement).
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable

from storyline.nlp import translit
from storyline.query.entities import entities
from storyline.resolve.entities import Entity
from storyline.resolve.similarity import phonetic_key
from storyline.store.base import Store
from storyline.store.index_words import fold

# Name words shorter than this are not expanded: initials and particles ("U.", "al").
MIN_LETTERS = 3
# Entity types whose names are expanded (all that have proper names).
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "EVENT"})
# Stores whose variant tables are kept in memory at once.
CACHE_SIZE = 8
# Type classes whose names are stored under phonetic keys (``resolve/incremental.py``).
KEYED_KINDS = ("PERSON", "ORG", "PLACE", "EVENT")
# A word whose phonetic key is on more stored items than this is not expanded.
MAX_ITEMS = 20_000


@dataclasses.dataclass(frozen=True)
class Variants:
    """Skeleton of a name word → every spelling of that word in the entities' aliases."""

    by_skeleton: dict[str, tuple[str, ...]]
    entities: list[Entity]

    def of(self, word: str) -> tuple[str, ...]:
        """The spellings of ``word`` (itself excluded by fold), or () when it names nothing."""
        found = self.by_skeleton.get(_skeleton(word), ())
        own = fold(word)
        return tuple(s for s in found if fold(s) != own)


def _skeleton(word: str) -> str:
    return " ".join(translit.skeleton_words(word))


def word_groups(entity: Entity) -> list[list[str]]:
    """The entity's alias words grouped into spellings of one word (same phonetic key)."""
    return spelling_groups(alias_words((a.text, a.count) for a in entity.aliases))


def alias_words(aliases: Iterable[tuple[str, int]]) -> Counter[str]:
    """The words of (alias, count) pairs that may be spelt otherwise, with their counts."""
    counts: Counter[str] = Counter()
    for text, count in aliases:
        for word in text.split():
            if sum(c.isalpha() for c in word) >= MIN_LETTERS:
                counts[word.strip(".,'’")] += count
    return counts


def spelling_groups(counts: Counter[str]) -> list[list[str]]:
    """Words grouped by phonetic key, the most counted first; groups of one spelling dropped."""
    groups: dict[str, list[str]] = defaultdict(list)
    for word, _ in counts.most_common():
        skeleton = _skeleton(word)
        if skeleton:
            groups[phonetic_key(skeleton)].append(word)
    return [g for g in groups.values() if len({fold(w) for w in g}) > 1]


def build_variants(found: Iterable[Entity]) -> Variants:
    """The variant table of a list of entities (the most mentioned spelling first)."""
    listed = list(found)
    spellings: dict[str, dict[str, str]] = defaultdict(dict)  # skeleton → fold → spelling
    for entity in listed:
        if entity.type not in NAMED_TYPES:
            continue
        for group in word_groups(entity):
            for word in group:
                for other in group:
                    spellings[_skeleton(word)].setdefault(fold(other), other)
    table = {key: tuple(by_fold.values()) for key, by_fold in spellings.items()}
    return Variants(table, listed)


_cache: dict[tuple[str, str], Variants] = {}
_lock = threading.Lock()


def cache_key(store: Store) -> tuple[str, str]:
    """The key a store's table is cached under: its file and its resolution stamp."""
    return (str(getattr(store, "path", id(store))), store.resolution_stamp())


class StoredVariants:
    """Spellings read word by word from the stored resolution (the module doc)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._found: dict[str, tuple[str, ...]] = {}

    def of(self, word: str) -> tuple[str, ...]:
        """The spellings of ``word`` (itself excluded by fold), or () when it names nothing."""
        skeleton = _skeleton(word)
        if not skeleton:
            return ()
        if skeleton not in self._found:
            self._found[skeleton] = self._spellings(skeleton)
        own = fold(word)
        return tuple(s for s in self._found[skeleton] if fold(s) != own)

    def _spellings(self, skeleton: str) -> tuple[str, ...]:
        """Every spelling, in any entity, of a word spelt ``skeleton`` in that entity."""
        phonetic = phonetic_key(skeleton)
        keys = [f"p|{kind}|p:{phonetic}" for kind in KEYED_KINDS]
        words: dict[str, Counter[str]] = defaultdict(Counter)
        kinds: dict[str, Counter[str]] = defaultdict(Counter)
        for entity, data in self.store.key_profiles(keys, MAX_ITEMS):
            value = json.loads(data)
            words[entity].update(alias_words((name, 1) for name in value["names"]))
            kinds[entity][value["type"]] += 1
        spellings: dict[str, str] = {}
        for entity, counts in words.items():
            if kinds[entity].most_common(1)[0][0] not in NAMED_TYPES:
                continue
            for group in spelling_groups(counts):
                if any(_skeleton(w) == skeleton for w in group):
                    for other in group:
                        spellings.setdefault(fold(other), other)
        return tuple(spellings.values())


def variants(store: Store) -> Variants | StoredVariants:
    """The store's spellings: read per word where a resolution state is stored, else the
    whole table, rebuilt only when the store's resolution has changed."""
    if store.has_resolution_state():
        return StoredVariants(store)
    key = cache_key(store)
    with _lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    return prime(key, entities(store))


def prime(key: tuple[str, str], found: Iterable[Entity]) -> Variants:
    """Build and cache the table of entities already computed for the store at ``key``.

    A caller that holds the entities (the web server's view cache) saves ``variants``
    from computing them again; ``key`` must be read from the store (``cache_key``)
    before the entities were, so a later change never hides behind an older table.
    """
    built = build_variants(found)
    with _lock:
        if key not in _cache and len(_cache) >= CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[key] = built
    return built
