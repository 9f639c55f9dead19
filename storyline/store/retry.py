"""Writes that survive a dropped database connection: the batch is rolled back and redone.

A transaction lost with its connection wrote nothing (the server rolls it back), so
running the same batch again on a new connection neither loses nor duplicates rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from storyline.errors import ConnectionLostError
from storyline.store.base import Store

T = TypeVar("T")
# Tries of one batch before the error reaches the user (a server that keeps dropping
# connections is down, not blinking).
ATTEMPTS = 3


def write_batch(
    store: Store,
    write: Callable[[], T],
    *,
    attempts: int = ATTEMPTS,
    on_retry: Callable[[ConnectionLostError], None] | None = None,
) -> T:
    """``write()`` inside one transaction, redone from scratch if the connection dropped.

    ``write`` must be safe to run again: it may only depend on what it is given, not
    on rows an earlier, lost attempt would have written.
    """
    for attempt in range(1, attempts + 1):
        try:
            with store.transaction():
                return write()
        except ConnectionLostError as exc:
            if attempt == attempts:
                raise
            if on_retry:
                on_retry(exc)
    raise AssertionError("unreachable")  # pragma: no cover
