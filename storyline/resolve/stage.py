"""The resolution stage: from every document's mentions to canonical entity ids.

It runs after the analysis in each build, and after each judgement. Deterministic
either way it runs:

- **full**: every item of the corpus resolved again; the stored resolution replaced.
- **incremental** (``incremental.py``): the items of documents analysed since, and
  the entities they touch, resolved against the stored state; the rest kept.

``resolve_mode`` (Settings) chooses: ``auto`` (the default) resolves incrementally
when the stored state was written by this resolver and the documents to resolve
or forget are at most ``INCREMENTAL_SHARE`` of those resolved; ``full`` always
resolves everything (after tuning, or to undo what incremental passes may have
left: see ``incremental.py``); ``incremental`` never falls back unless no state
was stored by this resolver. Judgements are applied every time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from storyline.errors import ConfigError
from storyline.model import Document
from storyline.registry import Registry
from storyline.resolve.cluster import Scorer
from storyline.resolve.incremental import INCREMENTAL_SHARE, full_write, incremental_write
from storyline.resolve.items import store_items, with_mentions
from storyline.resolve.judgements import check_consistent
from storyline.resolve.model import ResolutionDocs, Stats
from storyline.store.base import Store
from storyline.store.retry import write_batch

RESOLVER = "name-resolver.v2"  # v2: weighted words for organisations and places (D13)
MODES = ("auto", "full", "incremental")


@dataclasses.dataclass(frozen=True)
class ResolveReport:
    """What a resolution did: entities after it, the work, and how."""

    entities: int
    stats: Stats
    mode: str  # "full", "incremental" or "none" (nothing to do)
    documents: int = 0  # documents resolved in this pass

    def describe(self) -> str:
        """How it ran, in words: "incremental: 12 documents, 340 items"."""
        if self.mode == "none":
            return "resolution unchanged"
        return f"{self.mode} resolution: {self.documents} documents, {self.stats.items} items"


def resolve_store(
    store: Store,
    *,
    mode: str = "auto",
    scorer: Scorer | None = None,
    touch: Sequence[str] = (),
) -> ResolveReport:
    """Resolve what the store needs resolved (module doc), judgements applied; write it.

    ``touch`` names item keys whose entities must be resolved again (a judgement's).
    ``scorer`` (blocking and scoring of a full pass) defaults to the local one.
    """
    if mode not in MODES:
        raise ConfigError(f"unknown resolve_mode {mode!r}", hint=" or ".join(MODES))
    judgements = store.judgements()
    check_consistent(judgements)
    docs = store.resolution_docs()
    if choose_mode(mode, docs) == "full":
        ids: list[str] = []
        items = list(store_items(with_mentions(store, _all_documents(store, ids))))
        write, stats = full_write(items, ids, judgements, RESOLVER, scorer=scorer)
        chosen, count = "full", len(ids)
    elif docs.pending or docs.stale or touch:
        pending = (store.get_document(d) for d in docs.pending)
        new = list(store_items(with_mentions(store, pending)))
        write, stats = incremental_write(
            store, new, pending=docs.pending, stale=docs.stale,
            judgements=judgements, resolver=RESOLVER, touch=touch,
        )  # fmt: skip
        chosen, count = "incremental", len(docs.pending)
    else:
        return ResolveReport(store.entity_count(), Stats(), "none")
    write_batch(store, lambda: store.put_resolution(write))
    return ResolveReport(store.entity_count(), stats, chosen, count)


def choose_mode(mode: str, docs: ResolutionDocs) -> str:
    """``full`` or ``incremental`` for this store's state (module doc)."""
    if mode == "full" or docs.resolvers != {RESOLVER}:
        return "full"
    if mode == "incremental":
        return "incremental"
    changed = len(docs.pending) + len(docs.stale)
    return "incremental" if changed <= INCREMENTAL_SHARE * docs.resolved else "full"


def _all_documents(store: Store, ids: list[str]) -> Iterator[Document]:
    """Every current document, one at a time; their ids collected into ``ids``."""
    for doc in store.documents():
        ids.append(doc.id)
        yield doc


RESOLVERS: Registry[object] = Registry("resolver")
RESOLVERS.register(RESOLVER)(resolve_store)
