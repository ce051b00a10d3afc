"""Small graphs with known answers, built as GraphData (what every store's read_graph returns).

Imported by name: tests/analytics has no package.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphkit.store.base import GraphData, GraphEdge, GraphNode


def node(label: str, key: str, **props: Any) -> GraphNode:
    props.setdefault("reports", ["r1"])
    return GraphNode(label, key, props)


def edge(
    rel_type: str,
    src: tuple[str, str],
    dst: tuple[str, str],
    report: str = "r1",
    *,
    certainty: str = "reported",
    evidence: str | None = None,
    **props: Any,
) -> GraphEdge:
    sentence = evidence or f"{src[1]} {rel_type} {dst[1]}."
    return GraphEdge(
        rel_type,
        src,
        dst,
        {
            "report": report,
            "evidence": sentence,
            "evidence_start": 0,
            "evidence_end": len(sentence),
            "certainty": certainty,
            **props,
        },
    )


def A(key: str) -> tuple[str, str]:
    return ("Agency", key)


def OP(key: str) -> tuple[str, str]:
    return ("Operation", key)


def C(iso2: str) -> tuple[str, str]:
    return ("Country", iso2)


def G(key: str) -> tuple[str, str]:
    return ("CriminalGroup", key)


def barbell_with_broker(size: int = 5) -> nx.Graph:
    """Two cliques of ``size`` nodes (l0.., r0..) joined only through the node "broker".

    The broker must top betweenness, be the only articulation point besides the clique
    nodes it touches, and removing it must split the graph in two.
    """
    g = nx.Graph()
    left = [f"l{i}" for i in range(size)]
    right = [f"r{i}" for i in range(size)]
    for side in (left, right):
        for i, a in enumerate(side):
            for b in side[i + 1 :]:
                g.add_edge(a, b, weight=1)
    g.add_edge("broker", "l0", weight=1)
    g.add_edge("broker", "r0", weight=1)
    for v in g:
        g.nodes[v].update(label="Agency", key=v, name=v)
    return g


def agency_network() -> GraphData:
    """Four agencies and three operations in two countries; Europol in every operation.

    op1 (BE, 2023-03): belgian, europol, french     op2 (FR, 2024-05): french, europol
    op3 (NL, no dates, report published 2022): dutch, europol
    A group targeted by op1 and op2 (alleged in op2), active in BE and FR.
    """
    nodes = [
        node("Agency", "belgian", name="Belgian Federal Police", country="BE"),
        node("Agency", "europol", name="Europol", country="EU", reports=["r1", "r2", "r3"]),
        node("Agency", "french", name="French National Police", country="FR", reports=["r1", "r2"]),
        node("Agency", "dutch", name="Dutch National Police", country="NL", reports=["r3"]),
        node("Operation", "op1", name="Operation Kestrel", start_date="2023-03-01"),
        node("Operation", "op2", name=None, start_date="2024-05", reports=["r2"]),
        node("Operation", "op3", name=None, reports=["r3"]),
        node("Country", "BE", name="Belgium", reports=["r1", "r2"]),
        node("Country", "FR", name="France", reports=["r1", "r2"]),
        node("Country", "NL", name="Netherlands", reports=["r3"]),
        node(
            "CriminalGroup", "g1", name=None, descriptor="a cocaine network", reports=["r1", "r2"]
        ),
        GraphNode("Report", "r1", {"title": "One", "published": "2023-03-05"}),
        GraphNode("Report", "r2", {"title": "Two", "published": "2024-05-20"}),
        GraphNode("Report", "r3", {"title": "Three", "published": "2022"}),
    ]
    edges = [
        edge("DESCRIBES", ("Report", "r1"), OP("op1"), "r1"),
        edge("DESCRIBES", ("Report", "r2"), OP("op2"), "r2"),
        edge("DESCRIBES", ("Report", "r3"), OP("op3"), "r3"),
        edge("PARTICIPATED_IN", A("belgian"), OP("op1"), "r1", role="led"),
        edge("PARTICIPATED_IN", A("europol"), OP("op1"), "r1", role="supported"),
        edge("PARTICIPATED_IN", A("french"), OP("op1"), "r1", role="participated"),
        edge("PARTICIPATED_IN", A("french"), OP("op2"), "r2", role="led"),
        edge("PARTICIPATED_IN", A("europol"), OP("op2"), "r2", role="supported"),
        edge("PARTICIPATED_IN", A("dutch"), OP("op3"), "r3", role="led"),
        edge("PARTICIPATED_IN", A("europol"), OP("op3"), "r3", role="supported"),
        edge("COOPERATED_WITH", A("belgian"), A("europol"), "r1"),
        edge("COOPERATED_WITH", A("french"), A("europol"), "r1"),
        edge("COOPERATED_WITH", A("french"), A("europol"), "r2"),
        edge("BASED_IN", A("belgian"), C("BE"), "r1"),
        edge("BASED_IN", A("french"), C("FR"), "r1"),
        edge("CONDUCTED_IN", OP("op1"), C("BE"), "r1"),
        edge("CONDUCTED_IN", OP("op2"), C("FR"), "r2"),
        edge("CONDUCTED_IN", OP("op3"), C("NL"), "r3"),
        edge("TARGETED", OP("op1"), G("g1"), "r1"),
        edge("TARGETED", OP("op2"), G("g1"), "r2", certainty="alleged"),
        edge("OPERATED_IN", G("g1"), C("BE"), "r1"),
        edge("OPERATED_IN", G("g1"), C("FR"), "r2"),
        edge("ARRESTED_IN", G("g1"), C("BE"), "r1", count=3),
    ]
    return GraphData(nodes=nodes, edges=edges).sorted()
