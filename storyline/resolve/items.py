"""Resolution's input: each document's mention clusters, read from the mention statements.

An item is one document-level cluster (the analysis put "Kurmanbek Bakiyev",
"Bakiyev" and "Kurmanbek" of one article in one cluster). Its key names it by
document, type and fullest name, so it stays the same across rebuilds of the same
text: judgements are stored against item keys.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

from storyline.model import Document, Statement
from storyline.nlp import names
from storyline.resolve.model import DocCluster, NameMention
from storyline.store.base import Store

# Co-mentioned names kept per item as context (the most mentioned first).
CONTEXT_NAMES = 30


def item_key(doc: str, kind: str, name: str) -> str:
    """The stable key of a document cluster: document, type and folded fullest name."""
    return f"{doc}|{kind}|{names.fold(name)}"


def doc_of(key: str) -> str:
    """The document of an item key (``item_key``)."""
    return key.split("|", 1)[0]


def with_mentions(
    store: Store, docs: Iterable[Document]
) -> Iterator[tuple[Document, list[Statement]]]:
    """Each document with its mention statements, read from the store one at a time."""
    for doc in docs:
        yield doc, list(store.statements(doc.id, prop="mention"))


def name_mention(doc: Document, stmt: Statement) -> NameMention:
    """A mention statement as resolution sees it."""
    value = json.loads(stmt.value)
    attrs = tuple(sorted((str(k), str(v)) for k, v in value.get("attrs", {}).items()))
    text = doc.text[stmt.start : stmt.end]
    name = names.key(dict(attrs).get("joined", text))
    return NameMention(stmt.subject, doc.id, stmt.start, stmt.end, text, name, value["type"], attrs)


def document_items(doc: Document, mentions: Iterable[Statement]) -> list[DocCluster]:
    """The clusters of one document's mention statements, with their context."""
    groups: dict[int, list[NameMention]] = defaultdict(list)
    for stmt in mentions:
        groups[int(json.loads(stmt.value)["cluster"])].append(name_mention(doc, stmt))
    fullest = {number: fullest_name(members) for number, members in groups.items()}
    sizes = Counter({number: len(members) for number, members in groups.items()})
    items = []
    for number, members in sorted(groups.items()):
        kind = Counter(m.type for m in members).most_common(1)[0][0]
        others = [fullest[n] for n, _ in sizes.most_common() if n != number]
        items.append(
            DocCluster(
                key=item_key(doc.id, kind, fullest[number]),
                doc=doc.id,
                type=kind,
                name=fullest[number],
                mentions=tuple(sorted(members, key=lambda m: m.start)),
                outlet=doc.meta.publisher,
                titles=tuple(sorted({v for m in members for k, v in m.attrs if k == "title"})),
                context=tuple(others[:CONTEXT_NAMES]),
            )
        )
    return unique_keys(items)


def fullest_name(members: list[NameMention]) -> str:
    """The name with most words, the most frequent among those, then the first."""
    counts = Counter(m.name for m in members)
    order = {m.name: i for i, m in reversed(list(enumerate(members)))}
    return max(counts, key=lambda n: (len(n.split()), counts[n], -order[n]))


def unique_keys(items: list[DocCluster]) -> list[DocCluster]:
    """Two clusters of one document with one key (rare): the later gets a number."""
    seen: Counter[str] = Counter()
    out = []
    for item in items:
        seen[item.key] += 1
        if seen[item.key] > 1:
            item = DocCluster(
                f"{item.key}#{seen[item.key]}", item.doc, item.type, item.name,
                item.mentions, item.outlet, item.titles, item.context,
            )  # fmt: skip
        out.append(item)
    return out


def store_items(docs: Iterable[tuple[Document, list[Statement]]]) -> Iterator[DocCluster]:
    """Every item of every (document, its mention statements)."""
    for doc, mentions in docs:
        yield from document_items(doc, mentions)


def with_context(items: Sequence[DocCluster]) -> list[DocCluster]:
    """The items with, as context, the names of their documents' other clusters.

    For items built without the analysis (``cluster.resolve_names``): each item's
    context is the fullest names of the other items of its document, the most
    mentioned first, at most ``CONTEXT_NAMES``, as ``document_items`` gives them.
    """
    by_doc: dict[str, list[int]] = defaultdict(list)
    for position, item in enumerate(items):
        by_doc[item.doc].append(position)
    ranked = {
        doc: sorted(positions, key=lambda p: -len(items[p].mentions))
        for doc, positions in by_doc.items()
    }
    out = []
    for position, item in enumerate(items):
        others = [items[p].name for p in ranked[item.doc] if p != position]
        out.append(dataclasses.replace(item, context=tuple(others[:CONTEXT_NAMES])))
    return out


def cut_title(name: str) -> tuple[str, str]:
    """(name, title): leading title words cut off a person's name, as the analysis does.

    "Dr. Sanjay Gupta" → ("Sanjay Gupta", "Dr."); "Mr . LaRue" → ("LaRue", "Mr .").
    The leading run must hold a title word and leave a word; else nothing is cut.
    """
    words = name.split()
    cut = 0
    while cut < len(words) and (
        names.is_title_part(words[cut]) or not words[cut].strip(names.TITLE_PUNCTUATION)
    ):
        cut += 1
    if cut == len(words) or not any(names.is_title_word(w) for w in words[:cut]):
        return name, ""
    return " ".join(words[cut:]), " ".join(words[:cut])
