"""Entity-aware query expansion: other spellings of a name, taken from resolved entities.

A query word that spells a word of some entity's name ("Bakiev") is searched together
with the other spellings of that word among the same entity's aliases ("Bakiyev",
"Бакиев"). Words are matched by their transliteration skeleton (``translit.skeleton``),
so a spelling that no article uses still finds the entity. Spellings of one word are
told apart from the other words of a name by their phonetic key: "Kurmanbek" is never
added to a search for "Bakiev".

The variant table is built once from ``entities()`` and cached per store until
resolution changes (a build, a judgement): expansion is a dictionary look-up.
"""

from __future__ import annotations

import dataclasses
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
    counts: Counter[str] = Counter()
    for alias in entity.aliases:
        for word in alias.text.split():
            if sum(c.isalpha() for c in word) >= MIN_LETTERS:
                counts[word.strip(".,'’")] += alias.count
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


def variants(store: Store) -> Variants:
    """The store's variant table, rebuilt only when its resolution has changed."""
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
