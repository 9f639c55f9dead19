"""The CAT XML reader: rebuilt text and token offsets, markables, REFERS_TO links."""

from __future__ import annotations

from pathlib import Path

from storyline.eval.naf import CatDoc, Markable, layout, read_cat, read_folder

# An invented article: headline (0), date line (1), two annotated body sentences
# (2, 3) and one more (4) that only the cross-document pass touched.
SENTENCES = [
    "Nordlake Mining opens new mine in Velmar",
    "May 3 , 2011",
    "Chief executive Tomas Brandt said the company ( NLM ) would spend $ 40 million .",
    "\" It 's a good day , \" Brandt told reporters in Velmar 's capital .",
    "Brandt did n't comment further .",
]
# t_ids, numbered from 1 across the document:
# 0: Nordlake=1 Mining=2 opens=3 new=4 mine=5 in=6 Velmar=7
# 1: May=8 3=9 ,=10 2011=11
# 2: Chief=12 executive=13 Tomas=14 Brandt=15 said=16 the=17 company=18 (=19 NLM=20 )=21
#    would=22 spend=23 $=24 40=25 million=26 .=27
# 3: "=28 It=29 's=30 a=31 good=32 day=33 ,=34 "=35 Brandt=36 told=37 reporters=38 in=39
#    Velmar=40 's=41 capital=42 .=43
# 4: Brandt=44 did=45 n't=46 comment=47 further=48 .=49
TEXT = (
    "Nordlake Mining opens new mine in Velmar\n\n"
    "May 3, 2011\n\n"
    "Chief executive Tomas Brandt said the company (NLM) would spend $40 million. "
    "\"It's a good day,\" Brandt told reporters in Velmar's capital. "
    "Brandt didn't comment further."
)
MARKABLES = """
<ENTITY_MENTION m_id="1" syntactic_type="NAM" comment="" head=""><token_anchor t_id="1"/><token_anchor t_id="2"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="7"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NAM"><token_anchor t_id="12"/><token_anchor t_id="13"/><token_anchor t_id="14"/><token_anchor t_id="15"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NOM"><token_anchor t_id="17"/><token_anchor t_id="18"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="5" syntactic_type="NAM"><token_anchor t_id="20"/></ENTITY_MENTION>
<EVENT_MENTION m_id="6" pred="say"><token_anchor t_id="16"/></EVENT_MENTION>
<ENTITY_MENTION m_id="7" syntactic_type="NAM"><token_anchor t_id="36"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="8" syntactic_type="NAM"><token_anchor t_id="40"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="9"><token_anchor t_id="44"/></ENTITY_MENTION>
<ENTITY m_id="20" ent_type="ORG" TAG_DESCRIPTOR="Nordlake Mining"/>
<ENTITY m_id="21" ent_type="PER" TAG_DESCRIPTOR="Tomas Brandt"/>
<ENTITY m_id="22" ent_type="LOC" TAG_DESCRIPTOR="Velmar"/>
"""  # noqa: E501
RELATIONS = """
<HAS_PARTICIPANT r_id="100" sem_role="Arg0"><source m_id="6"/><target m_id="3"/></HAS_PARTICIPANT>
<REFERS_TO r_id="101"><source m_id="1"/><source m_id="4"/><source m_id="5"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="102"><source m_id="3"/><source m_id="7"/><source m_id="9"/><target m_id="21"/></REFERS_TO>
<REFERS_TO r_id="103"><source m_id="2"/><source m_id="8"/><target m_id="22"/></REFERS_TO>
"""  # noqa: E501


def cat_xml(name: str = "1_Nordlake_opens_mine") -> str:
    """The invented article as a CAT document."""
    tokens, t_id = [], 0
    for sentence, words in enumerate(SENTENCES):
        for word in words.split():
            t_id += 1
            escaped = word.replace("&", "&amp;").replace("<", "&lt;")
            tokens.append(
                f'<token t_id="{t_id}" sentence="{sentence}" number="{t_id - 1}">{escaped}</token>'
            )
    return (
        f'<?xml version="1.0" ?>\n<Document doc_id="1" doc_name="{name}" lang="en">\n'
        + "\n".join(tokens)
        + f"\n<Markables>{MARKABLES}</Markables>\n<Relations>{RELATIONS}</Relations>\n"
        + "</Document>\n"
    )


def _markable(doc: CatDoc, m_id: str) -> Markable:
    return next(m for m in doc.markables if m.m_id == m_id)


def test_text_is_rebuilt_with_english_spacing() -> None:
    doc = read_cat(cat_xml())
    assert doc.text == TEXT
    assert doc.name == "1_Nordlake_opens_mine"  # from doc_name when none is given


def test_header_sentences_are_paragraphs_and_body_sentences_one_space() -> None:
    doc = read_cat(cat_xml())
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[:2] == ["Nordlake Mining opens new mine in Velmar", "May 3, 2011"]
    assert "\n" not in paragraphs[2]
    assert "million. \"It's" in paragraphs[2] and "capital. Brandt" in paragraphs[2]


def test_every_token_slices_back_to_its_text() -> None:
    doc = read_cat(cat_xml())
    assert len(doc.tokens) == 49
    for token in doc.tokens:
        assert doc.text[token.start : token.end] == token.text
    assert [t.sentence for t in doc.tokens[:9]] == [0] * 7 + [1] * 2
    assert doc.by_id["36"].text == "Brandt" and doc.by_id["36"].sentence == 3


def test_layout_spacing_rules() -> None:
    def text(*words: str, sentence: int = 5) -> str:
        return layout((str(i), sentence, w) for i, w in enumerate(words))[0]

    assert text("Apple", "'s", "profit", "rose", "5", "%", ".") == "Apple's profit rose 5%."
    assert text("It", "did", "n't", "cost", "$", "3", "or", "US$", "4") == (
        "It didn't cost $3 or US$4"
    )
    assert text("the", "firm", "(", "NLM", ")", ";", "done") == "the firm (NLM); done"
    assert text("``", "Yes", ",", "''", "he", "said") == "``Yes,'' he said"
    assert text("“", "Yes", "”", "he", "said") == "“Yes” he said"


def test_straight_quotes_open_and_close_by_count() -> None:
    words = ["He", "said", '"', "no", '"', "and", '"', "never", '"', "."]
    text, tokens = layout((str(i), 3, w) for i, w in enumerate(words))
    assert text == 'He said "no" and "never".'
    assert [text[t.start : t.end] for t in tokens] == words


def test_sentence_boundaries_after_the_header() -> None:
    raw = [("1", 0, "Title"), ("2", 1, "Date"), ("3", 2, "One"), ("4", 2, "."), ("5", 3, "Two")]
    text, tokens = layout(raw)
    assert text == "Title\n\nDate\n\nOne. Two"
    assert [(t.start, t.end) for t in tokens] == [(0, 5), (7, 11), (13, 16), (16, 17), (18, 21)]


def test_empty_document() -> None:
    assert layout([]) == ("", ())
    doc = read_cat('<Document doc_name="empty"><Markables/><Relations/></Document>')
    assert (doc.text, doc.tokens, doc.markables, doc.refers_to) == ("", (), (), ())


def test_markables_keep_tag_tokens_and_attributes() -> None:
    doc = read_cat(cat_xml())
    assert len(doc.markables) == 12
    brandt = _markable(doc, "3")
    assert brandt.tag == "ENTITY_MENTION"
    assert brandt.token_ids == ("12", "13", "14", "15")
    assert brandt.get("syntactic_type") == "NAM"
    assert brandt.get("missing") is None and brandt.get("missing", "x") == "x"
    assert _markable(doc, "1").attrs == (("comment", ""), ("head", ""), ("syntactic_type", "NAM"))
    assert _markable(doc, "9").attrs == ()  # a bare cross-document mention
    instance = _markable(doc, "21")
    assert (instance.tag, instance.token_ids, instance.get("ent_type")) == ("ENTITY", (), "PER")
    assert "m_id" not in dict(instance.attrs)


def test_extent_runs_from_first_to_last_token() -> None:
    doc = read_cat(cat_xml())
    spans = {m.m_id: doc.text[slice(*doc.extent(m))] for m in doc.markables if m.token_ids}
    assert spans == {
        "1": "Nordlake Mining",
        "2": "Velmar",
        "3": "Chief executive Tomas Brandt",
        "4": "the company",
        "5": "NLM",
        "6": "said",
        "7": "Brandt",
        "8": "Velmar",
        "9": "Brandt",
    }
    assert doc.extent(_markable(doc, "2")) == (34, 40)


def test_refers_to_pairs_every_source_with_its_target() -> None:
    doc = read_cat(cat_xml())
    assert doc.refers_to == (
        ("1", "20"),
        ("4", "20"),
        ("5", "20"),
        ("3", "21"),
        ("7", "21"),
        ("9", "21"),
        ("2", "22"),
        ("8", "22"),
    )  # HAS_PARTICIPANT is not a REFERS_TO link


def test_refers_to_with_several_targets() -> None:
    xml = (
        "<Document><Markables/><Relations><REFERS_TO>"
        '<source m_id="1"/><source m_id="2"/><target m_id="8"/><target m_id="9"/>'
        "</REFERS_TO></Relations></Document>"
    )
    assert read_cat(xml, "x").refers_to == (("1", "8"), ("1", "9"), ("2", "8"), ("2", "9"))


def test_read_folder_sorts_by_path_and_names_by_stem(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2_second.xml").write_text(cat_xml("ignored"), encoding="utf-8")
    (tmp_path / "a_first.xml").write_text(cat_xml("ignored too"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a document", encoding="utf-8")
    docs = read_folder(tmp_path)
    assert [d.name for d in docs] == ["a_first", "2_second"]
    assert all(d.text == TEXT for d in docs)
