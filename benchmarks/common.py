"""Helpers shared by the benchmarks: synthetic facts documents, the throwaway Neo4j
server, machine and load-average lines, loading modules of tests/ by path.

The benchmarks run as scripts (``python benchmarks/bench_x.py``), so this folder is on
``sys.path`` and they import this module as ``common``.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import platform
import random
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from graphkit import model
from graphkit.facts import FactsDocument, ReportInfo, entity_key
from graphkit.store.base import GraphStore

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------------------
# Modules of tests/ (not a package), the machine, the Neo4j test server
# --------------------------------------------------------------------------------------


def load_module(name: str, path: Path) -> ModuleType:
    """A helper module of tests/, loaded by path and registered as ``name`` (tests/ is not
    a package, and a package named ``neo4j`` there would shadow the driver)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            kib = int(meminfo.readline().split()[1])
        memory = f", {kib / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{os.cpu_count()} cores{memory}, {platform.machine()}, Python {platform.python_version()}"
    )


@contextmanager
def neo4j_server(uri: str | None) -> Iterator[str]:
    """``uri`` when given, else a fresh throwaway server from tests/neo4j for the block."""
    if uri:
        yield uri
        return
    server_module = load_module(
        "graphkit_test_neo4j_server", ROOT / "tests" / "neo4j" / "server.py"
    )
    with server_module.Neo4jServer() as started:
        yield started


def wipe_neo4j(store: GraphStore) -> None:
    """Delete everything, in batches and relationships first: one transaction deleting
    10,000 documents' worth (or a batch of nodes holding a Country and its 100,000
    relationships) would outgrow the server's transaction memory limit."""
    store.run("MATCH ()-[e]->() CALL { WITH e DELETE e } IN TRANSACTIONS OF 10000 ROWS", write=True)
    store.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS", write=True)


# --------------------------------------------------------------------------------------
# Synthetic documents
# --------------------------------------------------------------------------------------

COUNTRIES = {
    "BE": "Belgium", "FR": "France", "NL": "Netherlands", "DE": "Germany", "IT": "Italy",
    "ES": "Spain", "PT": "Portugal", "AT": "Austria", "PL": "Poland", "CZ": "Czechia",
    "SK": "Slovakia", "HU": "Hungary", "RO": "Romania", "BG": "Bulgaria", "GR": "Greece",
    "AL": "Albania", "RS": "Serbia", "HR": "Croatia", "SI": "Slovenia", "IE": "Ireland",
    "GB": "United Kingdom", "SE": "Sweden", "FI": "Finland", "DK": "Denmark", "NO": "Norway",
    "LT": "Lithuania", "LV": "Latvia", "EE": "Estonia", "LU": "Luxembourg", "CH": "Switzerland",
}  # fmt: skip
ISO = sorted(COUNTRIES)
KINDS = ("police", "judicial", "customs", "border", "tax")
CANONICAL_GROUPS = (
    "'Ndrangheta", "Camorra", "Cosa Nostra", "Hells Angels", "Kavač clan",
    "Škaljari clan", "Mocro Maffia", "Bandidos", "Sacra Corona Unita", "Black Axe",
)  # fmt: skip
ITEMS = (("cocaine", "kg"), ("cannabis", "kg"), ("cash", "EUR"), ("firearms", None),
         ("vehicles", None), ("heroin", "kg"), ("synthetic drugs", "pills"))  # fmt: skip
CRIMES = model.CRIMES[:-1]


def agency_pool() -> list[tuple[str, dict[str, Any]]]:
    pool = [
        (entity_key("agency", "eu", "europol"),
         {"name": "Europol", "country": "EU", "kind": "eu_agency"}),
        (entity_key("agency", "eu", "eurojust"),
         {"name": "Eurojust", "country": "EU", "kind": "eu_agency"}),
    ]  # fmt: skip
    for iso in ISO:
        for kind in ("police", "judicial") if iso in ISO[:10] else ("police",):
            pool.append(
                (
                    entity_key("agency", iso, f"national-{kind}"),
                    {"name": f"{COUNTRIES[iso]} national {kind}", "country": iso, "kind": kind},
                )
            )
    return pool


AGENCIES = agency_pool()


class SyntheticReport:
    """Builds one report: each fact gets its own sentence, which becomes its evidence."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.sentences: list[str] = []
        self.nodes: dict[tuple[str, str], dict[str, Any]] = {}
        self.rels: list[tuple[str, tuple[str, str], tuple[str, str], int, dict[str, Any]]] = []

    def say(self, sentence: str) -> int:
        self.sentences.append(sentence)
        return len(self.sentences) - 1

    def node(self, label: str, key: str, **props: Any) -> tuple[str, str]:
        self.nodes[(label, key)] = props
        return (label, key)

    def rel(
        self, rel_type: str, src: tuple[str, str], dst: tuple[str, str], said: int, **props: Any
    ) -> None:
        self.rels.append((rel_type, src, dst, said, props))

    def document(self) -> FactsDocument:
        text = "\n".join(self.sentences)
        report = ReportInfo.from_text(
            text, f"synthetic/report-{self.index:06d}.txt", title=self.sentences[0]
        )
        offsets, position = [], 0
        for sentence in self.sentences:
            offsets.append(position)
            position += len(sentence) + 1
        rels = []
        for rel_type, src, dst, said, props in self.rels:
            start = offsets[said]
            rels.append(
                {
                    "type": rel_type,
                    "from": {"label": src[0], "key": src[1]},
                    "to": {"label": dst[0], "key": dst[1]},
                    "evidence": self.sentences[said],
                    "evidence_start": start,
                    "evidence_end": start + len(self.sentences[said]),
                    "properties": props,
                }
            )
        nodes = [{"label": lb, "key": k, "properties": p} for (lb, k), p in self.nodes.items()]
        return FactsDocument.model_validate(
            {"report": report.model_dump(), "nodes": nodes, "relationships": rels}
        )


def synthetic_document(index: int, rng: random.Random) -> FactsDocument:
    """About 30 relationships: 1 operation, 4 agencies, 2 groups, 3 countries, 3 seizures."""
    r = SyntheticReport(index)
    scope = f"synthetic-{index:06d}"
    crimes = sorted(rng.sample(CRIMES, 2))
    r.say(f"Report {index}: an international operation against organised crime.")
    op = r.node(
        "Operation",
        entity_key("operation", scope, "main"),
        name=f"Operation {rng.choice(['Aurora', 'Trident', 'Nightfall', 'Harbour'])} {index}",
        start_date=f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}",
        arrests=rng.randint(1, 60),
        searches=rng.randint(1, 40),
        crimes=crimes,
    )
    countries = rng.sample(ISO, 3)
    country_nodes = [r.node("Country", iso, name=COUNTRIES[iso]) for iso in countries]
    agencies = rng.sample(AGENCIES, 4)
    agency_nodes = [r.node("Agency", key, **props) for key, props in agencies]
    groups = [
        r.node(
            "CriminalGroup",
            entity_key("criminalgroup", scope, "network"),
            descriptor=f"a {COUNTRIES[countries[0]]}-based network",
            crimes=crimes,
        )
    ]
    if rng.random() < 0.5:
        name = rng.choice(CANONICAL_GROUPS)
        groups.append(r.node("CriminalGroup", entity_key("criminalgroup", name), name=name))
    else:
        groups.append(
            r.node(
                "CriminalGroup",
                entity_key("criminalgroup", scope, "cell"),
                descriptor="a local cell",
                crimes=crimes[:1],
            )
        )

    said = r.say(f"The operation (report {index}) was described by the authorities.")
    r.rel("DESCRIBES", ("Report", "?"), op, said)  # the report key is filled in below
    for n, agency in enumerate(agency_nodes):
        name = agencies[n][1]["name"]
        said = r.say(f"{name} {'led' if n == 0 else 'supported'} the operation in report {index}.")
        r.rel("PARTICIPATED_IN", agency, op, said, role="led" if n == 0 else "supported")
        iso = agencies[n][1]["country"]
        if iso in COUNTRIES:
            r.node("Country", iso, name=COUNTRIES[iso])
            r.rel("BASED_IN", agency, ("Country", iso), said)
    said = r.say(f"The agencies of report {index} cooperated closely.")
    for i in range(len(agency_nodes)):
        for j in range(i + 1, len(agency_nodes)):
            r.rel("COOPERATED_WITH", agency_nodes[i], agency_nodes[j], said)
    for group in groups:
        said = r.say(f"The operation targeted {group[1]}, active in {', '.join(countries[:2])}.")
        r.rel("TARGETED", op, group, said)
        for country in country_nodes[:2]:
            r.rel("OPERATED_IN", group, country, said)
    for n, country in enumerate(country_nodes):
        count = rng.randint(1, 20)
        said = r.say(f"{count} suspects were arrested in {COUNTRIES[country[1]]}.")
        r.rel("CONDUCTED_IN", op, country, said)
        if n < 2:
            r.rel("ARRESTED_IN", groups[n % len(groups)], country, said, count=count)
    for n, (item, unit) in enumerate(rng.sample(ITEMS, 3)):
        quantity = round(rng.uniform(1, 5000), 1)
        seizure = r.node(
            "Seizure", entity_key("seizure", scope, str(n)), item=item, quantity=quantity, unit=unit
        )
        said = r.say(f"Officers seized {quantity} {unit or ''} of {item}.")
        r.rel("SEIZED", op, seizure, said)
    person = r.node(
        "Person", entity_key("person", scope, "leader"), name=f"Suspect {index}", age=30
    )
    said = r.say(f"Suspect {index}, believed to lead the network, was arrested.")
    r.rel("MEMBER_OF", person, groups[0], said)
    r.rel("ARRESTED_IN", person, country_nodes[0], said)

    # DESCRIBES starts at the report itself, whose key depends on the finished text.
    text = "\n".join(r.sentences)
    key = ReportInfo.from_text(text, "").key
    r.rels = [
        (t, ("Report", key) if src == ("Report", "?") else src, dst, s, p)
        for t, src, dst, s, p in r.rels
    ]
    return r.document()


def synthetic_documents(count: int, seed: int = 2024) -> list[FactsDocument]:
    rng = random.Random(seed)
    return [synthetic_document(i, rng) for i in range(count)]


def store_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of a benchmark that runs on both stores."""
    parser.add_argument("--stores", default="embedded,neo4j")
    parser.add_argument("--neo4j-uri", help="a Neo4j to use (wiped!), else a throwaway one")
    parser.add_argument("--json", type=Path, help="also write the results here")


def input_documents(count: int) -> list[FactsDocument]:
    """:func:`synthetic_documents`, then out of the cycle collector's reach: they are the
    benchmark's input (2 GB at 20,000), not the stores' work, and a full collection walking
    them landed in some timed step (+3 s measured)."""
    docs = synthetic_documents(count)
    gc.freeze()
    return docs
