"""What resolution reads and writes.

Resolution reads document-level clusters of name mentions (``DocCluster``: the
mentions one document's analysis put in one cluster) and assigns each a canonical
entity id, recording why (``Link``). It never rewrites a statement.
"""

from __future__ import annotations

import dataclasses

PERSON = "PERSON"
# Types that may be one entity: a country is a GPE in one article and a LOC in another.
TYPE_CLASS = {"GPE": "PLACE", "LOC": "PLACE"}


@dataclasses.dataclass(frozen=True)
class NameMention:
    """One mention statement of a name, as resolution sees it."""

    id: str  # the mention statement's subject id
    doc: str
    start: int
    end: int
    text: str  # exactly the document's text[start:end]
    name: str  # the name it stands for: text with line breaks repaired, titles cut
    type: str  # PERSON, ORG, GPE, LOC, EVENT, OTHER
    attrs: tuple[tuple[str, str], ...] = ()


@dataclasses.dataclass(frozen=True)
class DocCluster:
    """The mentions of one entity inside one document."""

    key: str  # f"{doc}:{cluster}"
    doc: str
    type: str
    name: str  # the fullest name among its mentions
    mentions: tuple[NameMention, ...]
    outlet: str | None = None  # the document's publisher, when known
    titles: tuple[str, ...] = ()  # titles and roles seen with it ("former president")
    context: tuple[str, ...] = ()  # names of other entities in the same document


@dataclasses.dataclass(frozen=True)
class Link:
    """Why a document cluster belongs to an entity: the features and the score."""

    cluster: str  # DocCluster.key
    entity: str  # canonical entity id
    score: float
    features: tuple[tuple[str, float], ...] = ()  # ("name", 0.97), ("title", 1.0), ...
    rule: str = ""  # "anchor", "score", "judgement:merge"...


@dataclasses.dataclass
class Stats:
    """How much work resolution did: for benchmarks and the build summary."""

    items: int = 0
    pairs: int = 0
    merges: int = 0
    skipped_keys: int = 0
    windowed_keys: int = 0  # keys whose items were paired only with neighbours


@dataclasses.dataclass(frozen=True)
class ItemState:
    """What the store keeps of one resolved item, for later incremental resolutions."""

    item: str  # DocCluster.key
    doc: str
    profile: str  # JSON: what resolution reads of the item (``incremental.compact``)
    keys: tuple[tuple[str, str, str], ...]  # (key, sort1, sort2): how other items find it
    names: tuple[str, ...]  # organisations and places: its names' words, for the weights
    skeleton: str = ""  # kind and names spelt alike: one item per skeleton stands for the rest


@dataclasses.dataclass(frozen=True)
class ResolutionWrite:
    """A resolution to store: whole (``full``), or a patch over the stored one.

    A patch first renames entities (``renames``: old id → new id, every item of
    them), removes the ``removed`` items, then writes the ``links`` and ``states``
    it carries over those of the same items, adds canonical rows for new items'
    mentions, points the canonical rows of re-linked items at their entity, and
    records ``docs`` as resolved by ``resolver`` (``stale_docs`` no longer are).
    """

    links: list[Link]
    canonical: list[tuple[str, str, str]]  # (mention, entity, item) of the items new here
    states: list[ItemState]
    docs: tuple[str, ...]
    resolver: str
    full: bool = True
    removed: tuple[str, ...] = ()
    stale_docs: tuple[str, ...] = ()
    renames: tuple[tuple[str, str], ...] = ()


@dataclasses.dataclass(frozen=True)
class ResolutionDocs:
    """Where the stored resolution stands against the store's documents."""

    pending: list[str]  # current, analysed, not resolved since (new or re-analysed)
    stale: list[str]  # resolved, no longer current
    resolvers: set[str]  # resolver versions that wrote the stored state
    resolved: int  # documents resolved
