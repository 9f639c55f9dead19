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
from storyline.settings import Settings
from storyline.store import SQLiteStore

SPELLINGS = [
    "Bakiyev", "Bakiev", "Kurmanbek", "Kurmanbek Bakiyev", "Kurmanbek Bakiev",
    "Lukashenka", "Lukashenko", "Otunbayeva", "Roza Otunbayeva",
]  # fmt: skip
RELATIVES = ["Kurmanbek Bakiyev", "Janysh Bakiyev", "Zhanybek Bakiyev", "Akhmat Bakiyev",
             "Maxim Bakiyev", "Kurmanbek Bakiev", "Janysh Bakiev"]  # fmt: skip


@pytest.fixture(scope="module")
def mentions(bakiyev_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    store = SQLiteStore(tmp_path_factory.mktemp("kb") / "kb.db")
    build([str(bakiyev_dir)], store, Settings())
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
