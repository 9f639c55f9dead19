"""ECB+ gold pronouns and descriptions linked to gold names by our within-document coreference.

Each document is parsed sentence by sentence (as ``add_heads`` parses, so heads agree)
and the sentences joined into one Doc. Its named mentions are the gold mentions with a
proper-noun head (their name, ``name_run``, typed by ``TYPE_OF_TAG``) and the analysis's
mentions (``entity_mentions``, corrections included) that overlap no gold mention (names
in sentences the annotators skipped: possible antecedents too); ``name-links.v2`` puts
them in document clusters, as the analysis does. ``resolve_references``
(``storyline.nlp.coref``) then links pronouns and descriptions to clusters; a gold
non-name mention whose head token it links to a cluster holding a gold name refers to
that name (the one it was linked through, else the cluster's nearest gold name before
it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from storyline.eval.ecbplus import TYPE_OF_TAG, EcbDoc, Mention, entity_head_position
from storyline.nlp import mentions as nlp_mentions
from storyline.nlp.coref import resolve_references
from storyline.nlp.corrections.links import cluster_names


@dataclasses.dataclass(frozen=True)
class _Parsed:
    """One ECB+ document as one Doc: where each sentence starts, in tokens and characters."""

    doc: Doc
    tokens: dict[int, int]  # sentence number → its first token's index
    chars: dict[int, list[int]]  # sentence number → each word's character offset


def parse_document(doc: EcbDoc, nlp: Language) -> _Parsed:
    """Every sentence of ``doc`` parsed alone, then joined (a space between sentences)."""
    pieces = [nlp(Doc(nlp.vocab, words=list(words))) for _, words in doc.sentences]
    joined = Doc.from_docs(pieces) if pieces else Doc(nlp.vocab, words=[])
    tokens, chars, at = {}, {}, 0
    for (number, _), piece in zip(doc.sentences, pieces, strict=True):
        tokens[number] = at
        chars[number] = [joined[at + i].idx for i in range(len(piece))]
        at += len(piece)
    return _Parsed(joined, tokens, chars)


def add_references(
    docs: Sequence[EcbDoc], mentions: Sequence[Mention], nlp: Language
) -> list[Mention]:
    """``mentions`` (with heads) with ``refers_to`` set where coreference links one to a name."""
    by_doc: dict[str, list[int]] = {}
    for index, mention in enumerate(mentions):
        by_doc.setdefault(mention.doc, []).append(index)
    out = list(mentions)
    for doc in docs:
        indices = by_doc.get(doc.name, [])
        if indices and doc.sentences:
            for index, target in _link(parse_document(doc, nlp), [mentions[i] for i in indices]):
                out[indices[index]] = dataclasses.replace(out[indices[index]], refers_to=target)
    return out


def _link(parsed: _Parsed, gold: list[Mention]) -> list[tuple[int, str]]:
    """(position in ``gold``, name mention id) of each non-name mention linked to a name."""
    named, owners = _named(parsed, gold)
    clustered = cluster_names(named)  # keeps the order it is given (by position)
    references = {r.head: r for r in resolve_references(parsed.doc, clustered)}
    links = []
    for position, mention in enumerate(gold):
        if mention.proper:
            continue
        base = parsed.tokens[mention.sentence]
        head = entity_head_position(parsed.doc, [base + i for i in mention.tokens])
        ref = references.get(head)
        if ref is None:
            continue
        target = owners[ref.antecedent]
        if target is None:
            target = _nearest_gold(clustered, owners, ref.cluster, ref.start)
        if target is not None and (target_mention := gold[target]).id != mention.id:
            links.append((position, target_mention.id))
    return links


def _named(
    parsed: _Parsed, gold: list[Mention]
) -> tuple[list[nlp_mentions.Mention], list[int | None]]:
    """The document's names in text order, and for each the gold mention it is (or None)."""
    found: list[tuple[nlp_mentions.Mention, int | None]] = []
    taken: set[int] = set()
    for position, mention in enumerate(gold):
        chars = parsed.chars[mention.sentence]
        base = parsed.tokens[mention.sentence]
        taken.update(base + i for i in mention.tokens)
        if not mention.proper:
            continue
        first, last = mention.name_tokens[0], mention.name_tokens[-1]
        start, end = chars[first], chars[last] + len(mention.words[last])
        kind = TYPE_OF_TAG.get(mention.tag, "OTHER")
        text = parsed.doc.text[start:end]
        found.append((nlp_mentions.Mention(start, end, text, kind), position))
    for other in nlp_mentions.entity_mentions(parsed.doc):
        span = parsed.doc.char_span(other.start, other.end, alignment_mode="expand")
        if span is not None and not taken & set(range(span.start, span.end)):
            found.append((dataclasses.replace(other, cluster=-1), None))
    found.sort(key=lambda pair: (pair[0].start, pair[0].end))
    return [m for m, _ in found], [p for _, p in found]


def _nearest_gold(
    named: list[nlp_mentions.Mention], owners: list[int | None], cluster: int, before: int
) -> int | None:
    """The gold name of ``cluster`` nearest before ``before`` (else the first after it)."""
    places = [(m.start, owners[i]) for i, m in enumerate(named) if m.cluster == cluster]
    gold = [(start, owner) for start, owner in places if owner is not None]
    earlier = [owner for start, owner in gold if start < before]
    if earlier:
        return earlier[-1]
    return gold[0][1] if gold else None
