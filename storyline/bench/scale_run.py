"""``python -m storyline.bench scale``: growth, Spark, stores and incremental figures in one run.

    python -m storyline.bench scale --corpus 1000=/tmp/c1k/docs --corpus 10000=/tmp/c10k/docs \
        --add /tmp/c1k-extra/docs [--full 1000] [--spark 1000] [--spark-fast 10000] [--postgres]

- growth: the fast profile at every corpus size, the full profile at the ``--full``
  sizes (local engine, SQLite): wall time, per-document ms, peak memory.
- spark: the full profile at the ``--spark`` sizes by the local engine with 2 processes
  and by Spark local[1] and local[2]; ``--spark-fast`` sizes: Spark local[2], fast profile;
  parallel efficiency = t(local[1]) / (2 × t(local[2])).
- stores: the largest corpus (fast profile) into SQLite and into a throwaway PostgreSQL
  server: load time, size, and query latency (search, a document, the entity list and
  the timeline, the last two from the full-profile store when one was built).
- incremental: the ``--add`` corpus built from scratch, then added to the largest store:
  the ratio of the two times (goal ≤ 2); fast profile, and the full profile too when
  the largest size is among ``--full`` (its resolution then runs incrementally).
"""

from __future__ import annotations

import functools
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storyline.bench.scale import Run, db_size_mb, timed_build
from storyline.query.entities import entities, lookup
from storyline.query.search import search
from storyline.query.story import timeline
from storyline.resolve.entities import Entity
from storyline.resolve.stage import resolve_store
from storyline.store import open_store
from storyline.store.base import Store

# Timed repetitions of each query (after one untimed warm-up call).
REPEATS = 20
# Queries of the search latency: words drawn from the store's own titles.
QUERIES = 30


def run(
    corpora: dict[int, Path],
    *,
    add: Path | None,
    full: tuple[int, ...],
    spark: tuple[int, ...],
    postgres: bool,
    spark_fast: tuple[int, ...] = (),
    command: str,
) -> dict[str, Any]:
    """Every figure of the scale benchmark (see the module docstring)."""
    work = Path(tempfile.mkdtemp(prefix="storyline-scale-"))
    figures: dict[str, Any] = {"command": command, "machine_cores": _cores()}
    try:
        figures["growth"] = _growth(corpora, full, work)
        if spark:
            figures["spark"] = _spark(corpora, spark, work)
        if spark_fast:
            figures["spark_fast"] = [
                _row(
                    timed_build(
                        f"spark local[2] fast {n}",
                        [corpora[n]],
                        str(work / f"sf-{n}.db"),
                        engine="spark",
                        master="local[2]",
                        profile="fast",
                    ),
                    n,
                )
                for n in spark_fast
            ]
        largest = max(corpora)
        with _server(postgres) as server:
            loaded = next(r for r in figures["growth"] if r["label"] == f"fast {largest}")
            figures["stores"] = _stores(corpora[largest], largest, full, work, server, loaded)
            if add is not None:
                profiles = ("fast", "full") if largest in full else ("fast",)
                figures["incremental"] = [
                    _incremental(corpora[largest], largest, add, work, profile)
                    for profile in profiles
                ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


def _growth(corpora: dict[int, Path], full: tuple[int, ...], work: Path) -> list[dict[str, Any]]:
    rows = []
    for size, folder in sorted(corpora.items()):
        for profile in ("fast", "full") if size in full else ("fast",):
            db = work / f"growth-{profile}-{size}.db"
            rows.append(
                _row(timed_build(f"{profile} {size}", [folder], str(db), profile=profile), size)
            )
    return rows


def _spark(corpora: dict[int, Path], sizes: tuple[int, ...], work: Path) -> dict[str, Any]:
    rows = []
    for size in sizes:
        local2 = timed_build(
            f"local n_process=2 {size}",
            [corpora[size]],
            str(work / f"local2-{size}.db"),
            n_process=2,
        )
        rows.append(_row(local2, size))
        for cores in (1, 2):
            db = work / f"spark{cores}-{size}.db"
            build = timed_build(
                f"spark local[{cores}] {size}",
                [corpora[size]],
                str(db),
                engine="spark",
                master=f"local[{cores}]",
            )
            rows.append(_row(build, size))
    by = {(r["docs"], r["engine"]): r["wall_s"] for r in rows}
    efficiency = {
        str(size): round(by[(size, "spark local[1]")] / (2 * by[(size, "spark local[2]")]), 3)
        for size in sizes
    }
    return {"runs": rows, "parallel_efficiency_local2": efficiency}


def _stores(
    folder: Path,
    size: int,
    full: tuple[int, ...],
    work: Path,
    server: str | None,
    loaded: dict[str, Any],
) -> dict[str, Any]:
    """SQLite (the growth run's store of this size) against PostgreSQL, built the same way."""
    backends = {"sqlite": str(work / f"growth-fast-{size}.db")}
    load = {"sqlite": float(loaded["wall_s"])}
    if server:
        backends["postgres"] = _new_database(server, "scale_stores")
        load["postgres"] = timed_build(
            f"postgres {size}", [folder], backends["postgres"], profile="fast"
        ).wall_s
    found: dict[str, Any] = {"docs": size, "profile": "fast"}
    for name, db in backends.items():
        store = open_store(db)
        try:
            found[name] = {
                "load_s": round(load[name], 1),
                "size_mb": round(db_size_mb(db), 1),
                **_search_latency(store),
            }
        finally:
            store.close()
    if full:
        found["full_profile"] = _view_latency(work, min(full), server)
    return found


def _view_latency(work: Path, size: int, server: str | None) -> dict[str, Any]:
    """On the full-profile store: the entity list and timeline (cold, whole-corpus
    views), one entity's profile (``lookup`` by id), and search with name expansion."""
    source = open_store(str(work / f"growth-full-{size}.db"))
    targets = {"sqlite": source}
    if server:
        url = _new_database(server, "scale_views")
        copy = open_store(url)
        _copy_store(source, copy)
        targets["postgres"] = copy
    found: dict[str, Any] = {"docs": size}
    for name, store in targets.items():
        listed = entities(store)
        found[name] = {
            "entities_ms": _time_once(functools.partial(entities, store)),
            "timeline_ms": _time_once(functools.partial(timeline, store)),
            "profile_ms": _percentiles(_profile_times(store, listed)),
            "search_full_ms": _search_latency(store)["search_ms"],
        }
    for store in targets.values():
        store.close()
    return found


def _profile_times(store: Store, listed: list[Entity]) -> list[float]:
    """Milliseconds of ``lookup`` (one entity's profile from its documents) for entities
    spread over the list, from the most mentioned down."""
    chosen = listed[:: max(1, len(listed) // REPEATS)][:REPEATS]
    return [_time_once(functools.partial(lookup, store, e.id)) for e in chosen]


def _search_latency(store: Store) -> dict[str, Any]:
    words = _title_words(store)
    rng = random.Random(0)
    queries = [" ".join(rng.sample(words, 2)) for _ in range(QUERIES)] if len(words) > 2 else []
    times = [_time_once(functools.partial(search, store, q, limit=10)) for q in queries]
    docs = [_time_once(functools.partial(store.get_document, d)) for d in _some_ids(store)]
    return {"search_ms": _percentiles(times), "document_ms": _percentiles(docs)}


def _incremental(base: Path, size: int, add: Path, work: Path, profile: str) -> dict[str, Any]:
    """The ``add`` corpus built alone, then added to the growth run's largest store.

    With the full profile the add resolves incrementally (``resolve_mode`` auto).
    """
    alone = str(work / f"add-alone-{profile}.db")
    scratch = timed_build(f"add alone {profile}", [add], alone, profile=profile)
    store_db = str(work / f"growth-{profile}-{size}.db")
    added = timed_build(f"add to base {profile}", [base, add], store_db, profile=profile)
    return {
        "profile": profile,
        "base_docs": size,
        "scratch_s": round(scratch.wall_s, 1),
        "added_s": round(added.wall_s, 1),
        "ratio": round(added.wall_s / scratch.wall_s, 2),
    }


def _row(build: Run, size: int) -> dict[str, Any]:
    return {**build.as_dict(), "docs": size, "ms_per_doc": round(1000 * build.wall_s / size, 1)}


def _time_once(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return round(1000 * (time.perf_counter() - started), 2)


def _percentiles(times: list[float]) -> dict[str, float]:
    if not times:
        return {}
    ordered = sorted(times)
    return {
        "p50": round(statistics.median(ordered), 1),
        "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
    }


def _title_words(store: Store) -> list[str]:
    """Longer words of the titles of the first documents (a few hundred)."""
    words: set[str] = set()
    for doc_id in _some_ids(store, 300):
        title = store.get_document(doc_id).meta.title or ""
        words.update(w for w in title.split() if w.isalpha() and len(w) > 4)
    return sorted(words)


def _some_ids(store: Store, count: int = REPEATS) -> list[str]:
    return [s.doc_id for s in store.sources() if s.doc_id][:count]


def _copy_store(source: Store, target: Store) -> None:
    """Every record of ``source`` into ``target`` (the same knowledge base on another backend)."""
    with target.transaction():
        for doc in source.documents(include_superseded=True):
            target.put_document(doc)
        target.put_statements(list(source.statements()))
    resolve_store(target, mode="full")  # the same statements resolve to the same entities


@contextmanager
def _server(wanted: bool) -> Iterator[str | None]:
    if not wanted:
        yield None
        return
    from storyline.store.pg_server import throwaway_server

    with throwaway_server() as server:
        yield server.url()


def _new_database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + "/" + name


def _cores() -> int:
    import os

    return os.cpu_count() or 1
