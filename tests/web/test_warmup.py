"""The background warm-up: views computed once per version, the old ones served meanwhile.

Nothing here is timed: slow computations are made slow by an event the test holds, and
every wait has a generous timeout that only ends a hung test.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.settings import Settings
from storyline.store import Store
from storyline.web import create_app, views_index
from storyline.web.knowledge import KnowledgeBase, served_stale, stale_watch

WRITE = {"X-Storyline": "1"}
WAIT_S = 120.0  # only a hung test reaches it


class Gate:
    """A computation that blocks while the test holds it, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0
        self.started = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def hold(self) -> None:
        self.started.clear()
        self.release.clear()

    def compute(self, value: Callable[[], Any]) -> Any:
        self.calls += 1
        self.started.set()
        assert self.release.wait(WAIT_S)
        return value()


def started(gate: Gate, writer: threading.Thread) -> None:
    """Wait until ``gate`` is computing, or fail at once if the writer gave up before."""
    while not gate.started.wait(0.05):
        assert writer.is_alive(), "the judgement ended without a recomputation"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "kb.db")


def counter_kb(db: str, gate: Gate, state: dict[str, int]) -> KnowledgeBase:
    """A knowledge base whose one view ``n`` is ``state["n"]``, computed through ``gate``."""

    def warm(kb: KnowledgeBase) -> None:
        kb.cached("n", lambda: gate.compute(lambda: state["n"]))

    return KnowledgeBase(db, warm=warm)


def read(kb: KnowledgeBase, gate: Gate, state: dict[str, int]) -> tuple[int, bool]:
    """What a request sees: the view, and whether it was marked stale."""
    with stale_watch():
        value = kb.cached("n", lambda: gate.compute(lambda: state["n"]))
        return value, served_stale()


def test_concurrent_first_requests_wait_for_one_computation(db: str) -> None:
    gate, state = Gate(), {"n": 1}
    kb = counter_kb(db, gate, state)
    gate.hold()
    try:
        with ThreadPoolExecutor(6) as pool:
            futures = [pool.submit(read, kb, gate, state) for _ in range(6)]
            assert gate.started.wait(WAIT_S)
            gate.release.set()
            seen = [f.result(WAIT_S) for f in futures]
        assert seen == [(1, False)] * 6  # nothing older to serve: they waited, none stale
        assert gate.calls == 1 and kb.computations["n"] == 1
    finally:
        gate.release.set()
        kb.close()


def test_a_change_is_recomputed_once_while_requests_get_the_old_view(db: str) -> None:
    gate, state = Gate(), {"n": 1}
    kb = counter_kb(db, gate, state)
    try:
        kb.start()
        assert kb.wait_fresh(WAIT_S)
        assert read(kb, gate, state) == (1, False)

        gate.hold()
        state["n"] = 2
        kb.invalidate()  # as after a judgement: the worker recomputes at once
        assert gate.started.wait(WAIT_S)
        with ThreadPoolExecutor(4) as pool:
            during = list(pool.map(lambda _: read(kb, gate, state), range(8)))
        assert during == [(1, True)] * 8  # the previous version, marked stale
        assert not kb.wait_fresh(timeout=0)

        gate.release.set()
        assert kb.wait_fresh(WAIT_S)
        assert read(kb, gate, state) == (2, False)
        assert gate.calls == 2 and kb.computations["n"] == 2  # once per version
    finally:
        gate.release.set()
        kb.close()


def test_a_change_from_another_connection_is_noticed_and_warmed(db: str) -> None:
    gate, state = Gate(), {"n": 1}
    kb = counter_kb(db, gate, state)
    try:
        kb.start()
        assert kb.wait_fresh(WAIT_S)
        state["n"] = 5
        with kb.store() as store:  # another writer: a commit moves data_version
            store.conn.execute("CREATE TABLE IF NOT EXISTS probe (x)")
        assert read(kb, gate, state) == (1, True)  # noticed, served stale, warm-up asked
        assert kb.wait_fresh(WAIT_S)
        assert read(kb, gate, state) == (5, False)
        assert gate.calls == 2
    finally:
        kb.close()


def test_without_a_warm_up_nothing_stale_is_served(db: str) -> None:
    calls: list[int] = []
    kb = KnowledgeBase(db)
    try:
        assert kb.cached("n", lambda: calls.append(1) or len(calls)) == 1
        assert kb.cached("n", lambda: calls.append(1) or len(calls)) == 1
        kb.invalidate()
        with stale_watch():
            assert kb.cached("n", lambda: calls.append(1) or len(calls)) == 2
            assert not served_stale()
        assert kb.wait_fresh(timeout=0)
    finally:
        kb.close()


def test_the_warm_up_primes_search_so_the_first_search_does_not_resolve_again(
    examples_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.query import search_aliases

    app = create_app(Settings(db=str(examples_db)))
    with TestClient(app) as client:
        assert app.state.kb.wait_fresh(WAIT_S)

        def never(store: Store) -> Any:
            raise AssertionError("search computed the entities again")

        monkeypatch.setattr(search_aliases, "entities", never)
        found = client.get("/api/search", params={"q": "asylum"})
        assert found.status_code == 200 and found.json()["items"]
        assert client.get("/ask", params={"q": "Who was granted asylum?"}).status_code == 200


def test_a_judgement_recomputes_the_views_once_and_readers_get_the_old_ones_meanwhile(
    writable_examples_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(Settings(db=str(writable_examples_db)))
    kb: KnowledgeBase = app.state.kb
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert kb.wait_fresh(WAIT_S)
        before = client.get("/api/entities", params={"limit": 500})
        assert "x-storyline-stale" not in before.headers
        assert "updating…" not in client.get("/entities").text
        a, b = client.get("/api/entities", params={"type": "PERSON", "limit": 2}).json()["items"]
        computed = kb.computations["entities"]

        gate = Gate()
        gate.hold()
        real = views_index.query_entities
        monkeypatch.setattr(views_index, "query_entities", lambda s: gate.compute(lambda: real(s)))
        judged: dict[str, Any] = {}

        def merge() -> None:
            body = {"kind": "merge", "a": a["id"], "b": b["id"], "note": "test"}
            judged["response"] = client.post("/api/judgements", json=body, headers=WRITE)

        writer = threading.Thread(target=merge)
        writer.start()
        try:
            started(gate, writer)  # the worker is recomputing the entities
            paths = ["/api/entities?limit=500"] * 4 + ["/entities", "/"]
            with ThreadPoolExecutor(6) as pool:
                during = list(pool.map(client.get, paths))
            assert writer.is_alive()  # the writer waits for the new views
        finally:
            gate.release.set()
            writer.join(WAIT_S)

        for response in during:
            assert response.status_code == 200
            assert response.headers.get("x-storyline-stale") == "1"
        for response in during[:4]:
            assert response.json() == before.json()  # the entities before the merge
        assert all("updating…" in r.text for r in during[4:])

        assert "response" in judged and judged["response"].status_code == 201, judged[
            "response"
        ].text
        after = client.get("/api/entities", params={"limit": 500})
        assert "x-storyline-stale" not in after.headers
        assert after.json()["total"] == before.json()["total"] - 1
        assert "updating…" not in client.get("/entities").text
        assert gate.calls == 1 and kb.computations["entities"] == computed + 1
