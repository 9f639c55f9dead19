"""Within-document coreference: the named entity a pronoun or a description stands for.

Given a parsed document and its entity mentions with their document clusters
(``entity_mentions``: "Reid" and "Tara Reid" share one), ``resolve_references`` finds
the words that stand for one of those clusters without naming it, in text order:

* third-person pronouns ("he", "her", "its", "himself") and relative pronouns ("who"),
  with agreement (type; gender from titles, given names and gendered nouns that
  described the name) and the parse's constraints: a personal pronoun is never the
  subject or another argument of its own clause ("Reid hired her"), a reflexive is
  its clause's subject, a pronoun in a fronted phrase may point forward to the main
  subject ("After her arrest, Reid…"); else the nearest sentence with a compatible
  mention wins, a subject first.
* appositions and titles of a name ("Reid, the actress", "rep Jack Ketsoyan").
* definite descriptions ("the actress", "the company", "the 33-year-old"): the one
  cluster that noun described before ("actress Tara Reid"), or, for generic nouns
  (``coref.yaml``), the one cluster of that type and gender named in the sentences
  before.

Precision first: where two clusters fit equally (two subjects of one sentence, two
people described by the noun), or a gendered noun that named nobody ("a man") is as
near, the words are left unresolved, never guessed; "it" is resolved only as a
subject, "they" never. A
resolved reference is itself an antecedent for later pronouns. Deterministic, rules
over the parse only: no model beyond the parse the analysis made.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from storyline.nlp import coref_words as cw
from storyline.registry import Registry

SOURCE = "coref-rules.v1"
# Sentences looked back (besides the pronoun's own) for a pronoun's antecedent.
PRONOUN_REACH = 2
# Sentences looked back for the one entity a generic description may stand for.
DESCRIPTION_REACH = 4
# Dependency labels of a subject, and those that hang a word on the phrase it names
# ("Reid, the actress", "Reid and Smith" both subjects).
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
ATTACHED = frozenset({"appos", "conj"})
# Parts of speech that head a clause.
CLAUSE_POS = frozenset({"VERB", "AUX"})
# Verbs whose subject "it" is often empty ("it is unclear", "it seems that").
EMPTY_IT_VERBS = frozenset({"be", "seem", "appear", "become", "remain", "happen", "take"})
# Determiners of a definite description.
DEFINITE = frozenset({"the", "this"})
# Modifiers that make a description quantified, counted or owned, hence not a name's.
NOT_DEFINITE_DEPS = frozenset({"poss", "nummod", "quantmod", "predet"})
# Fine tags of a singular noun head.
SINGULAR = frozenset({"NN", "NNP"})
# Fine tags of a possessive pronoun ("her job") and of relative pronouns.
POSSESSIVE_TAGS = frozenset({"PRP$"})
RELATIVE_TAGS = frozenset({"WP", "WP$", "WDT"})
# "46-year-old", as one token or as the last of "46 - year - old".
AGE = re.compile(r"^\d+-years?-old$")
# Quotation marks as tokens: a pronoun outside quotes never stands for a name inside.
QUOTE_MARKS = frozenset({'"', "``", "''", "“", "”"})
OPENING = frozenset({"``", "“"})


class EntityMention(Protocol):
    """What coreference reads of a mention (``storyline.nlp.mentions.Mention`` fits)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def cluster(self) -> int: ...
    @property
    def attrs(self) -> tuple[tuple[str, str], ...]: ...


@dataclasses.dataclass(frozen=True)
class Reference:
    """Words that stand for a named entity of the document without naming it."""

    start: int  # character offsets into the Doc's text: the pronoun, or the description
    end: int  # from its first word to its head
    text: str
    head: int  # the head token's index in the Doc
    cluster: int  # the document cluster of the entity it stands for
    antecedent: int  # the given mention it was linked through (index in the mentions given)
    via: str  # pronoun, relative, apposition, description


@dataclasses.dataclass(frozen=True)
class _Anchor:
    """A place where a cluster is named or referred to: a possible antecedent."""

    token: int  # head token index
    sentence: int
    subject: bool
    cluster: int  # negative: a person noun that named nobody we know ("a man"), a rival
    mention: int  # index of the given mention (for a reference: the one it was linked to)
    modifier: bool = False  # a name modifying another noun ("US" in "the US software giant")


Resolve = Callable[[Doc, Sequence[EntityMention]], list[Reference]]
RESOLVERS: Registry[Resolve] = Registry("coreference resolver")


@RESOLVERS.register(SOURCE)
def resolve_references(doc: Doc, mentions: Sequence[EntityMention]) -> list[Reference]:
    """The pronouns and descriptions of ``doc`` that stand for a mention's cluster."""
    return _Document(doc, mentions).resolve()


def references_by_token(references: Sequence[Reference]) -> dict[int, Reference]:
    """Head token index → its reference."""
    return {ref.head: ref for ref in references}


class _Document:
    """One document's mentions indexed by token, and its references found in order."""

    def __init__(self, doc: Doc, mentions: Sequence[EntityMention]) -> None:
        self.doc, self.words = doc, cw.words()
        self.sentence_of = [0] * len(doc)
        for number, sent in enumerate(doc.sents):
            self.sentence_of[sent.start : sent.end] = [number] * len(sent)
        self.owner: dict[int, int] = {}  # token → index of the mention covering it
        self.anchors: list[_Anchor] = []
        spans: dict[int, Span] = {}
        for index, mention in enumerate(mentions):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            spans[index] = span
            self.owner.update(dict.fromkeys(range(span.start, span.end), index))
            root = span.root
            modifier = root.dep_ in ("compound", "amod", "nmod") and root.head.i not in self.owner
            anchor = _Anchor(
                root.i, self.sentence_of[root.i], is_subject(root), mention.cluster, index, modifier
            )
            self.anchors.append(anchor)
        self.anchors.sort(key=lambda a: a.token)
        self.named = {a.mention: a for a in self.anchors}  # mention index → its anchor
        self.types = _cluster_types(mentions)
        self.described = _descriptors(mentions, spans, self.owner)
        self.genders = _cluster_genders(mentions, spans, self.described, self.words)
        self.quoted = _quoted(doc)

    def resolve(self) -> list[Reference]:
        found = []
        for token in self.doc:
            if token.i in self.owner:
                continue
            ref = self.refer(token)
            if ref is not None:
                found.append(ref)
                self.learn(token, ref)
                self.add_anchor(token, ref.cluster, ref.antecedent)
            elif token.pos_ == "NOUN" and token.tag_ in SINGULAR:
                self.add_rival(token)
        return found

    def add_anchor(self, token: Token, cluster: int, mention: int) -> None:
        sentence = self.sentence_of[token.i]
        anchor = _Anchor(token.i, sentence, is_subject(token), cluster, mention)
        bisect.insort(self.anchors, anchor, key=lambda a: a.token)

    def add_rival(self, token: Token) -> None:
        """A gendered person noun that named nobody ("a man"): a rival antecedent for a
        pronoun of its gender, so that "he" after it is left alone rather than guessed."""
        gender = self.words.gender_of_noun(_noun(token))
        if gender is not None:
            cluster = -1 - token.i
            self.types[cluster], self.genders[cluster] = "PERSON", gender
            self.add_anchor(token, cluster, -1)

    def learn(self, token: Token, ref: Reference) -> None:
        """A gendered pronoun or noun tells the gender of a cluster that had none."""
        pronoun = self.words.pronouns.get(token.lower_)
        gender = pronoun.gender if pronoun is not None else self.words.gender_of_noun(_noun(token))
        if gender is not None and self.types.get(ref.cluster) == "PERSON":
            self.genders.setdefault(ref.cluster, gender)

    def refer(self, token: Token) -> Reference | None:
        """The reference ``token`` heads, if it stands for a named cluster."""
        pronoun = self.words.pronouns.get(token.lower_)
        if pronoun is not None and (token.pos_ == "PRON" or token.tag_ in RELATIVE_TAGS):
            if pronoun.form == cw.RELATIVE:
                return self.relative(token, pronoun) if token.tag_ in RELATIVE_TAGS else None
            form = cw.POSSESSIVE if token.tag_ in POSSESSIVE_TAGS else pronoun.form
            return self.pronoun(token, pronoun, form)
        if token.pos_ in ("NOUN", "PROPN", "ADJ"):
            return self.apposition(token) or self.description(token)
        return None

    # --- pronouns ----------------------------------------------------------------------

    def pronoun(self, token: Token, pronoun: cw.Pronoun, form: str) -> Reference | None:
        if token.lower_ == "it" and (token.dep_ not in SUBJECTS or _empty_it(token)):
            return None  # "it" as an object is mostly a thing we do not track
        if form == cw.REFLEXIVE:
            anchor = self.anchor_at(clause_subject(token))
            fits = anchor is not None and self.fits(anchor.cluster, pronoun.types, pronoun.gender)
            return self.reference(token, token, anchor, "pronoun") if fits else None
        quoted = self.quoted[token.i]
        candidates = [
            a
            for a in self.before(token, PRONOUN_REACH)
            if self.fits(a.cluster, pronoun.types, pronoun.gender)
            and not a.modifier
            and (quoted or not self.quoted[a.token])
            and not (form == cw.PERSONAL and self.same_clause(a, token))
        ]
        backward = _best(candidates, self.sentence_of[token.i])
        backward = backward if backward is None or backward.cluster >= 0 else None
        forward = self.cataphor(token, pronoun)
        if forward is not None and backward is not None and forward.cluster != backward.cluster:
            return None  # "Smith spoke. After his speech, Jones left": either
        return self.reference(token, token, forward or backward, "pronoun")

    def cataphor(self, token: Token, pronoun: cw.Pronoun) -> _Anchor | None:
        """The main subject a pronoun in a fronted phrase points to ("After her arrest, Reid…")."""
        root = token.sent.root
        fronted = token
        while fronted.head.i != root.i and fronted.head.i != fronted.i:
            fronted = fronted.head
        if fronted.i == root.i or fronted.i > root.i or fronted.dep_ in SUBJECTS:
            return None
        for subject in (c for c in root.children if c.dep_ in SUBJECTS and c.i > token.i):
            anchor = self.anchor_at(subject)
            if anchor is not None and self.fits(anchor.cluster, pronoun.types, pronoun.gender):
                return anchor
        return None

    def relative(self, token: Token, pronoun: cw.Pronoun) -> Reference | None:
        """ "who" in "Reid, who…": the noun its relative clause hangs on."""
        clause = next((t for t in (token.head, token.head.head) if t.dep_ == "relcl"), None)
        anchor = self.anchor_at(clause.head) if clause is not None else None
        if anchor is None or self.types.get(anchor.cluster) not in pronoun.types:
            return None
        return self.reference(token, token, anchor, "relative")

    # --- descriptions ------------------------------------------------------------------

    def apposition(self, token: Token) -> Reference | None:
        """A noun beside a name: "Reid, the actress", "the actress Reid", "rep Ketsoyan"."""
        noun = _noun(token)
        kind = self.words.noun_types.get(noun)
        if kind is None or token.tag_ not in SINGULAR:
            return None
        near = [token.head] if token.dep_ in ("appos", "compound") else []
        near += [c for c in token.children if c.dep_ == "appos"]
        for other in near:
            anchor = self.anchor_at(other)
            if anchor is not None and anchor.token in self.owner and self.fits_noun(anchor, noun):
                return self.reference(token.left_edge, token, anchor, "apposition")
        return None

    def description(self, token: Token) -> Reference | None:
        """ "the actress": the one cluster the noun described, or of its type and gender."""
        noun = _noun(token)
        kind = "PERSON" if AGE.match(noun) or noun in self.words.demonyms else None
        kind = kind or self.words.noun_types.get(noun)
        if kind is None or not _definite(token):
            return None
        named = self.named_of(token, kind)
        if named is not None:  # "the city of Osh"
            return self.reference(token.left_edge, token, named, "description")
        if any(o.pos_ == "PROPN" for o in _of_objects(token)):
            return None  # "the city of Bandar Abbas" names a place we do not hold
        earlier = [a for a in self.before(token, len(self.doc)) if a.token in self.owner]
        evidence = {a.cluster for a in earlier if noun in self.described.get(a.cluster, ())}
        anchor: _Anchor | None = None
        if evidence:
            chosen = evidence.pop() if len(evidence) == 1 else None
            anchor = next((a for a in reversed(earlier) if a.cluster == chosen), None)
        elif noun in self.words.generic.get(kind, ()) or AGE.match(noun):
            near = self.before(token, DESCRIPTION_REACH)
            fitting = [
                a
                for a in near
                if self.fits_noun(a, noun) and not a.modifier and not self.same_clause(a, token)
            ]
            anchor = _best(fitting, self.sentence_of[token.i])
            anchor = anchor if anchor is None or anchor.cluster >= 0 else None
        return self.reference(token.left_edge, token, anchor, "description")

    def named_of(self, token: Token, kind: str) -> _Anchor | None:
        """The name in the description's "of" phrase, when it is of the noun's type."""
        for obj in _of_objects(token):
            anchor = self.anchor_at(obj)
            if anchor is not None and self.types.get(anchor.cluster) == kind:
                return anchor
        return None

    # --- shared ------------------------------------------------------------------------

    def before(self, token: Token, reach: int) -> list[_Anchor]:
        """Anchors before ``token`` in its sentence and the ``reach`` sentences before."""
        lowest = self.sentence_of[token.i] - reach
        start = bisect.bisect_left(self.anchors, lowest, key=lambda a: a.sentence)
        end = bisect.bisect_left(self.anchors, token.i, key=lambda a: a.token)
        return self.anchors[start:end]

    def anchor_at(self, token: Token | None) -> _Anchor | None:
        """The anchor of the mention or reference ``token`` is part of (or heads)."""
        if token is None:
            return None
        index = bisect.bisect_left(self.anchors, token.i, key=lambda a: a.token)
        if index < len(self.anchors) and self.anchors[index].token == token.i:
            return self.anchors[index]
        owner = self.owner.get(token.i)
        return None if owner is None else self.named.get(owner)

    def fits(self, cluster: int, types: frozenset[str], gender: str | None) -> bool:
        if self.types.get(cluster) not in types:
            return False
        held = self.genders.get(cluster)
        return gender is None or held is None or held == gender

    def fits_noun(self, anchor: _Anchor, noun: str) -> bool:
        kind = self.words.noun_types.get(noun, "PERSON")
        return self.fits(anchor.cluster, frozenset({kind}), self.words.gender_of_noun(noun))

    def same_clause(self, anchor: _Anchor, token: Token) -> bool:
        """Whether the anchor is an argument of the pronoun's own clause ("Reid hired her"),
        or its subject, shared or not ("Heller agreed to send the actress")."""
        other = self.doc[anchor.token]
        if clause_head(other).i == clause_head(token).i and not other.is_ancestor(token):
            return True
        subject = clause_subject(token)
        return subject is not None and subject.i == other.i

    def reference(
        self, first: Token, head: Token, anchor: _Anchor | None, via: str
    ) -> Reference | None:
        if anchor is None:
            return None
        start, end = first.idx, head.idx + len(head.text)
        text = self.doc.text[start:end]
        return Reference(start, end, text, head.i, anchor.cluster, anchor.mention, via)


def _best(candidates: list[_Anchor], sentence: int) -> _Anchor | None:
    """The nearest sentence's candidate, a subject first, the latest first; None on a tie
    between two clusters (two subjects of one sentence, two objects) or where that
    sentence holds a rival that named nobody ("police were looking for a man … him")."""
    ranked = sorted(candidates, key=lambda a: (sentence - a.sentence, not a.subject, -a.token))
    if not ranked:
        return None
    top = (ranked[0].sentence, ranked[0].subject)
    tied = {a.cluster for a in ranked if (a.sentence, a.subject) == top}
    rival = any(a.cluster < 0 for a in ranked if a.sentence == ranked[0].sentence)
    return ranked[0] if len(tied) == 1 and not rival else None


def is_subject(token: Token) -> bool:
    """A subject, or a word hanging on one ("Jack" of "Jack Ketsoyan", "Smith" of "Reid and
    Smith")."""
    while token.dep_ in ATTACHED and token.head.i != token.i:
        token = token.head
    return token.dep_ in SUBJECTS


def clause_head(token: Token) -> Token:
    """The verb of the clause ``token`` is in (the sentence root when there is none)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in CLAUSE_POS:
            return ancestor
    return token.sent.root


def clause_subject(token: Token) -> Token | None:
    """The subject of the clause ``token`` is in, its own or the verb's it depends on."""
    verb: Token | None = clause_head(token)
    for _ in range(4):
        if verb is None:
            return None
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        verb = verb.head if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i else None
    return None


def _empty_it(token: Token) -> bool:
    """An "it" that stands for nothing: "it is unclear whether", "it was reported that"."""
    if token.dep_ == "expl":
        return True
    verb = token.head
    return token.dep_ in SUBJECTS and (
        verb.lemma_.lower() in EMPTY_IT_VERBS
        or (token.dep_ == "nsubjpass" and any(c.dep_ in ("ccomp", "csubj") for c in verb.children))
    )


def _of_objects(token: Token) -> list[Token]:
    """The objects of the "of" phrases on ``token`` ("the city of Osh": Osh)."""
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
    return [o for p in preps for o in p.children if o.dep_ == "pobj"]


def _noun(token: Token) -> str:
    """The lower-case lemma of a description's head; "46-year-old" whole when split."""
    if token.lower_ == "old" and token.i >= 4:
        words = "".join(t.text for t in token.doc[token.i - 4 : token.i + 1])
        if AGE.match(words):
            return words.lower()
    return (token.lemma_ or token.text).lower()


def _definite(token: Token) -> bool:
    """ "the actress", not "an actress", "her mother", "two actresses" or "actresses"."""
    if token.tag_ not in SINGULAR and not AGE.match(_noun(token)):
        return False
    children = list(token.children)
    if any(c.dep_ in NOT_DEFINITE_DEPS for c in children):
        return False
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in children)


def _quoted(doc: Doc) -> list[bool]:
    """Whether each token lies between quotation marks of its sentence."""
    inside = [False] * len(doc)
    for sent in doc.sents:
        open_ = False
        for token in sent:
            if token.text in QUOTE_MARKS:
                open_ = token.text in OPENING or (token.text == '"' and not open_)
                continue
            inside[token.i] = open_
    return inside


def _cluster_types(mentions: Sequence[EntityMention]) -> dict[int, str]:
    """Each cluster's type: the one most of its mentions have."""
    votes: dict[int, Counter[str]] = {}
    for mention in mentions:
        votes.setdefault(mention.cluster, Counter())[mention.type] += 1
    return {cluster: count.most_common(1)[0][0] for cluster, count in votes.items()}


def _descriptors(
    mentions: Sequence[EntityMention], spans: dict[int, Span], owner: dict[int, int]
) -> dict[int, set[str]]:
    """Cluster → the nouns that described one of its names: titles, kinds, appositions,
    nouns before the name ("actress Tara Reid") and predicates ("Reid is an actress")."""
    found: dict[int, set[str]] = {}
    for index, span in spans.items():
        mention = mentions[index]
        nouns = found.setdefault(mention.cluster, set())
        for key, value in mention.attrs:
            if key in ("title", "kind", "role"):
                nouns.update(w.strip(".,").lower() for w in value.split())
        nouns.update(_noun(word) for word in _describing(span.root) if owner.get(word.i) != index)
    return found


def _describing(root: Token) -> list[Token]:
    """Nouns beside a name's head: "actress Tara Reid", "Reid, the actress", "the actress,
    Tara Reid", "Reid is an actress"."""
    near = [c for c in root.children if c.dep_ in ("compound", "appos", "nmod")]
    if root.dep_ == "appos":
        near.append(root.head)
    elif root.dep_ == "nsubj" and root.head.lemma_ == "be":
        near += [c for c in root.head.children if c.dep_ == "attr"]
    nouns = cw.words().noun_types  # a capitalised title is a PROPN: "Judge John Varek"
    return [w for w in near if w.pos_ == "NOUN" or (w.pos_ == "PROPN" and _noun(w) in nouns)]


def _cluster_genders(
    mentions: Sequence[EntityMention],
    spans: dict[int, Span],
    described: dict[int, set[str]],
    words: cw.Words,
) -> dict[int, str]:
    """Cluster → f or m, where its titles, given names and describing nouns agree."""
    votes: dict[int, set[str]] = {}
    for index, span in spans.items():
        mention = mentions[index]
        if mention.type != "PERSON":
            continue
        told = votes.setdefault(mention.cluster, set())
        first = span[0].text if len(span) > 1 else ""
        told.update(g for g in (words.gender_of_name(first),) if g)
        told.update(g for g in map(words.gender_of_noun, (t.text for t in span)) if g)
        for noun in described.get(mention.cluster, ()):
            told.update(g for g in (words.gender_of_noun(noun),) if g)
    return {cluster: next(iter(told)) for cluster, told in votes.items() if len(told) == 1}
