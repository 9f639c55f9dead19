"""One-word names across documents: joined by shared context, never by the word alone.

A document may name an entity by one word only: a person by a surname ("Bush"), an
organisation or place by one word of its longer name ("Colts" for "Indianapolis
Colts") or by its initials ("IE" for "Internet Explorer"). Scoring never joins such
a name to a longer one (``weights.weighted_similarity`` gives 0; one-word persons
are not scored at all), because the word alone often means another entity. Here,
after scoring:

1. One-word persons spelt alike (one skeleton) join each other when their
   documents share context.
2. A one-word item joins the one entity whose longer name it can stand for, when
   exactly one entity of its type class has such a name and the documents share
   context. A person's word must be the first or last word of a full name; an
   organisation's any word of ``MIN_WORD_LETTERS`` letters or more, or the initials
   of its capitalised words (``names.initials``); a GPE's only the last word of the
   longer name ("Belozhar" is "Lake Belozhar", but "Virsk" is not "the Virsk Arena",
   nor "Wasilla" "Wasilla Bible Church": a name that begins with a town's is most
   often something in that town).

Shared context (``shared_context``) is the best, over a document of each side, of
the Jaccard of the words of the names co-mentioned in the two documents (words, so
that "Obama" meets "Barack Obama"), plus a little for a shared title or outlet; it
must reach ``ONE_WORD_CONTEXT``. Without context (as in the scale benchmark) nothing joins here.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from collections.abc import Sequence

from storyline.nlp import names, translit
from storyline.resolve.blocking import BUCKET_LIMIT
from storyline.resolve.groups import Group, Groups
from storyline.resolve.model import PERSON, TYPE_CLASS, DocCluster
from storyline.resolve.weights import name_words

# Context two sides must share before a one-word name joins across documents.
ONE_WORD_CONTEXT = 0.05
# Words after a surname that are not the surname ("Arcade Joseph Comeaux Jr").
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Items of each side whose documents are compared (the best pair counts).
CONTEXT_MEMBERS = 200
# What a shared title and a shared outlet add to the Jaccard of co-mentioned names.
TITLE_BONUS = 0.1
OUTLET_BONUS = 0.05
# One-word names of these types join a longer name only by its last word.
PLACE_TYPES = frozenset({"GPE"})
# A word of an organisation's or place's name it may be called by alone has this many letters.
MIN_WORD_LETTERS = 3


def owner_words(item: DocCluster) -> set[str]:
    """The words (skeletons) one word alone may stand for this item's longer names by."""
    found: set[str] = set()
    for name in {m.name for m in item.mentions} | {item.name}:
        words = translit.skeleton_words(name)
        if item.type == PERSON:
            words = _without_generation(words)
        if len(words) < 2:
            continue
        if item.type == PERSON:
            found |= {words[0], words[-1]}
            continue
        found |= {w for w in words if len(w) >= MIN_WORD_LETTERS}
        if len(short := names.initials(name)) > 1:
            found.add(translit.skeleton(short).replace(" ", ""))
    return found


def head_words(item: DocCluster) -> set[str]:
    """The last words (skeletons, legal forms aside) of the item's longer names."""
    found: set[str] = set()
    for name in {m.name for m in item.mentions} | {item.name}:
        words = name_words(name)
        if len(words) > 1 and len(words[-1]) >= MIN_WORD_LETTERS:
            found.add(words[-1])
    return found


def _without_generation(words: tuple[str, ...]) -> tuple[str, ...]:
    """A person's name words without a final "Jr", "III"."""
    return words[:-1] if len(words) > 1 and words[-1] in GENERATIONS else words


def one_word(item: DocCluster) -> str:
    """The item's name as one skeleton word, or "" when it has several words."""
    words = translit.skeleton_words(item.name)
    return words[0] if len(words) == 1 else ""


@dataclasses.dataclass(frozen=True)
class Evidence:
    """What one item's document says around it: co-mentioned words, titles, outlet."""

    words: frozenset[str]  # skeleton words of co-mentioned names (short words left out)
    titles: frozenset[str]
    outlet: str | None


def evidence(item: DocCluster) -> Evidence | None:
    """The item's evidence, or None when its document gives none."""
    found = (w for c in item.context for w in translit.skeleton_words(c))
    words = frozenset(w for w in found if len(w) >= MIN_WORD_LETTERS)
    titles = frozenset(names.fold(t) for t in item.titles)
    return Evidence(words, titles, item.outlet) if words or titles or item.outlet else None


def shared_context(first: Sequence[Evidence], second: Sequence[Evidence]) -> float:
    """The best context two documents share, one from each side (``item_context``).

    The best pair, not the two sides' pooled names: an entity named in hundreds of
    documents pools too many names for any one document to share a share of them.
    Each side is read up to ``CONTEXT_MEMBERS`` items.
    """
    return max(
        (item_context(a, b) for a in first[:CONTEXT_MEMBERS] for b in second[:CONTEXT_MEMBERS]),
        default=0.0,
    )


def item_context(a: Evidence, b: Evidence) -> float:
    """Jaccard of co-mentioned names' words, plus a shared title or outlet, capped at 1."""
    union = len(a.words | b.words)
    overlap = len(a.words & b.words) / union if union else 0.0
    outlet = bool(a.outlet and a.outlet == b.outlet)
    return min(1.0, overlap + TITLE_BONUS * bool(a.titles & b.titles) + OUTLET_BONUS * outlet)


def attach_one_words(items: Sequence[DocCluster], groups: Groups) -> int:
    """Both steps of the module doc; the number of joins made."""
    attacher = _Attacher(items, groups)
    return attacher.join_alike_persons() + attacher.attach_to_owners()


class _Attacher:
    """The items, their groups and each item's evidence, for both steps."""

    def __init__(self, items: Sequence[DocCluster], groups: Groups) -> None:
        self.items = items
        self.groups = groups
        self.evidence = [evidence(item) for item in items]

    def join_alike_persons(self) -> int:
        """Step 1: one-word persons with one skeleton, joined where their documents meet."""
        alike: dict[str, list[int]] = defaultdict(list)
        for index, item in enumerate(self.items):
            if item.type == PERSON and self.evidence[index] and (word := one_word(item)):
                alike[word].append(index)
        joined = 0
        for members in alike.values():
            if len(members) > BUCKET_LIMIT:
                continue
            for position, index in enumerate(members):
                earlier = {id(self.groups.of[other]): other for other in members[:position]}
                for other in earlier.values():  # each group once: joined items share one
                    joined += self.join_if_shared(other, index, "one-word")
        return joined

    def attach_to_owners(self) -> int:
        """Step 2: a one-word item joins the one entity whose longer name has its word."""
        owners: dict[tuple[str, str], set[int]] = defaultdict(set)
        heads: dict[tuple[str, str], set[int]] = defaultdict(set)
        for index, item in enumerate(self.items):
            for word in owner_words(item):
                owners[(_kind(item), word)].add(index)
            if item.type != PERSON:
                for word in head_words(item):
                    heads[(_kind(item), word)].add(index)
        joined = 0
        for index, item in enumerate(self.items):
            word = one_word(item) if self.evidence[index] else ""
            # A place is named by its own words: "Virsk" is not "the Virsk Arena".
            table = heads if item.type in PLACE_TYPES else owners
            if not word or (_kind(item), word) not in table:
                continue
            of = self.groups.of
            found = {id(of[i]): i for i in table[(_kind(item), word)]}
            found.pop(id(of[index]), None)
            if len(found) == 1:  # a word several entities share stays alone: "Bakiyev"
                joined += self.join_if_shared(next(iter(found.values())), index, "owner")
        return joined

    def join_if_shared(self, target: int, index: int, how: str) -> bool:
        """Join ``index``'s group to ``target``'s when their documents share enough context."""
        first, second = self.groups.of[target], self.groups.of[index]
        if first is second:
            return False
        context = shared_context(self._members(first), self._members(second))
        if context < ONE_WORD_CONTEXT:
            return False
        features = (("one_word", 1.0), ("context", round(context, 4)))
        rule = f"one-word+context:{how}"
        return self.groups.join(
            target, index, round(context, 4), features, rule, names_checked=False
        )

    def _members(self, group: Group) -> list[Evidence]:
        """Evidence of the group's items that have some, up to ``CONTEXT_MEMBERS``."""
        found = (e for i in group.items if (e := self.evidence[i]) is not None)
        return list(itertools.islice(found, CONTEXT_MEMBERS))


def _kind(item: DocCluster) -> str:
    return TYPE_CLASS.get(item.type, item.type)
