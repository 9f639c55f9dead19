"""Types read from the words around a name or at its end, not from the model's guess.

Three components, each a fix of one kind of model error seen on news text:

* ``kind-nouns.v1``: a common noun that premodifies a name or stands in apposition to
  it says what the name is ("electronics retailer Best Buy" is an organisation whatever
  the model says; "web browser Safari" a product; "Papermaster, 49," a person). The
  nouns are the schema's ``kind_nouns`` and ``titles``; the mention records the noun
  as its ``kind`` attribute, which ``doc-consistency.v3`` weighs above the model's votes.
* ``name-heads.v1``: the last word of a name can say the same ("Worldwide Developers
  Conference" is an event, "Hang Seng Index" an index: the schema's ``name_heads``).
* ``org-suffix.v1``: a legal suffix right after a name belongs to it and makes it an
  organisation ("Apple" + "Inc." → "Apple Inc.", ORG).
* ``group-names.v1``: "the" and a plural name the document never uses in the singular
  name a group, not a person ("the Beatles"; "the Bakiyevs" beside "Bakiyev" stay persons).
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

from storyline.nlp import names
from storyline.nlp.corrections.common import PERSON, by_position, replaced
from storyline.nlp.mentions import CORRECTIONS, Mention
from storyline.schema import schema

# Dependencies by which a noun describes the name it is attached to.
DESCRIBING = frozenset({"compound", "appos", "nmod"})
# Ages given in apposition ("Papermaster, 49,") lie in this range.
AGES = range(1, 121)
# Types a kind noun or a name head may change (all of ours).
TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "EVENT", "OTHER"})
# Place types: a place noun beside a person's name is a misparse of a title phrase more
# often than a description ("governor of the Kurgan region Oleg Bogomolov").
PLACES = frozenset({"GPE", "LOC"})
# Types of the mentions a legal suffix after them joins ("Nordlake" + "Inc.").
SUFFIXED = frozenset({"ORG", PERSON, "GPE", "OTHER"})


@functools.cache
def kind_nouns() -> dict[str, str]:
    """Lower-case noun → the type of the names it describes (schema ``kind_nouns``)."""
    table: dict[str, list[str]] = schema()["kind_nouns"]
    return {str(noun): kind for kind, nouns in table.items() for noun in nouns}


@functools.cache
def name_heads() -> dict[str, str]:
    """Lower-case last word of a name → the type of what it names (schema ``name_heads``)."""
    table: dict[str, list[str]] = schema()["name_heads"]
    return {str(word): kind for kind, words in table.items() for word in words}


@functools.cache
def org_suffixes() -> frozenset[str]:
    """Lower-case legal suffixes of organisation names, without full stops."""
    return frozenset(str(word) for word in schema()["org_suffixes"])


def is_org_suffix(word: str) -> bool:
    """``Inc.``, ``LLC`` and ``S.p.A.`` are; ``Apple`` is not."""
    return word.replace(".", "").casefold() in org_suffixes()


def mention_span(doc: Doc, mention: Mention) -> Span | None:
    """The tokens a mention covers (widened to whole tokens)."""
    return doc.char_span(mention.start, mention.end, alignment_mode="expand")


def same_paragraph(a: Token, b: Token) -> bool:
    """Whether no line break lies between two tokens (a parse across one is a parse error)."""
    first, last = sorted((a, b), key=lambda t: t.i)
    return not any("\n" in t.text_with_ws for t in first.doc[first.i : last.i])


def with_type(mention: Mention, kind: str, source: str, *attrs: tuple[str, str]) -> Mention:
    """``mention`` typed ``kind``, its model type kept when it changes."""
    if kind != mention.type:
        attrs = (*attrs, ("model_type", mention.type))
    return replaced(mention, source, type=kind, attrs=(*mention.attrs, *attrs))


# --- kind-nouns.v1 -------------------------------------------------------------------


@CORRECTIONS.register("kind-nouns.v1")
def type_by_kind_nouns(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Type each mention as the noun that describes it says (see the module doc)."""
    out = []
    for mention in mentions:
        span = mention_span(doc, mention)
        found = describing_kinds(span) if span is not None else {}
        if len(set(found.values())) == 1 and mention.type in TYPES:
            noun, kind = next(iter(found.items()))
            if not (mention.type == PERSON and kind in PLACES):
                mention = with_type(mention, kind, "kind-nouns.v1", ("kind", noun))
        out.append(mention)
    return out


def describing_kinds(span: Span) -> dict[str, str]:
    """Nouns describing the name in ``span`` → the type each says."""
    found: dict[str, str] = {}
    for token in _describing_tokens(span):
        kind = _kind_of(token)
        if kind is not None:
            found[token.lower_] = kind
    return found


def _describing_tokens(span: Span) -> list[Token]:
    """Tokens outside the span attached to it as describers, and the noun it is appended to."""
    inside = range(span.start, span.end)
    found = [
        child
        for token in span
        for child in token.children
        if child.i not in inside and child.dep_ in DESCRIBING
    ]
    root = span.root
    if root.dep_ == "appos" and root.head.i not in inside:
        found.append(root.head)
    return [token for token in found if same_paragraph(token, root)]


def _kind_of(token: Token) -> str | None:
    """The type a describing token gives the name: a kind noun, a title, an age."""
    if token.like_num:
        return PERSON if _is_age(token) else None
    if token.pos_ != "NOUN" or not token.is_lower:
        return None
    if names.is_title_word(token.text):
        return PERSON
    return kind_nouns().get(token.lemma_.casefold())


def _is_age(token: Token) -> bool:
    """A number in apposition between commas ("Papermaster, 49,") is a person's age."""
    doc = token.doc
    commas = token.i > 0 and doc[token.i - 1].text == ","
    closed = token.i + 1 >= len(doc) or doc[token.i + 1].text in {",", ")", "."}
    return (
        token.dep_ == "appos"
        and commas
        and closed
        and token.text.isdigit()
        and (int(token.text) in AGES)
    )


# --- name-heads.v1 -------------------------------------------------------------------


@CORRECTIONS.register("name-heads.v1")
def type_by_name_heads(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Organisations whose name ends in an event or index word take that word's type."""
    out = []
    for mention in mentions:
        parts = names.words(mention.text)
        kind = name_heads().get(parts[-1].casefold()) if len(parts) > 1 else None
        if kind is not None and mention.type == "ORG":
            mention = with_type(mention, kind, "name-heads.v1", ("kind", parts[-1].casefold()))
        out.append(mention)
    return out


# --- org-suffix.v1 -------------------------------------------------------------------


@CORRECTIONS.register("org-suffix.v1")
def attach_org_suffixes(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A legal suffix right after a name joins it, and the name is an organisation's."""
    out = []
    text = doc.text
    for mention in mentions:
        mention = _with_suffix(doc, text, mention)
        parts = names.words(mention.text)
        suffixed = len(parts) > 1 and is_org_suffix(parts[-1])
        if suffixed and mention.type in {PERSON, "GPE", "OTHER"}:
            mention = with_type(mention, "ORG", "org-suffix.v1")
        out.append(mention)
    return by_position(out)


def _with_suffix(doc: Doc, text: str, mention: Mention) -> Mention:
    """The mention stretched over a capitalised legal suffix one space after it."""
    span = mention_span(doc, mention)
    after = doc[span.end] if span is not None and span.end < len(doc) else None
    if after is None or after.is_lower or not is_org_suffix(after.text):
        return mention
    if text[mention.end : after.idx] not in {"", " "} or mention.type not in SUFFIXED:
        return mention
    end = after.idx + len(after.text)
    return replaced(mention, "org-suffix.v1", end=end, text=text[mention.start : end])


# --- group-names.v1 ------------------------------------------------------------------


@CORRECTIONS.register("group-names.v1")
def type_group_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "The Beatles" names a group (ORG) unless the document names one "Beatle"."""
    out = []
    text = doc.text
    for mention in mentions:
        if mention.type == PERSON and _is_group_name(text, mention):
            mention = with_type(mention, "ORG", "group-names.v1", ("kind", "group"))
        out.append(mention)
    return out


def _is_group_name(text: str, mention: Mention) -> bool:
    parts = names.words(mention.text)
    if len(parts) != 1 or not parts[0].endswith("s") or parts[0].endswith("ss"):
        return False
    before = text[max(0, mention.start - 4) : mention.start].casefold()
    singular = re.escape(parts[0][:-1])
    return before == "the " and re.search(rf"(?<!\w){singular}(?!\w)", text) is None


# --- demonym-places.v1 ---------------------------------------------------------------

# Endings that make a place's adjective or demonym from its name: Zalesia → Zalesian,
# Belarus → Belarusian, Sudan → Sudanese, Pakistan → Pakistani, China → Chinese.
DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i")
DEMONYM_STEM_ENDINGS = ("an", "ese", "ian")  # after dropping the name's last letter
LOCATIVE = frozenset({"in", "to", "from", "into", "across", "throughout", "visit", "visited"})


@CORRECTIONS.register("demonym-places.v1")
def type_places_by_demonym(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A one-word name is a place when the article also uses its demonym.

    "the Zalesian leader" beside "Zalesia" says Zalesia is a country, whatever the model
    guessed for a name it has never seen; the name must also be a place at least once by
    the model or after a locative word ("in Zalesia"), so that a person's name that merely
    looks like a stem stays a person. The mention records ``kind: demonym``, which
    ``doc-consistency.v3`` weighs above the model's votes.
    """
    words = {t.text for t in doc if t.text[:1].isupper()}
    places = {m.text for m in mentions if _placed(doc, m)}
    out = []
    for mention in mentions:
        name = mention.text
        if (
            mention.type != "GPE"
            and " " not in name
            and name in places
            and _has_demonym(name, words)
        ):
            mention = with_type(mention, "GPE", "demonym-places.v1", ("kind", "demonym"))
        out.append(mention)
    return out


def _placed(doc: Doc, mention: Mention) -> bool:
    if mention.type in ("GPE", "LOC"):
        return True
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.start > 0 and doc[span.start - 1].lower_ in LOCATIVE


def _has_demonym(name: str, words: set[str]) -> bool:
    if len(name) < 4 or not name[:1].isupper():
        return False
    forms = {name + end for end in DEMONYM_ENDINGS}
    forms |= {name[:-1] + end for end in DEMONYM_STEM_ENDINGS}
    return bool(forms & words)
