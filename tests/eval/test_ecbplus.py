"""The ECB+ entity scorer: reading, gold chains, baselines, the resolver hybrid, one real run."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pytest
from spacy.language import Language

from storyline.eval import SCORERS, ecbplus
from storyline.eval.ecbplus import (
    Mention,
    add_heads,
    baseline_exact,
    baseline_lemma,
    clean_name,
    gold_partition,
    hybrid,
    name_mention,
    ours,
    read_corpus,
    read_ecbplus,
    score_docs,
)
from storyline.nlp.spacy_model import load_model
from storyline.resolve.model import NameMention
from storyline.settings import Settings

WORDS = {
    0: "http://example.invalid/story",
    1: "Mayor Ana Lopez opened the bridge in Rivertown on Monday .",
    2: "She thanked the builders .",
    3: "The council praised Lopez .",
}


def _xml(name: str, extra_relations: str = "") -> str:
    """An invented ECB+-style document: four sentences, entity/time/action markables."""
    tokens, t_id = [], 0
    for sentence, text in WORDS.items():
        for number, word in enumerate(text.split()):
            t_id += 1
            tokens.append(
                f'<token t_id="{t_id}" sentence="{sentence}" number="{number}">{word}</token>'
            )
    # sentence 1 starts at t_id 2: Mayor=2 Ana=3 Lopez=4 opened=5 the=6 bridge=7 in=8
    # Rivertown=9 on=10 Monday=11; sentence 2: She=13 ... builders=16; sentence 3: Lopez=21
    return f"""<Document doc_name="{name}.xml" doc_id="X1">
{"".join(tokens)}
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="2"/><token_anchor t_id="3"/><token_anchor t_id="4"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="5"/></ACTION_OCCURRENCE>
<NON_HUMAN_PART m_id="3"><token_anchor t_id="6"/><token_anchor t_id="7"/></NON_HUMAN_PART>
<LOC_GEO m_id="4"><token_anchor t_id="9"/></LOC_GEO>
<TIME_DATE m_id="5"><token_anchor t_id="11"/></TIME_DATE>
<HUMAN_PART_PER m_id="6"><token_anchor t_id="13"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="7"><token_anchor t_id="16"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="8"><token_anchor t_id="21"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="20" RELATED_TO="" TAG_DESCRIPTOR="t9_mayor" instance_id="HUM1" />
<UNKNOWN_INSTANCE_TAG m_id="21" RELATED_TO="" TAG_DESCRIPTOR="" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="100" note="HUM1"><source m_id="1"/><source m_id="6"/><source m_id="8"/><target m_id="20"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="101" note="TIM1"><source m_id="5"/><target m_id="20"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="102"><source m_id="3"/><target m_id="21"/></INTRA_DOC_COREF>
{extra_relations}
</Relations>
</Document>"""  # noqa: E501


def test_reader_keeps_entity_mentions_in_listed_sentences() -> None:
    doc = read_ecbplus(_xml("9_1ecb"), selected={1, 2})
    assert (doc.name, doc.topic) == ("9_1ecb", 9)
    texts = [(m.tag, m.text) for m in doc.mentions]
    assert texts == [
        ("HUMAN_PART_PER", "Mayor Ana Lopez"),
        ("NON_HUMAN_PART", "the bridge"),
        ("LOC_GEO", "Rivertown"),
        ("HUMAN_PART_PER", "She"),
        ("HUMAN_PART_PER", "builders"),
    ]  # no action, no time, nothing from sentence 3
    first = doc.mentions[0]
    assert (first.id, first.sentence, first.tokens) == ("9_1ecb/1", 1, (0, 1, 2))
    assert first.words[first.tokens[-1]] == "Lopez"


def test_gold_chains_cross_doc_intra_doc_and_singletons() -> None:
    doc = read_ecbplus(_xml("9_1ecb"))
    chain = {m.text: m.chain for m in doc.mentions}
    assert chain["Mayor Ana Lopez"] == chain["She"] == chain["Lopez"] == "HUM1"
    assert chain["the bridge"] == "9_1ecb/intra/102"
    assert chain["Rivertown"] == "9_1ecb/4"
    assert sorted(map(len, gold_partition(doc.mentions))) == [1, 1, 1, 3]


def test_read_corpus_uses_the_sentence_list_and_topics(tmp_path: Path) -> None:
    for topic, name in ((36, "36_1ecb"), (36, "36_2ecbplus"), (37, "37_1ecb"), (1, "1_1ecb")):
        folder = tmp_path / "ECB+" / str(topic)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.xml").write_text(_xml(name), encoding="utf-8")
    rows = ["Topic,File,Sentence Number", "36,1ecb,1", "37,1ecb,2", "37,1ecb,3", "1,1ecb,1"]
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text("\n".join(rows) + "\n")
    docs = read_corpus(tmp_path, topics=(36, 37))
    assert [d.name for d in docs] == ["36_1ecb", "37_1ecb"]  # 36_2ecbplus has no listed sentence
    assert [m.text for m in docs[1].mentions] == ["She", "builders", "Lopez"]
    mentions = [m for d in docs for m in d.mentions]
    # "HUM1" is one instance id: it joins mentions of both documents
    assert {len(c) for c in gold_partition(mentions)} == {1, 3}


def _mention(index: int, text: str, *, topic: int = 1, head: str = "", proper: bool = False,
             tag: str = "HUMAN_PART_PER") -> Mention:  # fmt: skip
    words = tuple(f"w{index} {text}".split())
    tokens = tuple(range(1, len(words)))
    return Mention(f"d{topic}/{index}", f"{topic}_1ecb", topic, tag, 1, tokens, words,
                   chain=f"c{index}", head=head or words[-1].lower(), proper=proper)  # fmt: skip


def test_baselines_cluster_within_a_topic() -> None:
    mentions = [
        _mention(0, "The Mayor"),
        _mention(1, "the mayor"),
        _mention(2, "the mayor", topic=2),
        _mention(3, "mayors", head="mayor"),
    ]
    assert sorted(map(sorted, baseline_exact(mentions))) == [[0, 1], [2], [3]]
    assert sorted(map(sorted, baseline_lemma(mentions))) == [[0, 1, 3], [2]]


def test_hybrid_sends_names_to_the_resolver_per_topic() -> None:
    mentions = [
        _mention(0, "the Acme Corp 's", proper=True, tag="HUMAN_PART_ORG"),
        _mention(1, "Acme", proper=True, tag="HUMAN_PART_ORG"),
        _mention(2, "Acme", topic=2, proper=True, tag="HUMAN_PART_ORG"),
        _mention(3, "the company", head="company"),
        _mention(4, "a company", head="company"),
        _mention(5, "Springfield", proper=True, tag="LOC_GEO"),
    ]
    calls: list[list[NameMention]] = []

    def resolver(names: Sequence[NameMention]) -> list[list[int]]:
        calls.append(list(names))
        return [[0, 1]] if len(names) == 3 else []  # topic 1: first two together, 3rd left out

    clusters = sorted(map(sorted, hybrid(mentions, resolver)))
    assert clusters == [[0, 1], [2], [3, 4], [5]]
    assert [len(call) for call in calls] == [3, 1]
    first = calls[0][0]
    assert (first.id, first.doc, first.type) == ("d1/0", "1_1ecb", "ORG")
    assert (first.text, first.name) == ("the Acme Corp 's", "Acme Corp")
    assert dict(first.attrs)["sentence"][first.start : first.end] == first.text
    assert calls[0][2].type == "GPE"


def test_ours_falls_back_to_head_lemma(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ecbplus, "find_resolver", lambda: (None, "absent"))
    mentions = [_mention(0, "Acme", proper=True), _mention(1, "ACME", proper=True)]
    assert ours(mentions) == baseline_lemma(mentions) == [[0, 1]]


def test_name_mention_offsets_follow_the_sentence_text() -> None:
    mention = dataclasses.replace(_mention(0, "x"), words=("In", "New", "York", "."), tokens=(1, 2))
    named = name_mention(mention)
    assert (named.start, named.end, named.text) == (3, 11, "New York")
    assert clean_name(dataclasses.replace(mention, tokens=(0,))) == "In"


def test_heads_come_from_the_parse() -> None:
    doc = read_ecbplus(_xml("9_1ecb"), selected={1, 2})
    heads = {m.text: (m.head, m.proper) for m in add_heads(doc.mentions, _nlp())}
    assert heads["the bridge"] == ("bridge", False)
    assert heads["Mayor Ana Lopez"] == ("lopez", True)
    assert heads["builders"] == ("builder", False)


def _nlp() -> Language:
    return load_model(Settings().spacy_model)


def test_scorer_is_registered() -> None:
    assert SCORERS["ecbplus-entities"] == "storyline.eval.ecbplus:score"


@pytest.mark.shared
@pytest.mark.slow
def test_real_test_topics(shared_dir: Path) -> None:
    root = shared_dir / "datasets" / "ecbplus"
    if not (root / "ECB+").is_dir():
        pytest.skip("ECB+ is not in ../shared/datasets")
    docs = read_corpus(root)
    assert len(docs) == 206 and {d.topic for d in docs} == set(range(36, 46))
    mentions = [m for d in docs for m in d.mentions]
    assert not any(m.tag.startswith(("TIME", "ACTION", "NEG")) for m in mentions)
    result = score_docs(docs, _nlp())
    assert result["mentions"] == len(mentions) and result["topics"] == 10
    for figures in (result, result["baseline_exact"], result["baseline_lemma"]):
        assert 0.3 < figures["conll_f1"] < 1.0
        mean = (figures["muc_f1"] + figures["b3_f1"] + figures["ceafe_f1"]) / 3
        assert figures["conll_f1"] == pytest.approx(mean, abs=1e-3)


def test_hybrid_joins_a_common_noun_cluster_to_one_name_entity() -> None:
    mentions = [
        _mention(0, "Wasilla Bible Church", head="church", proper=True, tag="LOC_FAC"),
        _mention(1, "the church", head="church", tag="LOC_FAC"),
        _mention(2, "the church", head="church", tag="LOC_FAC", topic=2),
        _mention(3, "First Church", head="church", proper=True, tag="LOC_FAC"),
        _mention(4, "Wasilla Bible Church", head="church", proper=True, tag="LOC_FAC"),
    ]

    def resolver(names: Sequence[NameMention]) -> list[list[int]]:
        return [[0, 2], [1]]  # topic 1: the two Wasilla mentions, then First Church

    clusters = sorted(map(sorted, hybrid(mentions, resolver)))
    assert clusters == [[0, 1, 4], [2], [3]]


def test_heads_skip_prepositions_and_names_skip_what_precedes_them() -> None:
    words = ("The", "ship", "sailed", "in", "the", "Gulf", "of", "Aden", "near", "Yemen", ".")
    base = dataclasses.replace(_mention(0, "x"), words=words, tokens=(3, 4, 5, 6, 7))
    (mention,) = add_heads([base], _nlp())
    assert mention.head == "gulf" and mention.proper
    assert clean_name(mention) == "Gulf of Aden"
    assert name_mention(mention).text == "in the Gulf of Aden"


def test_a_name_keeps_a_number_after_it() -> None:
    words = ("He", "installed", "Internet", "Explorer", "8", "yesterday", ".")
    base = dataclasses.replace(_mention(0, "x"), words=words, tokens=(2, 3, 4))
    (mention,) = add_heads([base], _nlp())
    assert clean_name(mention) == "Internet Explorer 8"


def test_splits_are_the_standard_topics() -> None:
    train, dev, test = (set(ecbplus.SPLITS[s]) for s in ("train", "dev", "test"))
    assert len(train) == 25 and len(dev) == 8 and len(test) == 10
    assert not (train & dev or train & test or dev & test)
    assert train | dev | test == set(range(1, 46)) - {15, 17}
    with pytest.raises(ValueError, match="unknown ECB"):
        ecbplus.score(None, split="valid")


def test_cli_passes_the_split_only_to_scorers_that_have_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyline.eval.__main__ import main

    seen: dict[str, object] = {}

    def fake_score(data: Path | None, split: str = "test") -> dict[str, object]:
        seen.update(data=data, split=split)
        return {"split": split}

    monkeypatch.setattr(ecbplus, "score", fake_score)
    assert main(["ecbplus-entities", "--split", "dev", "--json"]) == 0
    assert seen == {"data": None, "split": "dev"}
    assert main(["ecbplus-entities", "--json"]) == 0 and seen["split"] == "test"
    capsys.readouterr()
    assert main(["tempeval3", "--split", "dev"]) == 2
    assert "has no splits" in capsys.readouterr().err
