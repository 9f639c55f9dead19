"""The MEANTIME quote-attribution scorer on a tiny invented CAT document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.eval import SCORERS
from storyline.eval.__main__ import main
from storyline.eval.meantime_quotes import (
    Sample,
    SpeechEvent,
    Tally,
    covering,
    figures,
    read_sample,
    right,
    score,
    score_samples,
)
from storyline.extract.model import Quote, Ref
from storyline.extract.quotes import Found
from storyline.settings import Settings

# Headline (0), date line (1), three body sentences.
SENTENCES = [
    "Velmar Mining Corp. to hire workers",
    "May 3 , 2011",
    "Tomas Brandt , the chief executive , said the company would hire 300 workers .",
    "`` We are ready , '' he told reporters in Velmar .",
    "Analysts expect more hires .",
]
# t_ids from 1: Velmar=1 Mining=2 Corp.=3 hire=5 | Tomas=11 Brandt=12 ,=13 the=14 chief=15
# executive=16 ,=17 said=18 the=19 company=20 would=21 hire=22 300=23 workers=24 .=25 |
# ``=26 We=27 are=28 ready=29 ,=30 ''=31 he=32 told=33 reporters=34 | Analysts=38 expect=39
MARKABLES = """
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="APP"><token_anchor t_id="11"/><token_anchor t_id="12"/><token_anchor t_id="13"/><token_anchor t_id="14"/><token_anchor t_id="15"/><token_anchor t_id="16"/><token_anchor t_id="17"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRO"><token_anchor t_id="32"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NOM"><token_anchor t_id="38"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="5" syntactic_type="NOM"><token_anchor t_id="19"/><token_anchor t_id="20"/></ENTITY_MENTION>
<EVENT_MENTION m_id="6" pred="say"><token_anchor t_id="18"/></EVENT_MENTION>
<EVENT_MENTION m_id="7" pred="tell"><token_anchor t_id="33"/></EVENT_MENTION>
<EVENT_MENTION m_id="8" pred="expect"><token_anchor t_id="39"/></EVENT_MENTION>
<EVENT_MENTION m_id="9" pred="hire"><token_anchor t_id="22"/></EVENT_MENTION>
<EVENT_MENTION m_id="10" pred="say"><token_anchor t_id="5"/></EVENT_MENTION>
<ENTITY m_id="20" ent_type="ORG" TAG_DESCRIPTOR="Velmar Mining"/>
<ENTITY m_id="21" ent_type="PER" TAG_DESCRIPTOR="Tomas Brandt"/>
<ENTITY m_id="22" ent_type="PER" TAG_DESCRIPTOR="analysts"/>
<EVENT m_id="30" class="SPEECH_COGNITIVE" TAG_DESCRIPTOR="said"/>
<EVENT m_id="31" class="SPEECH_COGNITIVE" TAG_DESCRIPTOR="told"/>
<EVENT m_id="32" class="SPEECH_COGNITIVE" TAG_DESCRIPTOR="expect"/>
<EVENT m_id="33" class="OTHER" TAG_DESCRIPTOR="hire"/>
"""  # noqa: E501
RELATIONS = """
<HAS_PARTICIPANT r_id="100" sem_role="Arg0"><source m_id="6"/><target m_id="2"/></HAS_PARTICIPANT>
<HAS_PARTICIPANT r_id="101" sem_role="Arg0"><source m_id="7"/><target m_id="3"/></HAS_PARTICIPANT>
<HAS_PARTICIPANT r_id="102" sem_role="Arg0"><source m_id="8"/><target m_id="4"/></HAS_PARTICIPANT>
<HAS_PARTICIPANT r_id="103" sem_role="Arg0"><source m_id="9"/><target m_id="5"/></HAS_PARTICIPANT>
<HAS_PARTICIPANT r_id="104" sem_role="Arg0"><source m_id="10"/><target m_id="1"/></HAS_PARTICIPANT>
<HAS_PARTICIPANT r_id="105" sem_role="Arg1"><source m_id="7"/><target m_id="3"/></HAS_PARTICIPANT>
<REFERS_TO r_id="110"><source m_id="1"/><source m_id="5"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="111"><source m_id="2"/><source m_id="3"/><target m_id="21"/></REFERS_TO>
<REFERS_TO r_id="112"><source m_id="4"/><target m_id="22"/></REFERS_TO>
<REFERS_TO r_id="113"><source m_id="6"/><target m_id="30"/></REFERS_TO>
<REFERS_TO r_id="114"><source m_id="7"/><target m_id="31"/></REFERS_TO>
<REFERS_TO r_id="115"><source m_id="8"/><target m_id="32"/></REFERS_TO>
<REFERS_TO r_id="116"><source m_id="9"/><target m_id="33"/></REFERS_TO>
"""
# Event 9 ("hire") is not a speech event; event 10 refers to no instance: neither is gold.


def cat_xml(name: str = "1_Velmar_Mining") -> str:
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
def sample() -> Sample:
    return read_sample(cat_xml().encode(), "1_Velmar_Mining", "corpus_test")


def words(sample: Sample, span: tuple[int, int]) -> str:
    return sample.text[span[0] : span[1]]


def test_gold_speech_events_with_their_speaker_chain(sample: Sample) -> None:
    said, told, expect = sample.events
    assert (said.word, told.word, expect.word) == ("said", "told", "expect")
    assert words(sample, said.speaker) == "Tomas Brandt, the chief executive,"
    assert words(sample, told.speaker) == "he"
    # the pronoun and the name are one instance: both chains hold both mentions
    assert [words(sample, m) for m in told.chain] == [
        "Tomas Brandt, the chief executive,",
        "he",
    ]
    assert told.chain == said.chain and told.content == told.speaker
    assert words(sample, expect.sentence) == "Analysts expect more hires."


def _found(start: int, end: int, speaker: Ref | None, cue: tuple[int, int] | None) -> Found:
    quote = Quote(start, end, "x", "direct", speaker, None, None, "", "name")
    return Found(quote, *(cue or (None, None)))


def test_covering_takes_the_cue_first_then_the_content(sample: Sample) -> None:
    said, told, _ = sample.events
    ref = Ref("m1", said.speaker[0], said.speaker[0] + 12, "Tomas Brandt", "PERSON")
    by_cue = _found(0, 3, ref, (said.start, said.end))
    elsewhere = _found(0, 3, None, (0, 3))
    assert covering(said, [elsewhere, by_cue]) is by_cue
    assert covering(said, [elsewhere]) is None
    over_content = _found(told.content[0], told.content[1], None, None)  # type: ignore[index]
    assert covering(told, [over_content]) is over_content


def test_right_means_any_mention_of_the_speaker_instance(sample: Sample) -> None:
    _, told, expect = sample.events
    name = sample.text.index("Tomas Brandt")
    assert right(told, name, name + len("Tomas Brandt"))  # "he" is Tomas Brandt
    assert not right(expect, name, name + len("Tomas Brandt"))


def test_figures_from_a_tally() -> None:
    out = figures(Tally(gold=4, covered=2, named=2, correct=1))
    assert out["coverage"] == 0.5 and out["accuracy"] == 0.5 and out["overall"] == 0.25
    assert out["attributed_precision"] == 0.5
    assert out["attributed_f1"] == pytest.approx(2 * 0.5 * 0.25 / 0.75, abs=1e-4)
    assert figures(Tally())["accuracy"] == 0.0


def test_score_samples_end_to_end(sample: Sample) -> None:
    result = score_samples([sample], Settings())
    assert result["gold_events"] == 3 and result["documents"] == 1
    # "said" (name) and "told" (he → Tomas Brandt) are ours; "expect" is no speech verb
    assert result["covered"] == 2 and result["correct"] == 2
    assert result["gold_speech_verbs"] == 2 and result["coverage_speech_verbs"] == 1.0
    # the baseline finds no name before "told" in its sentence
    assert result["baseline"]["correct"] == 1
    assert set(result["per_corpus"]) == {"corpus_test"}


def test_registered_and_runs_on_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert SCORERS["meantime-quotes"] == "storyline.eval.meantime_quotes:score"
    (tmp_path / "corpus_test").mkdir()
    (tmp_path / "corpus_test" / "1_Velmar_Mining.xml").write_text(cat_xml())
    assert main(["meantime-quotes", "--data", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["gold_events"] == 3 and "baseline" in out and "accuracy" in out


@pytest.mark.shared
def test_one_dataset_sub_corpus(shared_dir: Path) -> None:
    folder = shared_dir / "datasets" / "meantime-en" / "intra_cross-doc_annotation"
    if not folder.is_dir():
        pytest.skip("MEANTIME not available")
    result = score(folder / "corpus_stock")  # the whole run is the benchmark (docs)
    assert result["gold_events"] > 20 and result["documents"] == 30
    assert result["accuracy"] > 0.6 and result["coverage"] > 0.2


def test_speech_event_is_a_value() -> None:
    event = SpeechEvent(0, 4, "said", (0, 10), (5, 9), ((5, 9),), None)
    assert not right(event, 0, 4) and right(event, 6, 7)
