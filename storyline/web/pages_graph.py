"""An entity's relations as a small graph laid out on the server, drawn as inline SVG.

The entity sits in the middle, the entities it is related to on a circle around it,
one edge per relation labelled with its predicate. Coordinates are numbers computed
here; names reach the SVG only as escaped text.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

# The drawing's coordinate box (the SVG scales to its container).
WIDTH = 480
HEIGHT = 320
RADIUS = 120
# More neighbours than this crowd the circle; the rest are listed under the graph.
MAX_NODES = 12


@dataclasses.dataclass(frozen=True)
class Node:
    id: str
    name: str
    x: float
    y: float
    centre: bool = False


@dataclasses.dataclass(frozen=True)
class Edge:
    source: Node
    target: Node
    label: str

    @property
    def mid_x(self) -> float:
        return round((self.source.x + self.target.x) / 2, 1)

    @property
    def mid_y(self) -> float:
        return round((self.source.y + self.target.y) / 2, 1)


@dataclasses.dataclass(frozen=True)
class Graph:
    nodes: list[Node]
    edges: list[Edge]
    width: int = WIDTH
    height: int = HEIGHT


def relation_graph(
    centre: str, name: str, relations: list[dict[str, Any]], names: dict[str, str]
) -> Graph | None:
    """The graph of ``centre``'s relations (None when it has none)."""
    others = list(dict.fromkeys(_other(centre, r) for r in relations))[:MAX_NODES]
    if not others:
        return None
    middle = Node(centre, name, WIDTH / 2, HEIGHT / 2, centre=True)
    nodes = {centre: middle}
    for i, other in enumerate(others):
        angle = 2 * math.pi * i / len(others) - math.pi / 2
        x = round(WIDTH / 2 + RADIUS * 1.5 * math.cos(angle), 1)
        y = round(HEIGHT / 2 + RADIUS * math.sin(angle), 1)
        nodes[other] = Node(other, names.get(other, other), x, y)
    edges = [
        Edge(nodes[r["subject"]], nodes[r["object"]], r["predicate"].replace("_", " "))
        for r in relations
        if r["subject"] in nodes and r["object"] in nodes
    ]
    return Graph(list(nodes.values()), edges)


def _other(centre: str, relation: dict[str, Any]) -> str:
    return str(relation["object"] if relation["subject"] == centre else relation["subject"])
