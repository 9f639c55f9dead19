"""``measures.v1``: parts of amounts and measurements that the model took for names.

Three shapes, none of them a name of ours (amounts have their own recogniser):

* a currency code after an amount: "$249 USD", "$99 (USD)";
* a unit written against its number: "GB" in "30GB";
* a dimension: "320x240".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.nlp.mentions import CORRECTIONS, Mention

# A currency code: three capital letters ("USD", "EUR").
CURRENCY_CODE = re.compile(r"[A-Z]{3}")
# An amount's last characters before a code, across a space or an opening bracket.
AMOUNT_BEFORE = re.compile(r"\d(?:\s*(?:million|billion|trillion|bn|m))?\s*\(?\s*$")
# A dimension: numbers joined by "x".
DIMENSION = re.compile(r"\d+(?:\s?[x×]\s?\d+)+")


@CORRECTIONS.register("measures.v1")
def drop_measures(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions that are currency codes, units or dimensions are dropped."""
    text = doc.text  # built from the tokens on each access: once here
    return [m for m in mentions if not is_measure(text, m)]


def is_measure(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is a currency code after an amount, a unit or a dimension."""
    before = text[max(0, mention.start - 20) : mention.start]
    if CURRENCY_CODE.fullmatch(mention.text) and AMOUNT_BEFORE.search(before):
        return True
    if before[-1:].isdigit():
        return True  # "30GB": a unit glued to its number
    return bool(DIMENSION.fullmatch(mention.text))
