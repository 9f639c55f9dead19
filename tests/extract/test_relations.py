"""Typed relations from the parse: role nouns, handing-over verbs, places; nothing guessed.

Texts are invented (invented people, real countries); the corpus test checks only general
properties of the reference story.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.extract.context import DocContext, MentionRow
from storyline.extract.model import Ref, Relation
from storyline.extract.relations import NAME, find_relations, relations
from storyline.extract.relations_table import relation_table
from storyline.hashing import content_id
from storyline.model import DatedValue, Document, Metadata, Precision
from storyline.schema import ENTITY_TYPES, relation_types

Context = Callable[..., DocContext]


def _triples(found: list[Relation]) -> set[tuple[str, str, str]]:
    return {(r.subject.text, r.predicate, r.object.text) for r in found}


def _found(context_of: Context, text: str) -> set[tuple[str, str, str]]:
    return _triples(find_relations(context_of(text)))


def test_apposition_with_an_of_phrase(context_of: Context) -> None:
    text = "Janysh Tokarev, the younger brother of Kurmat Tokarev, was seen in Minsk on Monday."
    ctx = context_of(text)
    (found,) = [r for r in find_relations(ctx) if r.predicate == "sibling_of"]
    assert (found.subject.text, found.object.text) == ("Janysh Tokarev", "Kurmat Tokarev")
    evidence = text[found.start : found.end]
    assert evidence == "Janysh Tokarev, the younger brother of Kurmat Tokarev"
    for ref in (found.subject, found.object):  # the refs are the analysis's own mentions
        assert ref.mention in {m.ref.mention for m in ctx.mentions}
        assert text[ref.start : ref.end] == ref.text


def test_possessive_name(context_of: Context) -> None:
    text = "Ivan Petrov's son Maxim Petrov runs a bank."
    assert _found(context_of, text) == {("Maxim Petrov", "child_of", "Ivan Petrov")}


def test_possessive_pronoun_takes_the_one_person_just_named(context_of: Context) -> None:
    text = "Ivan Petrov arrived in Moscow on Monday. His wife Anna Petrova stayed in Minsk."
    assert ("Anna Petrova", "spouse_of", "Ivan Petrov") in _found(context_of, text)


def test_possessive_pronoun_with_two_candidates_gives_nothing(context_of: Context) -> None:
    text = "Ivan Petrov met Ruslan Kazakbaev in Minsk. His brother Akram Kazakbaev was not there."
    assert not [t for t in _found(context_of, text) if t[1] == "sibling_of"]


def test_second_noun_of_a_pair_shares_the_possessor(context_of: Context) -> None:
    text = (
        "Kurmat Tokarev was said to be under the influence of his brother Janysh and son "
        "Maxim. Janysh Tokarev and Maxim Tokarev deny it."
    )
    found = _found(context_of, text)
    assert ("Janysh", "sibling_of", "Kurmat Tokarev") in found
    assert ("Maxim", "child_of", "Kurmat Tokarev") in found


def test_country_adjective_needs_the_country_named(context_of: Context) -> None:
    text = "Kyrgyzstan voted in October. Kyrgyz president Ruslan Kazakbaev won."
    assert _found(context_of, text) == {("Ruslan Kazakbaev", "leader_of", "Kyrgyzstan")}
    assert not _found(context_of, "Kyrgyz president Ruslan Kazakbaev won.")


def test_head_of_an_organisation_and_a_spokesman(context_of: Context) -> None:
    text = (
        "Ivan Petrov, the head of the National Bank of Kyrgyzstan, resigned. "
        "Olga Sokolova, a spokeswoman for the Interior Ministry, declined to comment."
    )
    found = _found(context_of, text)
    assert ("Ivan Petrov", "leader_of", "the National Bank of Kyrgyzstan") in found
    assert ("Olga Sokolova", "spokesman_for", "the Interior Ministry") in found


def test_ambassadors(context_of: Context) -> None:
    text = (
        "Olga Sokolova, Kyrgyzstan's ambassador in Belarus, was recalled. "
        "Ruslan Kazakbaev, who served as ambassador to France for many years, retired."
    )
    found = _found(context_of, text)
    assert ("Olga Sokolova", "ambassador_to", "Belarus") in found
    assert ("Ruslan Kazakbaev", "ambassador_to", "France") in found


def test_asylum_granted_said_three_ways(context_of: Context) -> None:
    text = (
        "Akram Tokarev, who was granted asylum in Belarus, lives near Minsk. "
        "Ivan Petrov was given political asylum by Belarus last year. "
        "The Belarusian government granted asylum to Olga Sokolova."
    )
    found = _found(context_of, text)
    assert ("Belarus", "granted_asylum_to", "Akram Tokarev") in found
    assert ("Belarus", "granted_asylum_to", "Ivan Petrov") in found
    assert ("Belarus", "granted_asylum_to", "Olga Sokolova") in found


def test_citizenship_gained(context_of: Context) -> None:
    text = (
        "Ivan Petrov fled to Belarus in April. In 2011 Ivan Petrov received Belarusian citizenship."
    )
    assert ("Ivan Petrov", "citizen_of", "Belarus") in _found(context_of, text)


def test_places(context_of: Context) -> None:
    text = "Riots hit Osh, Kyrgyzstan. Fighting broke out in Jalalabad in southern Kyrgyzstan."
    found = _found(context_of, text)
    assert ("Osh", "located_in", "Kyrgyzstan") in found
    assert ("Jalalabad", "located_in", "Kyrgyzstan") in found


def test_denied_and_hedged_statements_give_nothing(context_of: Context) -> None:
    text = (
        "Akram Tokarev is not the son of Ivan Petrov. "
        "Belarus may grant asylum to Ivan Petrov. "
        "Belarus refused to grant asylum to Olga Sokolova."
    )
    assert not _found(context_of, text)


def test_a_guessed_surname_is_not_used(context_of: Context) -> None:
    text = "Kurmat Tokarev and Janysh Tokarev fled. Tokarev's son Maxim Tokarev stayed."
    assert not [t for t in _found(context_of, text) if t[1] == "child_of"]


def test_extractor_writes_relation_statements(context_of: Context) -> None:
    text = "Janysh Tokarev, the younger brother of Kurmat Tokarev, was seen in Minsk."
    ctx = context_of(text)
    (stmt,) = [s for s in relations(ctx) if '"sibling_of"' in s.value]
    assert stmt.property == "relation" and stmt.extractor == NAME
    assert stmt.doc == ctx.doc.id
    assert text[stmt.start : stmt.end].startswith("Janysh Tokarev")


def test_schema_table_is_consistent() -> None:
    table = relation_table()
    assert set(table.types) == set(relation_types())
    for kind in table.types.values():
        assert kind.subject and kind.subject <= set(ENTITY_TYPES), kind.name
        assert kind.object and kind.object <= set(ENTITY_TYPES), kind.name
        assert kind.description, kind.name
        assert kind.nouns or kind.transfer or kind.places, kind.name
    assert table.country_adjectives["kyrgyz"] == "Kyrgyzstan"
    assert table.country_names["us"] == "United States"


def _spacy_context(text: str) -> DocContext:
    """A context made straight from the parser's entities: no analysis pipeline, to time
    the rules alone on a very long sentence."""
    from storyline.nlp.spacy_model import load_model
    from storyline.settings import Settings

    parsed = load_model(Settings().spacy_model)(text)
    doc = Document(
        id=content_id("d", text), key="long", path="long", fmt="text", text=text,
        source_text=text, removed=(),
        meta=Metadata(published=DatedValue(None, Precision.UNKNOWN, "none"), language="en"),
        sha="0" * 64,
    )  # fmt: skip
    clusters: dict[str, int] = {}
    mentions = [
        MentionRow(
            Ref(f"m{ent.start_char}", ent.start_char, ent.end_char, ent.text, ent.label_),
            clusters.setdefault(ent.text, len(clusters)),
            {},
        )
        for ent in parsed.ents
        if ent.label_ in ("PERSON", "GPE")
    ]
    sentences = [(s.start_char, s.end_char) for s in parsed.sents]
    return DocContext(doc, [(parsed, 0)], sentences, mentions, [], [])


@pytest.mark.slow
def test_a_sentence_of_thousands_of_tokens_is_read() -> None:
    places = ", ".join(["the old town of Osh in southern Kyrgyzstan"] * 300)
    text = f"Ivan Petrov, the brother of Olga Sokolova, visited {places}."
    ctx = _spacy_context(text)
    assert max(len(sent) for sent, _ in ctx.spans()) > 2000
    found = find_relations(ctx)
    assert ("Ivan Petrov", "sibling_of", "Olga Sokolova") in _triples(found)


@pytest.mark.shared
def test_corpus_relations(bakiyev_dir: Path) -> None:
    """The reference story: a brother of Kurmanbek Bakiyev is found; every relation is
    well formed (evidence inside the text, sides typed as the schema allows)."""
    from storyline.extract.context import load_context
    from storyline.ingest.document import make_document
    from storyline.ingest.readers import read_text
    from storyline.nlp.analyse import analyse_documents
    from storyline.nlp.spacy_model import load_model
    from storyline.settings import Settings

    settings = Settings()
    docs = []
    for path in sorted(bakiyev_dir.glob("*.txt")):
        (raw,) = read_text(path, path.read_bytes())
        docs.append(make_document(raw, settings))
    vocab = load_model(settings.spacy_model).vocab
    table = relation_table()
    brothers = []
    for doc, analysis in zip(docs, analyse_documents(docs, settings), strict=True):
        ctx = load_context(doc, analysis.statements, analysis.parse, vocab)
        names = {m.ref.mention: m for m in ctx.mentions}
        full: dict[int, set[str]] = {}
        for m in ctx.mentions:
            full.setdefault(m.cluster, set()).add(m.ref.text)
        for rel in find_relations(ctx):
            assert 0 <= rel.start < rel.end <= len(doc.text)
            kind = table.types[rel.predicate]
            assert kind.allows(rel.subject.type, rel.object.type)
            subject, obj = names[rel.subject.mention], names[rel.object.mention]
            assert subject.cluster != obj.cluster
            if rel.predicate == "sibling_of":
                brothers.append((full[subject.cluster], full[obj.cluster]))
    assert any(
        any(n.startswith(("Janysh", "Zhanybek")) for n in sub)
        and any(n.startswith("Kurmanbek Baki") for n in obj)
        for sub, obj in brothers
    ), brothers
