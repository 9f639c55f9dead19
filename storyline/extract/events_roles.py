"""Who and where of an event mention: dependents of the trigger mapped onto entity mentions.

Verbal triggers: the subject is the agent (the "by" phrase of a passive too), the object
or passive subject the patient, a dative or "to" phrase the recipient, a GPE/LOC after
"in/at/near" the place. Nominal triggers: the possessor, "of"-phrase or compound takes
the type's ``theme`` role ("Bakiyev's ouster": patient), and the light verb a noun is the
object of lends its subject ("Belarus granted asylum": agent; "he found refuge":
recipient). Pronouns become the most recent compatible mention before them, given as
the fullest-name mention of its document cluster.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from spacy.tokens import Token

from storyline.extract.context import DocContext, MentionRow
from storyline.extract.events_lexicon import NOUN_THEME_DEPS, VERB_POS, EventType, of_objects
from storyline.extract.events_modality import REQUEST_WORDS, governor
from storyline.extract.model import Participant

# Prepositions whose object has a role whatever the type (types add their own in the schema).
DEFAULT_PREPS = {
    "in": "place",
    "at": "place",
    "near": "place",
    "inside": "place",
    "outside": "place",
    "within": "place",
    "across": "place",
    "throughout": "place",
    "to": "recipient",
    "by": "agent",
}
PLACE = "place"
PLACE_TYPES = frozenset({"GPE", "LOC"})
# Light verbs that give their object noun to someone: the subject gives (agent).
GIVE_VERBS = frozenset({"give", "grant", "offer", "provide", "award", "extend", "confer", "afford"})
# Light verbs whose subject receives the noun (for types that ``receive``: asylum…).
RECEIVE_VERBS = frozenset(
    {"receive", "get", "gain", "obtain", "find", "seek", "win", "acquire", "take", "apply", "enjoy"}
)
# Light verbs whose subject does what the noun names ("held talks", "launched an attack").
DO_VERBS = frozenset(
    {
        "hold", "launch", "stage", "carry", "conduct", "make", "sign", "begin", "start", "lead",
        "organise", "organize", "order", "mount", "commit", "perpetrate", "complete", "reach",
        "strike", "conclude", "announce", "plan", "file", "submit", "issue", "tender", "hand",
        "request", "demand", "seek", "ask", "push", "press", "renew", "repeat", "send",
    }
)  # fmt: skip
# Pronouns resolved to an earlier mention, with the entity types each may stand for.
PRONOUNS = {
    **dict.fromkeys(("he", "him", "his", "himself"), ("PERSON",)),
    **dict.fromkeys(("she", "her", "hers", "herself"), ("PERSON",)),
    **dict.fromkeys(("it", "its", "itself"), ("GPE", "ORG")),
}
FEMININE = frozenset({"she", "her", "hers", "herself"})
MASCULINE = frozenset({"he", "him", "his", "himself"})
# What says a person is a woman or a man: titles, and Slavic/Central Asian surname endings
# ("Otunbayeva"), the names of the reference story.
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "madam", "queen", "princess", "lady", "dame"})
MALE_TITLES = frozenset({"mr", "sir", "king", "prince", "lord"})
FEMALE_ENDINGS = ("ova", "eva", "yeva", "skaya")
RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
# Nouns that stand for the state or body named beside them ("Kyrgyzstan's government").
STATE_WORDS = frozenset(
    {"government", "authorities", "authority", "regime", "administration", "leadership"}
)
# Dependencies through which an apposition names the head of a noun phrase:
# "the former head of Kyrgyzstan's security service Janysh Bakiev".
NOMINAL_DEPS = frozenset({"prep", "pobj", "poss", "compound", "amod", "appos", "nmod"})
# How many names deep a misattached phrase is followed back to the trigger.
NAME_DEPTH = 2
# How many sentences back a pronoun looks for its mention.
PRONOUN_REACH = 3


def kind_of(row: MentionRow) -> str:
    """The mention's type; an OTHER the model called a person counts as a person."""
    return row.attrs.get("model_type", row.ref.type) if row.ref.type == "OTHER" else row.ref.type


def gender_of(row: MentionRow) -> str | None:
    """``f``, ``m`` or None (unknown) from the title and the surname's ending."""
    title = {w.strip(".").lower() for w in row.attrs.get("title", "").split()}
    if title & FEMALE_TITLES:
        return "f"
    if title & MALE_TITLES:
        return "m"
    words = row.ref.text.split()
    return "f" if words and words[-1].lower().endswith(FEMALE_ENDINGS) else None


def fits_pronoun(row: MentionRow, pronoun: str) -> bool:
    """Whether ``row`` may be what ``pronoun`` stands for."""
    if kind_of(row) not in PRONOUNS[pronoun]:
        return False
    gender = gender_of(row)
    return not (pronoun in MASCULINE and gender == "f") and not (
        pronoun in FEMININE and gender == "m"
    )


class Entities:
    """Entity mentions of one document, found from tokens; pronouns resolved."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.starts = [m.ref.start for m in ctx.mentions]
        self.fullest: dict[int, MentionRow] = {}
        for row in ctx.mentions:
            best = self.fullest.get(row.cluster)
            if best is None or len(row.ref.text) > len(best.ref.text):
                self.fullest[row.cluster] = row

    def covering(self, token: Token, base: int) -> MentionRow | None:
        """The mention over ``token`` itself."""
        return self.ctx.mention_over(base + token.idx, base + token.idx + len(token))

    def of_token(self, token: Token, base: int, avoid: set[int]) -> MentionRow | None:
        """The entity ``token`` names: itself, its apposition, a pronoun's antecedent."""
        if token.lower_ in PRONOUNS and token.pos_ == "PRON":
            return self.cataphor(token, base, avoid) or self.antecedent(
                base + token.idx, token.lower_, avoid
            )
        found = self.covering(token, base) or self.apposition(token, base)
        if found is not None:
            return found
        if token.dep_ == "compound" and token.head != token:
            found = self.covering(token.head, base)  # "ousted President Bakiyev"
        if found is None and token.lemma_.lower() in STATE_WORDS:
            found = self.state_of(token, base)
        return found

    def apposition(self, token: Token, base: int) -> MentionRow | None:
        """The mention of an apposition within the noun phrase ``token`` heads."""
        stack = list(token.children)
        while stack:
            child = stack.pop(0)
            if child.dep_ not in NOMINAL_DEPS:
                continue
            if child.dep_ == "appos" and (row := self.covering(child, base)) is not None:
                return row
            stack.extend(child.children)
        return None

    def state_of(self, token: Token, base: int) -> MentionRow | None:
        """The state or body a word like "government" stands for, named beside it."""
        for child in [c for c in token.children if c.dep_ in NOUN_THEME_DEPS] + of_objects(token):
            row = self.covering(child, base)
            if row is not None and row.ref.type in ("GPE", "ORG"):
                return row
        return None

    def place_in(self, token: Token, base: int) -> MentionRow | None:
        """The first GPE/LOC mention in the phrase ``token`` heads ("the city of Osh")."""
        start = base + token.left_edge.idx
        end = base + token.right_edge.idx + len(token.right_edge)
        return next(
            (m for m in self.ctx.mentions_in(start, end) if m.ref.type in PLACE_TYPES), None
        )

    def cataphor(self, token: Token, base: int, avoid: set[int]) -> MentionRow | None:
        """The main clause's subject a pronoun in a fronted phrase points forward to.

        "After his flight to Kazakhstan, Bakiev became…": "his" is Bakiev.
        """
        root = token.sent.root
        if token.i > root.i:
            return None
        for subject in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
            if subject.i <= token.i or token in subject.subtree:
                continue
            row = self.covering(subject, base)
            if row is not None and row.cluster not in avoid and fits_pronoun(row, token.lower_):
                return self.fullest.get(row.cluster, row)
        return None

    def antecedent(self, offset: int, pronoun: str, avoid: set[int]) -> MentionRow | None:
        """The fullest mention of the nearest earlier mention that fits ``pronoun``."""
        index = self.ctx.sentence_index(offset)
        floor = self.ctx.sentences[max(0, index - PRONOUN_REACH)][0] if self.ctx.sentences else 0
        for position in range(bisect.bisect_left(self.starts, offset) - 1, -1, -1):
            row = self.ctx.mentions[position]
            if row.ref.start < floor:
                break
            if row.ref.end <= offset and row.cluster not in avoid and fits_pronoun(row, pronoun):
                return self.fullest.get(row.cluster, row)
        return None

    def type_of(self, token: Token, base: int) -> str | None:
        """The entity type ``token`` stands for (pronouns resolved), for trigger conditions."""
        row = self.of_token(token, base, set())
        return None if row is None else kind_of(row)


def participants(
    entities: Entities, token: Token, base: int, kind: EventType
) -> tuple[Participant, ...]:
    """The participants of the event ``token`` triggers, with roles, in role order."""
    found: list[Participant] = []
    seen: set[tuple[str, str]] = set()
    clusters: set[int] = set()
    slots = verb_slots(token, kind) if token.pos_ in VERB_POS else noun_slots(token, kind)
    for role, slot in slots:
        for each in [slot, *slot.conjuncts]:
            row = (
                entities.place_in(each, base)
                if role == PLACE
                else entities.of_token(each, base, clusters)
            )
            if row is None or (role, row.ref.mention) in seen or _covers(row, token, base):
                continue
            seen.add((role, row.ref.mention))
            clusters.add(row.cluster)
            found.append(Participant(role, row.ref))
    return tuple(_granted_by_place(found, kind))


def _covers(row: MentionRow, token: Token, base: int) -> bool:
    """Whether the mention holds the trigger itself ("the Tulip Revolution")."""
    return row.ref.start <= base + token.idx < row.ref.end


def _granted_by_place(found: list[Participant], kind: EventType) -> list[Participant]:
    """With no agent, a country that is the place grants the asylum or citizenship."""
    if not kind.place_grants or any(p.role == "agent" for p in found):
        return found
    state = next((p for p in found if p.role == PLACE and p.ref.type == "GPE"), None)
    return found if state is None else [Participant("agent", state.ref), *found]


def verb_slots(token: Token, kind: EventType) -> Iterator[tuple[str, Token]]:
    """(role, head token) of each dependent of a verbal trigger that may name a participant."""
    yield from (("agent", s) for s in subjects_of(token))
    for child in token.children:
        if child.dep_ in ("nsubjpass", "dobj"):
            if child.lower_ in RELATIVE and token.dep_ == "relcl":
                child = token.head
            yield kind.passive_role if child.dep_ == "nsubjpass" else kind.patient_role, child
            yield from name_slots(child, kind, 0)
    if token.dep_ in ("amod", "acl"):
        yield (kind.passive_role if token.tag_ == "VBN" else "agent"), token.head
    yield from prep_slots(token, kind)


def subjects_of(verb: Token) -> list[Token]:
    """The verb's subjects, its own or shared; "Bakiyev, who fled": Bakiyev."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] or inherited_subjects(verb)
    return [verb.head if s.lower_ in RELATIVE and verb.dep_ == "relcl" else s for s in subjects]


def inherited_subjects(token: Token) -> list[Token]:
    """The subject a verb shares with the verb it hangs on: "refused to extradite", "and fled"."""
    current = token
    for _ in range(4):
        if current.dep_ not in ("xcomp", "conj") or current.head == current:
            return []
        current = current.head
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects
    return []


def prep_slots(token: Token, kind: EventType, depth: int = 0) -> Iterator[tuple[str, Token]]:
    """Roles of the objects of the prepositions (and datives) hanging on ``token``.

    A phrase the parser hung on a name inside the trigger's own phrase belongs to the
    trigger: names take no "by" or "in" of their own ("arrested by Interpol in Warsaw").
    """
    for child in token.children:
        if child.dep_ == "dative":
            objects = [o for o in child.children if o.dep_ == "pobj"] or [child]
            yield from (("recipient", o) for o in objects)
        elif child.dep_ in ("prep", "agent") and child.lower_ != "of":
            role = (
                "agent"
                if child.dep_ == "agent"
                else kind.prep_role(child.lower_, DEFAULT_PREPS.get(child.lower_))
            )
            for obj in (o for o in child.children if o.dep_ == "pobj"):
                if role is not None:
                    yield role, obj
                yield from name_slots(obj, kind, depth)


def name_slots(token: Token, kind: EventType, depth: int) -> Iterator[tuple[str, Token]]:
    """The trigger's phrases that the parser hung on the name ``token`` (see prep_slots)."""
    if token.pos_ == "PROPN" and depth < NAME_DEPTH:
        yield from prep_slots(token, kind, depth + 1)


def noun_slots(token: Token, kind: EventType) -> Iterator[tuple[str, Token]]:
    """(role, head token) of the dependents of a nominal trigger and of its light verb."""
    for child in token.children:
        if child.dep_ in NOUN_THEME_DEPS:
            yield kind.theme, child
    for obj in of_objects(token):
        yield kind.theme, obj
        yield from name_slots(obj, kind, 0)
    yield from prep_slots(token, kind)
    yield from governor_slots(token, kind)


def governor_slots(token: Token, kind: EventType) -> Iterator[tuple[str, Token]]:
    """Roles lent by the word a nominal trigger depends on ("granted asylum", "his request")."""
    head = governor(token)
    if head is None:
        return
    lemma = head.lemma_.lower()
    subjects = subjects_of(head) if head.pos_ in VERB_POS else []
    if head.pos_ in VERB_POS and token.dep_ in ("dobj", "nsubjpass"):
        if lemma in GIVE_VERBS:
            yield from (("agent", s) for s in subjects)
            yield from prep_slots(head, kind)
        elif lemma in RECEIVE_VERBS and kind.receives:
            yield from (("recipient", s) for s in subjects)
            yield from ((r, t) for r, t in prep_slots(head, kind) if r == PLACE)
        elif lemma in DO_VERBS:
            yield from (("agent", s) for s in subjects)
            yield from ((r, t) for r, t in prep_slots(head, kind) if r == PLACE)
    elif lemma in REQUEST_WORDS:
        # "Kyrgyzstan's request", "a request from Bishkek", "Bishkek demands (his extradition)"
        yield from (("agent", s) for s in subjects)
        for child in head.children:
            if child.dep_ == "poss":
                yield "agent", child
            elif child.dep_ == "prep" and child.lower_ == "from":
                yield from (("agent", o) for o in child.children if o.dep_ == "pobj")
