"""The MEANTIME named-entity scorer: gold spans, scored extent, matching, figures, runs."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from storyline.eval import SCORERS
from storyline.eval.meantime import (
    DEV,
    TEST,
    Counts,
    Span,
    compare,
    evaluate,
    figures,
    gold_spans,
    instance_classes,
    lenient_pairs,
    name_extent,
    read_samples,
    score,
    score_samples,
    scored_end,
    system_spans,
    to_sample,
)
from storyline.eval.naf import CatDoc, read_cat
from storyline.nlp.mentions import Mention
from storyline.settings import Settings

# An invented article: headline (0), date line (1), two annotated body sentences
# (2, 3) and one more (4) that only the cross-document pass touched.
SENTENCES = [
    "Nordlake Mining opens new mine in Velmar",
    "May 3 , 2011",
    "Chief executive Tomas Brandt said the company ( NLM ) would spend $ 40 million .",
    "\" It 's a good day , \" Brandt told reporters in Velmar 's capital .",
    "Brandt did n't comment further .",
]
# t_ids from 1: Nordlake=1 Mining=2 Velmar=7 | Chief=12 executive=13 Tomas=14 Brandt=15
# said=16 the=17 company=18 NLM=20 $=24 40=25 million=26 | Brandt=36 reporters=38
# Velmar=40 capital=42 .=43 | Brandt=44
MARKABLES = """
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="7"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NAM"><token_anchor t_id="12"/><token_anchor t_id="13"/><token_anchor t_id="14"/><token_anchor t_id="15"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NOM"><token_anchor t_id="17"/><token_anchor t_id="18"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="5" syntactic_type="NAM"><token_anchor t_id="20"/></ENTITY_MENTION>
<EVENT_MENTION m_id="6" pred="say"><token_anchor t_id="16"/></EVENT_MENTION>
<ENTITY_MENTION m_id="7" syntactic_type="NAM"><token_anchor t_id="36"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="8" syntactic_type="NAM"><token_anchor t_id="40"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="9"><token_anchor t_id="44"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="10" syntactic_type="NAM"><token_anchor t_id="24"/><token_anchor t_id="25"/><token_anchor t_id="26"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="11" syntactic_type="NAM"><token_anchor t_id="38"/></ENTITY_MENTION>
<ENTITY m_id="20" ent_type="ORG" TAG_DESCRIPTOR="Nordlake Mining"/>
<ENTITY m_id="21" ent_type="PER" TAG_DESCRIPTOR="Tomas Brandt"/>
<ENTITY m_id="22" ent_type="LOC" TAG_DESCRIPTOR="Velmar"/>
<ENTITY m_id="23" ent_type="FIN" TAG_DESCRIPTOR="forty million dollars"/>
"""  # noqa: E501
RELATIONS = """
<HAS_PARTICIPANT r_id="100" sem_role="Arg0"><source m_id="6"/><target m_id="3"/></HAS_PARTICIPANT>
<REFERS_TO r_id="101"><source m_id="1"/><source m_id="4"/><source m_id="5"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="102"><source m_id="3"/><source m_id="7"/><source m_id="9"/><target m_id="21"/></REFERS_TO>
<REFERS_TO r_id="103"><source m_id="2"/><source m_id="8"/><target m_id="22"/></REFERS_TO>
<REFERS_TO r_id="104"><source m_id="10"/><target m_id="23"/></REFERS_TO>
"""  # noqa: E501
# Mention 11 ("reporters") is NAM but refers to nothing, so it has no class.


def cat_xml(name: str = "1_Nordlake_opens_mine") -> str:
    """The invented article as a CAT document."""
    tokens, t_id = [], 0
    for sentence, words in enumerate(SENTENCES):
        for word in words.split():
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{sentence}">{word}</token>')
    return (
        f'<Document doc_name="{name}">\n'
        + "\n".join(tokens)
        + f"\n<Markables>{MARKABLES}</Markables>\n<Relations>{RELATIONS}</Relations>\n"
        + "</Document>\n"
    )


@pytest.fixture
def doc() -> CatDoc:
    return read_cat(cat_xml())


def _mention(doc: CatDoc, text: str, kind: str, occurrence: int = 0) -> Mention:
    """Our mention of the ``occurrence``-th ``text`` in the rebuilt text."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(text, start + 1)
    return Mention(start, start + len(text), text, kind)


def test_instance_classes_follow_refers_to(doc: CatDoc) -> None:
    classes = instance_classes(doc)
    assert classes == {
        "1": "ORG",
        "4": "ORG",
        "5": "ORG",
        "3": "PER",
        "7": "PER",
        "9": "PER",
        "2": "LOC",
        "8": "LOC",
        "10": "FIN",
    }


def test_gold_spans_are_the_named_mentions_of_scored_classes(doc: CatDoc) -> None:
    spans = list(gold_spans(doc))
    assert [(doc.text[s.start : s.end], s.label) for s in spans] == [
        ("Nordlake Mining", "ORG"),
        ("Velmar", "LOC"),
        ("Tomas Brandt", "PER"),  # the title "Chief executive" is cut: names are compared
        ("NLM", "ORG"),
        ("Brandt", "PER"),
        ("Velmar", "LOC"),
    ]  # not the NOM "the company", the FIN money, the unlinked NAM, the bare late mention


def test_issue_4_named_premodifiers_are_gold_mentions() -> None:
    xml = (
        '<Document><token t_id="1" sentence="2">Velmar</token>'
        '<token t_id="2" sentence="2">miners</token><token t_id="3" sentence="2">struck</token>'
        '<Markables><ENTITY_MENTION m_id="1" syntactic_type="PRE.NAM">'
        '<token_anchor t_id="1"/></ENTITY_MENTION>'
        '<ENTITY_MENTION m_id="2" syntactic_type="APP"><token_anchor t_id="1"/>'
        '<token_anchor t_id="2"/></ENTITY_MENTION>'
        '<ENTITY m_id="3" ent_type="LOC"/></Markables><Relations>'
        '<REFERS_TO r_id="4"><source m_id="1"/><source m_id="2"/><target m_id="3"/></REFERS_TO>'
        "</Relations></Document>"
    )
    cat = read_cat(xml)
    assert [(cat.text[s.start : s.end], s.label) for s in gold_spans(cat)] == [("Velmar", "LOC")]


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        ("the United States", "LOC", "United States"),
        ("The Larkins", "ORG", "Larkins"),
        ("Apple Inc.,", "ORG", "Apple Inc."),
        ("Presiding Judge Martin Mann", "PER", "Martin Mann"),
        ("Spokeswoman Sandy Angers", "PER", "Sandy Angers"),
        ("former Velmar", "PER", "former Velmar"),  # no title word: nothing is cut
        ("General Motors", "ORG", "General Motors"),  # titles are cut from persons only
        ("The", "ORG", "The"),  # a name of one word is never cut away
        ("President", "PER", "President"),
    ],
)
def test_issue_4_names_are_compared_without_articles_and_titles(
    text: str, label: str, name: str
) -> None:
    span = name_extent(f"x {text} y", Span(2, 2 + len(text), label))
    assert f"x {text} y"[span.start : span.end] == name


def test_scored_end_is_the_end_of_the_last_annotated_sentence(doc: CatDoc) -> None:
    end = scored_end(doc)
    assert doc.text[:end].endswith("in Velmar's capital.")
    assert doc.text[end:] == " Brandt didn't comment further."


def test_scored_end_without_document_level_markables() -> None:
    xml = (
        '<Document><token t_id="1" sentence="0">Title</token>'
        '<token t_id="2" sentence="2">Body</token>'
        '<Markables><ENTITY_MENTION m_id="1"><token_anchor t_id="2"/></ENTITY_MENTION>'
        '<ENTITY m_id="2" ent_type="PER"/></Markables><Relations/></Document>'
    )
    assert scored_end(read_cat(xml)) == 0  # bare mentions and instances do not count


def test_to_sample_and_read_samples(doc: CatDoc, tmp_path: Path) -> None:
    sample = to_sample(doc)
    assert (sample.name, sample.text) == (doc.name, doc.text)
    assert sample.gold == tuple(gold_spans(doc))
    assert sample.scored_end == scored_end(doc)
    (tmp_path / "7_article.xml").write_text(cat_xml(), encoding="utf-8")
    assert read_samples(tmp_path) == [dataclasses.replace(sample, name="7_article")]


def test_system_spans_map_types_and_drop_late_mentions(doc: CatDoc) -> None:
    mentions = [
        _mention(doc, "Nordlake Mining", "ORG"),
        _mention(doc, "Velmar", "GPE"),
        _mention(doc, "Tomas Brandt", "PERSON"),
        _mention(doc, "May 3", "DATE"),
        _mention(doc, "NLM", "OTHER"),
        _mention(doc, "Velmar", "LOC", 1),
        _mention(doc, "good day", "EVENT"),
        _mention(doc, "Brandt", "PERSON", 2),  # in the sentence after the scored part
    ]
    spans = system_spans(doc.text, mentions, scored_end(doc))
    assert [(doc.text[s.start : s.end], s.label) for s in spans] == [
        ("Nordlake Mining", "ORG"),
        ("Velmar", "LOC"),
        ("Tomas Brandt", "PER"),
        ("Velmar", "LOC"),
    ]


def test_system_spans_end_is_exclusive() -> None:
    mentions = [Mention(10, 15, "Brand", "PERSON"), Mention(9, 12, "x B", "PERSON")]
    assert system_spans("abcdefghix Brand", mentions, 10) == [Span(9, 12, "PER")]


def test_system_spans_are_cut_to_names_as_gold_is() -> None:
    text = "In the Velmar hills"
    assert system_spans(text, [Mention(3, 13, "the Velmar", "GPE")], 99) == [Span(7, 13, "LOC")]


def test_exact_needs_the_same_extent_and_lenient_any_overlap() -> None:
    gold = [Span(0, 28, "PER"), Span(40, 46, "LOC"), Span(50, 60, "ORG")]
    system = [Span(16, 28, "PER"), Span(40, 46, "LOC"), Span(50, 60, "LOC")]
    counts = compare(gold, system)
    assert counts.gold == Counter({"PER": 1, "LOC": 1, "ORG": 1})
    assert counts.predicted == Counter({"PER": 1, "LOC": 2})
    assert counts.exact == Counter({"LOC": 1})
    assert counts.lenient == Counter({"PER": 1, "LOC": 1})  # the class must agree too


def test_touching_spans_do_not_overlap() -> None:
    counts = compare([Span(0, 5, "PER")], [Span(5, 9, "PER")])
    assert counts.lenient.total() == 0 and counts.exact.total() == 0


def test_lenient_matching_is_one_to_one() -> None:
    gold = [Span(0, 5, "PER"), Span(6, 12, "PER")]  # "Ana Li" and "Bo Chen", say
    counts = compare(gold, [Span(0, 12, "PER")])
    assert counts.lenient == Counter({"PER": 1})
    counts = compare([Span(0, 12, "ORG")], [Span(0, 5, "ORG"), Span(6, 12, "ORG")])
    assert counts.lenient == Counter({"ORG": 1})


def test_exact_matches_count_as_a_multiset() -> None:
    gold = [Span(0, 5, "PER"), Span(0, 5, "PER")]
    assert compare(gold, [Span(0, 5, "PER")]).exact == Counter({"PER": 1})
    assert compare(gold, gold).exact == Counter({"PER": 2})


def test_lenient_pairs_take_the_largest_overlap_first() -> None:
    gold = [Span(0, 10, "LOC"), Span(8, 30, "LOC")]
    # in order, the first gold span would take the only prediction; by overlap the second does
    assert lenient_pairs(gold, [Span(5, 30, "LOC")]) == [(1, 0)]
    # with a second prediction both gold spans are matched
    assert lenient_pairs(gold, [Span(5, 30, "LOC"), Span(0, 4, "LOC")]) == [(1, 0), (0, 1)]


def test_lenient_ties_go_to_the_earlier_span() -> None:
    gold = [Span(0, 10, "ORG"), Span(10, 20, "ORG")]
    assert lenient_pairs(gold, [Span(5, 15, "ORG")]) == [(0, 0)]
    assert lenient_pairs([Span(5, 15, "ORG")], gold) == [(0, 0)]


def test_figures_on_hand_counted_tallies() -> None:
    counts = Counts(
        gold=Counter({"PER": 4, "ORG": 3, "LOC": 3}),
        predicted=Counter({"PER": 5, "ORG": 2, "LOC": 1}),
        exact=Counter({"PER": 3, "ORG": 1}),
        lenient=Counter({"PER": 4, "ORG": 2, "LOC": 1}),
    )
    result = figures(counts)
    # exact: 4 hits of 8 predicted and 10 gold
    assert (result["micro_p"], result["micro_r"]) == (0.5, 0.4)
    assert result["micro_f1"] == pytest.approx(0.4444, abs=1e-4)  # 2*.5*.4/.9
    # lenient: 7 hits
    assert (result["lenient_micro_p"], result["lenient_micro_r"]) == (0.875, 0.7)
    assert result["lenient_micro_f1"] == pytest.approx(0.7778, abs=1e-4)  # 1.225/1.575
    assert result["PER"] == {
        "p": 0.6,
        "r": 0.75,
        "f1": pytest.approx(0.6667, abs=1e-4),  # .9/1.35
        "lenient_f1": pytest.approx(0.8889, abs=1e-4),  # p .8, r 1
        "gold": 4,
        "predicted": 5,
    }
    assert result["ORG"]["p"] == 0.5
    assert result["ORG"]["r"] == pytest.approx(0.3333, abs=1e-4)
    assert result["ORG"]["f1"] == pytest.approx(0.4, abs=1e-4)
    assert result["ORG"]["lenient_f1"] == pytest.approx(0.8, abs=1e-4)  # p 1, r 2/3
    assert (result["LOC"]["p"], result["LOC"]["r"], result["LOC"]["f1"]) == (0.0, 0.0, 0.0)
    assert result["LOC"]["lenient_f1"] == pytest.approx(0.5, abs=1e-4)  # p 1, r 1/3
    assert (result["gold_mentions"], result["predicted_mentions"]) == (10, 8)


def test_empty_counts_do_not_divide_by_zero() -> None:
    result = figures(Counts())
    assert result["micro_f1"] == result["lenient_micro_f1"] == 0.0
    assert result["PER"]["f1"] == result["LOC"]["lenient_f1"] == 0.0
    assert result["gold_mentions"] == 0


def test_counts_add_sums_every_tally() -> None:
    total = Counts()
    total.add(compare([Span(0, 3, "PER")], [Span(0, 3, "PER")]))
    total.add(compare([Span(0, 3, "PER"), Span(5, 9, "ORG")], [Span(1, 3, "PER")]))
    assert total.gold == Counter({"PER": 2, "ORG": 1})
    assert total.predicted == Counter({"PER": 2})
    assert total.exact == Counter({"PER": 1})
    assert total.lenient == Counter({"PER": 2})


def test_evaluate_scores_a_system_up_to_the_scored_end(doc: CatDoc) -> None:
    sample = to_sample(doc)
    found = [
        _mention(doc, "Nordlake Mining", "ORG"),  # exact
        _mention(doc, "Tomas Brandt", "PERSON"),  # exact: gold's title is cut too
        _mention(doc, "Brandt", "PERSON", 1),  # exact
        _mention(doc, "Velmar", "ORG", 1),  # wrong class
        _mention(doc, "Brandt", "PERSON", 2),  # not scored
    ]
    parsed = [Doc(Vocab(), words=["unused"])]
    counts = evaluate([sample], parsed, lambda _doc: found)
    assert counts.gold == Counter({"PER": 2, "ORG": 2, "LOC": 2})
    assert counts.predicted == Counter({"PER": 2, "ORG": 2})
    assert counts.exact == Counter({"PER": 2, "ORG": 1})
    assert counts.lenient == Counter({"PER": 2, "ORG": 1})
    result = figures(counts)
    assert (result["micro_p"], result["micro_r"]) == (0.75, 0.5)
    assert result["lenient_micro_p"] == 0.75 and result["lenient_micro_r"] == 0.5


def test_scorer_is_registered() -> None:
    assert SCORERS["meantime-ner"] == "storyline.eval.meantime:score"


@pytest.mark.slow
def test_score_samples_end_to_end_on_an_invented_folder(tmp_path: Path) -> None:
    (tmp_path / "1_article.xml").write_text(cat_xml(), encoding="utf-8")
    samples = read_samples(tmp_path)
    result = score_samples(samples, Settings())
    keys = {"micro_p", "micro_r", "micro_f1", "lenient_micro_f1", "PER", "ORG", "LOC"}
    keys |= {"gold_mentions", "predicted_mentions"}
    assert keys <= result.keys()
    assert keys <= result["baseline"].keys()
    assert result["documents"] == 1
    assert isinstance(result["corrections"], list)
    for figures_ in (result, result["baseline"]):
        assert figures_["gold_mentions"] == 6
        assert [figures_[label]["gold"] for label in ("PER", "ORG", "LOC")] == [2, 2, 2]
        assert 0.0 <= figures_["micro_f1"] <= figures_["lenient_micro_f1"] <= 1.0
        assert {"p", "r", "f1", "lenient_f1", "gold", "predicted"} == figures_["PER"].keys()
    # a folder that is not the dataset is scored whole
    assert score(tmp_path)["split"] == str(tmp_path)


@pytest.mark.shared
@pytest.mark.slow
def test_score_on_meantime(shared_dir: Path) -> None:
    """The real corpus: test split at the top level, the apple sub-corpus under ``dev``."""
    folder = shared_dir / "datasets" / "meantime-en"
    if not (folder / "intra_cross-doc_annotation").is_dir():
        pytest.skip("MEANTIME data not available")
    result = score(folder)
    assert result["split"] == "+".join(TEST)
    assert "note" in result
    assert result["documents"] > 0
    assert result["gold_mentions"] > 0
    assert {"micro_f1", "lenient_micro_f1", "PER", "ORG", "LOC", "baseline"} <= result.keys()
    assert result["dev"]["split"] == DEV
    assert {"micro_f1", "lenient_micro_f1"} <= result["dev"].keys()
    assert {"micro_f1", "lenient_micro_f1"} == result["dev"]["baseline"].keys()
