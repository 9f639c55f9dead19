"""Resolution's tables, shared by both stores: links, canonical ids and the incremental state.

``resolution`` (item → entity, with evidence) and ``canonical`` (mention → entity) are
what readers use. ``resolve_items`` (each item's compact profile), ``resolve_keys``
(its blocking keys), ``resolve_names`` (distinct organisation and place names, with
how many items carry each: the word weights) and ``resolve_docs`` (documents resolved,
and by which resolver) are what an incremental resolution reads instead of the whole
corpus (``resolve/incremental.py``).

A resolution is written whole (``full``) or as a patch; either way in the caller's
transaction. Lists of keys go to the database in chunks of ``IN_CHUNK``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence

from storyline.resolve.model import ItemState, Link, ResolutionDocs, ResolutionWrite
from storyline.store.records import Args, Primitives, marks
from storyline.store.rows import Row, link_from_row, link_values

# Values bound in one ``IN (...)`` list.
IN_CHUNK = 500
# Every table of the resolution, emptied by a full write.
TABLES = (
    "resolution",
    "canonical",
    "resolve_items",
    "resolve_keys",
    "resolve_names",
    "resolve_docs",
)


def chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), IN_CHUNK):
        yield values[start : start + IN_CHUNK]


class ResolveTables(Primitives):
    """Mixed into both stores; they supply the ``Primitives`` and ``_bulk``."""

    def _bulk(self, table: str, columns: str, rows: Sequence[Sequence[object]]) -> None:
        """Append many rows to an empty or keyed table (PostgreSQL: COPY)."""
        raise NotImplementedError

    def _in(self, sql: str, values: Sequence[str], args: Args = ()) -> list[Row]:
        """Rows of ``sql`` (its ``{}`` the marks of a chunk) over every chunk of ``values``."""
        found: list[Row] = []
        for chunk in chunks(sorted(set(values))):
            found += self._all(sql.format(marks(len(chunk))), (*args, *chunk))
        return found

    def _delete_in(self, table: str, column: str, values: Sequence[str]) -> None:
        for chunk in chunks(sorted(set(values))):
            self._run(f"DELETE FROM {table} WHERE {column} IN ({marks(len(chunk))})", tuple(chunk))

    # -- writes ------------------------------------------------------------------------

    def put_resolution(self, write: ResolutionWrite) -> None:
        """Store a resolution: replace everything (``write.full``) or patch it."""
        if write.full:
            for table in TABLES:
                self._run(f"DELETE FROM {table}")
        else:
            self._unresolve(write)
        self._bulk(
            "resolution",
            "item, entity, doc_id, score, features, rule",
            [link_values(link) for link in write.links],
        )
        self._bulk("canonical", "mention, entity, item", list(_unique_mentions(write.canonical)))
        self._bulk(
            "resolve_items",
            "item, doc_id, profile, names, skeleton",
            [(s.item, s.doc, s.profile, json.dumps(s.names), s.skeleton) for s in write.states],
        )
        keys = [(key, s.item, one, two) for s in write.states for key, one, two in s.keys]
        self._bulk("resolve_keys", "key, item, sort1, sort2", keys)
        self._add_names(Counter(n for s in write.states for n in set(s.names)))
        docs = [(doc, write.resolver) for doc in sorted(set(write.docs))]
        self._bulk("resolve_docs", "doc_id, resolver", docs)

    def _unresolve(self, write: ResolutionWrite) -> None:
        """Take out what a patch replaces: removed items entirely, rewritten items' rows."""
        for table in ("resolution", "canonical"):
            self._many(f"UPDATE {table} SET entity = ? WHERE entity = ?",
                       [(new, old) for old, new in write.renames])  # fmt: skip
        stated = [*write.removed, *(s.item for s in write.states)]
        old = self._in("SELECT names FROM resolve_items WHERE item IN ({})", stated)
        self._add_names(Counter(n for row in old for n in set(json.loads(row["names"]))), -1)
        for table in ("resolve_items", "resolve_keys"):
            self._delete_in(table, "item", stated)
        self._delete_in("resolution", "item", [*write.removed, *(k.cluster for k in write.links)])
        self._delete_in("canonical", "item", write.removed)
        self._many(
            "UPDATE canonical SET entity = ? WHERE item = ?",
            [(link.entity, link.cluster) for link in write.links],
        )
        self._delete_in("resolve_docs", "doc_id", [*write.stale_docs, *write.docs])

    def _add_names(self, counts: Counter[str], sign: int = 1) -> None:
        """Add (or with ``sign`` -1 take away) items carrying each name; drop names no item has."""
        if not counts:
            return
        self._many(
            "INSERT INTO resolve_names (words, items) VALUES (?, ?) "
            "ON CONFLICT (words) DO UPDATE SET items = resolve_names.items + excluded.items",
            [(name, sign * count) for name, count in sorted(counts.items())],
        )
        if sign < 0:
            self._run("DELETE FROM resolve_names WHERE items <= 0")

    # -- reads -------------------------------------------------------------------------

    def resolution(self) -> list[Link]:
        """Every item's link, ordered by entity then item."""
        rows = self._all("SELECT * FROM resolution ORDER BY entity, item")
        return [link_from_row(r) for r in rows]

    def canonical_ids(self) -> dict[str, str]:
        """Mention id → canonical entity id."""
        rows = self._all("SELECT mention, entity FROM canonical")
        return {str(r["mention"]): str(r["entity"]) for r in rows}

    def resolution_docs(self) -> ResolutionDocs:
        """Documents to resolve, documents no longer there, and who resolved the rest.

        Pending: current, analysed and not resolved since (a new analysis forgets
        that a document was resolved). Stale: resolved but no longer current.
        """
        pending = self._all(
            """SELECT d.id FROM documents d JOIN analyses a ON a.doc_id = d.id
               LEFT JOIN resolve_docs r ON r.doc_id = d.id
               WHERE d.is_current = 1 AND r.doc_id IS NULL ORDER BY d.id"""
        )
        stale = self._all(
            """SELECT r.doc_id FROM resolve_docs r
               LEFT JOIN documents d ON d.id = r.doc_id AND d.is_current = 1
               WHERE d.id IS NULL ORDER BY r.doc_id"""
        )
        resolvers = self._all("SELECT resolver, count(*) AS n FROM resolve_docs GROUP BY resolver")
        return ResolutionDocs(
            [str(r["id"]) for r in pending],
            [str(r["doc_id"]) for r in stale],
            {str(r["resolver"]) for r in resolvers},
            sum(int(r["n"]) for r in resolvers),
        )

    def entity_count(self) -> int:
        row = self._all("SELECT count(DISTINCT entity) AS n FROM resolution")
        return int(row[0]["n"]) if row else 0

    def resolved_items(self, docs: Sequence[str]) -> dict[str, str]:
        """Item → entity, for the stored items of these documents."""
        rows = self._in(
            "SELECT i.item, r.entity FROM resolve_items i JOIN resolution r ON r.item = i.item "
            "WHERE i.doc_id IN ({})",
            docs,
        )
        return {str(r["item"]): str(r["entity"]) for r in rows}

    def key_counts(self, keys: Sequence[str]) -> dict[str, int]:
        """How many stored items each of ``keys`` has (keys with none left out)."""
        rows = self._in(
            "SELECT key, count(*) AS n FROM resolve_keys WHERE key IN ({}) GROUP BY key", keys
        )
        return {str(r["key"]): int(r["n"]) for r in rows}

    def key_entities(self, keys: Sequence[str]) -> set[str]:
        """Entities with an item stored under any of ``keys``."""
        rows = self._in(
            "SELECT DISTINCT r.entity FROM resolve_keys k JOIN resolution r ON r.item = k.item "
            "WHERE k.key IN ({})",
            keys,
        )
        return {str(r["entity"]) for r in rows}

    def key_profiles(self, keys: Sequence[str], limit: int) -> list[tuple[str, str]]:
        """(entity, profile JSON) of the items under ``keys``; a key on more than
        ``limit`` items is left out."""
        usable = [k for k, n in self.key_counts(keys).items() if n <= limit]
        rows = self._in(
            "SELECT DISTINCT r.entity, i.item, i.profile FROM resolve_keys k "
            "JOIN resolution r ON r.item = k.item JOIN resolve_items i ON i.item = k.item "
            "WHERE k.key IN ({}) ORDER BY r.entity, i.item",
            usable,
        )
        return [(str(r["entity"]), str(r["profile"])) for r in rows]

    def key_owners(self, key: str, limit: int) -> set[str]:
        """Up to ``limit`` entities with an item stored under ``key``."""
        rows = self._all(
            "SELECT DISTINCT r.entity FROM resolve_keys k JOIN resolution r ON r.item = k.item "
            "WHERE k.key = ? ORDER BY r.entity LIMIT ?",
            (key, limit),
        )
        return {str(r["entity"]) for r in rows}

    def key_neighbours(self, key: str, orders: tuple[str, str], window: int) -> set[str]:
        """Entities of the ``window`` items before and after ``orders`` in each sort order."""
        found: set[str] = set()
        for column, value in zip(("sort1", "sort2"), orders, strict=True):
            for side, direction in ((">=", "ASC"), ("<", "DESC")):
                rows = self._all(
                    f"""SELECT r.entity FROM (SELECT item FROM resolve_keys
                            WHERE key = ? AND {column} {side} ?
                            ORDER BY {column} {direction} LIMIT ?) k
                        JOIN resolution r ON r.item = k.item""",
                    (key, value, window),
                )
                found.update(str(r["entity"]) for r in rows)
        return found

    def entity_items(self, entities: Sequence[str]) -> list[tuple[str, str, str]]:
        """(item, doc, profile JSON) of every stored item of these entities."""
        rows = self._in(
            "SELECT i.item, i.doc_id, i.profile FROM resolution r "
            "JOIN resolve_items i ON i.item = r.item WHERE r.entity IN ({}) ORDER BY i.item",
            entities,
        )
        return [(str(r["item"]), str(r["doc_id"]), str(r["profile"])) for r in rows]

    def exemplars(self, entities: Sequence[str]) -> list[tuple[Link, str, int]]:
        """For each entity, one item per skeleton (the smallest key): its link, profile
        JSON and how many of the entity's items share its skeleton."""
        groups = self._in(
            "SELECT min(r.item) AS item, count(*) AS n FROM resolution r "
            "JOIN resolve_items i ON i.item = r.item WHERE r.entity IN ({}) "
            "GROUP BY r.entity, i.skeleton",
            entities,
        )
        counts = {str(r["item"]): int(r["n"]) for r in groups}
        rows = self._in(
            "SELECT r.*, i.profile FROM resolution r JOIN resolve_items i ON i.item = r.item "
            "WHERE r.item IN ({}) ORDER BY r.item",
            list(counts),
        )
        return [(link_from_row(r), str(r["profile"]), counts[str(r["item"])]) for r in rows]

    def entities_of(self, items: Sequence[str]) -> dict[str, str]:
        """Item → entity, for those of ``items`` that are resolved."""
        rows = self._in("SELECT item, entity FROM resolution WHERE item IN ({})", items)
        return {str(r["item"]): str(r["entity"]) for r in rows}

    def entity_links(self, entity: str) -> list[Link]:
        """The links of one entity's items, by item."""
        rows = self._all("SELECT * FROM resolution WHERE entity = ? ORDER BY item", (entity,))
        return [link_from_row(r) for r in rows]

    def find_entities(
        self, reference: str, name_key: str, limit: int, *, prefix: bool = True
    ) -> list[str]:
        """Entity ids: ``reference`` itself, else (with ``prefix``) those starting with it,
        else those with an item stored under ``name_key`` (``incremental.name_keys``).

        At most ``limit`` of them.
        """
        exact = self._all("SELECT entity FROM resolution WHERE entity = ? LIMIT 1", (reference,))
        if exact:
            return [reference]
        prefixed = (
            []
            if not prefix
            else self._all(
                "SELECT DISTINCT entity FROM resolution WHERE entity >= ? AND entity < ? "
                "ORDER BY entity LIMIT ?",
                (reference, reference + "\uffff", limit),
            )
        )
        if prefixed:
            return [str(r["entity"]) for r in prefixed]
        named = self._all(
            "SELECT DISTINCT r.entity FROM resolve_keys k JOIN resolution r ON r.item = k.item "
            "WHERE k.key = ? ORDER BY r.entity LIMIT ?",
            (name_key, limit),
        )
        return [str(r["entity"]) for r in named]

    def has_resolution_state(self) -> bool:
        """Whether a resolution with its state is stored (``resolve_docs`` has a row)."""
        return bool(self._all("SELECT 1 AS x FROM resolve_docs LIMIT 1"))

    def name_counts(self) -> dict[str, int]:
        """Each distinct organisation or place name (its words) → items carrying it."""
        return {str(r["words"]): int(r["items"]) for r in self._all("SELECT * FROM resolve_names")}


def _unique_mentions(rows: Sequence[tuple[str, str, str]]) -> Iterator[tuple[str, str, str]]:
    """One row per mention (the last wins, as a replace would)."""
    yield from dict((mention, (mention, e, i)) for mention, e, i in rows).values()


__all__ = ["ItemState", "ResolveTables"]
