"""Bulk reads without the garbage collector's full passes over a heap that only grows.

The story views build hundreds of thousands of small dicts and tuples, none of them in
a reference cycle; the cyclic collector would walk the whole growing heap again and
again (40% of the views' time at 10k documents). ``paused_gc`` switches it off for the
duration of one view and back on afterwards; nested and concurrent uses are counted, so
the collector comes back only when the last one ends, and only if it was on before.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()
_state = {"depth": 0, "was_enabled": 0}  # open pauses; whether the collector was on


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (reference counting stays)."""
    with _LOCK:
        if _state["depth"] == 0:
            _state["was_enabled"] = int(gc.isenabled())
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["was_enabled"]:
                gc.enable()
