"""Whether the knowledge base holds what a question names: its outlets and its names.

A question about an outlet no document comes from, or about a person or thing no
document mentions, cannot be answered from the sources, however well other words of the
question match: ``ask`` abstains and says which name it did not find. A name is found in
any spelling: its words' stems, their transliteration skeletons, and the other
spellings resolution knows for them (``search_aliases``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.query.answer_evidence import word_keys
from storyline.query.answer_scoring import term_keys
from storyline.query.question import Question, fold, words
from storyline.query.search import Hit, search
from storyline.query.search_aliases import variants
from storyline.store.base import Store

# Passages read to find a name in the text.
NAME_HITS = 5
# Share of a name's words one passage must hold ("Belgium Women's National Football
# Team" is held by a passage on "Belgium's women's national team").
HELD_SHARE = 0.6
# An "outlet" of this many words is an article's title ("the 'NBA Rookie of the Year
# Odds' article"): it is looked for in the text, not among the publishers.
TITLE_WORDS = 4


def _name_words(name: str) -> set[str]:
    """A name's folded words without small words: ``The Times of India`` → {times, india}."""
    return {fold(w) for w in words(name)} - STOP_WORDS


def publisher_words(store: Store) -> list[set[str]]:
    return [_name_words(p) for p in store.publishers()]


def is_publisher(name: str, publishers: Sequence[set[str]]) -> bool:
    """Whether the name's words are all words of one publisher's name ("Verge", "The Verge")."""
    wanted = _name_words(name)
    return bool(wanted) and any(wanted <= p for p in publishers)


def unheld_outlets(store: Store, question: Question) -> list[str]:
    """The outlets the question cites that no document comes from."""
    if not question.outlets:
        return []
    publishers = publisher_words(store)
    return [o for o in _outlets(question) if not is_publisher(o, publishers)]


def _outlets(question: Question) -> list[str]:
    return [o for o in question.outlets if len(_name_words(o)) < TITLE_WORDS]


def unheld_names(store: Store, question: Question, hits: Sequence[Hit]) -> list[str]:
    """The names of the question that no passage holds, all their words together."""
    outlets = _outlets(question)
    titles = [o for o in question.outlets if o not in outlets]
    names = [n for n in [*question.names, *titles] if n not in outlets]
    if not names:
        return []
    publishers = publisher_words(store)
    table = variants(store)
    found = [word_keys(h.text) for h in hits]
    missing = []
    for name in names:
        if is_publisher(name, publishers):
            continue
        wanted = [_spellings(w, table.of(w)) for w in words(name) if fold(w) not in STOP_WORDS]
        if wanted and not _held(store, name, wanted, found):
            missing.append(name)
    return missing


def _spellings(word: str, others: Sequence[str]) -> frozenset[str]:
    """Every key that finds ``word``: its own and those of its other spellings."""
    keys = set(term_keys(fold(word), True))
    for other in others:
        keys.update(term_keys(fold(other), True))
    return frozenset(keys)


def _held(store: Store, name: str, wanted: list[frozenset[str]], found: list[set[str]]) -> bool:
    """Whether one passage holds (most of) the name's words, the question's passages first."""
    need = max(1, math.ceil(HELD_SHARE * len(wanted)))
    if any(_holds(keys, wanted) >= need for keys in found):
        return True
    hits = search(store, name, limit=NAME_HITS).hits
    return any(_holds(word_keys(h.text), wanted) >= need for h in hits)


def _holds(keys: set[str], wanted: list[frozenset[str]]) -> int:
    return sum(not w.isdisjoint(keys) for w in wanted)
