"""The resolution stage: from every document's mentions to canonical entity ids.

Whole-corpus and deterministic: it runs after the analysis in each build and
replaces the previous resolution; judgements are applied every time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from storyline.model import Document, Statement
from storyline.registry import Registry
from storyline.resolve.cluster import Scorer, resolve
from storyline.resolve.items import store_items
from storyline.resolve.judgements import Judgement, check_consistent
from storyline.resolve.model import DocCluster, Link, Stats

RESOLVER = "name-resolver.v2"  # v2: weighted words for organisations and places (D13)


@dataclasses.dataclass(frozen=True)
class Resolution:
    """Items, their links, (mention, entity, item) rows and the work done."""

    items: list[DocCluster]
    links: list[Link]
    canonical: list[tuple[str, str, str]]
    stats: Stats


def resolve_corpus(
    docs: Iterable[tuple[Document, list[Statement]]],
    judgements: Sequence[Judgement] = (),
    *,
    scorer: Scorer | None = None,
) -> Resolution:
    """Resolve every document cluster; judgements must not contradict each other."""
    check_consistent(judgements)
    items = list(store_items(docs))
    links, stats = resolve(items, judgements, scorer=scorer)
    entity_of = {link.cluster: link.entity for link in links}
    canonical = [(m.id, entity_of[item.key], item.key) for item in items for m in item.mentions]
    return Resolution(items, links, canonical, stats)


RESOLVERS: Registry[object] = Registry("resolver")
RESOLVERS.register(RESOLVER)(resolve_corpus)
