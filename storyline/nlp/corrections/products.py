"""``products.v1``/``.v2``: names that the document treats as products are not organisations.

The model types most product names ORG or PERSON ("iPhone", "iPod", "Safari"). A name
is a product in a document when some occurrence reads as one and none reads as an
organisation's; then every mention of it, and every mention that begins with it
("iPod Nano", "iPhone Developer Program"), becomes OTHER with its model type kept.

Product readings of an occurrence:

* a version number follows it or ends it ("iPhone 4", "iOS 5", "Mac OS X 10.4");
* an indefinite article, a number or a describing adjective before it, with the name
  the head of its phrase ("an iPod", "a 5th generation iPod", "the new iPhone");
* a plural of a name the document also uses in the singular ("iPhones"), without "the";
* a product's kind noun beside it (``kind-nouns.v1``: "web browser Safari") or the
  model's own PRODUCT label.

Organisation readings: a legal suffix ("Apple Inc."), a person's title after it ("Apple
CEO", "Boeing's spokesman"), the subject of a verb only agents do ("Apple announced"),
an organisation's kind noun ("computer company Apple"), "according to" before it.

A model number (three digits or more, or letters and digits: "A380", "737") is no
reading of the name before it: "Boeing 787" names Boeing's product. Such a mention
splits into the maker (ORG, when the document names it alone as an organisation) and
the model (OTHER); a model number alone ("A380") is a product.

``products.v2`` keeps "maker model" whole: "Boeing 787", "Airbus A380" and "FTSE 100"
are one product's (or index's) name, as OntoNotes and MEANTIME annotate them, and the
maker is the mention's ``maker`` attribute, not a mention of its own. The maker before
a model number the model found on its own ("Boeing" + "737s") joins it the same way.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict

from spacy.tokens import Doc, Span, Token

from storyline.nlp import names
from storyline.nlp.corrections.common import PERSON, by_position, replaced
from storyline.nlp.corrections.kinds import (
    is_org_suffix,
    mention_span,
    same_paragraph,
    with_type,
)
from storyline.nlp.mentions import CORRECTIONS, Mention
from storyline.schema import entity_type

PRODUCT = "OTHER"
SOURCE = "products.v1"
SOURCE_V2 = "products.v2"
# The types the model gives product names; places are left to their own votes.
RETYPED = frozenset({"ORG", PERSON, PRODUCT})
# How much an occurrence says a name is a product's: a number or article before it says
# it weakly (persons are not retyped on such evidence), a version number or kind strongly.
WEAK, STRONG = 1, 2
# A version number: "4", "10.4", "3GS".
VERSION = re.compile(r"\d{1,2}(?:\.\d+)*[A-Za-z]{0,2}")
# A model number: "787", "737s", "A380", "KC-45", "A400M" (not a year).
MODEL = re.compile(r"[A-Z]{0,3}-?\d{3,4}(?:-\d{1,3})?[A-Z]?s?|[A-Z]{1,3}-?\d{2,4}[A-Z]?s?")
YEAR = re.compile(r"(?:19|20)\d\d")
# A score or a range, not a model variant ("168-6", "2007-08"; "737-800" is a model).
SCORE = re.compile(r"\d+-\d{1,2}")
# The rest of a hyphenated number that the tokenizer left out of the token ("-6").
HYPHENATED = re.compile(r"-\d+")
# A model number one space after a name, ending where a word ends ("Airbus A400M").
MODEL_AFTER = re.compile(rf" ({MODEL.pattern})(?![\w-])")
# Labels of the model's numeric entities: a number inside one is no model or version.
NOT_NUMBERS = frozenset({"DATE", "MONEY", "TIME", "PERCENT", "QUANTITY"})
# Words before a name (its determiner) that make it one of many: "an iPod".
INDEFINITE = frozenset({"a", "an", "another", "every", "each"})
# Determiners before which a describing adjective makes a name one of a series.
DEFINITE = frozenset({"the", "its", "their", "his", "her", "our", "this", "that"})
# Dependencies of the words before a name that belong to its own phrase.
PREMODIFIERS = frozenset({"det", "poss", "amod", "nummod", "compound"})
# Verbs whose subject is an agent (a person or an organisation), never a product.
AGENT_VERBS = frozenset(
    {"say", "tell", "announce", "confirm", "report", "state", "claim", "deny", "sue"}
    | {"file", "agree", "decide", "plan", "hire", "acquire", "buy", "invest", "unveil"}
    | {"introduce", "launch", "release", "expect", "estimate", "warn", "order", "sign"}
    | {"employ", "comment", "respond", "accuse", "own", "reveal"}
)

# Verbs whose object is a product when it is a name ("unveiled the iPod nano").
LAUNCH_VERBS = frozenset(
    {"unveil", "introduce", "launch", "release", "ship", "debut", "preview", "discontinue"}
)
# Nouns that a product line's name premodifies ("the iPod line", "the A320 family").
PRODUCT_LINES = frozenset({"line", "lineup", "range", "family", "series"})
# Verbs whose subject is a product's name ("the MacBook features a 13-inch screen").
SPEC_VERBS = frozenset({"feature", "cost", "weigh", "retail", "measure"})


@dataclasses.dataclass(frozen=True)
class Page:
    """The document as the readings need it, each part computed once."""

    doc: Doc
    text: str  # doc.text (spaCy builds it from the tokens on each access)
    labelled: frozenset[int]  # starts of the model's PRODUCT entities

    @classmethod
    def of(cls, doc: Doc) -> Page:
        labelled = frozenset(e.start_char for e in doc.ents if e.label_ == "PRODUCT")
        return cls(doc, doc.text, labelled)


@dataclasses.dataclass(frozen=True)
class Reading:
    """What one mention says about its name: the name's key and the evidence."""

    name: str  # casefolded name, without model/version number or plural ending
    text: str  # the name as written
    number: tuple[int, int] | None  # characters of a model or version number after the name
    model: bool  # the number is a model number (not a version)
    inside: bool  # the number is inside the mention ("Boeing 787"), not after it
    product: int  # WEAK or STRONG when the occurrence reads as a product's, else 0
    organisation: bool


@CORRECTIONS.register("products.v1")
def retype_products(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions of the document's product names become OTHER (see the module doc)."""
    return _retype(doc, mentions, join_models=False)


@CORRECTIONS.register("products.v2")
def retype_products_v2(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``products.v1`` with "maker model" kept as one product's name (see the module doc)."""
    return _without_covered(_retype(doc, mentions, join_models=True))


def _retype(doc: Doc, mentions: list[Mention], *, join_models: bool) -> list[Mention]:
    page = Page.of(doc)
    readings = [read_mention(page, m) for m in mentions]
    if join_models:
        readings = [_with_model_after(page, m, r) for m, r in zip(mentions, readings, strict=True)]
    everywhere = readings + other_occurrences(page, mentions, readings)
    products = product_names(everywhere)
    organisations = {r.name for r in everywhere if r.organisation}
    pairs = zip(mentions, readings, strict=True)
    makers = {r.name for m, r in pairs if _alone_org(doc, m, r)} - set(products)
    out: list[Mention] = []
    for mention, reading in zip(mentions, readings, strict=True):
        # a name read as an organisation's anywhere is no product, even where it begins
        # with a product's name; it may still be the maker before a model number
        found = {} if reading.name in organisations else products
        out += _corrected(page, mention, reading, (found, makers), join_models)
    return by_position(out)


def _without_covered(mentions: list[Mention]) -> list[Mention]:
    """Mentions inside a joined "maker model" product (the model number's own) dropped."""
    joined = [m for m in mentions if m.source == SOURCE_V2 and "maker" in dict(m.attrs)]
    return [
        m
        for m in mentions
        if not any(j is not m and j.start <= m.start and m.end <= j.end for j in joined)
    ]


def product_names(readings: list[Reading]) -> dict[str, int]:
    """Names read as products somewhere and as organisations nowhere → the strongest reading."""
    product: defaultdict[str, int] = defaultdict(int)
    organisation: defaultdict[str, bool] = defaultdict(bool)
    for reading in readings:
        product[reading.name] = max(product[reading.name], reading.product)
        organisation[reading.name] |= reading.organisation
    return {name: found for name, found in product.items() if found and not organisation[name]}


def other_occurrences(
    page: Page, mentions: list[Mention], readings: list[Reading]
) -> list[Reading]:
    """Readings of the places where a mentioned name occurs but no mention lies."""
    taken = [(m.start, m.end) for m in mentions]
    written = {r.text: m.type for m, r in zip(mentions, readings, strict=True)}
    found: list[Reading] = []
    for name, kind in written.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", page.text):
            if not any(s < match.end() and e > match.start() for s, e in taken):
                occurrence = Mention(*match.span(), match.group(), kind)
                found.append(read_mention(page, occurrence))
    return found


def _alone_org(doc: Doc, mention: Mention, reading: Reading) -> bool:
    """An organisation named alone, as makers are ("Boeing said"; "the S&P" is an index)."""
    span = mention_span(doc, mention)
    the = span is not None and span.start > 0 and doc[span.start - 1].lower_ == "the"
    return mention.type == "ORG" and reading.number is None and not the


def read_mention(page: Page, mention: Mention) -> Reading:
    """The name a mention stands for and what its occurrence says about it."""
    span = mention_span(page.doc, mention)
    if span is None:
        return Reading(mention.text.casefold(), mention.text, None, False, False, 0, False)
    name, number, inside, kind = _designation(page.text, mention, span)
    model = kind == "model"
    plural = _plural_of(page.text, span, name)
    strong = kind == "version" or _said_product(page, mention)
    weak = plural is not None or _one_of_many(span) or _used_as_product(span)
    product = 0 if model else STRONG if strong else WEAK if weak else 0
    key = (plural or name).casefold()
    return Reading(key, name, number, model, inside, product, _org(span, mention))


def _designation(
    text: str, mention: Mention, span: Span
) -> tuple[str, tuple[int, int] | None, bool, str]:
    """(the name before its number, the characters from the number on, whether they are
    inside the mention, "model" or "version"; "" when no number follows the name)."""
    if _is_model(span):
        return mention.text, (mention.start, mention.end), True, "model"
    doc = span.doc
    for token in span[1:]:
        kind = _number_kind(token.text)
        if kind:
            name_end = doc[token.i - 1].idx + len(doc[token.i - 1].text)
            return text[mention.start : name_end], (token.idx, mention.end), True, kind
    after = doc[span.end] if span.end < len(doc) else None
    if after is None or after.idx != mention.end + 1 or after.ent_type_ in NOT_NUMBERS:
        return mention.text, None, False, ""
    if not _attached(after, span):
        return mention.text, None, False, ""  # it counts what follows: "Airbus 30 jets"
    kind = _number_kind(after.text)
    number = (after.idx, after.idx + len(after.text)) if kind else None
    return mention.text, number, False, kind


def _with_model_after(page: Page, mention: Mention, reading: Reading) -> Reading:
    """The reading with the model number after the name that the name premodifies
    ("five Boeing 737s", "the new Airbus A380 superjumbo", "Airbus A400M" in two
    tokens), or that the model labels a product, which ``_attached`` misses."""
    span = mention_span(page.doc, mention)
    if reading.number is not None or span is None or span.end >= len(page.doc):
        return reading
    after = page.doc[span.end]
    found = MODEL_AFTER.match(page.text, mention.end)
    if found is None or after.idx != found.start(1) or after.ent_type_ in NOT_NUMBERS:
        return reading
    number = page.doc.char_span(*found.span(1))
    if number is None or YEAR.fullmatch(found.group(1)):
        return reading
    root = span.root
    on_number = root.head.i in range(number.start, number.end)
    both_modify = root.dep_ in {"compound", "nmod"} and number.root.head == root.head
    labelled = found.start(1) in page.labelled  # the model's own PRODUCT: "VC-10"
    if not (on_number or both_modify or labelled):
        return reading
    return dataclasses.replace(reading, number=found.span(1), model=True, product=0)


def _attached(number: Token, span: Span) -> bool:
    """Whether a number after a name goes with it ("iPhone 4", "the iPhone 2.0 update"),
    not with a noun after it ("Airbus 30 jets")."""
    root = span.root
    on_name = number.head.i in range(span.start, span.end)
    both_modify = root.dep_ in {"compound", "nmod"} and number.head == root.head
    return on_name or both_modify


def _number_kind(text: str) -> str:
    """ "version", "model" or "" for the word after a name."""
    if YEAR.fullmatch(text):
        return ""
    if VERSION.fullmatch(text):
        return "version"
    return "model" if MODEL.fullmatch(text) else ""


def _is_model(span: Span) -> bool:
    """A model number standing alone: "A380", "787" (three digits at least)."""
    text = span.text
    digits = sum(c.isdigit() for c in text)
    return len(span) == 1 and _number_kind(text) == "model" and digits >= 3


def _plural_of(text: str, span: Span, name: str) -> str | None:
    """The singular of a plural name the document also writes in the singular.

    The singular must start as the plural does ("iPhone" for "iPhones", "iPod touch" for
    "iPod Touches"); a common noun ("job" for "Jobs") is no singular of a name.
    """
    the = any(t.lower_ == "the" for t in _determiners(span))
    if not name.endswith("s") or name.endswith("ss") or the:
        return None
    for singular in (name[:-1], name[:-2] if name.endswith("es") else ""):
        if len(singular) < 2:
            continue
        pattern = rf"(?<!\w){re.escape(singular[0])}(?i:{re.escape(singular[1:])})(?!\w)"
        if re.search(pattern, text):
            return singular
    return None


def _determiners(span: Span) -> list[Token]:
    """The words the name's own phrase puts before it: determiner, numbers, adjectives."""
    inside = range(span.start, span.end)
    return [
        child
        for token in span
        for child in token.lefts
        if child.i not in inside and child.dep_ in PREMODIFIERS
    ]


def _one_of_many(span: Span) -> bool:
    """An indefinite article, a number or a describing adjective before the name."""
    if span.root.dep_ in {"compound", "nmod", "amod", "poss"}:
        return False  # the name modifies a noun: "an Apple spokesman"
    before = _determiners(span)
    words = {t.lower_ for t in before if t.dep_ in {"det", "poss"}}
    counted = any(t.dep_ == "nummod" and _counts(t, span) for t in before)
    described = any(t.dep_ == "amod" for t in before)
    return bool(words & INDEFINITE) or counted or (bool(words & DEFINITE) and described)


def _counts(number: Token, span: Span) -> bool:
    """A number that counts the name ("two new iPods"): nothing but lower-case words
    between them, no date ("21 August Kyrgyzstan Foreign Ministry" is a misparse)."""
    between = span.doc[number.i + 1 : span.start]
    dated = number.ent_type_ in NOT_NUMBERS or any(t.ent_type_ in NOT_NUMBERS for t in between)
    return not dated and all(t.is_lower for t in between)


def _used_as_product(span: Span) -> bool:
    """The object of a verb of launching ("Apple unveils iPod nano"), the subject of a verb
    of specification ("the MacBook features a 13-inch screen"), or a product line's name
    ("the iPod line")."""
    root = span.root
    if root.dep_ == "compound" and root.head.lemma_ in PRODUCT_LINES:
        return True
    launched = root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_ in LAUNCH_VERBS
    specified = root.dep_ == "nsubj" and root.head.lemma_ in SPEC_VERBS
    return (launched or specified) and same_paragraph(root, root.head)


def _said_product(page: Page, mention: Mention) -> bool:
    """A product's kind noun beside it, or the model's PRODUCT label on it."""
    kind = dict(mention.attrs).get("kind")
    return (kind is not None and mention.type == PRODUCT) or mention.start in page.labelled


def _org(span: Span, mention: Mention) -> bool:
    """Whether this occurrence reads as an organisation's name."""
    doc = span.doc
    after = [t for t in doc[span.end : span.end + 2] if t.text not in {"'s", "’s", "'"}]
    if any(is_org_suffix(w) for w in names.words(mention.text)[1:]):
        return True
    if after and (is_org_suffix(after[0].text) or names.is_title_word(after[0].text)):
        return True
    if mention.type == "ORG" and "kind" in dict(mention.attrs):
        return True
    root = span.root
    if root.dep_ == "nsubj" and root.head.lemma_ in AGENT_VERBS and same_paragraph(root, root.head):
        return True
    return span.start >= 2 and doc[span.start - 2 : span.start].text.lower() == "according to"


def _corrected(
    page: Page,
    mention: Mention,
    reading: Reading,
    found: tuple[dict[str, int], set[str]],
    join_models: bool = False,
) -> list[Mention]:
    """The mention retyped or split, as the document's product and maker names say."""
    products, makers = found
    alone = reading.number == (mention.start, mention.end)
    if mention.type not in RETYPED and not alone:
        return [mention]
    if join_models and not alone and _joinable(page.text, mention, reading):
        return [_joined_product(page.text, mention, reading)]
    strength = _product_strength(reading.name, products)
    if alone or strength == STRONG or (strength and mention.type != PERSON):
        return [_as_product(page, mention, reading)]
    if not (reading.model and reading.inside):
        return [mention]  # a maker before a model the model found on its own: "Boeing" 737s
    maker = _maker_in(reading.text, makers)
    if maker:
        return _split_maker(page.text, mention, maker)
    return [_as_product(page, mention, reading)]


def _maker_in(name: str, makers: set[str]) -> str:
    """The longest run of the name's first words that names a maker ("" if none)."""
    parts = name.split(" ")
    for size in range(len(parts), 0, -1):
        if " ".join(parts[:size]).casefold() in makers:
            return " ".join(parts[:size])
    return ""


def _product_strength(name: str, products: dict[str, int]) -> int:
    """How strongly the document reads ``name`` (or the product it begins with) as a product."""
    found = [n for n in products if name == n or name.startswith(n + " ")]
    return max((products[n] for n in found), default=0)


def _as_product(page: Page, mention: Mention, reading: Reading) -> Mention:
    """The mention typed OTHER, a version number right after it included ("iPhone 4")."""
    end = mention.end
    if reading.number is not None and not reading.inside and not reading.model:
        end = reading.number[1] if not _in_entity(page.doc, reading.number[0]) else end
    if end != mention.end:
        mention = replaced(mention, SOURCE, end=end, text=page.text[mention.start : end])
    return with_type(mention, PRODUCT, SOURCE) if mention.type != PRODUCT else mention


def _joinable(text: str, mention: Mention, reading: Reading) -> bool:
    """A maker's name and a model number after it: not a person's name and odds ("Luis
    Garcia -290"), not a team and a score ("West Indies 168-6"), not a capacity
    ("SanDisk 128GB")."""
    if not reading.model or reading.number is None or mention.type == PERSON:
        return False
    start, end = reading.number
    if text[end : end + 1].isalnum():
        return False  # a unit glued to the number: "SanDisk 128GB"
    tail = HYPHENATED.match(text, end)  # the tokenizer may cut "168-6" after "168"
    number = text[start : tail.end() if tail else end]
    return not (number.startswith("-") or SCORE.fullmatch(number))


def _joined_product(text: str, mention: Mention, reading: Reading) -> Mention:
    """ "Boeing 787" (OTHER, maker "Boeing"), the model number after the name included."""
    assert reading.number is not None
    end = max(mention.end, reading.number[1])
    joined = replaced(mention, SOURCE_V2, end=end, text=text[mention.start : end])
    attrs = (*joined.attrs, ("maker", reading.text))
    if joined.type != PRODUCT:
        attrs += (("model_type", joined.type),)
    return replaced(joined, SOURCE_V2, type=PRODUCT, attrs=attrs)


def _in_entity(doc: Doc, offset: int) -> bool:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span is not None and entity_type(span[0].ent_type_) is not None


def _split_maker(text: str, mention: Mention, maker_name: str) -> list[Mention]:
    """ "Boeing 787" → "Boeing" (ORG) and "787" (OTHER)."""
    maker_end = mention.start + len(maker_name)
    rest = text[maker_end : mention.end]
    start = maker_end + len(rest) - len(rest.lstrip())
    maker = replaced(mention, SOURCE, end=maker_end, text=text[mention.start : maker_end])
    maker = with_type(maker, "ORG", SOURCE) if maker.type != "ORG" else maker
    model = Mention(start, mention.end, text[start : mention.end], PRODUCT, source=SOURCE)
    return [maker, model]
