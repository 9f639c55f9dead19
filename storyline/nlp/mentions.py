"""Entity mentions: the model's named entities mapped onto the schema, then corrected.

A mention's ``start``/``end`` index the document's clean text and cover the name
alone: titles, roles and possessive endings are cut off and kept as attributes.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterable

from spacy.tokens import Doc

from storyline.registry import Registry
from storyline.schema import entity_type


@dataclasses.dataclass(frozen=True)
class Mention:
    """One mention of a named entity in one document."""

    start: int
    end: int
    text: str  # exactly text[start:end]
    type: str  # schema type: PERSON, ORG, GPE, LOC, EVENT, OTHER
    cluster: int = -1  # document-level cluster: mentions of one entity share it (-1: unset)
    attrs: tuple[tuple[str, str], ...] = ()  # ("title", "President"), ("role", "former ...")
    source: str = "spacy-ner.v1"  # the component that found or last changed it


# A correction takes the parsed document and its mentions and returns new mentions;
# it never edits the text. Corrections run in the order of ``DEFAULT_CORRECTIONS``.
Correction = Callable[[Doc, list[Mention]], list[Mention]]
CORRECTIONS: Registry[Correction] = Registry("mention correction")


def model_mentions(doc: Doc) -> list[Mention]:
    """The model's entities that are entities in our schema, as mentions."""
    found = []
    for ent in doc.ents:
        kind = entity_type(ent.label_)
        if kind is not None:
            found.append(Mention(ent.start_char, ent.end_char, ent.text, kind))
    return found


def entity_mentions(doc: Doc, corrections: Iterable[str] | None = None) -> list[Mention]:
    """Model mentions with our corrections applied, each in its own document cluster."""
    names = tuple(DEFAULT_CORRECTIONS if corrections is None else corrections)
    if names:
        importlib.import_module("storyline.nlp.corrections")  # registers the corrections
    mentions = model_mentions(doc)
    for name in names:
        mentions = CORRECTIONS.get(name)(doc, mentions)
    return assign_clusters(mentions)


def assign_clusters(mentions: list[Mention]) -> list[Mention]:
    """Give every mention without a cluster one of its own (numbered after the others)."""
    next_id = max((m.cluster for m in mentions), default=-1) + 1
    out = []
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        if mention.cluster < 0:
            mention = dataclasses.replace(mention, cluster=next_id)
            next_id += 1
        out.append(mention)
    return out


# The corrections applied by default, in order (see storyline/nlp/corrections/): the
# types are read from the text before doc-consistency votes on them.
DEFAULT_CORRECTIONS: tuple[str, ...] = (
    "broken-names.v1",
    "possessive.v1",
    "strip-titles.v1",
    "measures.v1",
    "lowercase-words.v1",
    "org-suffix.v1",
    "kind-nouns.v1",
    "name-heads.v1",
    "index-names.v1",
    "group-names.v1",
    "products.v2",
    "demonym-places.v1",
    "place-readings.v2",
    "person-cues.v1",
    "doc-consistency.v3",
    "name-links.v2",
)
