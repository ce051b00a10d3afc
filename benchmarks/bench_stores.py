"""Write throughput of the graph stores: the store layer against hand-written Cypher.

For N synthetic facts documents (about 30 relationships each; countries, agencies and
some well-known groups shared across documents, operations, local groups, seizures and
people scoped to their report) this writes every document through
:meth:`GraphStore.write` into a fresh store, and then the same data with plain
``UNWIND $rows ... MERGE`` statements written by hand, one transaction per document in
both cases; then both again in batches of 200 documents per transaction
(:meth:`GraphStore.write_many`, and the hand-written statements over a whole batch's
rows). It prints relationships per second for each. Both the embedded store and Neo4j
(the throwaway server in ``tests/neo4j``, or ``--neo4j-uri``) are measured.

    python benchmarks/bench_stores.py                 # N = 1,000 and 10,000 (make bench)
    python benchmarks/bench_stores.py --sizes 1000    # a quick run

Targets: the store layer within 1.5x of the baseline; the embedded store at least as
fast as Neo4j.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphkit import model
from graphkit.facts import FactsDocument, ReportInfo, entity_key
from graphkit.store.base import GraphStore, WriteBatch
from graphkit.store.ladybug import LadybugStore
from graphkit.store.neo4j import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]

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


# --------------------------------------------------------------------------------------
# The baseline: what one would write by hand with the driver, no store layer
# --------------------------------------------------------------------------------------


def baseline_statements(docs: list[FactsDocument], typed: bool) -> list[tuple[str, dict[str, Any]]]:
    """Plain ``UNWIND $rows ... MERGE`` per label and relationship pattern, over the rows
    of ``docs`` (one document, or a batch: one row per node, as one would group them).

    The same nodes, properties and relationships as the store writes, minus its
    bookkeeping (the ``reports`` support lists, list unions, replacing an earlier
    version). ``typed``: LadybugDB needs a type for all-null parameter columns.
    """
    batch = WriteBatch.from_documents(docs)

    def value(name: str, prop: model.Property) -> str:
        return f"CAST(r.{name} AS {prop.type.value})" if typed else f"r.{name}"

    def sets(var: str, props: list[model.Property]) -> str:
        return ", ".join(f"{var}.{p.name} = {value(p.name, p)}" for p in props)

    report_props = [p for p in model.node_type("Report").properties if p.name != "key"]
    statements = [
        (
            f"UNWIND $rows AS r MERGE (n:Report {{key: r.key}}) SET {sets('n', report_props)}",
            {"rows": batch.reports},
        )
    ]
    for label, rows in batch.nodes.items():
        spec = model.node_type(label)
        props = [p for p in spec.properties if p.name != spec.key]
        statements.append(
            (
                f"UNWIND $rows AS r MERGE (n:{label} {{{spec.key}: r.{spec.key}}}) "
                f"SET {sets('n', props)}",
                {"rows": rows},
            )
        )
    for (rel_type, src, dst), rows in batch.relationships.items():
        props = [p for p in model.relationship_properties(rel_type) if p.name != "report"]
        src_key, dst_key = model.node_type(src).key, model.node_type(dst).key
        statements.append(
            (
                f"UNWIND $rows AS r MATCH (a:{src} {{{src_key}: r.src}}) "
                f"MATCH (b:{dst} {{{dst_key}: r.dst}}) "
                f"MERGE (a)-[e:{rel_type} {{report: r.report}}]->(b) SET {sets('e', props)}",
                {"rows": rows},
            )
        )
    return statements


BATCH = 200  # documents per transaction for the batched writers


def batches(docs: list[FactsDocument], size: int) -> Iterator[list[FactsDocument]]:
    for start in range(0, len(docs), size):
        yield docs[start : start + size]


def write_baseline(store: GraphStore, docs: list[FactsDocument], size: int = 1) -> None:
    typed = isinstance(store, LadybugStore)
    for chunk in batches(docs, size):
        statements = baseline_statements(chunk, typed)

        def work(run: Callable[[str, dict[str, Any]], Any], statements=statements) -> None:
            for statement, params in statements:
                run(statement, params)

        store.transaction(work)


def write_layer(store: GraphStore, docs: list[FactsDocument]) -> None:
    for doc in docs:
        store.write(doc)


def write_baseline_batched(store: GraphStore, docs: list[FactsDocument]) -> None:
    write_baseline(store, docs, BATCH)


def write_layer_batched(store: GraphStore, docs: list[FactsDocument]) -> None:
    for chunk in batches(docs, BATCH):
        store.write_many(chunk)


WRITERS = {
    "baseline": write_baseline,
    "layer": write_layer,
    "baseline-batched": write_baseline_batched,
    "layer-batched": write_layer_batched,
}

# --------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------


@dataclass
class Result:
    size: int
    store: str
    rates: dict[str, float]  # relationships per second, by writer (NaN: not measured)

    @property
    def layer(self) -> float:
        return self.rates.get("layer", float("nan"))

    @property
    def baseline(self) -> float:
        return self.rates.get("baseline", float("nan"))

    @property
    def ratio(self) -> float:
        """How many times slower the store layer is than the baseline (1.0 = as fast)."""
        return self.baseline / self.layer

    @property
    def batched_ratio(self) -> float:
        """The same, both writing batches of :data:`BATCH` documents per transaction."""
        nan = float("nan")
        return self.rates.get("baseline-batched", nan) / self.rates.get("layer-batched", nan)

    @property
    def best(self) -> float:
        """The store layer's best throughput (per document or batched)."""
        rates = [self.rates.get(w, float("nan")) for w in ("layer", "layer-batched")]
        rates = [r for r in rates if r == r]
        return max(rates) if rates else float("nan")


def timed(function: Callable[[], None]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


@contextmanager
def neo4j_server(uri: str | None) -> Iterator[str]:
    if uri:
        yield uri
        return
    spec = importlib.util.spec_from_file_location(
        "graphkit_test_neo4j_server", ROOT / "tests" / "neo4j" / "server.py"
    )
    assert spec is not None and spec.loader is not None
    server_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server_module)
    with server_module.Neo4jServer() as started:
        yield started


def open_embedded(path: Path) -> Callable[[], GraphStore]:
    def fresh() -> GraphStore:
        shutil.rmtree(path, ignore_errors=True)
        return LadybugStore(path)

    return fresh


def open_neo4j(uri: str) -> Callable[[], GraphStore]:
    def fresh() -> GraphStore:
        store = Neo4jStore(uri)
        # In batches, relationships first: one transaction deleting 10,000 documents' worth
        # (or a batch of nodes holding a Country and its 100,000 relationships) would
        # outgrow the server's transaction memory limit.
        store.run(
            "MATCH ()-[e]->() CALL { WITH e DELETE e } IN TRANSACTIONS OF 10000 ROWS", write=True
        )
        store.run(
            "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS", write=True
        )
        return store

    return fresh


def measure(
    name: str,
    fresh: Callable[[], GraphStore],
    docs: list[FactsDocument],
    warmup: int,
    writers: tuple[str, ...] = tuple(WRITERS),
) -> Result:
    """Best of the runs of each writer, each on a fresh store, after a warm-up of both.

    Neo4j's JIT and query caches take a few hundred documents to warm up; measuring one
    writer cold and the other warm would be measuring the JVM, not the code.
    """
    rels = sum(len(d.relationships) for d in docs)
    warm = synthetic_documents(warmup, seed=7)
    chosen = [(w, WRITERS[w]) for w in WRITERS if w in writers]
    for _, writer in chosen:
        with fresh() as store:
            writer(store, warm)
    timings: dict[str, float] = {}
    for label, writer in chosen:
        with fresh() as store:
            timings[label] = timed(lambda store=store, writer=writer: writer(store, docs))
            counted = sum(store.counts()["relationships"].values())
            assert counted == rels, (
                f"{name} {label}: {counted} relationships stored, {rels} written"
            )
        print(
            f"  {name:9} {label:16} {len(docs):>6} docs  {timings[label]:8.1f} s  "
            f"{rels / timings[label]:10,.0f} rel/s   (load {load()})",
            file=sys.stderr,
            flush=True,
        )
    return Result(len(docs), name, {label: rels / t for label, t in timings.items()})


def load() -> str:
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


def table(results: list[Result]) -> str:
    nan = float("nan")
    lines = [
        f"{'N':>7}  {'store':9}  {'layer':>9}  {'baseline':>9}  {'ratio':>6}  "
        f"{'layer-batched':>13}  {'baseline-batched':>16}  {'ratio':>6}",
    ]
    for r in results:
        lines.append(
            f"{r.size:>7,}  {r.store:9}  {r.layer:>9,.0f}  {r.baseline:>9,.0f}  "
            f"{r.ratio:>5.2f}x  {r.rates.get('layer-batched', nan):>13,.0f}  "
            f"{r.rates.get('baseline-batched', nan):>16,.0f}  {r.batched_ratio:>5.2f}x"
        )
    return "\n".join(lines)


def verdict(results: list[Result]) -> list[str]:
    notes = []
    by_size: dict[int, dict[str, Result]] = defaultdict(dict)
    for r in results:
        by_size[r.size][r.store] = r
    for size, stores in sorted(by_size.items()):
        for name in ("embedded", "neo4j"):
            r = stores.get(name)
            if r is None:
                continue
            for what, ratio in (("per document", r.ratio), ("batched", r.batched_ratio)):
                if ratio == ratio:  # not NaN: both writers measured
                    ok = ratio <= 1.5
                    notes.append(
                        f"N={size:,}: {name} store layer ({what}) {ratio:.2f}x the baseline's "
                        f"time (target <= 1.5x): {'met' if ok else 'MISSED'}"
                    )
        neo, emb = stores.get("neo4j"), stores.get("embedded")
        if neo is not None and emb is not None and emb.best == emb.best and neo.best == neo.best:
            ok = emb.best >= neo.best
            notes.append(
                f"N={size:,}: embedded {emb.best / neo.best:.2f}x Neo4j's throughput, best "
                f"store-layer writer of each (target >= 1x): {'met' if ok else 'MISSED'}"
            )
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,10000", help="comma-separated document counts (1000,10000)"
    )
    parser.add_argument(
        "--stores", default="embedded,neo4j", help="which stores to measure (embedded,neo4j)"
    )
    parser.add_argument("--neo4j-uri", help="use this Neo4j instead of starting one (it is WIPED)")
    parser.add_argument(
        "--warmup", type=int, default=300, help="warm-up documents per store and writer (300)"
    )
    parser.add_argument(
        "--writers",
        default=",".join(WRITERS),
        help=f"what to measure ({','.join(WRITERS)})",
    )
    args = parser.parse_args(argv)
    writers = tuple(w.strip() for w in args.writers.split(",") if w.strip() in WRITERS)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]

    print(f"machine: {machine()}", file=sys.stderr)
    results: list[Result] = []
    docs_by_size = {}
    for size in sizes:
        start = time.perf_counter()
        docs_by_size[size] = synthetic_documents(size)
        rels = sum(len(d.relationships) for d in docs_by_size[size])
        print(
            f"generated {size:,} documents, {rels:,} relationships "
            f"({rels / size:.1f} per document) in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmp:
        if "embedded" in stores:
            for size in sizes:
                fresh = open_embedded(Path(tmp) / "db")
                results.append(measure("embedded", fresh, docs_by_size[size], args.warmup, writers))
        if "neo4j" in stores:
            with neo4j_server(args.neo4j_uri) as uri:
                for size in sizes:
                    results.append(
                        measure("neo4j", open_neo4j(uri), docs_by_size[size], args.warmup, writers)
                    )
    print()
    print(f"graphkit store write throughput -- {machine()}, load average now {load()}")
    print(
        f"rel/s; layer, baseline: one transaction per document; *-batched: {BATCH} documents "
        "per transaction; ratio = baseline rel/s / layer rel/s (lower is better)"
    )
    print(table(results))
    for note in verdict(results):
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
