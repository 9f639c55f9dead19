"""The writes the server makes besides ingests: judgements recorded and undone.

Each calls the library (``storyline.judge``) on a store of its own, then has the views
warmed again and waits for them, so its answer and every request after it show the
entities as they now are (requests meanwhile are answered from the views before).
"""

from __future__ import annotations

from typing import Any

from storyline.judge import judge, remove_judgement
from storyline.web.knowledge import KnowledgeBase
from storyline.web.views_index import judgement_row


def record_judgement(
    kb: KnowledgeBase, kind: str, a: str, b: str, *, author: str, note: str = ""
) -> dict[str, Any]:
    """Record a merge or split of references ``a`` and ``b`` and resolve again.

    Raises ``NotFoundError`` (404), ``AmbiguousReferenceError`` (400), or
    ``JudgementError`` / ``ContradictoryJudgementError`` (409).
    """
    try:
        report = kb.read(lambda store: judge(store, kind, a, b, author=author, note=note))
    finally:
        kb.invalidate()
    kb.wait_fresh()
    return {
        "ok": True,
        "judgement": judgement_row(report.judgement),
        "entities": report.resolved.entities,
    }


def undo_judgement(kb: KnowledgeBase, judgement_id: int) -> dict[str, Any]:
    """Forget judgement ``judgement_id`` (404 when unknown) and resolve again."""
    try:
        report = kb.read(lambda store: remove_judgement(store, judgement_id))
    finally:
        kb.invalidate()
    kb.wait_fresh()
    return {"ok": True, "judgement": None, "entities": report.entities}
