"""The entity–relation graph as GraphML (yEd, Cytoscape) and GEXF 1.2 (Gephi).

Nodes are entities (name, type, mention count); edges are relations (predicate, how many
mentions state it), and, as a lighter kind of edge, two entities taking part in the same
events (``co_participation``, weighted by the number of shared events). Graphs are
directed, as readers of mixed graphs disagree (networkx refuses them): an edge whose
direction means nothing (a symmetric relation, co-participation) says so in its
``directed`` attribute. Written with xml.etree: both formats are small, and a dependency
would buy nothing here (docs/decisions.md, D12).
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

from storyline.schema import relation_types

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://www.gexf.net/1.2draft"
# Characters XML 1.0 cannot hold at all, even escaped: control characters of crawled text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

RELATION = "relation"  # an edge stated by a relation
CO_PARTICIPATION = "co_participation"  # an edge of entities sharing events

# Node and edge attributes: (name, GraphML type, GEXF type).
NODE_KEYS = (
    ("name", "string", "string"),
    ("type", "string", "string"),
    ("mentions", "int", "integer"),
)
EDGE_KEYS = (
    ("kind", "string", "string"),
    ("predicate", "string", "string"),
    ("evidence", "int", "integer"),
    ("weight", "double", "double"),
    ("directed", "boolean", "boolean"),  # false for symmetric relations and co-participation
)


@dataclasses.dataclass(frozen=True)
class Node:
    id: str
    name: str
    type: str
    mentions: int


@dataclasses.dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    kind: str  # RELATION or CO_PARTICIPATION
    predicate: str  # the relation type; "" for co-participation
    evidence: int  # mentions stating the relation, or shared events
    directed: bool

    @property
    def weight(self) -> float:
        return float(self.evidence)


@dataclasses.dataclass(frozen=True)
class Graph:
    nodes: list[Node]
    edges: list[Edge]


def clean_xml(text: object) -> str:
    """``text`` as a string XML can hold (control characters dropped)."""
    return _NOT_XML.sub("", str(text))


def entity_graph(data: Mapping[str, Any], *, co_participation: bool = True) -> Graph:
    """Entities and the edges between them of a contract dict.

    Relations with an end that is not among the entities are left out; relations stated
    several times with the same subject, predicate and object are one edge.
    """
    nodes = [
        Node(
            str(e["id"]), str(e.get("name", "")), str(e.get("type", "")), len(e.get("mentions", ()))
        )
        for e in data.get("entities", ())
    ]
    known = {node.id for node in nodes}
    edges = _relation_edges(data.get("relations", ()), known)
    if co_participation:
        edges += _shared_event_edges(data.get("events", ()), known)
    return Graph(nodes, edges)


def _relation_edges(relations: Iterable[Mapping[str, Any]], known: set[str]) -> list[Edge]:
    symmetric = {name for name, entry in relation_types().items() if entry.get("symmetric")}
    evidence: Counter[tuple[str, str, str]] = Counter()
    for rel in relations:
        ends = (str(rel.get("subject")), str(rel.get("object")))
        if ends[0] in known and ends[1] in known:
            key = (ends[0], str(rel.get("predicate", "")), ends[1])
            evidence[key] += max(1, len(rel.get("mentions", ())))
    return [
        Edge(f"r{n}", s, o, RELATION, p, count, p not in symmetric)
        for n, ((s, p, o), count) in enumerate(sorted(evidence.items()))
    ]


def _shared_event_edges(events: Iterable[Mapping[str, Any]], known: set[str]) -> list[Edge]:
    shared: Counter[tuple[str, str]] = Counter()
    for event in events:
        people = sorted({str(p) for p in event.get("participants", ()) if str(p) in known})
        shared.update(combinations(people, 2))
    return [
        Edge(f"c{n}", a, b, CO_PARTICIPATION, "", count, False)
        for n, ((a, b), count) in enumerate(sorted(shared.items()))
    ]


def _values(node_or_edge: Node | Edge, keys: tuple[tuple[str, str, str], ...]) -> list[str]:
    return [_text(getattr(node_or_edge, name)) for name, _, _ in keys]


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return clean_xml(value)


def graphml(data: Mapping[str, Any], *, co_participation: bool = True) -> str:
    """GraphML text of the entity graph of a contract dict."""
    graph = entity_graph(data, co_participation=co_participation)
    root = ET.Element("graphml", xmlns=GRAPHML_NS)
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind, _ in keys:
            ET.SubElement(
                root,
                "key",
                {"id": f"{scope}_{name}", "for": scope, "attr.name": name, "attr.type": kind},
            )
    body = ET.SubElement(root, "graph", id="storyline", edgedefault="directed")
    for node in graph.nodes:
        element = ET.SubElement(body, "node", id=clean_xml(node.id))
        for (name, _, _), value in zip(NODE_KEYS, _values(node, NODE_KEYS), strict=True):
            ET.SubElement(element, "data", key=f"node_{name}").text = value
    for edge in graph.edges:
        attrs = {
            "id": edge.id,
            "source": clean_xml(edge.source),
            "target": clean_xml(edge.target),
        }
        element = ET.SubElement(body, "edge", attrs)
        for (name, _, _), value in zip(EDGE_KEYS, _values(edge, EDGE_KEYS), strict=True):
            ET.SubElement(element, "data", key=f"edge_{name}").text = value
    return _serialise(root)


def gexf(data: Mapping[str, Any], *, co_participation: bool = True) -> str:
    """GEXF 1.2 text of the entity graph of a contract dict."""
    graph = entity_graph(data, co_participation=co_participation)
    root = ET.Element("gexf", xmlns=GEXF_NS, version="1.2")
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "storyline"
    ET.SubElement(meta, "description").text = "entities and the relations between them"
    body = ET.SubElement(root, "graph", mode="static", defaultedgetype="directed")
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        declared = ET.SubElement(body, "attributes", {"class": scope})
        for index, (name, _, kind) in enumerate(keys):
            ET.SubElement(declared, "attribute", id=str(index), title=name, type=kind)
    nodes = ET.SubElement(body, "nodes")
    for node in graph.nodes:
        element = ET.SubElement(nodes, "node", id=clean_xml(node.id), label=clean_xml(node.name))
        _attvalues(element, _values(node, NODE_KEYS))
    edges = ET.SubElement(body, "edges")
    for edge in graph.edges:
        attrs = {
            "id": edge.id,
            "source": clean_xml(edge.source),
            "target": clean_xml(edge.target),
            "weight": str(edge.weight),
            "label": edge.predicate or edge.kind,
        }
        _attvalues(ET.SubElement(edges, "edge", attrs), _values(edge, EDGE_KEYS))
    return _serialise(root)


def _attvalues(element: ET.Element, values: list[str]) -> None:
    holder = ET.SubElement(element, "attvalues")
    for index, value in enumerate(values):
        ET.SubElement(holder, "attvalue", {"for": str(index), "value": value})


def _serialise(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
