"""Synthetic graphs of a chosen size for the view tests and ``benchmarks/bench_view.py``.

Shaped like the real thing: each report describes one operation, led and supported by a
few agencies (from a shared pool), conducted in a few countries, targeting a group (new
or already known), seizing things and sometimes naming a person. Deterministic per seed.
"""

from __future__ import annotations

import random
from itertools import combinations

from graphkit.store.base import GraphData, GraphEdge, GraphNode

ISO = [
    "AL", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR",
    "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "SE",
    "SI", "SK", "TR", "UA", "MA", "CO", "EC", "BR", "US", "CN",
]  # fmt: skip
ITEMS = ["cocaine", "cannabis", "cash", "firearms", "vehicles", "phones", "cigarettes", "gold"]


def synthetic_graph(n_nodes: int, seed: int = 7, alleged_share: float = 0.15) -> GraphData:
    """A graph of about ``n_nodes`` nodes (never fewer) and ~2.5 relationships per node."""
    rng = random.Random(seed)
    nodes: dict[tuple[str, str], GraphNode] = {}
    edges: list[GraphEdge] = []
    seen_edges: set[tuple[str, tuple[str, str], tuple[str, str], str]] = set()

    def node(label: str, key: str, report: str, **props: object) -> tuple[str, str]:
        nid = (label, key)
        if nid not in nodes:
            if label != "Report":
                props["reports"] = []
            nodes[nid] = GraphNode(label, key, dict(props))
        if label != "Report" and report not in nodes[nid].properties["reports"]:
            nodes[nid].properties["reports"].append(report)
        return nid

    def edge(rel: str, src: tuple[str, str], dst: tuple[str, str], report: str, **props: object):
        ident = (rel, src, dst, report)
        if ident in seen_edges or src == dst:
            return
        seen_edges.add(ident)
        sentence = f"{src[1]} {rel.lower().replace('_', ' ')} {dst[1]} according to {report}."
        certainty = "alleged" if rng.random() < alleged_share else "reported"
        edges.append(
            GraphEdge(
                rel,
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
        )

    n_agencies = max(6, n_nodes // 6)
    groups: list[tuple[str, str]] = []
    i = 0
    while len(nodes) < n_nodes:
        i += 1
        year = 2015 + i % 10
        rkey = f"report:{i:06d}"
        report = node(
            "Report",
            rkey,
            rkey,
            title=f"Synthetic press release {i}",
            published=f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            source=f"synthetic/{i}.txt",
        )
        op = node(
            "Operation",
            f"operation:{i}",
            rkey,
            name=f"Operation {i}" if rng.random() < 0.5 else None,
            start_date=f"{year}-{1 + i % 12:02d}-01",
            arrests=rng.randint(1, 80),
            crimes=["drug_trafficking"],
        )
        edge("DESCRIBES", report, op, rkey)
        countries = [
            node("Country", c, rkey, name=f"Country {c}")
            for c in rng.sample(ISO, rng.randint(1, 3))
        ]
        agencies = []
        for j, a in enumerate(rng.sample(range(n_agencies), 3)):
            country = ISO[a % len(ISO)]
            agency = node(
                "Agency",
                f"agency:{a}",
                rkey,
                name=f"Agency {a} of {country}",
                country=country,
                kind="police",
            )
            agencies.append(agency)
            edge("PARTICIPATED_IN", agency, op, rkey, role=("led", "supported", "participated")[j])
            edge(
                "BASED_IN", agency, node("Country", country, rkey, name=f"Country {country}"), rkey
            )
        for a, b in combinations(agencies, 2):
            edge("COOPERATED_WITH", a, b, rkey)
        for c in countries:
            edge("CONDUCTED_IN", op, c, rkey)
        if groups and rng.random() < 0.4:
            group = rng.choice(groups)
            node(*group, rkey)
        else:
            group = node(
                "CriminalGroup", f"group:{i}", rkey, descriptor=f"network number {i}", crimes=[]
            )
            groups.append(group)
        edge("TARGETED", op, group, rkey)
        for c in countries:
            edge("OPERATED_IN", group, c, rkey)
        edge("ARRESTED_IN", group, countries[0], rkey, count=rng.randint(1, 30))
        for k in range(2):
            item = rng.choice(ITEMS)
            seizure = node(
                "Seizure",
                f"seizure:{i}:{k}",
                rkey,
                item=item,
                quantity=float(rng.randint(1, 900)),
                unit="kg",
            )
            edge("SEIZED", op, seizure, rkey)
        if rng.random() < 0.5:
            person = node("Person", f"person:{i}", rkey, name=f"Person {i}", nationality="AL")
            edge("MEMBER_OF", person, group, rkey)
            edge("ARRESTED_IN", person, countries[0], rkey)
    return GraphData(nodes=list(nodes.values()), edges=edges).sorted()
