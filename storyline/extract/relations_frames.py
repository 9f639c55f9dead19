"""Relations stated by a verb frame or by place names: asylum and citizenship, located_in.

Transfers: "Belarus granted asylum to X", "X was granted asylum in Belarus", "X gained
Belarusian citizenship". Places: "Minsk, Belarus", "Jalalabad in southern Kyrgyzstan".
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from storyline.extract.model import Relation
from storyline.extract.relations_roles import hedged
from storyline.extract.relations_table import Cues, Places, RelationTable, RelationType, Transfer
from storyline.extract.relations_view import Arg, DocIndex, SentenceView, relation_of

_PASSIVE_DEPS = ("auxpass", "nsubjpass", "agent")  # "by X" marks a passive the parser missed
# A receiver or giver named as the place of the handing over: "asylum in Belarus".
_GIVER_PREPOSITIONS = frozenset({"in", "from"})
_GIVER_TYPES = frozenset({"GPE"})


def transfer_relations(
    view: SentenceView, index: DocIndex, table: RelationTable
) -> Iterator[Relation]:
    """Relations of verbs handing a thing over, giver and receiver both named."""
    for verb in view.sent:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = verb.lemma_.lower()
        for kind in table.transfers:
            transfer = kind.transfer
            assert transfer is not None
            if lemma not in transfer.give and lemma not in transfer.receive:
                continue
            thing = _thing(view, verb, transfer)
            if thing is None or hedged(view, verb, table.cues) or _denied(view, thing, table.cues):
                continue
            found = _sides(view, index, verb, thing, lemma in transfer.give, table)
            if found is None:
                continue
            giver, receiver = found
            subject, obj = (giver, receiver) if transfer.subject_is_giver else (receiver, giver)
            allowed = kind.allows(subject.row.ref.type, obj.row.ref.type)
            if allowed and subject.row.cluster != obj.row.cluster:
                yield _relation(view, kind, subject, obj, verb, thing, giver.how)


def _thing(view: SentenceView, verb: Token, transfer: Transfer) -> Token | None:
    for kid in view.children(verb, "dobj"):
        if kid.lemma_.lower() in transfer.nouns:
            return kid
    return None


def _denied(view: SentenceView, thing: Token, cues: Cues) -> bool:
    """ "granted no asylum"."""
    return any(kid.lower_ in cues.negations for kid in view.children(thing, "det", "neg"))


def _relation(
    view: SentenceView,
    kind: RelationType,
    subject: Arg,
    obj: Arg,
    verb: Token,
    thing: Token,
    how: str,
) -> Relation:
    words = ((view.start_of(verb), view.end_of(verb)), (view.start_of(thing), view.end_of(thing)))
    return relation_of(kind.name, subject, obj, words, f"{verb.lemma_.lower()}/{how}")


def _sides(
    view: SentenceView,
    index: DocIndex,
    verb: Token,
    thing: Token,
    giving: bool,
    table: RelationTable,
) -> tuple[Arg, Arg] | None:
    """(giver, receiver) of a handing-over verb, or None when either is not named."""
    reduced = verb.dep_ == "acl" and verb.tag_ == "VBN"  # "X, granted asylum in 2010, …"
    passive = reduced or bool(view.children(verb, *_PASSIVE_DEPS))
    if giving and not passive:
        giver, receiver = _subject(view, index, verb, table), _recipient(view, verb, thing)
    else:
        receiver = _subject(view, index, verb, table)
        giver = _agent(view, verb, thing) if giving else None
        giver = giver or _place(view, verb) or _country_of_thing(view, index, thing)
    return None if giver is None or receiver is None else (giver, receiver)


def _subject(view: SentenceView, index: DocIndex, verb: Token, table: RelationTable) -> Arg | None:
    """The verb's named subject; through "who" to its noun; from the first of two verbs."""
    subject = view.child(verb, "nsubj", "nsubjpass")
    if subject is None and verb.dep_ == "conj" and view.has_head(verb):
        subject = view.child(verb.head, "nsubj", "nsubjpass")  # "fled and was granted"
    if subject is None and verb.dep_ == "acl" and view.has_head(verb):
        subject = verb.head  # "X, granted asylum in 2010, …": X
    if subject is None:
        return None
    # "X, who was granted asylum"
    subject = view.through_relative(subject, table.cues.relative_pronouns)
    found = view.named(subject, "subject")
    if found is None and subject.lemma_.lower() in table.cues.state_nouns:
        found = _country_of_thing(view, index, subject)  # "the Belarusian government"
    return found


def _object_of(view: SentenceView, prep: Token, how: str) -> Arg | None:
    target = view.child(prep, "pobj")
    found = None if target is None else view.named(target, how)
    if found is None:
        return None
    return Arg(found.row, min(found.start, view.start_of(prep)), found.end, how, found.token)


def _recipient(view: SentenceView, verb: Token, thing: Token) -> Arg | None:
    """ "granted asylum to X" / "granted X asylum"."""
    for kid in view.children(verb, "dative", "prep") + view.children(thing, "prep"):
        if kid.lower_ == "to":
            return _object_of(view, kid, "to")
        if kid.dep_ == "dative":
            return view.named(kid, "dative")
    return None


def _agent(view: SentenceView, verb: Token, thing: Token) -> Arg | None:
    """ "was granted asylum by X"."""
    for kid in view.children(verb, "agent") + view.children(thing, "prep"):
        if kid.lower_ == "by":
            return _object_of(view, kid, "by")
    return None


def _place(view: SentenceView, verb: Token) -> Arg | None:
    """ "was granted asylum in X", "received asylum from X": a country or city."""
    for prep in view.children(verb, "prep"):
        if prep.lower_ in _GIVER_PREPOSITIONS:
            found = _object_of(view, prep, prep.lower_)
            if found is not None and found.row.ref.type in _GIVER_TYPES:
                return found
    return None


def _country_of_thing(view: SentenceView, index: DocIndex, thing: Token) -> Arg | None:
    """ "Belarusian citizenship", "Belarus citizenship", "citizenship of Belarus"."""
    for kid in view.children(thing, "amod", "compound", "nmod"):
        country = index.country_mention(kid.text)
        if country is not None:
            return Arg(country, view.start_of(kid), view.end_of(kid), "country-adjective")
        found = view.named(kid, "modifier")
        if found is not None and found.row.ref.type in _GIVER_TYPES:
            return found
    for prep in view.children(thing, "prep"):
        if prep.lower_ == "of":
            return _object_of(view, prep, "of")
    return None


def place_relations(
    view: SentenceView, index: DocIndex, table: RelationTable
) -> Iterator[Relation]:
    """ "Minsk, Belarus" and "Osh in southern Kyrgyzstan": a place inside a larger one."""
    for kind in table.places:
        places = kind.places
        assert places is not None
        for token in view.sent:
            inner = view.named(token, "place")
            if inner is None or inner.row.ref.type not in kind.subject:
                continue
            if index.country_of(inner.row):
                continue  # a country lies in no place we could name reliably
            for outer, pattern in _outer_places(view, index, token, inner, places):
                if outer.row.ref.type in kind.object and outer.row.cluster != inner.row.cluster:
                    yield relation_of(kind.name, inner, outer, (), pattern)


def _outer_places(
    view: SentenceView, index: DocIndex, token: Token, inner: Arg, places: Places
) -> Iterator[tuple[Arg, str]]:
    if places.apposition:
        for appos in view.children(token, "appos"):
            outer = view.named(appos, "apposition")
            if outer is None or not index.country_of(outer.row):
                continue
            if view.children(appos, "conj", "cc"):
                continue  # "Minsk, Belarus and Russia": a list, not an address
            between = view.sent.doc.text[inner.end - view.base : outer.start - view.base]
            if between.strip() == ",":
                yield outer, "apposition"
    for prep in _place_prepositions(view, token, inner):
        if prep.lower_ not in places.prepositions:
            continue
        outer = _object_of(view, prep, prep.lower_)
        if outer is None:
            continue
        target = view.sent.doc[outer.token]
        regional = any(kid.lower_ in places.regions for kid in view.children(target, "amod"))
        if index.country_of(outer.row) or regional:
            yield outer, f"{prep.lower_}"


def _place_prepositions(view: SentenceView, token: Token, inner: Arg) -> list[Token]:
    """The place's own prepositions, and the one right after it that the parser hung on the
    verb instead: "fighting broke out in Jalalabad in southern Kyrgyzstan"."""
    found = view.children(token, "prep")
    following = token.i + 1
    if following < view.sent.end:
        after = view.sent.doc[following]
        if after.dep_ == "prep" and view.start_of(after) >= inner.end and after not in found:
            found.append(after)
    return found
