"""Search: ranked passages of the knowledge base for a free-text query, with filters.

``fts5-bm25.v1``: the query's words (and other spellings of the names in it, from the
resolved entities) are OR-ed into an FTS5 expression built from quoted words only, and
passages are ranked by SQLite's BM25. Filters (outlet, publication dates, entity,
document) narrow the passages before ranking. Every hit carries its document and the
exact offsets of the passage, so ``doc.text[start:end] == hit.text``.
"""

from __future__ import annotations

import dataclasses
import re

from storyline.errors import BadQueryError
from storyline.nlp import names
from storyline.query.entities import lookup
from storyline.query.search_aliases import variants
from storyline.query.search_snippets import snippet
from storyline.query.search_terms import (
    MAX_SCORED,
    Group,
    count_cap,
    keep_informative,
    match_expression,
    phrase,
    query_words,
)
from storyline.store.base import PassageFilter, PassageRow, Store
from storyline.store.index_words import fold

# The ranking of this module, as recorded in docs and benchmark output.
RANKER = "fts5-bm25.v1"
# Most hits one call may ask for, and the deepest offset: pages, not dumps.
MAX_LIMIT = 1000
MAX_OFFSET = 100_000
# A publication-date filter: a year, a month or a day.
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclasses.dataclass(frozen=True)
class Hit:
    """One passage that matched: where it is, how well, and the part to show."""

    doc: str
    start: int  # passage offsets into the document's stored clean text
    end: int
    score: float  # higher is better
    text: str  # == document.text[start:end]
    snippet: str  # a short window of the passage around the matches
    highlights: tuple[tuple[int, int], ...]  # matched words, offsets into ``snippet``
    snippet_start: int  # offset of snippet[0] in the document text
    title: str | None
    publisher: str | None
    published: str | None

    def as_dict(self) -> dict[str, object]:
        found = dataclasses.asdict(self)
        found["highlights"] = [list(pair) for pair in self.highlights]
        return found


@dataclasses.dataclass(frozen=True)
class SearchResult:
    """The hits of one page of a search, how many passages matched, and the added spellings."""

    query: str
    hits: list[Hit]
    total: int  # passages matching the query and filters, counted up to 10,000
    expanded: tuple[str, ...]  # other spellings of names in the query that were searched too

    def as_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "hits": [hit.as_dict() for hit in self.hits],
            "total": self.total,
            "expanded": list(self.expanded),
        }


@dataclasses.dataclass(frozen=True)
class Plan:
    """A query as the index will run it."""

    match: str  # the FTS5 expression
    terms: frozenset[str]  # folded words to highlight
    expanded: tuple[str, ...]
    window: int | None = None  # rank only the newest matches this many (too many to score)


def search(
    store: Store,
    query: str,
    *,
    limit: int = 10,
    offset: int = 0,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
    doc: str | None = None,
) -> SearchResult:
    """The passages that best match ``query`` under the filters, best first.

    Raises ``BadQueryError`` for an empty query or bad paging or dates, and the
    errors of ``entities.one`` when ``entity`` names no entity or several.
    """
    _check_paging(limit, offset)
    plan = plan_query(store, query)
    where = passage_filter(
        store, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity, doc=doc
    )
    if not plan.match or where.outlets == () or where.passages == ():
        return SearchResult(query, [], 0, plan.expanded)
    rows = store.search_passages(plan.match, where, limit=limit, offset=offset, newest=plan.window)
    total = store.count_passages(plan.match, where)
    return SearchResult(query, [make_hit(row, plan.terms) for row in rows], total, plan.expanded)


def plan_query(store: Store, query: str) -> Plan:
    """The query's informative words, each with the other spellings of its name."""
    if not isinstance(query, str) or not query.strip():
        raise BadQueryError("the search query is empty", hint="type one or more words")
    spoken = query_words(query)
    if not spoken:
        raise BadQueryError(
            "the search query has no words in it", hint="search for letters or digits"
        )
    passages = store.passage_count()
    frequency = store.term_counts([fold(w) for w in spoken], cap=count_cap(passages))
    table = variants(store)
    # A word no passage holds, with no other spelling to search for, can only crowd
    # out the words that match: it goes, unless it is all the query has.
    findable = [w for w in spoken if frequency.get(fold(w), 0) or table.of(w)]
    kept = keep_informative(findable or spoken, frequency, passages)
    scored = sum(frequency.get(fold(w), 0) for w in kept)
    groups: list[Group] = []
    expanded: dict[str, None] = {}
    for word in kept:
        others = table.of(word)
        groups.append((phrase(word), *(phrase(o) for o in others)))
        expanded.update(dict.fromkeys(others))
    terms = frozenset(w for group in groups for p in group for w in p)
    window = MAX_SCORED if scored > MAX_SCORED else None
    return Plan(match_expression(groups), terms, tuple(expanded), window)


def passage_filter(
    store: Store,
    *,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
    doc: str | None = None,
) -> PassageFilter:
    """The filters as the store applies them: exact publishers, checked dates, passage ids."""
    outlets = None
    if outlet:
        wanted = names.fold(outlet)
        outlets = tuple(p for p in store.publishers() if names.fold(p) == wanted)
    passages = None
    if entity:
        found = lookup(store, entity)
        passages = store.passages_covering([(m.doc, m.start, m.end) for m in found.mentions])
    if doc:
        doc = store.get_document(doc).id  # a clear NotFoundError for an unknown id
    return PassageFilter(
        outlets=outlets,
        date_from=_date(date_from, "from"),
        date_to=_date(date_to, "to"),
        doc=doc,
        passages=passages,
    )


def make_hit(row: PassageRow, terms: frozenset[str]) -> Hit:
    offset, shown, marks = snippet(row.text, terms)
    return Hit(
        doc=row.doc,
        start=row.start,
        end=row.end,
        score=row.score,
        text=row.text,
        snippet=shown,
        highlights=marks,
        snippet_start=row.start + offset,
        title=row.title,
        publisher=row.publisher,
        published=row.published,
    )


def _date(value: str | None, which: str) -> str | None:
    if value is None or value == "":
        return None
    if not ISO_DATE.fullmatch(value.strip()):
        raise BadQueryError(
            f"the {which} date {value!r} is not an ISO date",
            hint="write a year, a month or a day: 2010, 2010-05, 2010-05-08",
        )
    return value.strip()


def _check_paging(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadQueryError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if not 0 <= offset <= MAX_OFFSET:
        raise BadQueryError(f"offset must be between 0 and {MAX_OFFSET}, not {offset}")
