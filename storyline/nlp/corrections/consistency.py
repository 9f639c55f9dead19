"""``doc-consistency.v2``/``.v3``: one type per name in a document, and missed occurrences.

Occurrences of a known name (or a person's surname) that the model missed become mentions.
``v3`` differs in two ways: a type read from the document's own words (a mention's
``kind`` attribute, set by ``kind-nouns.v1`` and its kin) decides over the model's votes,
and a missed name at the start of a sentence counts when the document never writes it
in lower case ("Jobs welcomed everyone" where "jobs" never occurs).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from storyline.nlp import names
from storyline.nlp.corrections.common import (
    NOT_AN_ENTITY,
    PERSON,
    TYPE_PRIORITY,
    by_position,
    name_of,
    replaced,
    vote_key,
)
from storyline.nlp.mentions import CORRECTIONS, Mention

# Headings: lines of at least this many words, this share of them capitalised; the
# model's types there count for this much of a vote in running text.
WORDS = re.compile(r"[^\W\d_]+")
HEADING_WORDS = 3
HEADING_SHARE = 0.75
HEADING_WEIGHT = 0.5
HEADING_MAX_CHARS = 200
# Place types, and the prepositions after which a place reading is the likelier one.
PLACE_TYPES = frozenset({"GPE", "LOC"})
LOCATIVE = frozenset({"in", "at", "near", "outside", "from", "to", "into", "across"})
PLACE_WEIGHT = 1.5
# Types whose missed occurrences are searched: the model misses persons far more often
# than it misses places, and product names tagged ORG would spread (MEANTIME dev; so
# they do still in v3: the names ``products.v1`` cannot tell from companies' spread).
SEARCHED_TYPES = frozenset({PERSON})
# Model labels of our other recognisers: a missed name never starts inside one of them.
OTHER_RECOGNISERS = frozenset(
    {"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
)


@dataclasses.dataclass(frozen=True)
class Policy:
    """What distinguishes one version of the correction from another."""

    source: str
    kinds_decide: bool  # a type read from the document's words beats the model's votes
    lower_case_test: bool  # a sentence-initial name counts if never written in lower case


V2 = Policy("doc-consistency.v2", kinds_decide=False, lower_case_test=False)
V3 = Policy("doc-consistency.v3", kinds_decide=True, lower_case_test=True)


@CORRECTIONS.register("doc-consistency.v2")
def make_consistent(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One type per name in the document, and the missed occurrences of known names."""
    return consistent(doc, mentions, V2)


@CORRECTIONS.register("doc-consistency.v3")
def make_consistent_v3(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``doc-consistency.v2`` with types read from the text deciding (see the module doc)."""
    return consistent(doc, mentions, V3)


def consistent(doc: Doc, mentions: list[Mention], policy: Policy) -> list[Mention]:
    """One type per name in the document, and the missed occurrences of known names."""
    chosen = _chosen_types(doc, mentions)
    if policy.kinds_decide:
        chosen |= _kind_types(mentions)
    out = []
    for mention in mentions:
        kind = chosen.get(vote_key(name_of(mention)), mention.type)
        if kind == NOT_AN_ENTITY:
            continue
        if kind != mention.type:
            mention = replaced(
                mention, policy.source, attrs=(*mention.attrs, ("model_type", mention.type))
            )
            mention = dataclasses.replace(mention, type=kind)
        out.append(mention)
    out += _missed(doc, out, _searchable(out, chosen), policy)
    return by_position(out)


def _kind_types(mentions: list[Mention]) -> dict[str, str]:
    """Name key → the type most of its mentions with a ``kind`` attribute were given."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        if "kind" in dict(mention.attrs):
            votes[vote_key(name_of(mention))][mention.type] += 1
    order = TYPE_PRIORITY
    return {
        name: max(counts, key=lambda t: (counts[t], -order.index(t) if t in order else -99))
        for name, counts in votes.items()
    }


def _chosen_types(doc: Doc, mentions: list[Mention]) -> dict[str, str]:
    """Name key → the type it takes everywhere in the document."""
    headings = heading_spans(doc.text)
    votes: dict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for mention in mentions:
        weight = _weight(headings, mention.start) * _place_weight(doc, mention)
        votes[vote_key(name_of(mention))][mention.type] += weight
    for ent in doc.ents:
        if ent.label_ == NOT_AN_ENTITY and vote_key(ent.text) in votes:
            votes[vote_key(ent.text)][NOT_AN_ENTITY] += _weight(headings, ent.start_char)
    for mention in mentions:  # a person's surname alone counts as that person
        parts = names.words(name_of(mention))
        if mention.type == PERSON and len(parts) > 1 and vote_key(parts[-1]) in votes:
            votes[vote_key(parts[-1])][PERSON] += 1
    return {name: _winner(name, counts) for name, counts in votes.items()}


def heading_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that are headings, in order; long lines never are."""
    spans, start = [], 0
    for line in text.splitlines(keepends=True):
        if len(line) <= HEADING_MAX_CHARS and is_heading(line):
            spans.append((start, start + len(line)))
        start += len(line)
    return spans


def _weight(headings: list[tuple[int, int]], offset: int) -> float:
    """A vote's weight: the model mistypes words of capitalised headings most."""
    at = bisect.bisect_right(headings, (offset, float("inf"))) - 1
    inside = at >= 0 and headings[at][0] <= offset < headings[at][1]
    return HEADING_WEIGHT if inside else 1.0


def _place_weight(doc: Doc, mention: Mention) -> float:
    """A place vote after a locative preposition ("in Bishkek") counts more."""
    if mention.type not in PLACE_TYPES:
        return 1.0
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    before = doc[span.start - 1].lower_ if span is not None and span.start > 0 else ""
    return PLACE_WEIGHT if before in LOCATIVE else 1.0


def is_heading(line: str) -> bool:
    """A line in title case ("Bishkek Tolerated Bakiev Clan"), not a sentence."""
    found = WORDS.findall(line)
    capitalised = sum(w[0].isupper() for w in found)
    return len(found) >= HEADING_WORDS and capitalised >= HEADING_SHARE * len(found)


def _winner(name: str, counts: defaultdict[str, float]) -> str:
    """The type with most votes; a full name tagged PERSON once stays a person."""
    if counts[PERSON] and len(names.words(name)) > 1:
        return PERSON
    order = (*TYPE_PRIORITY, NOT_AN_ENTITY)
    return max(counts, key=lambda t: (counts[t], -order.index(t) if t in order else -99))


def _searchable(mentions: list[Mention], chosen: dict[str, str]) -> dict[str, str]:
    """Names (and persons' surnames) whose missed occurrences are worth finding."""
    found: dict[str, str] = {}
    for mention in mentions:
        name = names.key(name_of(mention))
        if mention.type in SEARCHED_TYPES and len(name) > 1 and not name.islower():
            found[name] = mention.type
        parts = names.words(name)
        surname = parts[-1] if mention.type == PERSON and len(parts) > 1 else ""
        wanted = chosen.get(vote_key(surname), PERSON) == PERSON
        if len(surname) > 2 and surname[0].isupper() and wanted:
            found.setdefault(surname, PERSON)
    return found


def _missed(
    doc: Doc, mentions: list[Mention], searchable: dict[str, str], policy: Policy
) -> list[Mention]:
    """Occurrences of searchable names that no mention covers, as new mentions."""
    if not searchable:
        return []
    taken = sorted((m.start, m.end) for m in mentions)
    text = doc.text
    lower = _lower_case_words(text) if policy.lower_case_test else None
    out = []
    for match in _name_pattern(searchable).finditer(text):
        start, end = match.span()
        span = doc.char_span(start, end, alignment_mode="strict")
        if span is None or _overlaps(taken, start, end) or not _looks_like_name(span, lower):
            continue
        kind = searchable[names.key(match.group())]
        out.append(Mention(start, end, match.group(), kind, source=policy.source))
    return out


def _lower_case_words(text: str) -> frozenset[str]:
    return frozenset(w for w in WORDS.findall(text) if w.islower())


def _name_pattern(searchable: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted(searchable, key=len, reverse=True)
    words = (r"\s+".join(re.escape(w) for w in name.split(" ")) for name in alternatives)
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(words) + r")(?![\w-])")


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and e > start for s, e in taken)


def _looks_like_name(span: Span, lower_case: frozenset[str] | None = None) -> bool:
    """The words read as a name here: not a sentence-initial common word, not a date.

    Given the document's lower-case words, a sentence-initial word the document never
    writes in lower case reads as a name whatever its tag ("Jobs welcomed everyone").
    """
    first = span[0]
    if any(t.ent_type_ in OTHER_RECOGNISERS for t in span):
        return False
    unseen = lower_case is not None and first.lower_ not in lower_case
    return first.pos_ == "PROPN" or not first.is_sent_start or unseen
