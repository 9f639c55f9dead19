"""The reference corpus: every spelling of its people is found as a person.

The spellings are those the analysis must find (the corpus mixes transliterations);
nothing in the code knows them. Skipped when ../shared is not beside the clone.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from storyline.build import build
from storyline.query.entities import entities
from storyline.settings import Settings
from storyline.store import SQLiteStore

SPELLINGS = [
    "Bakiyev", "Bakiev", "Kurmanbek", "Kurmanbek Bakiyev", "Kurmanbek Bakiev",
    "Lukashenka", "Lukashenko", "Otunbayeva", "Otunbaeva", "Roza Otunbayeva",
]  # fmt: skip
RELATIVES = ["Kurmanbek Bakiyev", "Janysh Bakiyev", "Zhanybek Bakiyev", "Akhmat Bakiyev",
             "Maxim Bakiyev", "Kurmanbek Bakiev", "Janysh Bakiev"]  # fmt: skip


@pytest.fixture(scope="module")
def store(bakiyev_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    built = SQLiteStore(tmp_path_factory.mktemp("kb") / "kb.db")
    build([str(bakiyev_dir)], built, Settings())
    return built


@pytest.fixture(scope="module")
def mentions(store: SQLiteStore) -> list[dict[str, str]]:
    out = []
    for doc in store.documents():
        for stmt in store.statements(doc.id, prop="mention"):
            value = json.loads(stmt.value)
            out.append({"doc": doc.id, "text": doc.text[stmt.start : stmt.end]} | value)
    return out


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_each_spelling_is_found_as_a_person(mentions: list[dict[str, str]], spelling: str) -> None:
    types = {m["type"] for m in mentions if " ".join(m["text"].split()) == spelling}
    assert types == {"PERSON"}


def test_relatives_never_share_a_cluster(mentions: list[dict[str, str]]) -> None:
    clusters: dict[tuple[str, object], set[str]] = defaultdict(set)
    for m in mentions:
        name = " ".join(m["text"].split())
        if name in RELATIVES:
            clusters[(m["doc"], m["cluster"])].add(name)
    assert clusters
    assert all(len(names) == 1 for names in clusters.values()), clusters


def alias_sets(store: SQLiteStore) -> list[set[str]]:
    found = [e for e in entities(store) if e.type == "PERSON"]
    return [{" ".join(a.text.split()) for a in e.aliases} for e in found]


@pytest.mark.parametrize("stem", ["lukashenk", "otunba", "kurmanbek bakie"])
def test_every_spelling_of_a_person_ends_in_one_entity(store: SQLiteStore, stem: str) -> None:
    holding = [s for s in alias_sets(store) if any(stem in a.casefold() for a in s)]
    assert len(holding) == 1, holding


def test_no_two_bakiyevs_share_an_entity(store: SQLiteStore) -> None:
    given = {"kurmanbek", "janysh", "akhmat", "maxim"}
    for aliases in alias_sets(store):
        full = {a.split()[0].casefold() for a in aliases if len(a.split()) > 1}
        assert len(full & given) <= 1, aliases
