"""The analysis stage: statements with exact offsets, incremental, safe on odd input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.build import analyse_pending, build
from storyline.settings import Settings
from storyline.store import SQLiteStore

ARTICLE = """Ousted governor flees to Zalesia

**Jane Roe**
14 March 2019

Former governor Kubat Zhumaliyev left the country yesterday, officials said. Zhumaliyev's
brother Marat Zhumaliyev stayed in Ardan. The villa cost $1.6 million, according to
reports, and 38 people died in the protests last month.
"""


@pytest.fixture
def kb(tmp_path: Path) -> SQLiteStore:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(ARTICLE)
    store = SQLiteStore(tmp_path / "kb.db")
    report = build([str(tmp_path / "in")], store, Settings())
    assert report.analysed == 1
    return store


def test_every_statement_points_into_the_clean_text(kb: SQLiteStore) -> None:
    (doc,) = kb.documents()
    stmts = list(kb.statements(doc.id))
    assert {"sentence", "mention", "timex", "quantity"} <= {s.property for s in stmts}
    for stmt in stmts:
        assert 0 <= stmt.start < stmt.end <= len(doc.text)
        assert doc.text[stmt.start : stmt.end].strip()


def test_mentions_carry_schema_types(kb: SQLiteStore) -> None:
    (doc,) = kb.documents()
    found = {
        doc.text[s.start : s.end]: json.loads(s.value)["type"]
        for s in kb.statements(doc.id, prop="mention")
    }
    assert found.get("Marat Zhumaliyev") == "PERSON"
    assert all(kind in {"PERSON", "ORG", "GPE", "LOC", "EVENT", "OTHER"} for kind in found.values())


def test_relative_dates_resolve_against_the_publication_date(kb: SQLiteStore) -> None:
    (doc,) = kb.documents()
    assert doc.meta.published.value == "2019-03-14"
    values = {
        doc.text[s.start : s.end]: json.loads(s.value)["value"]
        for s in kb.statements(doc.id, prop="timex")
    }
    assert values["yesterday"] == "2019-03-13"
    assert values["last month"] == "2019-02"


def test_money_and_counts_are_normalised(kb: SQLiteStore) -> None:
    (doc,) = kb.documents()
    quantities = [json.loads(s.value) for s in kb.statements(doc.id, prop="quantity")]
    assert {"kind": "MONEY", "value": 1_600_000.0, "unit": "USD"}.items() <= quantities[0].items()
    assert any(q["unit"] == "people" and q["value"] == 38.0 for q in quantities)


def test_analysis_is_incremental(kb: SQLiteStore) -> None:
    assert analyse_pending(kb, Settings()) == 0
    before = sorted(s.id for s in kb.statements())
    assert analyse_pending(kb, Settings(spacy_batch_size=4)) == 0  # same pipeline versions
    assert sorted(s.id for s in kb.statements()) == before


def test_a_parse_is_kept_for_later_stages(kb: SQLiteStore) -> None:
    (doc,) = kb.documents()
    assert kb.parse_of(doc.id)


def test_other_languages_get_no_entities(tmp_path: Path) -> None:
    text = (
        "Der frühere Gouverneur hat das Land gestern verlassen, sagten die Behörden. "
        "Sein Bruder blieb in der Hauptstadt und schwieg zu den Vorwürfen. "
    ) * 5
    (tmp_path / "de.txt").write_text(text)
    store = SQLiteStore(tmp_path / "kb.db")
    build([str(tmp_path / "de.txt")], store, Settings())
    (doc,) = store.documents()
    assert doc.meta.language == "de"
    assert list(store.statements(doc.id, prop="mention")) == []
    assert store.analysis_notes(doc.id) == ["language 'de': not analysed"]


@pytest.mark.slow
def test_two_megabytes_without_sentence_breaks(tmp_path: Path) -> None:
    words = "the governor met officials in Ardan and said nothing about the villa "
    (tmp_path / "long.txt").write_text("A long text\n\n" + words * (2_000_000 // len(words)))
    store = SQLiteStore(tmp_path / "kb.db")
    report = build([str(tmp_path / "long.txt")], store, Settings())
    assert report.analysed == 1
    (doc,) = store.documents()
    mentions = list(store.statements(doc.id, prop="mention"))
    assert mentions and all(doc.text[m.start : m.end] for m in mentions)
    assert mentions[-1].start > 1_900_000  # the last piece was analysed too
