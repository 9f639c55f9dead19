"""Bulk reads pause the cyclic garbage collector and put it back as it was."""

from __future__ import annotations

import gc

from storyline.query.bulk import paused_gc


def test_the_collector_is_off_inside_and_back_on_after_the_last_pause() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause is still open
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
