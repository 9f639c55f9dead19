"""The extracted story across documents: events, relations, quotes, claims, conflicts.

Each view reads the statements of the extraction stage and maps every entity mention
to its canonical entity, so a merge or split judgement changes them at once.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from storyline.query.bulk import paused_gc
from storyline.query.claims import claim_groups, group_row
from storyline.query.corpus import Corpus, load_corpus
from storyline.query.entities import lookup
from storyline.query.timeline import date_conflicts, events, within
from storyline.store.base import Store

EXTRACTED = ("event", "quote", "claim", "relation")


def story_corpus(store: Store, props: tuple[str, ...] = EXTRACTED) -> Corpus:
    """The documents and the extracted statements of ``props`` (all four by default)."""
    return load_corpus(store, props)


def quotes(corpus: Corpus) -> list[dict[str, Any]]:
    out = []
    for stmt, value in corpus.of("quote"):
        speaker = value.get("speaker")
        out.append(
            {
                "id": stmt.id,
                "speaker": corpus.entity(speaker["mention"]) if speaker else None,
                "speaker_name": speaker["text"] if speaker else None,
                "speaker_text": value.get("speaker_text") or "",
                "speaker_start": value.get("speaker_start"),
                "speaker_end": value.get("speaker_end"),
                "via": value.get("via"),
                "kind": value.get("kind"),
                "cue": value.get("cue"),
                **corpus.cite(stmt.doc, stmt.start, stmt.end),
            }
        )
    return out


def relations(corpus: Corpus) -> list[dict[str, Any]]:
    """One entry per (subject, predicate, object) of entities, with every mention."""
    merged: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for stmt, value in corpus.of("relation"):
        key = (
            corpus.entity(value["subject"]["mention"]),
            value["predicate"],
            corpus.entity(value["object"]["mention"]),
        )
        if key[0] != key[2]:
            merged[key].append(corpus.cite(stmt.doc, stmt.start, stmt.end))
    return [
        {"subject": s, "predicate": p, "object": o, "mentions": mentions}
        for (s, p, o), mentions in sorted(merged.items())
    ]


def story(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The export contract's extracted lists, plus ``agreements`` (claims that agree)."""
    with paused_gc():
        corpus = story_corpus(store)
        found_events = events(corpus)
        groups, rows = claim_groups(corpus)
        conflicts = [group_row(g, rows) for g in groups if not g.agree]
        return {
            "events": found_events,
            "relations": relations(corpus),
            "quotes": quotes(corpus),
            "claims": list(rows.values()),  # every claim's row, in statement order
            "conflicts": conflicts + date_conflicts(found_events),
            "agreements": [group_row(g, rows) for g in groups if g.agree],
        }


def timeline(
    store: Store,
    entity: str | None = None,
    start: str | None = None,
    end: str | None = None,
    outlet: str | None = None,
) -> list[dict[str, Any]]:
    """Events in date order, filtered: ``entity`` is an id, name or alias (E404/E502)."""
    wanted = lookup(store, entity).id if entity else None
    with paused_gc():
        found = events(story_corpus(store, ("event",)))
    return [e for e in found if within(e, wanted, start, end, outlet)]


def conflicts(store: Store) -> list[dict[str, Any]]:
    """Every disagreement: claims whose values cannot all hold, events with two dates."""
    with paused_gc():
        corpus = story_corpus(store, ("event", "claim"))
        groups, rows = claim_groups(corpus)
        claimed = [group_row(g, rows) for g in groups if not g.agree]
        return claimed + date_conflicts(events(corpus))
