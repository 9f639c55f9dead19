"""One knowledge base as the server sees it: a store per request, computed views cached.

Entities and the story take seconds to compute at 10k documents (tens of seconds on a
busy machine), so each computed view is kept until the store changes. A change is
noticed on every request by a cheap version check: ``PRAGMA data_version`` of one idle
watch connection (it moves whenever any other connection, in this process or another,
commits), the file's identity, and a counter this server bumps itself after a
judgement or an ingest.

**Warm-up, stale while revalidating.** With a ``warm`` function (the app gives
``views.warm``), one worker thread computes the views in the background: when the server
starts, after each change this server makes (``invalidate``), and after a change it
notices (a request's version check, or the worker's own check every ``poll_s``; such a
change is warmed once the version has stood still for ``QUIET_S``, so a build beside
the server is not warmed batch by batch). While it works, a request gets the previous
version's view when there is one (``served_stale()`` is then true for that request, and
the app marks the response with ``X-Storyline-Stale: 1``); a view that no earlier
version computed is computed at once, or waited for when the worker is computing it.
Every view of one version is computed once: computations are single-flight, and the
worker swaps the new version in only when its whole warm-up is done, so one request
does not mix the old entities with the new story (unless the store changed again
before a warm-up ended: then each view served meanwhile is the newest computed).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from storyline.store import Store, is_postgres, open_store

T = TypeVar("T")
log = logging.getLogger(__name__)

# A change the server did not make itself is warmed once the version has not moved for
# this long (a build commits batch after batch).
QUIET_S = 1.0
Version = tuple[Any, ...]

# Set per request by the app (``stale_watch``): one flag, raised when a view was stale.
_STALE: ContextVar[list[bool] | None] = ContextVar("storyline_stale", default=None)


@contextmanager
def stale_watch() -> Iterator[list[bool]]:
    """Around one request: ``flag[0]`` is true afterwards when any view it read was stale.

    The flag is a list so that the thread a sync endpoint runs in (which gets a copy of
    the context) raises the same flag the request's middleware reads.
    """
    flag = [False]
    token = _STALE.set(flag)
    try:
        yield flag
    finally:
        _STALE.reset(token)


def served_stale() -> bool:
    """Whether the current request has read a view of an earlier version."""
    flag = _STALE.get()
    return bool(flag and flag[0])


def _mark_stale() -> None:
    flag = _STALE.get()
    if flag is not None:
        flag[0] = True


class KnowledgeBase:
    """A knowledge base file with its cached views (thread-safe).

    ``warm(kb)`` computes the views worth having before anyone asks (through
    ``cached``); without it every view is computed by the first request that needs it
    and nothing stale is ever served. ``poll_s`` is how often the worker looks for a
    change made by another process (None: only when a request or ``invalidate`` says).
    """

    def __init__(
        self,
        db: str,
        *,
        warm: Callable[[KnowledgeBase], None] | None = None,
        poll_s: float | None = None,
    ) -> None:
        self.db = db
        self.path = db.removeprefix("sqlite:///")
        self._warm = warm
        self._poll_s = poll_s
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # ready moved, or work is wanted
        self._watch: sqlite3.Connection | None = None
        self._server_watch: Store | None = None  # PostgreSQL: one store kept for version()
        self._bumps = 0  # explicit invalidations by this server
        self._version: Version | None = None
        self._values: dict[str, Any] = {}  # views of ``_version``
        self._ready: Version | None = None  # the version whose warm-up is done
        self._stale: dict[str, Any] = {}  # the last warmed version's views, while warming
        self._computing: dict[str, threading.Lock] = {}
        self._worker: threading.Thread | None = None
        self._wanted = False  # the worker should look at the version
        self._urgent = False  # ... and warm it without waiting for quiet
        self._closed = False
        self._local = threading.local()
        # How often each view was computed (for the log, the tests and the benchmark).
        self.computations: Counter[str] = Counter()

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A store of its own for this request or job, closed afterwards.

        SQLite connections are not shared between threads; opening one costs well under
        a millisecond, far less than any view.
        """
        store = open_store(self.db)
        try:
            yield store
        finally:
            store.close()

    def read(self, view: Callable[[Store], T]) -> T:
        """``view(store)`` on a fresh store (not cached)."""
        with self.store() as store:
            return view(store)

    def version(self) -> Version:
        """What identifies the store's current content (changes when anything commits)."""
        if is_postgres(self.db):
            return self._server_version()
        with self._lock:
            watch = self._watch_connection()
            data_version = watch.execute("PRAGMA data_version").fetchone()[0]
            stat = os.stat(self.path)
            return (stat.st_dev, stat.st_ino, data_version, self._bumps)

    def _server_version(self) -> Version:
        """A database server's count of committed writes (see PostgresStore.changes)."""
        with self._lock:
            if self._server_watch is None:
                self._server_watch = open_store(self.db)
            changes = getattr(self._server_watch, "changes")  # noqa: B009 - PostgreSQL only
            return (0, 0, int(changes()), self._bumps)

    def _watch_connection(self) -> sqlite3.Connection:
        if self._watch is None:
            self.read(lambda store: None)  # creates and migrates a new file first
            self._watch = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        return self._watch

    # ------------------------------------------------------------------ changes

    def start(self) -> None:
        """Warm the views now, in the background (the app calls this when it starts)."""
        version = self.version()
        with self._lock:
            self._closed = False
            self._observe(version, urgent=True)

    def invalidate(self) -> None:
        """The server changed the store itself: warm the views of the new content now."""
        with self._lock:
            self._bumps += 1
        version = self.version()
        with self._lock:
            self._observe(version, urgent=True)

    def wait_fresh(self, timeout: float | None = None) -> bool:
        """Block until the views of the current content are warmed; False on timeout.

        A writer calls this after ``invalidate`` so that its client, and anyone after
        it, reads what it wrote. Without a warm-up it returns at once.
        """
        version = self.version()
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            self._observe(version, urgent=False)
            while self._warm is not None and not self._closed and self._ready != self._version:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._changed.wait(left)
            return True

    def _observe(self, version: Version, *, urgent: bool) -> None:
        """Under the lock: a new version empties the cache and asks for a warm-up."""
        if self._version != version:
            if self._ready == self._version:
                self._stale = self._values  # the last version whose views are complete
            else:  # changed again before its warm-up ended: keep the newest of each view
                self._stale = {**self._stale, **self._values}
            self._values = {}
            self._version = version
            self._wanted = True
        if self._warm is None or self._ready == self._version:
            return
        if urgent or not self._stale:  # nothing to serve meanwhile: no reason to wait
            self._urgent = self._wanted = True
        if self._wanted:
            self._start_worker()
            self._changed.notify_all()

    def _start_worker(self) -> None:
        if self._closed or (self._worker is not None and self._worker.is_alive()):
            return
        self._worker = threading.Thread(target=self._work, name="storyline-warm", daemon=True)
        self._worker.start()

    def _work(self) -> None:
        """The worker: wait for a change, let it settle, warm its views, swap them in."""
        self._local.warming = True
        while True:
            with self._lock:
                if not self._wanted and not self._closed:
                    self._changed.wait(self._poll_s)
                if self._closed:
                    return
                urgent = self._urgent
                self._wanted = self._urgent = False
            version = self.version()
            with self._lock:
                if self._ready == version == self._version:
                    continue  # a poll that found nothing new
            if not urgent and not self._settled():
                continue
            version = self.version()
            with self._lock:
                self._observe(version, urgent=True)
                if self._closed or self._ready == version:
                    continue
                self._wanted = self._urgent = False  # this pass is the warm-up asked for
            self._warm_once(version)

    def _settled(self) -> bool:
        """Wait until the version stands still for ``QUIET_S`` (False: closed, or urgent)."""
        last = self.version()
        while True:
            with self._lock:
                self._changed.wait(QUIET_S)
                if self._closed or self._urgent:
                    return not self._closed
            now = self.version()
            if now == last:
                return True
            last = now

    def _warm_once(self, version: Version) -> None:
        started = time.perf_counter()
        assert self._warm is not None
        try:
            self._warm(self)
        except Exception:  # the requests compute (and report) what the warm-up could not
            log.exception("warming the views of %s failed", self.path)
        with self._lock:
            if self._version == version:  # nothing committed meanwhile: swap it in
                self._ready = version
                self._stale = {}
                self._changed.notify_all()
        log.info("views of %s warmed in %.1f s", self.path, time.perf_counter() - started)

    # ------------------------------------------------------------------ views

    def cached(self, name: str, compute: Callable[[], T]) -> T:
        """The view ``name`` of the current content, computed at most once per version.

        While a warm-up is under way a request gets the previous version's view (and
        the request is marked stale); concurrent requests for a view being computed
        wait for it instead of computing it again.
        """
        version = self.version()
        with self._lock:
            self._observe(version, urgent=False)
            fresh = (
                self._warm is None or self._closed or self._ready == version or self._in_worker()
            )
            if not fresh and name in self._stale:
                value = self._stale[name]
                _mark_stale()
                return value  # type: ignore[no-any-return]
            if name in self._values:
                return self._values[name]  # type: ignore[no-any-return]
            gate = self._computing.setdefault(name, threading.Lock())
        with gate:
            with self._lock:
                if self._version == version and name in self._values:
                    return self._values[name]  # type: ignore[no-any-return]
            value = compute()
            with self._lock:
                self.computations[name] += 1
                if self._version == version:
                    self._values[name] = value
            return value

    def _in_worker(self) -> bool:
        return bool(getattr(self._local, "warming", False))

    def close(self) -> None:
        """Stop the worker (after its current view) and close the watch connection."""
        with self._lock:
            self._closed = True
            self._changed.notify_all()
            worker = self._worker
        if worker is not None and worker is not threading.current_thread():
            worker.join(timeout=1.0)
        with self._lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
            if self._server_watch is not None:
                self._server_watch.close()
                self._server_watch = None
