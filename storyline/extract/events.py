"""Event mentions: triggers typed by the schema, participants with roles, place and time.

Only words listed as triggers in schema.yaml (``event_types``) are events: a verb or
noun whose lemma is listed and whose conditions hold (events_lexicon.py). Each mention
gets participants from the parse (events_roles.py), a time (events_time.py) and its
polarity and modality (events_modality.py); a definite mention with no participants
takes those of the event it refers back to (events_anaphora.py).

Negation, decided: a negated or refused mention of a type that names a ``negated_type``
becomes that type, asserted ("Belarus would not extradite him", "refused to extradite"
→ ``extradition_refusal``: the refusal is the event that happened). Any other negated
mention keeps its type with ``negated=True`` and modality ``denied``; a refused one
("refused to resign") too. A mention governed by a request ("extradition request",
"insisted on his extradition") becomes the type's ``requested_type``.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from storyline.extract.context import DocContext
from storyline.extract.events_anaphora import is_definite_noun, resolve_anaphora
from storyline.extract.events_lexicon import VERB_POS, EventType, Lexicon, TriggerRule, lexicon
from storyline.extract.events_modality import is_requested, modality, polarity
from storyline.extract.events_roles import Entities, participants
from storyline.extract.events_time import Clock
from storyline.extract.model import EventMention
from storyline.extract.stage import EXTRACTORS
from storyline.extract.statements import event_statement
from storyline.model import Statement

NAME = "events.v2"
# Entity types whose last word may be a trigger: "the Tulip Revolution" names an event.
TRIGGER_ENTITY_TYPES = frozenset({"EVENT", "OTHER"})
# Dependencies of a verbal trigger used as an adjective: "the ousted president".
ADJECTIVAL_DEPS = frozenset({"amod", "acl", "compound"})


@dataclasses.dataclass
class EventFinder:
    """What finding the events of one document needs, built once per document."""

    ctx: DocContext
    lexicon: Lexicon
    entities: Entities
    clock: Clock

    @classmethod
    def of(cls, ctx: DocContext) -> EventFinder:
        return cls(ctx, lexicon(), Entities(ctx), Clock(ctx))

    def in_name(self, token: Token, base: int) -> bool:
        """Whether ``token`` is part of a name, not the head of an event's name.

        "Treaty" in "Collective Security Treaty Organisation" is no agreement; a proper
        noun outside every name is no trigger either (a name the model missed).
        """
        row = self.entities.covering(token, base)
        if row is None:
            return token.pos_ == "PROPN" and not token.text.islower()
        ends_name = row.ref.end <= base + token.idx + len(token) + 1
        return row.ref.type not in TRIGGER_ENTITY_TYPES or not ends_name

    def event(self, token: Token, sent: Span, base: int) -> EventMention | None:
        if token.is_punct or token.is_space or not self.lexicon.rules_for(token):
            return None
        if self.in_name(token, base):
            return None
        rule = self.lexicon.match(token, lambda t: self.entities.type_of(t, base))
        return None if rule is None else self.describe(token, sent, base, rule)

    def known_event(self, token: Token, sent: Span, base: int, fallback: str) -> EventMention:
        """The event of a word known to be a trigger (gold data): by the schema if it
        lists the lemma (conditions waived when none holds), else of type ``fallback``."""
        rule = self.lexicon.match(token, lambda t: self.entities.type_of(t, base))
        if rule is None:
            rules = self.lexicon.rules_for(token) or self.lexicon.any_pos(token)
            bare = [r for r in rules if not (r.theme or r.preps or r.particles or r.plural)]
            if len({r.type for r in rules}) == 1 or bare:
                rule = (bare or list(rules))[0]  # one type, or the lemma's plain sense
            else:
                rule = TriggerRule(token.lemma_.lower(), fallback)
        return self.describe(token, sent, base, rule)

    def describe(self, token: Token, sent: Span, base: int, rule: TriggerRule) -> EventMention:
        """The event mention ``token`` triggers under ``rule``."""
        kind = self.lexicon.types.get(rule.type) or EventType(rule.type)
        negated, refused = polarity(token)
        mode = modality(token)
        name = rule.type
        if kind.requested_type and is_requested(token):
            name = kind.requested_type
        elif kind.negated_type and (negated or refused):
            name, negated = kind.negated_type, False
            mode = "possible" if mode == "possible" else "asserted"
        elif negated or refused:
            negated, mode = True, "denied"
        start = base + token.idx
        adjectival = token.pos_ in VERB_POS and token.dep_ in ADJECTIVAL_DEPS
        return EventMention(
            start=start,
            end=start + len(token),
            trigger=token.text,
            lemma=rule.lemma,
            type=name,
            sentence=(base + sent.start_char, base + sent.end_char),
            participants=participants(
                self.entities, token, base, self.lexicon.types.get(name, kind)
            ),
            time=self.clock.anchor(token, sent, base, adjectival=adjectival),
            negated=negated,
            modality=mode,
        )


def find_events(ctx: DocContext) -> list[EventMention]:
    """Every event mention of the document, in text order."""
    finder = EventFinder.of(ctx)
    found = [
        (event, is_definite_noun(token))
        for sent, base in ctx.spans()
        for token in sent
        if (event := finder.event(token, sent, base)) is not None
    ]
    found.sort(key=lambda pair: (pair[0].start, pair[0].end))
    return resolve_anaphora([e for e, _ in found], [d for _, d in found])


@EXTRACTORS.register(NAME)
def events(ctx: DocContext) -> list[Statement]:
    return [event_statement(ctx.doc.id, e, NAME) for e in find_events(ctx)]
