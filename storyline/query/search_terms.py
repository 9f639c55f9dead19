"""Query text → index terms → an FTS5 MATCH expression built only from quoted terms.

User text never reaches FTS5's query syntax: it is cut into words, each word folded the
way the index folds it and wrapped in double quotes, and only ``OR`` and parentheses of
our own join them. Quotes, ``*``, ``NEAR(``, ``-``, ``:``, ``^`` and SQL in the query
are therefore separators or plain characters, never operators.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from storyline.store.index_words import TOKEN, fold, index_words

# At most this many distinct words of a query are searched: a pasted page must not
# become a query of thousands of OR-ed terms.
MAX_TERMS = 32
# Words of a query looked at before the cap: bounds the work on a 10,000-character query.
MAX_SCANNED = 256
# A word in more than this share of all passages is dropped from the query when rarer
# words remain: it adds no ranking signal and makes FTS5 score most of the index.
COMMON_SHARE = 0.5
# Indexes smaller than this keep every word: shares mean little in a handful of passages.
MIN_PASSAGES_FOR_PRUNING = 20
# Passages BM25 may score for one query. FTS5 scores every passage holding any query
# word (about a microsecond each), so the rarest words are kept while their passages
# fit; a query whose rarest word alone holds more is ranked among its newest matches.
MAX_SCORED = 10_000

# A term group: alternative spellings of one query word, each a phrase of folded words.
Group = tuple[tuple[str, ...], ...]


def words(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the words of ``text``, in order."""
    return [(m.start(), m.end()) for m in TOKEN.finditer(text)]


def query_words(query: str) -> list[str]:
    """Distinct words of a query in their first spelling, at most ``MAX_SCANNED``."""
    seen: dict[str, str] = {}
    for match in TOKEN.finditer(unicodedata.normalize("NFKC", query)):
        seen.setdefault(fold(match.group()), match.group())
        if len(seen) >= MAX_SCANNED:
            break
    return [spelling for key, spelling in seen.items() if key]


def common_cap(passages: int) -> int:
    """The count past which a term is common: counting it further changes nothing."""
    return int(COMMON_SHARE * passages) + 1


def count_cap(passages: int) -> int:
    """How far each query word's passages are counted: enough for both pruning rules."""
    return min(common_cap(passages), MAX_SCORED + 1)


def keep_informative(
    terms: Sequence[str], frequency: dict[str, int], passages: int, budget: int = MAX_SCORED
) -> list[str]:
    """The terms worth searching, in query order.

    ``frequency`` is how many passages hold each folded term (counted up to
    ``count_cap``). Common terms go when rarer ones remain; then the rarest terms are
    kept while the passages holding them fit in ``budget`` (the first always; no limit
    when the whole index is smaller than the budget), at most ``MAX_TERMS`` of them.
    """

    def count(term: str) -> int:
        return frequency.get(fold(term), 0)

    if passages >= MIN_PASSAGES_FOR_PRUNING:
        rare = [t for t in terms if count(t) < common_cap(passages)]
        terms = rare or list(terms)
    if passages <= budget:  # scoring every passage costs no more than the budget
        budget = passages * MAX_TERMS
    chosen: set[int] = set()
    spent = 0
    for i in sorted(range(len(terms)), key=lambda i: (count(terms[i]), i)):
        if chosen and (spent + count(terms[i]) > budget or len(chosen) >= MAX_TERMS):
            break
        chosen.add(i)
        spent += count(terms[i])
    return [t for i, t in enumerate(terms) if i in chosen]


def phrase(text: str) -> tuple[str, ...]:
    """A spelling as a phrase of folded index words (``"Bakiyev's"`` → ``("bakiyev", "s")``)."""
    return tuple(index_words(text))


def quoted(words: Iterable[str]) -> str:
    """One FTS5 string: the words joined by spaces, double quotes doubled."""
    return '"' + " ".join(words).replace('"', '""') + '"'


def match_expression(groups: Sequence[Group]) -> str:
    """``("a" OR "b c") OR "d"``: any spelling of any group matches, BM25 ranks the rest."""
    parts = []
    for group in groups:
        alternatives = [quoted(p) for p in dict.fromkeys(group) if p]
        if len(alternatives) == 1:
            parts.append(alternatives[0])
        elif alternatives:
            parts.append("(" + " OR ".join(alternatives) + ")")
    return " OR ".join(parts)
