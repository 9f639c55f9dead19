"""Polarity and modality of an event mention: negated, refused, requested, future, possible.

Decision (see ``find_events``): a negated or refused mention of a type with a
``negated_type`` in the schema becomes that type and is asserted ("Belarus would not
extradite him" is an extradition refusal that happened); any other negated mention
keeps its type with ``negated=True`` and modality ``denied`` ("he did not resign").
"""

from __future__ import annotations

from spacy.tokens import Token

# Words that ask for what they govern: "extradition request", "demanded his extradition".
REQUEST_WORDS = frozenset(
    {
        "request", "demand", "seek", "ask", "insist", "call", "press", "push", "urge", "apply",
        "petition", "plea", "appeal", "bid", "requisition", "want",
    }
)  # fmt: skip
# Words that refuse what they govern: "refused to extradite", "rejected his extradition".
REFUSE_WORDS = frozenset(
    {
        "refuse", "decline", "reject", "deny", "rebuff", "veto", "block", "oppose", "fail",
        "refusal", "rejection", "denial",
    }
)  # fmt: skip
# Auxiliaries and governing words that put the event in the future.
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
FUTURE_WORDS = frozenset(
    {
        "plan", "intend", "expect", "schedule", "prepare", "promise", "pledge", "vow",
        "threaten", "hope", "aim", "go", "set", "due", "agree", "decide",
    }
)  # fmt: skip
# Auxiliaries, adverbs and governing words that make the event only possible.
POSSIBLE_AUX = frozenset({"may", "might", "could", "can", "ca"})
POSSIBLE_WORDS = frozenset(
    {
        "possibly", "perhaps", "maybe", "probably", "likely", "unlikely", "possible",
        "allegedly", "reportedly", "try", "attempt", "consider", "propose", "suggest",
    }
)  # fmt: skip
# Verbs that say when a noun's event happens: "the talks will resume", "will be held".
ASPECT_VERBS = frozenset(
    {"hold", "resume", "begin", "start", "continue", "open", "take", "happen", "occur", "end"}
)
NEGATIONS = frozenset({"not", "n't", "n’t", "never", "no", "without"})
# Prepositions through which a noun hangs on the word that asks for or refuses it.
GOVERNING_PREPS = frozenset({"for", "on", "of", "to"})


def governor(token: Token) -> Token | None:
    """The word ``token`` is the complement of: a light verb, a request, a refusal.

    "refused to extradite" → refused; "granted asylum" → granted; "extradition request"
    → request; "insist on extradition" → insist; "demands for his extradition" → demands.
    """
    head = token.head
    if head == token:
        return None
    if token.pos_ == "VERB":
        return head if token.dep_ in ("xcomp", "acl") else None
    if token.dep_ in ("dobj", "nsubjpass", "compound"):
        return head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in GOVERNING_PREPS:
        return head.head if head.head != head else None
    return None


def is_requested(token: Token) -> bool:
    """Whether ``token`` is what a request asks for ("an extradition request")."""
    head = governor(token)
    return head is not None and head.lemma_.lower() in REQUEST_WORDS


def has_negation(token: Token) -> bool:
    """A "not", "never", "no" on ``token`` itself."""
    return any(
        c.dep_ == "neg" or (c.dep_ in ("det", "advmod", "preconj") and c.lower_ in NEGATIONS)
        for c in token.children
    )


def polarity(token: Token) -> tuple[bool, bool]:
    """(negated, refused): "did not extradite" is negated, "refused to extradite" refused."""
    head = governor(token)
    refused = head is not None and head.lemma_.lower() in REFUSE_WORDS
    negated = has_negation(token) or (
        head is not None and head.pos_ in ("VERB", "AUX") and has_negation(head)
    )
    if refused and head is not None and has_negation(head):
        refused = False  # "did not refuse to extradite": neither
        negated = False
    return negated, refused


def modality(token: Token) -> str:
    """``future``, ``possible`` or ``asserted``, from the trigger and the word it hangs on."""
    chain = [token]
    head = governor(token)
    if head is not None:
        chain.append(head)
    elif token.dep_ in ("ccomp", "xcomp") and token.head.pos_ == "ADJ":
        chain.append(token.head)  # "are likely to meet"
    if token.head.dep_ == "acomp" or token.head.pos_ == "ADJ":
        chain.append(token.head)
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in ASPECT_VERBS:
        chain.append(token.head)  # "the talks will resume"
    words = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "advmod", "acomp")}
    words |= {t.lemma_.lower() for t in chain[1:]}
    words |= {c.lemma_.lower() for t in chain for c in t.children if c.dep_ == "acomp"}
    if words & POSSIBLE_AUX or words & POSSIBLE_WORDS:
        return "possible"
    if words & FUTURE_AUX or words & FUTURE_WORDS:
        return "future"
    return "asserted"
