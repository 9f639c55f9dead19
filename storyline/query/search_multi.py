"""Search for a whole question: one probe per outlet and per part, fused by reciprocal rank.

Questions about a story name their sources ("according to TechCrunch… while The Verge…")
and join several facts in one sentence. A single BM25 ranking lets the best-matching
outlet crowd out the others, so ``multi_search`` runs several probes and fuses them:

- the whole question, unfiltered;
- the whole question restricted to each outlet it names, outlets found by the
  corpus's own publisher names (and their short forms: "The Independent" for
  "The Independent - Life and Style");
- each clause of the question (split at commas, "while", "whereas", "and is"…, short
  clauses joined to their neighbour), restricted to the outlets and the day
  ("on October 7, 2023") that clause names.

Words that only frame the question ("Does the article suggest…") are left out of every
probe. Rankings are fused by weighted reciprocal rank (RRF, k = 10; outlet probes count
twice), so a passage several probes rank well comes first and each probe's best
passages reach the top.

With the optional ``dense`` extra installed and vectors in the store
(``search_dense.py``), that lexical ranking is fused again with the dense ranking of
the whole question (RRF, k = 60) when called with ``dense=True``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from storyline.errors import BadQueryError
from storyline.query.search import Hit, make_hit, plan_query
from storyline.store.base import PassageFilter, PassageRow, Store
from storyline.store.index_words import fold

# Reciprocal-rank constant (60 in Cormack et al.): 10 lets each probe's first passages
# count more, which the dev half preferred (docs/decisions.md).
RRF_K = 10
# Passages each probe ranks before fusion.
DEPTH = 40
# Where a question splits into parts that each need their own evidence: "while",
# "whereas", "compared to", "; ", ", and the … article/report", ", and (then) …".
PART_BREAK = re.compile(
    r",?\s+(?:while|whereas|compared (?:to|with)|in contrast to|as opposed to|"
    r"and (?:the|a|an|another) (?=[^,]*?\b(?:article|report|piece|coverage|story)\b))\s+"
    r"|;\s+|,\s+and\s+(?:the\s+)?(?=subsequent|later|earlier|then|also)",
    re.IGNORECASE,
)
# Words that frame a question about sources rather than say what it is about ("Does the
# article suggest…", "as reported by…"): they match reporting prose anywhere.
FRAME_WORDS = re.compile(
    r"\b(?:articles?|reports?|reported|reporting|according|suggests?|suggesting|indicates?|"
    r"claims?|mentions?|discuss(?:es|ed)?|piece|coverage|published|publication|portrayal|"
    r"depiction|does|did|has|have|was|were|is|are)\b",
    re.IGNORECASE,
)
# Weight of a ranking restricted to an outlet the question names, against 1 for others:
# it is what brings each named outlet's articles to the top.
OUTLET_WEIGHT = 2.0
# Outlet-name tails cut to get a short form: "The Independent - Life and Style".
_TAIL = re.compile(r"\s+[-|:–]\s+.*$|:\s+.*$")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
# A day named in full: "on October 7, 2023", "published on 7 October 2023".
DAY = re.compile(
    r"\b(?:on|dated)\s+(?:(?P<m1>[A-Za-z]+)\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>[A-Za-z]+),?\s+(?P<y2>\d{4}))"
)
# Short outlet names of fewer letters than this are not looked for (too ambiguous).
MIN_OUTLET_LETTERS = 4


@dataclasses.dataclass(frozen=True)
class Probe:
    """One ranking to run: some text, optionally restricted to outlets and one day."""

    text: str
    outlets: tuple[str, ...] | None = None
    day: str | None = None


def outlet_names(publishers: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Folded outlet name (full or short form) → the publishers it stands for."""
    table: dict[str, set[str]] = defaultdict(set)
    for publisher in publishers:
        short = _TAIL.sub("", publisher).strip()
        for name in {publisher, short}:
            for form in {name, re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)}:
                key = " ".join(fold(form).split())
                if sum(c.isalnum() for c in key) >= MIN_OUTLET_LETTERS:
                    table[key].add(publisher)
    return {key: tuple(sorted(found)) for key, found in table.items()}


def find_outlets(text: str, table: dict[str, tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The outlets ``text`` names, in text order; the longest name wins where names overlap."""
    folded = " ".join(fold(text).split())
    found: list[tuple[int, tuple[str, ...]]] = []
    taken: list[tuple[int, int]] = []
    for key in sorted(table, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append(match.span())
            found.append((match.start(), table[key]))
    return list(dict.fromkeys(publishers for _, publishers in sorted(found)))


def named_day(text: str) -> str | None:
    """The ISO day a part names with "on …" ("on October 7, 2023" → 2023-10-07)."""
    match = DAY.search(text)
    if not match:
        return None
    month = (match["m1"] or match["m2"]).lower()
    if month not in MONTHS:
        return None
    try:
        day = date(int(match["y1"] or match["y2"]), MONTHS.index(month) + 1,
                   int(match["d1"] or match["d2"]))  # fmt: skip
    except ValueError:
        return None
    return day.isoformat()


def parts(question: str) -> list[str]:
    """The parts of a question that each need their own evidence (one: no split)."""
    return [p.strip() for p in PART_BREAK.split(question) if p and p.strip()]


def probes(question: str, table: dict[str, tuple[str, ...]]) -> list[Probe]:
    """The rankings to fuse for ``question`` (see the module docstring)."""
    text = FRAME_WORDS.sub(" ", question)
    found = [Probe(text)]
    found += [Probe(text, publishers) for publishers in find_outlets(question, table)]
    pieces = parts(question)
    if len(pieces) > 1:
        for part in pieces:
            named: list[tuple[str, ...] | None] = [*find_outlets(part, table)] or [None]
            bare = FRAME_WORDS.sub(" ", part)
            found += [Probe(bare, publishers, named_day(part)) for publishers in named]
    return found


def fuse(
    rankings: Sequence[tuple[float, Sequence[PassageRow]]], k: int = RRF_K
) -> list[PassageRow]:
    """Passages ordered by the sum of weight / (k + rank) over the rankings holding them."""
    score: dict[int, float] = defaultdict(float)
    rows: dict[int, PassageRow] = {}
    for weight, ranking in rankings:
        for rank, row in enumerate(ranking, start=1):
            score[row.id] += weight / (k + rank)
            rows.setdefault(row.id, row)
    order = sorted(score, key=lambda pid: (-score[pid], pid))
    return [dataclasses.replace(rows[pid], score=score[pid]) for pid in order]


def multi_search(
    store: Store, question: str, *, limit: int = 10, depth: int = DEPTH, dense: bool = False
) -> list[Hit]:
    """The passages that best answer ``question`` across its outlets and parts, best first.

    ``dense``: fuse in the dense ranking where the extra and the store's vectors allow.

    Raises ``BadQueryError`` when the question has no words, as ``search`` does.
    """
    plan = plan_query(store, question)  # fails clearly on an empty question
    table = outlet_names(store.publishers())
    rankings: list[tuple[float, list[PassageRow]]] = []
    terms: set[str] = set(plan.terms)
    for probe in probes(question, table):
        try:
            step = plan_query(store, probe.text)
        except BadQueryError:  # a part made only of frame words
            continue
        terms |= step.terms
        where = PassageFilter(outlets=probe.outlets, date_from=probe.day, date_to=probe.day)
        found = store.search_passages(step.match, where, limit=depth, newest=step.window)
        rankings.append((OUTLET_WEIGHT if probe.outlets else 1.0, found))
    fused = fuse(rankings)
    if dense:
        from storyline.query import search_dense

        nearest = search_dense.ranking_if_ready(store, question, max(depth, limit))
        if nearest:
            fused = search_dense.fuse_rrf([fused, nearest])
    return [make_hit(row, frozenset(terms)) for row in fused[:limit]]
