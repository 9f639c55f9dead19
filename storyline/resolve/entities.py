"""Entities as users see them: canonical name, type, aliases with counts, documents, reasons.

Built from the items (document clusters) and resolution's links; nothing here
decides anything, it only gathers and explains.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from storyline.resolve.model import DocCluster, Link, NameMention


@dataclasses.dataclass(frozen=True)
class Alias:
    """One spelling of an entity: how often, where, and why it belongs."""

    text: str
    count: int
    docs: tuple[str, ...]
    reason: str


@dataclasses.dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[Alias, ...]
    mentions: tuple[NameMention, ...]
    items: tuple[DocCluster, ...]
    links: tuple[Link, ...]


def build_entities(items: Sequence[DocCluster], links: Iterable[Link]) -> list[Entity]:
    """One entity per canonical id, the most mentioned first."""
    by_key = {item.key: item for item in items}
    members: dict[str, list[tuple[DocCluster, Link]]] = defaultdict(list)
    for link in links:
        if link.cluster in by_key:
            members[link.entity].append((by_key[link.cluster], link))
    found = [_entity(entity, pairs) for entity, pairs in members.items()]
    return sorted(found, key=lambda e: (-len(e.mentions), e.name, e.id))


def _entity(entity: str, pairs: list[tuple[DocCluster, Link]]) -> Entity:
    mentions = [m for item, _ in pairs for m in item.mentions]
    types = Counter(m.type for m in mentions)
    return Entity(
        id=entity,
        name=canonical_name(mentions),
        type=types.most_common(1)[0][0] if types else pairs[0][0].type,
        aliases=tuple(_aliases(pairs)),
        mentions=tuple(sorted(mentions, key=lambda m: (m.doc, m.start))),
        items=tuple(item for item, _ in pairs),
        links=tuple(link for _, link in pairs),
    )


def canonical_name(mentions: Sequence[NameMention]) -> str:
    """The most mentioned of the names with most words (one-word names only if no other)."""
    counts = Counter(m.name for m in mentions)
    longest = max((len(n.split()) for n in counts), default=0)
    full = {n: c for n, c in counts.items() if len(n.split()) >= min(longest, 2)}
    return max(full, key=lambda n: (full[n], len(n), n)) if full else ""


def _aliases(pairs: list[tuple[DocCluster, Link]]) -> list[Alias]:
    counts: Counter[str] = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    reasons: dict[str, str] = {}
    for item, link in sorted(pairs, key=lambda p: -p[1].score):
        for mention in item.mentions:
            counts[mention.name] += 1
            docs[mention.name].add(mention.doc)
            reasons.setdefault(mention.name, reason(item, link, mention))
    return [
        Alias(name, count, tuple(sorted(docs[name])), reasons[name])
        for name, count in counts.most_common()
    ]


def reason(item: DocCluster, link: Link, mention: NameMention) -> str:
    """Why this spelling belongs to the entity, in words."""
    attrs = dict(mention.attrs)
    if mention.name != item.name and "linked_by" in attrs:
        ambiguous = f", one of {attrs['ambiguous']} full names" if "ambiguous" in attrs else ""
        return f"{attrs['linked_by']} of {item.name!r} in the same article{ambiguous}"
    if link.rule == "anchor":
        return "first seen as this name"
    if link.rule.startswith("judgement:"):
        return f"merged by {link.rule.replace(':', ' ')}"
    features = ", ".join(f"{k} {v:g}" for k, v in link.features)
    return f"score {link.score:g} ({features})"
