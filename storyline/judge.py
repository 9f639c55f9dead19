"""Human judgements on entities: record a merge or a split, then resolve again at once.

Only the judged entities are resolved again (``resolve_store`` with ``touch``), so a
judgement is applied in moments however large the corpus.

``merge A B`` records that every document cluster of A and of B is one entity;
``split A B`` that none of A's is ever one entity with one of B's. A and B are
entity ids, names or aliases (see ``storyline.query.entities``). For a split of
two names that resolution wrongly put in one entity, each side is the clusters
known by that name; otherwise a side is all of its entity's clusters.
"""

from __future__ import annotations

import dataclasses
import getpass
from datetime import UTC, datetime

from storyline.errors import JudgementError
from storyline.nlp import names
from storyline.query.entities import lookup
from storyline.resolve.entities import Entity
from storyline.resolve.judgements import MERGE, SPLIT, Judgement, check_consistent
from storyline.resolve.stage import ResolveReport, resolve_store
from storyline.store.base import Store


@dataclasses.dataclass(frozen=True)
class JudgementReport:
    judgement: Judgement
    resolved: ResolveReport


def judge(
    store: Store,
    kind: str,
    a: str,
    b: str,
    *,
    author: str | None = None,
    note: str = "",
    within: str | None = None,
) -> JudgementReport:
    """Record ``kind`` (merge or split) between references ``a`` and ``b``, apply it.

    ``within``: the entity the judgement is made on (a profile page's form); a name
    that is one of its aliases means it, though other entities share that name ("Smith"
    on Anna Smith's page).
    """
    if kind not in (MERGE, SPLIT):
        raise JudgementError(f"unknown judgement {kind!r}", hint="merge or split")
    scope = lookup(store, within) if within else None
    first, second = _entity(store, a, scope), _entity(store, b, scope)
    left, right = _sides(kind, first, second, a, b)
    created = datetime.now(UTC).isoformat(timespec="seconds")
    who = author or getpass.getuser()
    proposed = Judgement(0, kind, tuple(left), tuple(right), who, created, note)
    check_consistent([*store.judgements(), proposed])
    with store.transaction():
        judgement = store.add_judgement(kind, left, right, who, created, note)
    return JudgementReport(judgement, resolve_store(store, touch=[*left, *right]))


def _sides(kind: str, first: Entity, second: Entity, a: str, b: str) -> tuple[list[str], list[str]]:
    if first.id != second.id:
        return _keys(first), _keys(second)
    if kind == MERGE:
        raise JudgementError(f"{a!r} and {b!r} are already one entity ({first.id})")
    left, right = _named(first, a), _named(first, b)
    if not left or not right or set(left) & set(right):
        raise JudgementError(
            f"{a!r} and {b!r} are one entity ({first.id}) and cannot be told apart by name",
            hint="name two different aliases of it, as `storyline entity` lists them",
        )
    return left, right


def _entity(store: Store, reference: str, scope: Entity | None) -> Entity:
    """The entity ``reference`` names: ``scope`` when it is one of its names."""
    if scope is not None and (reference == scope.id or _named(scope, reference)):
        return scope
    return lookup(store, reference)


def _keys(entity: Entity) -> list[str]:
    return sorted(item.key for item in entity.items)


def _named(entity: Entity, reference: str) -> list[str]:
    """The entity's clusters known by ``reference`` (fullest name or any mention)."""
    wanted = names.fold(reference)
    return sorted(
        item.key
        for item in entity.items
        if names.fold(item.name) == wanted
        or any(names.fold(m.name) == wanted for m in item.mentions)
    )


def remove_judgement(store: Store, judgement_id: int) -> ResolveReport:
    """Forget a judgement and resolve its entities again."""
    found = [j for j in store.judgements() if j.id == judgement_id]
    with store.transaction():
        store.remove_judgement(judgement_id)
    touch = [key for j in found for key in (*j.left, *j.right)]
    return resolve_store(store, touch=touch)
