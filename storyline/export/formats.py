"""The export formats: the JSON contract of DESIGN.md and a documents table as CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from typing import IO, Any

from storyline.export.entities import export_entity, spans_of
from storyline.export.ftm import ftm_lines
from storyline.export.graph import gexf, graphml
from storyline.export.timelinejs import timeline_json
from storyline.model import Statement
from storyline.query.entities import entities
from storyline.query.story import story
from storyline.registry import Registry
from storyline.store import Store

Exporter = Callable[[Store, IO[str]], None]
EXPORTERS: Registry[Exporter] = Registry("export format")

# Top-level keys of the JSON export, each a list (DESIGN.md, "Export contract").
CONTRACT_KEYS = ("documents", "entities", "events", "relations", "quotes", "claims", "conflicts")
# Beyond the contract: claim groups whose documents agree ("3 outlets agree").
EXTRA_KEYS = ("agreements",)
CSV_COLUMNS = (
    "id",
    "path",
    "url",
    "title",
    "author",
    "publisher",
    "published",
    "published_precision",
    "published_evidence",
    "updated",
    "language",
    "version",
    "format",
    "words",
    "removed",
    "text",
)


def export(store: Store, fmt: str, out: IO[str]) -> None:
    """Write the knowledge base in format ``fmt`` (see ``EXPORTERS.names()``) to ``out``."""
    EXPORTERS.get(fmt)(store, out)


def knowledge_base(store: Store) -> dict[str, list[Any]]:
    """The whole knowledge base as the JSON contract's plain data."""
    data: dict[str, list[Any]] = {key: [] for key in CONTRACT_KEYS}
    for doc in store.documents():
        by_prop: dict[str, list[Statement]] = {"timex": [], "quantity": []}
        for stmt in store.statements(doc.id):
            if stmt.property in by_prop:
                by_prop[stmt.property].append(stmt)
        row = doc.as_export()
        row["timexes"] = spans_of(doc, by_prop["timex"])
        row["quantities"] = spans_of(doc, by_prop["quantity"])
        row["analysis_notes"] = store.analysis_notes(doc.id)
        data["documents"].append(row)
    data["entities"] = [export_entity(entity) for entity in entities(store)]
    data.update(story(store))
    return data


@EXPORTERS.register("json")
def export_json(store: Store, out: IO[str]) -> None:
    json.dump(knowledge_base(store), out, ensure_ascii=False, indent=1)
    out.write("\n")


@EXPORTERS.register("csv")
def export_csv(store: Store, out: IO[str]) -> None:
    """documents.csv: one row per current document, the text last."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for doc in store.documents():
        row = doc.as_export()
        row["words"] = len(doc.text.split())
        row["removed"] = len(doc.removed)
        writer.writerow(row)


def _contract_format(render: Callable[[dict[str, Any]], str]) -> Exporter:
    """An exporter that renders the JSON contract's data in another format."""

    def write(store: Store, out: IO[str]) -> None:
        out.write(render(knowledge_base(store)))

    return write


# Formats built on the contract (docs/cli.md): the timeline, the entity graph, FtM.
EXPORTERS.register("timelinejs")(_contract_format(timeline_json))
EXPORTERS.register("graphml")(_contract_format(graphml))
EXPORTERS.register("gexf")(_contract_format(gexf))
EXPORTERS.register("ftm")(_contract_format(ftm_lines))
