"""``index-names.v1``: a stock index's name is no organisation's ("the Nasdaq fell 82 points").

The model types the short names of stock indices ORG ("Dow Jones", "Nasdaq", "FTSE",
"Hang Seng"). News text marks them in two ways: the name premodifies the word "index"
or "average" ("the FTSE index", "Standard & Poor's 500 index", "the Hang Seng index"),
or it is the subject of a verb of rising or falling by points ("the Nasdaq fell 82.65
points", "Dow Jones recovers hundreds of points"): companies' shares move in cents or per
cent, indices in points. (Teams and players win, hold and pick up points: those verbs
are not read.) Such a mention becomes OTHER with ``kind: index``, which
``doc-consistency.v3`` weighs above the model's votes, so that "the Dow Jones" elsewhere in
the document follows. (An index named with its number, "FTSE 100", is already one
product-like name under ``products.v2``; one ending in "Index" under ``name-heads.v1``.)
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.nlp.corrections.kinds import mention_span, same_paragraph, with_type
from storyline.nlp.mentions import CORRECTIONS, Mention

SOURCE = "index-names.v1"
# The types the model gives index names (a person's only before "index": "Russel 2000
# Index"; a person's subject of "points" is an analyst quoting them).
RETYPED = frozenset({"ORG", "PERSON"})
# Nouns that an index's name premodifies.
INDEX_NOUNS = frozenset({"index", "indices", "indexes", "average"})
# Possessive endings between the name and that noun (before the index's number).
BETWEEN = frozenset({"'s", "’s"})
# Dependencies by which the name premodifies the index's number ("S&P's 500").
OWNED = frozenset({"poss", "compound", "nmod"})
# Verbs of a market's rise and fall (lemmas).
MOVES = frozenset(
    {"fall", "rise", "drop", "gain", "lose", "climb", "plunge", "plummet", "surge", "jump"}
    | {"slide", "slip", "dip", "tumble", "sink", "soar", "decline", "advance", "rally"}
    | {"recover", "close", "end", "shed", "add", "edge", "retreat", "rebound", "reach"}
)
# The unit in which indices, and not companies, move.
POINTS = "points"


@CORRECTIONS.register("index-names.v1")
def type_index_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions read as a stock index's name become OTHER (see the module doc)."""
    out = []
    for mention in mentions:
        span = mention_span(doc, mention) if mention.type in RETYPED else None
        moves = span is not None and mention.type == "ORG" and _moves_by_points(span)
        if span is not None and (moves or _before_index_noun(span) or _named_index(span)):
            mention = with_type(mention, "OTHER", SOURCE, ("kind", "index"))
        out.append(mention)
    return out


def _before_index_noun(span: Span) -> bool:
    """ "FTSE index", "Standard & Poor's 500 index": the noun right after the name. A
    possessor right before it publishes the index ("the Conference Board's index")."""
    doc = span.doc
    index = span.end
    owned = index < len(doc) and doc[index].text in BETWEEN
    index += owned
    numbered = index < len(doc) and doc[index].like_num
    index += numbered
    noun = index < len(doc) and doc[index].lower_ in INDEX_NOUNS and doc[index].pos_ == "NOUN"
    return noun and (numbered or not owned)


def _named_index(span: Span) -> bool:
    """In apposition to "index", or one of the "indices, such as" ("the biggest stock
    index, the Dow Jones, plunged"; "other stock indices, such as the Nasdaq")."""
    root = span.root
    head = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "as" else root.head
    named = root.dep_ == "appos" or (root.dep_ == "pobj" and head is not root.head)
    return named and head.lower_ in INDEX_NOUNS and same_paragraph(head, root)


def _moves_by_points(span: Span) -> bool:
    """The subject of a verb whose own words count points ("fell 340 points"), the name
    alone or before the index's number ("Standard & Poor's 500 plunged 30 points"; not
    "Nike's gross margin fell 0.1 percentage points")."""
    root = span.root
    if root.dep_ in OWNED and root.head.like_num:
        root = root.head
    verb = root.head
    if root.dep_ != "nsubj" or verb.pos_ not in {"VERB", "AUX"} or verb.lemma_ not in MOVES:
        return False
    subject = {t.i for t in root.subtree}
    moved = [t for t in verb.subtree if t.i not in subject and _points(t)]
    return any(same_paragraph(t, root) and t.sent == root.sent for t in moved)


def _points(token: Token) -> bool:
    """The noun "points" ("CNNMoney.com points to the rise" is a verb), not "percentage
    points" (a margin's or a rate's)."""
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    return token.lower_ == POINTS and token.pos_ == "NOUN" and before != "percentage"
