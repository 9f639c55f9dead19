"""The event lexicon: schema.yaml's event types as trigger rules matched against tokens.

A token triggers an event when its lemma is listed under a type's ``verbs`` (and it is a
verb) or ``nouns`` (and it is a noun), and every condition its entry gives holds: a
theme word or entity type, a preposition with a given object, a particle, the plural.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator
from typing import Any

from spacy.tokens import Token

from storyline.schema import event_types

# Parts of speech a verbal trigger may carry ("ousted" as an adjectival participle is VERB).
VERB_POS = frozenset({"VERB"})
# Parts of speech a nominal trigger may carry (headline case makes nouns PROPN).
NOUN_POS = frozenset({"NOUN", "PROPN"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Dependencies that name what a verb is about: its object, its passive subject.
VERB_THEME_DEPS = frozenset({"dobj", "nsubjpass", "attr"})
# Dependencies that name what a noun is about: "Bakiyev's ouster", "the Bakiyev ouster".
NOUN_THEME_DEPS = frozenset({"poss", "compound", "nmod"})

# A preposition's object that any word fills: "flown out of *".
ANY = "*"
# Types a theme token's entity has, found by the caller (pronouns resolved); None: no entity.
ThemeType = Callable[[Token], str | None]


@dataclasses.dataclass(frozen=True)
class EventType:
    """One event type of the schema, with how its triggers' neighbours get roles."""

    name: str
    theme: str = "patient"  # role of a noun trigger's possessor, "of"-phrase, compound
    preps: tuple[tuple[str, str], ...] = ()  # preposition → role, over the defaults
    patient_role: str = "patient"
    passive_role: str = "patient"  # the passive subject's role ("was flown out": agent)
    receives: bool = False  # a receiving verb's subject is the recipient
    place_grants: bool = False  # a country named as place, no agent: it is the agent
    negated_type: str | None = None
    requested_type: str | None = None

    def prep_role(self, prep: str, default: str | None) -> str | None:
        return dict(self.preps).get(prep, default)


@dataclasses.dataclass(frozen=True)
class TriggerRule:
    """One lemma of one type, with the conditions of its schema entry."""

    lemma: str
    type: str
    theme: frozenset[str] = frozenset()  # lemmas (lower case) and entity TYPES
    preps: tuple[tuple[str, str], ...] = ()  # (preposition, object lemma)
    particles: frozenset[str] = frozenset()
    plural: bool = False
    exclude: frozenset[str] = frozenset()  # no dependent may be one of these ("press")
    intransitive: bool = False  # no direct object ("demonstrate", not "demonstrate views")
    active: bool = False  # not in the passive ("was met with force" is no meeting)

    def holds(self, token: Token, theme_type: ThemeType) -> bool:
        """Whether ``token`` meets every condition of this rule."""
        if self.plural and token.tag_ not in PLURAL_TAGS:
            return False
        deps = {c.dep_ for c in token.children}
        if (self.intransitive and "dobj" in deps) or (self.active and "auxpass" in deps):
            return False
        if self.exclude and any(c.lemma_.lower() in self.exclude for c in token.children):
            return False
        if self.particles and not any(
            c.dep_ == "prt" and c.lemma_.lower() in self.particles for c in token.children
        ):
            return False
        if self.preps and not any(
            pair in self.preps or (pair[0], ANY) in self.preps for pair in prep_objects(token)
        ):
            return False
        return not self.theme or any(self._fits(t, theme_type) for t in theme_tokens(token))

    def _fits(self, token: Token, theme_type: ThemeType) -> bool:
        kind = theme_type(token)
        return token.lemma_.lower() in self.theme or (kind is not None and kind in self.theme)


@dataclasses.dataclass(frozen=True)
class Lexicon:
    types: dict[str, EventType]
    verbs: dict[str, tuple[TriggerRule, ...]]
    nouns: dict[str, tuple[TriggerRule, ...]]

    def rules_for(self, token: Token) -> tuple[TriggerRule, ...]:
        """The rules whose lemma and part of speech fit ``token`` (conditions unchecked)."""
        lemma = token.lemma_.lower()
        if token.pos_ in VERB_POS:
            return self.verbs.get(lemma, ())
        if token.pos_ in NOUN_POS:
            return self.nouns.get(lemma, ()) or self.nouns.get(token.text.lower(), ())
        return ()

    def any_pos(self, token: Token) -> tuple[TriggerRule, ...]:
        """The rules of ``token``'s lemma whatever its part of speech ("dead" as a noun's)."""
        lemma = token.lemma_.lower()
        return self.verbs.get(lemma, ()) + self.nouns.get(lemma, ())

    def match(self, token: Token, theme_type: ThemeType) -> TriggerRule | None:
        """The first rule ``token`` triggers, or None."""
        return next((r for r in self.rules_for(token) if r.holds(token, theme_type)), None)


def prep_objects(token: Token) -> Iterator[tuple[str, str]]:
    """(preposition, object lemma) of each preposition hanging on ``token``."""
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield child.lower_, obj.lemma_.lower()
        if child.dep_ in ("prep", "prt"):
            # "forced out of office": the first word carries the second preposition
            for prep in child.children:
                for obj in prep.children:
                    if prep.dep_ in ("prep", "pcomp") and obj.dep_ == "pobj":
                        yield f"{child.lower_} {prep.lower_}", obj.lemma_.lower()


def theme_tokens(token: Token) -> list[Token]:
    """The tokens that say what ``token`` is about (see ``VERB_THEME_DEPS``)."""
    found = []
    if token.pos_ in VERB_POS:
        found = [c for c in token.children if c.dep_ in VERB_THEME_DEPS]
        if token.dep_ in ("amod", "acl") and token.tag_ == "VBN":
            found.append(token.head)  # "the ousted president": the head was ousted
    else:
        found = [c for c in token.children if c.dep_ in NOUN_THEME_DEPS]
        found += of_objects(token)
    return found


def of_objects(token: Token) -> list[Token]:
    """The objects of the "of"-phrases on ``token``: "the ouster of Bakiyev"."""
    return [
        obj
        for child in token.children
        if child.dep_ == "prep" and child.lower_ == "of"
        for obj in child.children
        if obj.dep_ == "pobj"
    ]


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon of schema.yaml's ``event_types``, built once."""
    types: dict[str, EventType] = {}
    verbs: dict[str, list[TriggerRule]] = {}
    nouns: dict[str, list[TriggerRule]] = {}
    for name, entry in event_types().items():
        types[name] = _event_type(name, entry)
        for item in entry.get("verbs") or ():
            rule = _rule(name, item)
            verbs.setdefault(rule.lemma, []).append(rule)
        for item in entry.get("nouns") or ():
            rule = _rule(name, item)
            nouns.setdefault(rule.lemma, []).append(rule)

    # rules with conditions are tried before a bare lemma of another type
    def order(rule: TriggerRule) -> int:
        return 0 if (rule.theme or rule.preps or rule.particles) else 1

    return Lexicon(
        types,
        {k: tuple(sorted(v, key=order)) for k, v in verbs.items()},
        {k: tuple(sorted(v, key=order)) for k, v in nouns.items()},
    )


def _event_type(name: str, entry: dict[str, Any]) -> EventType:
    return EventType(
        name,
        theme=str(entry.get("theme", "patient")),
        preps=tuple(sorted((str(k), str(v)) for k, v in (entry.get("preps") or {}).items())),
        patient_role=str(entry.get("patient_role", "patient")),
        passive_role=str(entry.get("passive_role", entry.get("patient_role", "patient"))),
        receives=bool(entry.get("receives")),
        place_grants=bool(entry.get("place_grants")),
        negated_type=entry.get("negated_type"),
        requested_type=entry.get("requested_type"),
    )


def _rule(kind: str, item: str | dict[str, Any]) -> TriggerRule:
    """One schema entry (a word, or a mapping with conditions) as a rule."""
    if isinstance(item, str):
        return TriggerRule(item.lower(), kind)
    # "from power" → ("from", "power"); "out of office" → ("out of", "office")
    preps = tuple(tuple(p.lower().rsplit(None, 1)) for p in item.get("prep", ()))
    return TriggerRule(
        str(item["lemma"]).lower(),
        kind,
        theme=frozenset(
            str(t) if str(t).isupper() else str(t).lower() for t in item.get("theme", ())
        ),
        preps=tuple((p[0], p[1]) for p in preps if len(p) == 2),
        particles=frozenset(str(p).lower() for p in item.get("particle", ())),
        plural=bool(item.get("plural")),
        exclude=frozenset(str(w).lower() for w in item.get("exclude", ())),
        intransitive=bool(item.get("intransitive")),
        active=bool(item.get("active")),
    )
