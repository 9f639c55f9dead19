"""The search layer's MATCH expressions, read for PostgreSQL: phrases, a tsquery, BM25 scores.

Search builds FTS5 expressions of quoted phrases joined by ``OR`` (and parentheses;
see ``storyline.query.search_terms``). PostgreSQL reads the same expression here: each
phrase becomes ``'a' <-> 'b'`` in a ``tsquery`` that finds candidates through the GIN
index, and the candidates are ranked with FTS5's own BM25 (k1 1.2, b 0.75, the title
column weighted as in SQLite), so both backends rank passages alike.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence

from storyline.errors import BadQueryError
from storyline.store.index_words import index_words

# Tokens of a MATCH expression: a quoted phrase ("" is a quote inside it), a
# parenthesis, or an operator word.
_TOKEN = re.compile(r'"((?:[^"]|"")*)"|(\()|(\))|(\bOR\b)|(\bAND\b)|(\S+)')
# FTS5's BM25 parameters (fts5_aux.c).
K1 = 1.2
B = 0.75
# PostgreSQL refuses a lexeme of this many bytes or more.
MAX_LEXEME_BYTES = 2047
# FTS5 floors an idf that would be zero or negative (a word in most rows) to this.
MIN_IDF = 1e-6

# One lexeme of a tsvector's text form: 'word':1,5 (quotes and backslashes doubled).
_TSV_ENTRY = re.compile(r"'((?:[^']|'')*)':([0-9,]+)")

Phrase = tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Match:
    """A parsed expression: its tsquery text and its distinct phrases."""

    tsquery: str
    phrases: tuple[Phrase, ...]


def parse_match(expression: str) -> Match:
    """Read a MATCH expression of quoted phrases, OR, AND and parentheses."""
    parts: list[str] = []
    phrases: dict[Phrase, None] = {}
    for found in _TOKEN.finditer(expression):
        quoted, opening, closing, or_, and_, other = found.groups()
        if quoted is not None:
            words = tuple(index_words(quoted.replace('""', '"')))
            if not words:
                raise BadQueryError("an empty phrase in a search expression")
            phrases[words] = None
            parts.append(_phrase_query(words))
        elif opening or closing:
            parts.append(opening or closing)
        elif or_ or and_:
            parts.append("|" if or_ else "&")
        else:
            raise BadQueryError(f"unexpected {other!r} in a search expression")
    if not phrases:
        raise BadQueryError("a search expression without words")
    return Match(_implicit_and(parts), tuple(phrases))


def lexeme(word: str) -> str:
    """A tsquery/tsvector literal for one folded word."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _phrase_query(words: Phrase) -> str:
    inner = " <-> ".join(lexeme(w) for w in words)
    return f"({inner})" if len(words) > 1 else inner


def _implicit_and(parts: list[str]) -> str:
    """Adjacent operands without an operator between them are ANDed, as in FTS5."""
    out: list[str] = []
    for part in parts:
        if out and part not in "|&)" and out[-1] not in "|&(":
            out.append("&")
        out.append(part)
    return " ".join(out)


def tsvector_literal(text_words: Sequence[str], title_words: Sequence[str]) -> str:
    """A tsvector of a passage: its words at weight A, its title's at B, after a gap."""
    positions: dict[str, list[str]] = {}
    for i, word in enumerate(text_words, start=1):
        positions.setdefault(word, []).append(f"{min(i, 16383)}A")
    offset = len(text_words) + 1
    for i, word in enumerate(title_words, start=offset + 1):
        positions.setdefault(word, []).append(f"{min(i, 16383)}B")
    return " ".join(
        f"{lexeme(word)}:{','.join(found[:256])}"
        for word, found in positions.items()
        if indexable(word)
    )


def indexable(word: str) -> bool:
    """Whether a tsvector can hold the word (PostgreSQL's limit on one lexeme)."""
    return len(word.encode()) < MAX_LEXEME_BYTES


def tsvector_positions(text: str) -> dict[str, list[int]]:
    """The positions of each lexeme in a tsvector's text form (weights unwritten: D)."""
    return {
        word.replace("''", "'").replace("\\\\", "\\"): [int(p) for p in found.split(",")]
        for word, found in _TSV_ENTRY.findall(text)
    }


def query_positions(found: str, title: str) -> dict[str, list[tuple[int, str]]]:
    """A candidate's query words with their positions and weights (A text, B title).

    ``found`` holds every position of the query words, ``title`` the title's (the
    search query marks them with weight D, which passages never use, then keeps D).
    """
    in_title = {word: set(found) for word, found in tsvector_positions(title).items()}
    return {
        word: [(p, "B" if p in in_title.get(word, ()) else "A") for p in positions]
        for word, positions in tsvector_positions(found).items()
    }


def phrase_hits(phrase: Phrase, positions: dict[str, list[tuple[int, str]]]) -> tuple[int, int]:
    """(hits in the passage text, hits in the title) of a phrase, from its words' positions."""
    first = positions.get(phrase[0], [])
    later = [{p for p, _ in positions.get(w, [])} for w in phrase[1:]]
    text = title = 0
    for start, weight in first:
        if all(start + k + 1 in found for k, found in enumerate(later)):
            if weight == "A":
                text += 1
            else:
                title += 1
    return text, title


def bm25(
    hits: Sequence[tuple[int, int]],
    idfs: Sequence[float],
    length: int,
    average: float,
    title_weight: float,
) -> float:
    """FTS5's BM25 of one row: per phrase, weighted hits over both columns, summed."""
    score = 0.0
    norm = K1 * (1 - B + B * length / average) if average else K1
    for (text, title), idf in zip(hits, idfs, strict=True):
        weighted = text + title_weight * title
        score += idf * weighted * (K1 + 1) / (weighted + norm)
    return score


def idf(rows: int, matching: int) -> float:
    value = math.log((rows - matching + 0.5) / (matching + 0.5))
    return value if value > 0 else MIN_IDF
