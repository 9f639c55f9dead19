"""GraphML and GEXF exports of the entity–relation graph: valid XML, right counts."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from storyline.export import export
from storyline.export.graph import GEXF_NS, GRAPHML_NS, entity_graph, gexf, graphml
from storyline.store import SQLiteStore

G = f"{{{GRAPHML_NS}}}"
X = f"{{{GEXF_NS}}}"


def test_graph_nodes_and_edges(contract_sample: dict[str, Any]) -> None:
    graph = entity_graph(contract_sample)
    assert len(graph.nodes) == 6
    relations = [e for e in graph.edges if e.kind == "relation"]
    # eight relations have both ends among the entities; the dangling one is left out
    assert len(relations) == 8
    sibling = next(e for e in relations if e.predicate == "sibling_of")
    assert (sibling.source, sibling.target, sibling.evidence) == ("e2", "e1", 2)
    assert not sibling.directed  # sibling_of is symmetric in the schema
    leader = next(e for e in relations if e.predicate == "leader_of" and e.target == "e3")
    assert leader.directed
    shared = {(e.source, e.target): e.evidence for e in graph.edges if e.kind == "co_participation"}
    # v1: e1+e4; v3: e1, e2, e5; v4: e1+e2 (undated events still share participants)
    assert shared == {("e1", "e4"): 1, ("e1", "e2"): 2, ("e1", "e5"): 1, ("e2", "e5"): 1}
    assert not [
        e
        for e in entity_graph(contract_sample, co_participation=False).edges
        if e.kind == "co_participation"
    ]


def test_graphml_parses_with_typed_data(contract_sample: dict[str, Any]) -> None:
    contract_sample["entities"][0]["name"] = "Arman \x0bTokarev <&>"
    root = ET.fromstring(graphml(contract_sample))
    assert root.tag == f"{G}graphml"
    keys = {k.get("id"): (k.get("for"), k.get("attr.type")) for k in root.iter(f"{G}key")}
    assert keys["node_mentions"] == ("node", "int")
    assert keys["edge_predicate"] == ("edge", "string")
    nodes = list(root.iter(f"{G}node"))
    edges = list(root.iter(f"{G}edge"))
    assert len(nodes) == 6 and len(edges) == 12
    first = {d.get("key"): d.text for d in nodes[0]}
    assert first == {"node_name": "Arman Tokarev <&>", "node_type": "PERSON", "node_mentions": "3"}
    sibling = next(
        e for e in edges if e.find(f"{G}data[@key='edge_predicate']").text == "sibling_of"
    )
    assert sibling.find(f"{G}data[@key='edge_directed']").text == "false"
    ids = {n.get("id") for n in nodes}
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)


def test_gexf_parses_with_declared_attributes(contract_sample: dict[str, Any]) -> None:
    root = ET.fromstring(gexf(contract_sample))
    assert root.tag == f"{X}gexf" and root.get("version") == "1.2"
    graph = root.find(f"{X}graph")
    assert graph is not None
    declared = {a.get("class"): [x.get("title") for x in a] for a in graph.iter(f"{X}attributes")}
    assert declared["node"] == ["name", "type", "mentions"]
    nodes = list(graph.iter(f"{X}node"))
    edges = list(graph.iter(f"{X}edge"))
    assert len(nodes) == 6 and len(edges) == 12
    sibling = next(e for e in edges if e.get("label") == "sibling_of")
    assert sibling.get("weight") == "2.0"
    edge_index = {title: str(i) for i, title in enumerate(declared["edge"])}
    values = {v.get("for"): v.get("value") for v in sibling.iter(f"{X}attvalue")}
    assert values[edge_index["directed"]] == "false"  # sibling_of is symmetric
    for element in nodes + edges:
        values = element.find(f"{X}attvalues")
        assert values is not None and len(values) == len(
            declared["node"] if element in nodes else declared["edge"]
        )


def test_networkx_reads_both_when_installed(contract_sample: dict[str, Any]) -> None:
    nx = pytest.importorskip("networkx")
    read = nx.read_graphml(io.BytesIO(graphml(contract_sample).encode()))
    assert read.number_of_nodes() == 6 and read.number_of_edges() == 12
    read = nx.read_gexf(io.BytesIO(gexf(contract_sample).encode()))
    assert read.number_of_nodes() == 6


def test_registered_exporters_write_xml(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "kb.db")
    for fmt, tag in (("graphml", f"{G}graphml"), ("gexf", f"{X}gexf")):
        out = io.StringIO()
        export(store, fmt, out)
        assert ET.fromstring(out.getvalue()).tag == tag
