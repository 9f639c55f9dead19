"""Our corrections of the model's entity mentions, each a small named component.

They run in the order of ``DEFAULT_CORRECTIONS`` (``storyline.nlp.mentions``):

1. ``broken-names.v1``: names that a crawl broke ("Baki-\\nyev", "Kurmanbek\\nBakiyev")
   become one mention.
2. ``possessive.v1``: "Bakiyev's" → "Bakiyev".
3. ``strip-titles.v1``: "President Bakiyev" → "Bakiyev" with the title kept as an
   attribute, and the title words just before a name recorded the same way.
4. ``doc-consistency.v2``: one type per name string in a document, and the
   occurrences of a known name (or a person's surname) that the model missed.
5. ``name-links.v2``: document-level clusters: one per distinct full name, a
   surname or given name alone joins the full name it abbreviates, an acronym the
   name it abbreviates; different given names never share a cluster.

A correction never edits the text: every mention stays ``text[start:end]``.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from storyline.nlp import names, translit
from storyline.nlp.mentions import CORRECTIONS, Mention

PERSON = "PERSON"
# Type priority when votes tie: a person is the costliest to miss.
TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "OTHER")
# Model labels that say a string is not an entity of ours (a vote to drop the mention).
NOT_AN_ENTITY = "NORP"
# A word cut in two by a hyphen and a line break or space: "Baki-\nyev", "Baki- yev".
HYPHEN_BREAK = re.compile(r"(?<!\w)([A-Z][^\W\d_]*)-[ \t]*\n?[ \t]*([a-z][^\W\d_]*)(?!\w)")
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
# Most words a name broken over a line may have once joined.
BROKEN_NAME_WORDS = 4
# Types whose missed occurrences are searched: the model misses persons far more often
# than it misses places, and product names tagged ORG would spread (MEANTIME dev).
SEARCHED_TYPES = frozenset({PERSON})
# Model labels of our other recognisers: a missed name never starts inside one of them.
OTHER_RECOGNISERS = frozenset(
    {"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
)


def name_of(mention: Mention) -> str:
    """The name a mention stands for: its text, or the repaired form of a broken name."""
    return dict(mention.attrs).get("joined", mention.text)


def _replace(mention: Mention, source: str, **changes: object) -> Mention:
    return dataclasses.replace(mention, source=source, **changes)  # type: ignore[arg-type]


# --- broken-names.v1 -----------------------------------------------------------------


@CORRECTIONS.register("broken-names.v1")
def join_broken_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Rejoin names split by a hyphenated line break or by a line break between words."""
    mentions = _join_hyphen_breaks(doc.text, mentions)
    return _join_split_persons(doc.text, mentions)


def _join_hyphen_breaks(text: str, mentions: list[Mention]) -> list[Mention]:
    known = {names.key(name_of(m)): m.type for m in mentions}
    for match in HYPHEN_BREAK.finditer(text):
        joined = match.group(1) + match.group(2)
        touching = [m for m in mentions if m.start < match.end() and m.end > match.start()]
        kind = touching[0].type if touching else known.get(joined)
        if kind is None or not _word_elsewhere(text, joined, match):
            continue
        start = min([match.start(), *(m.start for m in touching)])
        end = max([match.end(), *(m.end for m in touching)])
        repaired = text[start : match.start()] + joined + text[match.end() : end]
        merged = Mention(
            start,
            end,
            text[start:end],
            kind,
            attrs=(("joined", names.key(repaired)),),
            source="broken-names.v1",
        )
        mentions = [m for m in mentions if m not in touching] + [merged]
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _word_elsewhere(text: str, word: str, broken: re.Match[str]) -> bool:
    """Whether ``word`` stands whole somewhere in ``text`` outside the broken occurrence."""
    for found in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
        if found.start() >= broken.end() or found.end() <= broken.start():
            return True
    return False


def _join_split_persons(text: str, mentions: list[Mention]) -> list[Mention]:
    """Two person mentions with only a line break between them are one name."""
    out: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        last = out[-1] if out else None
        if last is not None and _split_name(text, last, mention):
            joined = f"{names.key(name_of(last))} {names.key(name_of(mention))}"
            out[-1] = Mention(
                last.start,
                mention.end,
                text[last.start : mention.end],
                PERSON,
                attrs=(*last.attrs, ("joined", joined)),
                source="broken-names.v1",
            )
        else:
            out.append(mention)
    return out


def _split_name(text: str, first: Mention, second: Mention) -> bool:
    gap = text[first.end : second.start]
    broken = gap.count("\n") == 1 and not gap.strip() and "\n\n" not in gap
    size = len(names.words(name_of(first))) + len(names.words(name_of(second)))
    return (
        first.type == second.type == PERSON
        and broken
        and size <= BROKEN_NAME_WORDS
        and not first.text.rstrip().endswith((".", ",", ";", ":"))
    )


# --- possessive.v1 -------------------------------------------------------------------


@CORRECTIONS.register("possessive.v1")
def cut_possessives(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Cut a possessive ending ("'s", "’s", a final "'") off the mention."""
    out = []
    for mention in mentions:
        cut = names.possessive_length(mention.text)
        if cut and cut < len(mention.text.rstrip()):
            end = mention.start + len(mention.text[:-cut].rstrip())
            mention = _replace(
                mention, "possessive.v1", end=end, text=doc.text[mention.start : end]
            )
        out.append(mention)
    return out


# --- strip-titles.v1 -----------------------------------------------------------------


@CORRECTIONS.register("strip-titles.v1")
def strip_titles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Cut titles off person mentions and record them, with the titles just before."""
    out = []
    for mention in mentions:
        if mention.type != PERSON:
            out.append(mention)
            continue
        stripped = _strip_inner_title(doc.text, mention)
        if stripped is None:
            continue  # a title alone ("President") names nobody
        before = _title_before(doc, mention.start)
        inner = dict(stripped.attrs).get("title")
        title = " ".join(t for t in (before, inner) if t)
        if title:
            attrs = (*(a for a in stripped.attrs if a[0] != "title"), ("title", title))
            stripped = dataclasses.replace(stripped, attrs=attrs)
        out.append(stripped)
    return out


def _strip_inner_title(text: str, mention: Mention) -> Mention | None:
    """The mention without its leading title words; None when nothing else is left."""
    found = list(names.WORD.finditer(mention.text))
    cut = 0
    while cut < len(found) and names.is_title_part(found[cut].group()):
        cut += 1
    if cut == 0:
        return mention
    if cut == len(found) or not any(names.is_title_word(w.group()) for w in found[:cut]):
        return None if cut == len(found) else mention
    start = mention.start + found[cut].start()
    title = mention.text[found[0].start() : found[cut - 1].end()].strip(",")
    return _replace(
        mention,
        "strip-titles.v1",
        start=start,
        text=text[start : mention.end],
        attrs=(*mention.attrs, ("title", title)),
    )


def _title_before(doc: Doc, start: int) -> str:
    """The title phrase right before a name ("former Kyrgyz President"), or ""."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return ""
    index = span.start
    first, has_title = index, False
    while index > 0:
        token = doc[index - 1]
        if names.is_title_part(token.text):
            has_title = has_title or names.is_title_word(token.text)
        elif not (has_title and _describes_title(token)):
            break
        index -= 1
        first = index
    # The phrase must hold a title word; leading descriptions without one are dropped.
    while first < span.start and not names.is_title_part(doc[first].text):
        if any(names.is_title_word(t.text) for t in doc[first : span.start]):
            break
        first += 1
    phrase = doc[first : span.start]
    if not any(names.is_title_word(t.text) for t in phrase):
        return ""
    return phrase.text.strip(" ,")


def _describes_title(token: Token) -> bool:
    """A nationality or place word inside a title phrase ("Kyrgyz" in "Kyrgyz President")."""
    return token.is_title and token.ent_type_ in {"NORP", "GPE"}


# --- doc-consistency.v2 --------------------------------------------------------------


@CORRECTIONS.register("doc-consistency.v2")
def make_consistent(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One type per name in the document, and the missed occurrences of known names."""
    chosen = _chosen_types(doc, mentions)
    out = []
    for mention in mentions:
        kind = chosen.get(vote_key(name_of(mention)), mention.type)
        if kind == NOT_AN_ENTITY:
            continue
        if kind != mention.type:
            mention = _replace(
                mention, "doc-consistency.v2", attrs=(*mention.attrs, ("model_type", mention.type))
            )
            mention = dataclasses.replace(mention, type=kind)
        out.append(mention)
    out += _missed(doc, out, _searchable(out, chosen))
    return sorted(out, key=lambda m: (m.start, m.end))


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


def vote_key(name: str) -> str:
    """Names that are one name in a document: their skeleton (Otunbayeva = Otunbaeva)."""
    return translit.skeleton(name) or names.key(name)


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


def _missed(doc: Doc, mentions: list[Mention], searchable: dict[str, str]) -> list[Mention]:
    """Occurrences of searchable names that no mention covers, as new mentions."""
    if not searchable:
        return []
    taken = sorted((m.start, m.end) for m in mentions)
    out = []
    for match in _name_pattern(searchable).finditer(doc.text):
        start, end = match.span()
        span = doc.char_span(start, end, alignment_mode="strict")
        if span is None or _overlaps(taken, start, end) or not _looks_like_name(span):
            continue
        kind = searchable[names.key(match.group())]
        out.append(Mention(start, end, match.group(), kind, source="doc-consistency.v2"))
    return out


def _name_pattern(searchable: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted(searchable, key=len, reverse=True)
    words = (r"\s+".join(re.escape(w) for w in name.split(" ")) for name in alternatives)
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(words) + r")(?![\w-])")


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and e > start for s, e in taken)


def _looks_like_name(span: Span) -> bool:
    """The words read as a name here: not a sentence-initial common word, not a date."""
    first = span[0]
    if any(t.ent_type_ in OTHER_RECOGNISERS for t in span):
        return False
    return first.pos_ == "PROPN" or not first.is_sent_start


# --- name-links.v2 -------------------------------------------------------------------


@CORRECTIONS.register("name-links.v2")
def link_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Document-level clusters: full names, their short forms, acronyms (see module doc)."""
    return cluster_names(sorted(mentions, key=lambda m: (m.start, m.end)))


def cluster_names(ordered: list[Mention]) -> list[Mention]:
    """``link_names`` on mentions in document order, without the parse it does not need."""
    groups = _full_name_groups(ordered)
    cluster: dict[int, int] = {}
    extra: dict[int, tuple[tuple[str, str], ...]] = {}
    for index in range(len(ordered)):
        if index in groups:
            cluster[index] = groups[index]
            continue
        linked = _short_form_link(index, ordered, groups)
        if linked is not None:
            cluster[index], extra[index] = linked
    _same_string_clusters(ordered, cluster)
    return list(_numbered(ordered, cluster, extra))


def _group_key(mention: Mention) -> tuple[str, str]:
    return mention.type, vote_key(name_of(mention))


def _full_name_groups(ordered: list[Mention]) -> dict[int, int]:
    """Mention index → group id for names of several words (and every non-person name).

    A person's name joins a longer one with the same first and last words and no
    word that the longer lacks ("Kurmanbek Bakiyev" → "Kurmanbek Salievich Bakiyev").
    """
    ids: dict[tuple[str, str], int] = {}
    for mention in ordered:
        if _is_full(mention):
            ids.setdefault(_group_key(mention), len(ids))
    persons = [k for k in ids if k[0] == PERSON]
    for short in persons:
        longer = [k for k in persons if k != short and _extends(short[1], k[1])]
        if len(longer) == 1:
            ids[short] = ids[longer[0]]
    return {i: ids[_group_key(m)] for i, m in enumerate(ordered) if _is_full(m)}


def _is_full(mention: Mention) -> bool:
    """A person's name of several words, or any other name but an acronym."""
    if mention.type == PERSON:
        return len(names.words(name_of(mention))) > 1
    return not names.is_acronym(mention.text)


def _extends(short: str, long: str) -> bool:
    a, b = short.split(" "), long.split(" ")
    return len(a) < len(b) and a[0] == b[0] and a[-1] == b[-1] and set(a) <= set(b)


def _short_form_link(
    index: int, ordered: list[Mention], groups: dict[int, int]
) -> tuple[int, tuple[tuple[str, str], ...]] | None:
    """The group a one-word person name abbreviates, chosen by nearness when several do."""
    mention = ordered[index]
    word = vote_key(name_of(mention))
    candidates: dict[int, str] = {}
    for other, group in groups.items():
        if ordered[other].type != PERSON:
            continue
        parts = vote_key(name_of(ordered[other])).split(" ")
        if parts[-1] == word:
            candidates.setdefault(group, "surname")
        elif parts[0] == word:
            candidates.setdefault(group, "given name")
    if not candidates:
        return None
    group = _most_mentioned(groups, set(candidates))
    attrs: tuple[tuple[str, str], ...] = (("linked_by", candidates[group]),)
    if len(candidates) > 1:
        attrs += (("ambiguous", str(len(candidates))),)
    return group, attrs


def _most_mentioned(groups: dict[int, int], wanted: set[int]) -> int:
    """Of the wanted groups, the one with most mentions; on a tie the first mentioned.

    News style names the main person in full and then by surname alone, and names
    relatives in full; so "Bakiyev" alone goes to the Bakiyev named most, and the
    mention records how many full names it could have meant (``ambiguous``).
    """
    counts = Counter(g for g in groups.values() if g in wanted)
    first = {g: i for i, g in sorted(groups.items(), reverse=True)}
    return max(wanted, key=lambda g: (counts[g], -first[g]))


def _same_string_clusters(ordered: list[Mention], cluster: dict[int, int]) -> None:
    """Unclustered mentions share a cluster with the same name; acronyms join their name."""
    next_id = max(cluster.values(), default=-1) + 1
    by_key: dict[tuple[str, str], int] = {}
    for index, mention in enumerate(ordered):
        if index in cluster:
            by_key.setdefault(_group_key(mention), cluster[index])
    for index, mention in enumerate(ordered):
        if index in cluster:
            continue
        group = by_key.get(_group_key(mention))
        if group is None:
            group = _acronym_of(mention, ordered, cluster)
        if group is None:
            group, next_id = next_id, next_id + 1
        cluster[index] = group
        by_key.setdefault(_group_key(mention), group)


def _acronym_of(mention: Mention, ordered: list[Mention], cluster: dict[int, int]) -> int | None:
    if not names.is_acronym(mention.text):
        return None
    letters = mention.text.replace(".", "")
    groups = {
        cluster[i]
        for i, other in enumerate(ordered)
        if i in cluster
        and other.type == mention.type
        and len(names.words(other.text)) > 1
        and names.initials(other.text) == letters
    }
    return groups.pop() if len(groups) == 1 else None


def _numbered(
    ordered: list[Mention],
    cluster: dict[int, int],
    extra: dict[int, tuple[tuple[str, str], ...]],
) -> Iterator[Mention]:
    """Mentions with clusters renumbered 0, 1, 2... in order of first appearance."""
    numbers: dict[int, int] = {}
    for index, mention in enumerate(ordered):
        number = numbers.setdefault(cluster[index], len(numbers))
        attrs = mention.attrs + extra.get(index, ())
        yield dataclasses.replace(mention, cluster=number, attrs=attrs)
