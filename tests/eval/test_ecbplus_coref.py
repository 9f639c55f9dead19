"""ECB+ non-name mentions linked to names by within-document coreference (invented text)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from storyline.eval.ecbplus import Mention, add_heads, hybrid, read_ecbplus
from storyline.eval.ecbplus_coref import add_references
from storyline.nlp.spacy_model import load_model
from storyline.resolve.model import NameMention
from storyline.settings import Settings

SENTENCES = (
    "Mayor Mary Lopez opened the bridge in Rivertown on Monday .",
    "She thanked the builders .",
    "John Varek and Peter Holm arrived later .",
    "He praised the work .",
)
# (sentence, first word, last word, tag) of each entity markable.
MARKABLES = (
    (0, 1, 2, "HUMAN_PART_PER"),  # Mary Lopez
    (0, 6, 6, "LOC_GEO"),  # Rivertown
    (1, 0, 0, "HUMAN_PART_PER"),  # She
    (2, 0, 1, "HUMAN_PART_PER"),  # John Varek
    (2, 3, 4, "HUMAN_PART_PER"),  # Peter Holm
    (3, 0, 0, "HUMAN_PART_PER"),  # He
)


def _xml() -> str:
    tokens, where, t_id = [], {}, 0
    for sentence, text in enumerate(SENTENCES):
        for number, word in enumerate(text.split()):
            t_id += 1
            where[(sentence, number)] = t_id
            tokens.append(
                f'<token t_id="{t_id}" sentence="{sentence}" number="{number}">{word}</token>'
            )
    markables = []
    for m_id, (sentence, first, last, tag) in enumerate(MARKABLES, start=1):
        anchors = "".join(
            f'<token_anchor t_id="{where[(sentence, n)]}"/>' for n in range(first, last + 1)
        )
        markables.append(f'<{tag} m_id="{m_id}">{anchors}</{tag}>')
    return (
        f'<Document doc_name="1_1ecb.xml">{"".join(tokens)}'
        f"<Markables>{''.join(markables)}</Markables><Relations/></Document>"
    )


def _mentions() -> list[Mention]:
    doc = read_ecbplus(_xml())
    nlp = load_model(Settings().spacy_model)
    return add_references([doc], add_heads(list(doc.mentions), nlp), nlp)


def test_a_pronoun_refers_to_the_name_it_continues() -> None:
    by_text = {m.text: m for m in _mentions()}
    assert by_text["She"].refers_to == by_text["Mary Lopez"].id


def test_an_ambiguous_pronoun_refers_to_nothing() -> None:
    by_text = {m.text: m for m in _mentions()}
    assert by_text["He"].refers_to == ""  # John Varek or Peter Holm
    assert not any(m.refers_to for m in by_text.values() if m.proper)


def test_hybrid_puts_a_linked_pronoun_with_its_name() -> None:
    mentions = _mentions()

    def resolver(names: Sequence[NameMention]) -> list[list[int]]:
        return [[i] for i in range(len(names))]

    index = {m.text: i for i, m in enumerate(mentions)}
    clusters = hybrid(mentions, resolver)
    together = next(c for c in clusters if index["Mary Lopez"] in c)
    assert index["She"] in together
    unlinked = dataclasses.replace(mentions[index["She"]], refers_to="")
    alone = hybrid([*mentions[: index["She"]], unlinked, *mentions[index["She"] + 1 :]], resolver)
    assert index["She"] not in next(c for c in alone if index["Mary Lopez"] in c)
