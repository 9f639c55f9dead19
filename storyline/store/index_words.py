"""Words as the search index sees them: letter-and-digit runs, accents removed, lower case.

The SQLite index gets this from FTS5's ``unicode61 remove_diacritics 2`` tokenizer; the
PostgreSQL index is built from these functions directly, and queries are folded with
them on both, so a word matches the same passages whichever backend holds them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# A word as FTS5's unicode61 tokenizer sees one (its default categories "L* N* Co"):
# letters and digits; every other character (space, punctuation, symbols, "_") separates.
TOKEN = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """A word as the index stores it: accents removed, lower case (``Bakíyev`` → ``bakiyev``)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def index_words(text: str) -> list[str]:
    """The folded words of ``text`` in order (empty folds dropped)."""
    return [w for w in (fold(m.group()) for m in TOKEN.finditer(text)) if w]
