"""``person-cues.v1``: what only a person has makes a name a person's.

The model sometimes types a surname alone as an organisation ("Zhumaliyev's Zalesian
lawyer" → ORG) though the document names the person in full. Two cues say person
whatever the model guessed:

* the name is the last word of a person's full name in the document, stands alone and
  without "the" ("the Falcon" is a car beside "Carl Falcon"); a company named after its
  founder ("Dell" beside "Michael Dell") is the price of this rule, and a kind noun
  ("the computer maker Dell") or a legal suffix still makes it an organisation;
* the name owns a kinship noun ("Oldar's nephew"; organisations have lawyers and chiefs,
  but no wives or nephews).

A relative "who" is no cue: news writes "The New York Times, who first reported".
The mention records the cue as its ``kind`` attribute, which ``doc-consistency.v3`` weighs
above the model's votes, so that the name's other occurrences in the document follow.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from storyline.nlp.corrections.common import PERSON
from storyline.nlp.corrections.kinds import mention_span, same_paragraph, with_type
from storyline.nlp.mentions import CORRECTIONS, Mention

SOURCE = "person-cues.v1"
# The types this corrects: a person's name the model took for an organisation or a work.
RETYPED = frozenset({"ORG", "OTHER"})
# Kinship nouns: only people have them.
KIN_NOUNS = frozenset(
    {"wife", "husband", "widow", "widower", "son", "daughter", "brother", "sister"}
    | {"father", "mother", "nephew", "niece", "cousin", "uncle", "aunt", "grandson"}
    | {"granddaughter", "grandfather", "grandmother", "stepson", "stepdaughter"}
)
# Possessive endings after a name.
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@CORRECTIONS.register(SOURCE)
def type_persons_by_cues(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Organisations that own a kinship noun or bear a person's surname become PERSON."""
    surnames = {
        m.text.split()[-1] for m in mentions if m.type == PERSON and len(m.text.split()) > 1
    }
    out = []
    for mention in mentions:
        read = "kind" in dict(mention.attrs)  # typed from the text already: kept
        span = mention_span(doc, mention) if mention.type in RETYPED and not read else None
        cue = _person_cue(span, mention, surnames) if span is not None else None
        if cue is not None:
            mention = with_type(mention, PERSON, SOURCE, ("kind", cue))
        out.append(mention)
    return out


def _person_cue(span: Span, mention: Mention, surnames: set[str]) -> str | None:
    """The kinship noun or "surname" that makes ``span`` a person's, or None."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in POSSESSIVES and span.root.dep_ == "poss":
        owned = span.root.head  # "Oldar" ← poss ← "nephew"; "'s" hangs on the name
        if owned.lemma_.casefold() in KIN_NOUNS and same_paragraph(owned, span.root):
            return str(owned.lemma_.casefold())
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    bare = mention.type == "ORG" and len(span) == 1 and before != "the"  # "the Falcon": a thing
    return "surname" if bare and mention.text in surnames else None
