"""The ECB+ event scorer: reading gold event mentions, documents as contexts, systems."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from spacy.language import Language

from storyline.eval import SCORERS, ecbplus_events
from storyline.eval.ecbplus_events import (
    Scored,
    baseline_lemma,
    build_items,
    figures,
    gold_partition,
    without_roles,
)
from storyline.eval.ecbplus_events_docs import (
    date_line,
    doc_context,
    read_event_corpus,
    read_event_doc,
    spaces_of,
)
from storyline.nlp.spacy_model import load_model
from storyline.resolve.events import EventItem
from storyline.settings import Settings

# Invented documents in the ECB+ shape: two outlets on one quake, one on another.
SENTENCES = {
    "a": {
        0: "http : / / example.invalid / quake",
        1: "Posted on March 3 , 2011",
        2: "A strong earthquake hit Rivertown on Monday , killing 12 people .",
        3: "Mayor Ana Lopez said the quake destroyed the old bridge .",
    },
    "b": {
        1: "March 4 , 2011",
        2: "The Rivertown earthquake killed a dozen people , officials said .",
        3: "Lopez visited the bridge .",
    },
    "c": {
        1: "June 9 , 2013",
        2: "An earthquake struck Hillvale on Sunday , police said .",
    },
}
OCC, REP, PER = "ACTION_OCCURRENCE", "ACTION_REPORTING", "HUMAN_PART_PER"
# (sentence, word, tag, chain) of each event mention; entities as (sentence, words, tag)
EVENTS = {
    "a": [(2, "earthquake", OCC, "QUAKE1"), (2, "hit", OCC, "QUAKE1"),
          (2, "killing", OCC, "DEATH1"), (3, "said", REP, ""), (3, "destroyed", OCC, "")],
    "b": [(2, "earthquake", OCC, "QUAKE1"), (2, "killed", OCC, "DEATH1"), (2, "said", REP, ""),
          (3, "visited", OCC, "")],
    "c": [(2, "earthquake", OCC, "QUAKE2"), (2, "struck", OCC, "QUAKE2"),
          (2, "said", "NEG_" + REP, "")],
}  # fmt: skip
ENTITIES = {
    "a": [(2, "Rivertown", "LOC_GEO"), (3, "Ana Lopez", PER), (3, "bridge", "NON_HUMAN_PART")],
    "b": [(2, "Rivertown", "LOC_GEO"), (2, "people", PER), (3, "Lopez", PER)],
    "c": [(2, "Hillvale", "LOC_GEO"), (2, "police", "HUMAN_PART_ORG")],
}  # fmt: skip


def _xml(name: str, key: str) -> str:
    """An invented ECB+ document with token ids, markables and coreference relations."""
    tokens, ids, t_id = [], {}, 0
    for sentence, text in SENTENCES[key].items():
        for number, word in enumerate(text.split()):
            t_id += 1
            ids.setdefault((sentence, word), t_id)
            tokens.append(
                f'<token t_id="{t_id}" sentence="{sentence}" number="{number}">{word}</token>'
            )
    markables, relations, m_id = [], [], 0
    for sentence, word, tag, chain in EVENTS[key]:
        m_id += 1
        markables.append(
            f'<{tag} m_id="{m_id}"><token_anchor t_id="{ids[(sentence, word)]}"/></{tag}>'
        )
        if chain:
            source = f'<source m_id="{m_id}"/>'
            relations.append(
                f'<CROSS_DOC_COREF r_id="{m_id}" note="{chain}">{source}</CROSS_DOC_COREF>'
            )
    for sentence, words, tag in ENTITIES[key]:
        m_id += 1
        first = ids[(sentence, words.split()[0])]
        anchors = "".join(f'<token_anchor t_id="{first + i}"/>' for i in range(len(words.split())))
        markables.append(f'<{tag} m_id="{m_id}">{anchors}</{tag}>')
    return (
        f'<Document doc_name="{name}.xml" doc_id="X">{"".join(tokens)}'
        f"<Markables>{''.join(markables)}</Markables><Relations>{''.join(relations)}</Relations></Document>"
    )  # fmt: skip


NAMES = {"a": "36_1ecb", "b": "36_2ecb", "c": "36_1ecbplus"}


@functools.cache
def _nlp() -> Language:
    return load_model(Settings().spacy_model)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "ECB+" / "36").mkdir(parents=True)
    rows = ["Topic,File,Sentence Number"]
    for key, name in NAMES.items():
        (tmp_path / "ECB+" / "36" / f"{name}.xml").write_text(_xml(name, key), encoding="utf-8")
        rows += [f"36,{name.split('_')[1]},{s}" for s in (2, 3) if s in SENTENCES[key]]
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text("\n".join(rows) + "\n")
    return tmp_path


def test_reader_keeps_event_mentions_of_listed_sentences() -> None:
    doc = read_event_doc(_xml("36_1ecb", "a"), selected={2})
    assert (doc.name, doc.topic) == ("36_1ecb", 36)
    assert [(a.tag, doc.words[a.sentence][a.tokens[0]]) for a in doc.actions] == [
        ("ACTION_OCCURRENCE", "earthquake"),
        ("ACTION_OCCURRENCE", "hit"),
        ("ACTION_OCCURRENCE", "killing"),
    ]
    assert [a.chain for a in doc.actions] == ["QUAKE1", "QUAKE1", "DEATH1"]
    assert [m.text for m in doc.entities] == ["Rivertown"]
    assert 0 in doc.words and 3 in doc.words  # every sentence is kept for the context
    unlinked = read_event_doc(_xml("36_1ecb", "a"))
    assert unlinked.actions[3].chain == "36_1ecb/4"  # no relation: a singleton


def test_newspaper_spacing_and_the_date_line() -> None:
    words = ["Posted", "on", "March", "3", ",", "2011", "at", "5", ":", "46", "(", "GMT", ")"]
    text = "".join(w + (" " if s else "") for w, s in zip(words, spaces_of(words), strict=True))
    assert text == "Posted on March 3, 2011 at 5:46 (GMT)"
    assert date_line(text).value == "2011-03-03"
    assert date_line("A strong earthquake hit on Monday").value is None


def test_document_context_offsets_dates_and_mentions(corpus: Path) -> None:
    (doc, *_) = read_event_corpus(corpus, (36,))
    ctx, pieces = doc_context(doc, _nlp(), {m.id: "entity:1" for m in doc.entities})
    assert not ctx.text.startswith("http")
    assert ctx.doc.meta.published.value == "2011-03-03"
    for row in ctx.mentions:
        assert ctx.text[row.ref.start : row.ref.end] == row.ref.text
    piece, base = pieces[2]
    assert ctx.text[base : base + len(piece.text)] == piece.text
    monday = [t for t in ctx.timexes if t.text == "Monday"]
    assert monday and monday[0].value.startswith("2011-02-28")


def test_items_carry_types_participants_dates_and_context(corpus: Path) -> None:
    scored = build_items(read_event_corpus(corpus, (36,)), _nlp())
    assert len(scored) == 12 and {s.topic for s in scored} == {36}
    by_word = {(s.item.doc, s.lemma): s.item for s in scored}
    quake = by_word[("36_1ecb", "earthquake")]
    assert quake.type == "disaster"  # the schema knows the lemma
    assert by_word[("36_1ecb", "say")].type == "lemma:say"
    assert quake.participants and quake.date and quake.context
    assert by_word[("36_1ecbplus", "say")].negated  # NEG_ACTION_*
    assert all(not (s.item.agents or s.item.places) for s in without_roles(scored))


def test_systems_cluster_within_a_topic_and_the_baseline_by_lemma() -> None:
    def scored(key: str, topic: int, lemma: str, chain: str) -> Scored:
        item = EventItem(key, f"{topic}_1ecb", f"lemma:{lemma}", lemma)
        return Scored(key, topic, chain, lemma, item)

    items = [scored("a", 1, "hit", "x"), scored("b", 1, "hit", "x"), scored("c", 2, "hit", "y")]
    assert sorted(map(sorted, baseline_lemma(items))) == [[0, 1], [2]]
    assert sorted(map(sorted, gold_partition(items))) == [[0, 1], [2]]
    result = figures(items)
    assert result["conll_f1"] == pytest.approx(1.0)
    assert set(result["baseline_lemma"]) >= {"muc_f1", "b3_f1", "ceafe_f1", "conll_f1"}
    assert result["mentions"] == 3 and result["events"] == 2


def test_scorer_is_registered_with_splits() -> None:
    assert SCORERS["ecbplus-events"] == "storyline.eval.ecbplus_events:score"
    with pytest.raises(ValueError, match="unknown ECB"):
        ecbplus_events.score(None, split="valid")


def test_a_small_corpus_end_to_end(corpus: Path) -> None:
    result = figures(build_items(read_event_corpus(corpus, (36,)), _nlp()))
    for key in ("muc_f1", "b3_f1", "ceafe_f1", "conll_f1"):
        assert 0.0 <= result[key] <= 1.0 and 0.0 <= result["baseline_lemma"][key] <= 1.0
    # the two quakes of one topic are told apart; the lemma baseline joins them
    assert result["b3_p"] > result["baseline_lemma"]["b3_p"]
