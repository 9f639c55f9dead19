"""Incremental resolution at scale: ``added`` mentions resolved onto a stored resolution.

For the mentions of the resolve bench (one document cluster each): the first
``n - added`` are resolved in full and stored in a fresh SQLite file (timed: what a
first build does), then the last ``added`` are resolved incrementally against it
(``resolve/incremental.py``, timed with its reads and its write), and, for the ratio
the scale goal asks for, the same ``added`` resolved alone from scratch. Quality: the
pairwise scores of the stored result against the true entities, beside those of one
full resolution of all ``n``, and the agreement of the two (the full one as truth).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.bench.resolve import document_items, pairwise_scores
from storyline.bench.variants import Mention
from storyline.resolve.cluster import resolve
from storyline.resolve.incremental import full_write, incremental_write
from storyline.resolve.model import DocCluster, Link
from storyline.resolve.stage import RESOLVER
from storyline.store import SQLiteStore


def run_increment(found: Sequence[Mention], added: int) -> dict[str, Any]:
    """Every figure of the module doc, for ``found`` with its last ``added`` new."""
    items = document_items(found)
    base, new = items[: len(items) - added], items[len(items) - added :]
    truth = [m.entity for m in found]
    with tempfile.TemporaryDirectory(prefix="storyline-bench-") as tmp:
        store = SQLiteStore(Path(tmp) / "kb.db")
        try:
            first = _timed(lambda: _store_full(store, base))
            start = time.perf_counter()
            write, stats = incremental_write(
                store, new, pending=[i.doc for i in new], stale=[],
                judgements=[], resolver=RESOLVER,
            )  # fmt: skip
            with store.transaction():
                store.put_resolution(write)
            increment = time.perf_counter() - start
            stored = {link.cluster: link.entity for link in store.resolution()}
        finally:
            store.close()
    scratch = _timed(lambda: resolve(new))
    full_links, _ = resolve(items)
    full = {link.cluster: link.entity for link in full_links}
    return {
        "stored_items": len(base),
        "added_items": added,
        "first_build_s": round(first, 3),
        "increment_s": round(increment, 3),
        "increment_items_resolved": stats.items,
        "scratch_s": round(scratch, 3),
        "ratio_to_scratch": round(increment / scratch, 2) if scratch else None,
        "incremental": pairwise_scores(truth, [stored[i.key] for i in items]),
        "full": pairwise_scores(truth, [full[i.key] for i in items]),
        "agreement_with_full": pairwise_scores(
            [full[i.key] for i in items], [stored[i.key] for i in items]
        ),
    }


def _store_full(store: SQLiteStore, items: Sequence[DocCluster]) -> list[Link]:
    write, _ = full_write(items, [i.doc for i in items], [], RESOLVER)
    with store.transaction():
        store.put_resolution(write)
    return write.links


def _timed(step: Any) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start
