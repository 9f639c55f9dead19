"""Relations stated by a role noun: "Janysh, the brother of Kurmanbek", "Kyrgyz president X".

A role noun ("brother", "president", "ambassador") names how its holder stands to someone
else. The holder is the named person the noun is attached to (apposition, a title before
the name, "X is/was the …", "X served as …"); the other side hangs on the noun (an
"of"/"to" phrase, a possessor, a country adjective or a name before it). Both must be
there, in the parse, with the types the schema allows: nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from storyline.extract.model import Relation
from storyline.extract.relations_table import Cues, RelationTable, RelationType
from storyline.extract.relations_view import Arg, DocIndex, SentenceView, relation_of

# Modifiers skipped between a possessor and its noun ("Kurmanbek's younger brother").
_NOUN_MODIFIERS = frozenset({"amod", "compound", "nummod", "advmod", "det"})
# Dependencies of a name that modifies a role noun ("Kyrgyz president", "Kremlin spokesman").
_MODIFIER_DEPS = ("amod", "compound", "nmod")
# Plural role nouns ("his brothers") name several people: left alone.
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def role_relations(view: SentenceView, index: DocIndex, table: RelationTable) -> Iterator[Relation]:
    """Every relation the sentence's role nouns state, holder as subject."""
    for token in view.sent:
        kind = table.by_noun.get(token.lower_) or table.by_noun.get(token.lemma_.lower())
        if kind is None or token.tag_ in _PLURAL_TAGS or token.i in view.mention_of:
            continue
        holder = _holder(view, token, table.cues)
        if holder is None or holder.row.ref.type not in kind.subject:
            continue
        other = _other(view, index, token, kind, holder, table)
        if other is None:
            other = _shared_possessor(view, index, holder, kind, table)
        if other is None or other.row.cluster == holder.row.cluster:
            continue
        if kind.allows(holder.row.ref.type, other.row.ref.type):
            noun = ((view.start_of(token), view.end_of(token)),)
            yield relation_of(kind.name, holder, other, noun, f"{holder.how}/{other.how}")


def _holder(view: SentenceView, noun: Token, cues: Cues) -> Arg | None:
    """The named person a role noun describes."""
    head = noun.head if view.has_head(noun) else None
    if head is not None and noun.dep_ == "appos":
        return view.named(head, "appos")  # "Janysh, the brother of …"
    for appos in view.children(noun, "appos"):
        found = view.named(appos, "appos")  # "his brother Janysh", "the president of X, Y"
        if found is not None:
            return found
    if head is not None and noun.dep_ == "compound" and noun.i < head.i:
        return view.named(head, "title")  # "president Bakiyev"
    if head is not None and noun.dep_ == "attr" and head.lemma_.lower() in cues.copulas:
        return _verb_subject(view, head, cues, "copula")  # "X is the brother of …"
    if head is not None and noun.dep_ == "pobj" and head.lower_ == "as" and view.has_head(head):
        verb = head.head
        if verb.lemma_.lower() in cues.as_verbs | cues.copulas:
            return _verb_subject(view, verb, cues, "as")  # "X served as ambassador to …"
    return None


def _verb_subject(view: SentenceView, verb: Token, cues: Cues, how: str) -> Arg | None:
    """The named subject of a copula or "serve as", unless the clause is denied or hedged."""
    if hedged(view, verb, cues):
        return None
    subject = view.child(verb, "nsubj", "nsubjpass")
    if subject is None:
        return None
    # "X, who served as …"
    return view.named(view.through_relative(subject, cues.relative_pronouns), how)


def hedged(view: SentenceView, verb: Token, cues: Cues) -> bool:
    """A verb that is denied, conditional, modal or wanted rather than done."""
    if verb.dep_ == "xcomp":
        return True  # "refused to grant", "wants to become"
    for kid in view.children(verb):
        word = kid.lower_
        if kid.dep_ == "neg" or word in cues.negations:
            return True
        if kid.dep_ == "aux" and word in cues.modals:
            return True
        if kid.dep_ == "mark" and word in cues.conditionals:
            return True
    return False


def _other(
    view: SentenceView,
    index: DocIndex,
    noun: Token,
    kind: RelationType,
    holder: Arg,
    table: RelationTable,
) -> Arg | None:
    """The other side, found by the type's links in order."""
    for link in kind.links:
        if link == "possessive":
            found = possessor(view, index, noun, holder, table.cues)
        elif link == "modifier":
            found = _modifier(view, index, noun, kind)
        else:
            found = _prepositional(view, noun, link)
        if found is not None and found.row.ref.type in kind.object:
            return found
    return None


def _prepositional(view: SentenceView, noun: Token, preposition: str) -> Arg | None:
    """ "the brother of Kurmanbek", "ambassador to Belarus": the named object of the phrase."""
    for prep in view.children(noun, "prep"):
        if prep.lower_ == preposition:
            target = view.child(prep, "pobj")
            found = None if target is None else view.named(target, preposition)
            if found is not None:
                return Arg(found.row, view.start_of(prep), found.end, preposition, found.token)
    return None


def possessor(
    view: SentenceView, index: DocIndex, noun: Token, holder: Arg, cues: Cues
) -> Arg | None:
    """ "Kurmanbek's brother", "his brother" (the pronoun's one possible antecedent)."""
    owner = view.child(noun, "poss")
    if owner is None:
        owner = _marked_possessor(view, noun)
    if owner is None:
        return None
    if owner.lower_ in cues.possessive_pronouns:
        return view.antecedent(owner, index, holder.row.cluster)
    found = view.named(owner, "possessive")
    return found


def _marked_possessor(view: SentenceView, noun: Token) -> Token | None:
    """A name with "'s" just before the noun that the parser did not attach to it.

    "Janysh Bakiyev, Kurmanbek's brother" is sometimes parsed with "Kurmanbek" in
    apposition to "Janysh Bakiyev" and "brother" beside it; the "'s" still says whose.
    """
    doc = noun.doc
    index = noun.i - 1
    while index > view.sent.start and doc[index].dep_ in _NOUN_MODIFIERS:
        if doc[index].head.i != noun.i:
            return None
        index -= 1
    if index <= view.sent.start or not view.is_possessive_mark(doc[index]):
        return None
    return doc[index - 1]


def _modifier(view: SentenceView, index: DocIndex, noun: Token, kind: RelationType) -> Arg | None:
    """ "Kyrgyz president" (the country, named in the article), "Kremlin spokesman"."""
    for kid in view.children(noun, *_MODIFIER_DEPS):
        if kid.i > noun.i:
            continue
        country = index.country_mention(kid.text)
        if country is not None:
            return Arg(country, view.start_of(kid), view.end_of(kid), "country-adjective")
        found = view.named(kid, "modifier")
        if found is None or found.row.ref.type not in kind.object:
            continue
        if found.row.ref.type != "GPE" or index.country_of(found.row):
            return found  # an unlisted nationality word ("Zembian") is not a country name
    return None


def _shared_possessor(
    view: SentenceView, index: DocIndex, holder: Arg, kind: RelationType, table: RelationTable
) -> Arg | None:
    """ "his brother Janysh and son Maxim": the second noun shares the first's possessor."""
    root = view.sent.doc[holder.token] if holder.token >= 0 else None
    if root is None or root.dep_ != "conj" or not view.has_head(root):
        return None
    first = root.head
    if table.by_noun.get(first.lower_) is None and table.by_noun.get(first.lemma_.lower()) is None:
        return None
    if "possessive" not in kind.links:
        return None
    return possessor(view, index, first, holder, table.cues)
