"""``name-links.v2``: document-level clusters of the mentions of one entity.

One cluster per distinct full name; a surname or given name alone joins the full name
it abbreviates, an acronym the name it abbreviates; different given names never share one.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc

from storyline.nlp import names
from storyline.nlp.corrections.common import PERSON, by_position, name_of, vote_key
from storyline.nlp.mentions import CORRECTIONS, Mention


@CORRECTIONS.register("name-links.v2")
def link_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Document-level clusters: full names, their short forms, acronyms (see module doc)."""
    return cluster_names(by_position(mentions))


def cluster_names(ordered: list[Mention]) -> list[Mention]:
    """``link_names`` on mentions in document order, without the parse it does not need."""
    groups = _full_name_groups(ordered)
    cluster: dict[int, int] = {}
    extra: dict[int, tuple[tuple[str, str], ...]] = {}
    for index in range(len(ordered)):
        if index in groups:
            cluster[index] = groups[index]
            continue
        linked = _short_form_link(index, ordered, groups)
        if linked is not None:
            cluster[index], extra[index] = linked
    _same_string_clusters(ordered, cluster)
    return list(_numbered(ordered, cluster, extra))


def _group_key(mention: Mention) -> tuple[str, str]:
    return mention.type, vote_key(name_of(mention))


def _full_name_groups(ordered: list[Mention]) -> dict[int, int]:
    """Mention index → group id for names of several words (and every non-person name).

    A person's name joins a longer one with the same first and last words and no
    word that the longer lacks ("Kurmanbek Bakiyev" → "Kurmanbek Salievich Bakiyev").
    """
    ids: dict[tuple[str, str], int] = {}
    for mention in ordered:
        if _is_full(mention):
            ids.setdefault(_group_key(mention), len(ids))
    persons = [k for k in ids if k[0] == PERSON]
    for short in persons:
        longer = [k for k in persons if k != short and _extends(short[1], k[1])]
        if len(longer) == 1:
            ids[short] = ids[longer[0]]
    return {i: ids[_group_key(m)] for i, m in enumerate(ordered) if _is_full(m)}


def _is_full(mention: Mention) -> bool:
    """A person's name of several words, or any other name but an acronym."""
    if mention.type == PERSON:
        return len(names.words(name_of(mention))) > 1
    return not names.is_acronym(mention.text)


def _extends(short: str, long: str) -> bool:
    a, b = short.split(" "), long.split(" ")
    return len(a) < len(b) and a[0] == b[0] and a[-1] == b[-1] and set(a) <= set(b)


def _short_form_link(
    index: int, ordered: list[Mention], groups: dict[int, int]
) -> tuple[int, tuple[tuple[str, str], ...]] | None:
    """The group a one-word person name abbreviates, chosen by nearness when several do."""
    mention = ordered[index]
    word = vote_key(name_of(mention))
    candidates: dict[int, str] = {}
    for other, group in groups.items():
        if ordered[other].type != PERSON:
            continue
        parts = vote_key(name_of(ordered[other])).split(" ")
        if parts[-1] == word:
            candidates.setdefault(group, "surname")
        elif parts[0] == word:
            candidates.setdefault(group, "given name")
    if not candidates:
        return None
    group = _most_mentioned(groups, set(candidates))
    attrs: tuple[tuple[str, str], ...] = (("linked_by", candidates[group]),)
    if len(candidates) > 1:
        attrs += (("ambiguous", str(len(candidates))),)
    return group, attrs


def _most_mentioned(groups: dict[int, int], wanted: set[int]) -> int:
    """Of the wanted groups, the one with most mentions; on a tie the first mentioned.

    News style names the main person in full and then by surname alone, and names
    relatives in full; so "Bakiyev" alone goes to the Bakiyev named most, and the
    mention records how many full names it could have meant (``ambiguous``).
    """
    counts = Counter(g for g in groups.values() if g in wanted)
    first = {g: i for i, g in sorted(groups.items(), reverse=True)}
    return max(wanted, key=lambda g: (counts[g], -first[g]))


def _same_string_clusters(ordered: list[Mention], cluster: dict[int, int]) -> None:
    """Unclustered mentions share a cluster with the same name; acronyms join their name."""
    next_id = max(cluster.values(), default=-1) + 1
    by_key: dict[tuple[str, str], int] = {}
    for index, mention in enumerate(ordered):
        if index in cluster:
            by_key.setdefault(_group_key(mention), cluster[index])
    for index, mention in enumerate(ordered):
        if index in cluster:
            continue
        group = by_key.get(_group_key(mention))
        if group is None:
            group = _acronym_of(mention, ordered, cluster)
        if group is None:
            group, next_id = next_id, next_id + 1
        cluster[index] = group
        by_key.setdefault(_group_key(mention), group)


def _acronym_of(mention: Mention, ordered: list[Mention], cluster: dict[int, int]) -> int | None:
    if not names.is_acronym(mention.text):
        return None
    letters = mention.text.replace(".", "")
    groups = {
        cluster[i]
        for i, other in enumerate(ordered)
        if i in cluster
        and other.type == mention.type
        and len(names.words(other.text)) > 1
        and names.initials(other.text) == letters
    }
    return groups.pop() if len(groups) == 1 else None


def _numbered(
    ordered: list[Mention],
    cluster: dict[int, int],
    extra: dict[int, tuple[tuple[str, str], ...]],
) -> Iterator[Mention]:
    """Mentions with clusters renumbered 0, 1, 2... in order of first appearance."""
    numbers: dict[int, int] = {}
    for index, mention in enumerate(ordered):
        number = numbers.setdefault(cluster[index], len(numbers))
        attrs = mention.attrs + extra.get(index, ())
        yield dataclasses.replace(mention, cluster=number, attrs=attrs)
