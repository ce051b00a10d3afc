"""Soak: 10,000 reports loaded with ``graphkit load``, then 1,000 library queries, per store.

What users run, end to end, at the size of a real collection. For each store (the
embedded LadybugDB in a temporary folder; Neo4j: a fresh throwaway server from
``tests/neo4j``, or ``--neo4j-uri``, which is WIPED):

1. N distinct synthetic facts documents (``common.synthetic_documents``: about 30
   relationships each, countries, agencies and well-known groups shared across reports;
   the "believed to lead" MEMBER_OF facts marked alleged) are written as .json files and
   loaded by the real ``graphkit load`` CLI in a subprocess: wall time, reports/s,
   relationships/s and the loader's peak RSS (``os.wait4``: that child alone);
2. the graph is checked: node counts per label and relationship counts per type equal
   ``tests/factories.expected_counts`` of the documents, and no label or relationship
   pattern holds two copies of one key (or one report's relationship);
3. Q library queries (every query in ``cypher/queries``, round-robin, with parameters
   taken from the loaded documents so each should return rows) run in one fresh process
   through the store interface (``graphkit.queries.prepare`` + ``GraphStore.run``):
   queries/s, p50/p95/max latency per query, rows, errors, that process's peak RSS;
4. a sample of them (``--cli-queries``) runs as ``graphkit query`` subprocesses, one each,
   to show the cost of an invocation (interpreter start, imports, opening the store);
5. the same files are loaded again: the time of that re-load, and the counts must not move.

For Neo4j the server's peak RSS (``VmHWM`` of its Java process) is read after each step.
Results go to stdout (a compact table) and to ``.graphkit/bench/soak.json``.

    python benchmarks/bench_soak.py                              # make bench: 10k / 1k / 50
    python benchmarks/bench_soak.py --reports 1000 --queries 200 --stores embedded

Exit status 1 when the graph check fails (counts, duplicates, re-load); with ``--check``
also when a query failed or returned no rows.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import (
    ROOT,
    load_average,
    load_module,
    machine,
    neo4j_server,
    synthetic_documents,
    wipe_neo4j,
)

from graphkit import model
from graphkit import queries as query_library
from graphkit.facts import FactsDocument
from graphkit.store import open_store
from graphkit.store.base import GraphStore, relationship_patterns

DEFAULT_REPORTS, DEFAULT_QUERIES, DEFAULT_CLI_QUERIES = 10_000, 1_000, 50
RESULTS = ROOT / ".graphkit" / "bench" / "soak.json"
GRAPHKIT = Path(sys.executable).parent / "graphkit"
GIVE_UP = 3
"""After this many failures in a row of one query, its remaining runs are skipped (and
counted): a query that always fails would otherwise make the soak about its error path."""
POLL_S = 0.05  # how often a child's peak RSS is read (the last instants may be missed)
NEO4J_MAIN = "graphkit.Neo4jLauncher"  # tests/neo4j/server.py's MAIN: finds the server's pid
# The CLI subprocesses get the store from --db / --neo4j only; a developer's own settings
# must not redirect them (credentials are kept only for a --neo4j-uri server).
STORE_VARIABLES = ("GRAPHKIT_DB", "NEO4J_URI", "NEO4J_DATABASE")
CREDENTIALS = ("NEO4J_USERNAME", "NEO4J_PASSWORD")


# --------------------------------------------------------------------------------------
# Documents, expected counts, query parameters
# --------------------------------------------------------------------------------------


def soak_documents(count: int, seed: int = 2024) -> list[FactsDocument]:
    """bench_stores' synthetic documents; the "believed to lead" facts alleged, as an
    extractor marks them, so ``alleged_facts`` has something to find."""
    docs = synthetic_documents(count, seed)
    for doc in docs:
        for rel in doc.relationships:
            if rel.type == "MEMBER_OF":
                rel.certainty = "alleged"
    return docs


def write_files(docs: list[FactsDocument], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(docs):
        (folder / f"r{i:05d}.json").write_text(json.dumps(doc.to_dict()), encoding="utf-8")


def expected_counts(docs: list[FactsDocument]) -> dict[str, dict[str, int]]:
    """The test suite's reference model (tests/factories.py), not the store's own code."""
    factories = load_module("factories", ROOT / "tests" / "factories.py")
    return factories.expected_counts(docs)


def parameter_choices(docs: list[FactsDocument]) -> dict[str, list[dict[str, Any]]]:
    """Parameters for each library query, taken from the documents so that each choice
    should return rows; queries cycle through their choices."""
    agencies: Counter[str] = Counter()
    names: dict[str, str] = {}
    countries: dict[str, str] = {}
    active: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    items: set[str] = set()
    years: set[str] = set()
    pairs: list[tuple[str, str]] = []
    local: list[dict[str, Any]] = []
    for doc in docs:
        nodes = {(n.label, n.key): n.properties for n in doc.nodes}
        for (label, key), props in nodes.items():
            if label == "Agency":
                agencies[key] += 1
                names[key] = props["name"]
            elif label == "Country":
                countries[key] = props["name"]
            elif label == "CriminalGroup" and props.get("name"):
                groups[props["name"]] += 1
            elif label == "Seizure":
                items.add(props["item"])
            elif label == "Operation" and props.get("start_date"):
                years.add(props["start_date"][:4])
        leader = agency = None
        for rel in doc.relationships:
            if rel.type == "OPERATED_IN":
                active[rel.dst.key] += 1
            elif rel.type == "COOPERATED_WITH" and len(pairs) < 40:
                pairs.append((rel.src.key, rel.dst.key))
            elif rel.type == "MEMBER_OF":
                leader = nodes[(rel.src.label, rel.src.key)]["name"]
            elif rel.type == "PARTICIPATED_IN" and rel.properties.get("role") == "led":
                agency = names[rel.src.key]
        if leader and agency and len(local) < 20:
            local.append({"source": leader, "target": agency})
    top = [key for key, _ in agencies.most_common()]
    entities = [names[k] for k in top] + sorted(countries) + sorted(groups)
    reports = [doc.report.key for doc in docs[:: max(1, len(docs) // 20)]]
    ordered_years = sorted(years)
    return {
        "agency_operations": [{"agency": names[k] if i % 2 else k} for i, k in enumerate(top)],
        "alleged_facts": [{"type": None}, {"type": "MEMBER_OF"}],
        "alleged_vs_reported": [{"report": None}] + [{"report": k} for k in reports],
        "arrests_by_country_year": [{}],
        # A person to the agency that led the operation against their group (3 hops, few
        # paths), and now and then the header's example: two hubs, many parallel paths.
        "connections": [{"source": "Europol", "target": "Italy"}, *local],
        "cooperating_agencies": [{"limit": n} for n in (5, 20, 50)],
        "group_profile": [{"name": g} for g in sorted(groups)],
        "groups_by_country": [{"country": None}] + [{"country": c} for c in sorted(active)],
        "operations_timeline": [
            {"since": y, "until": ordered_years[min(i + 1, len(ordered_years) - 1)]}
            if i % 2
            else {"since": y, "until": None}
            for i, y in enumerate(ordered_years)
        ],
        "relationship_evidence": [
            {"source": a, "target": names[b], "type": "COOPERATED_WITH" if i % 2 else None}
            for i, (a, b) in enumerate(pairs)
        ],
        "reports_mentioning": [{"entity": e} for e in entities],
        "seizures_by_item_country": [{"item": None}] + [{"item": i} for i in sorted(items)],
    }


def query_plan(
    docs: list[FactsDocument], count: int, only: Collection[str] | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """``count`` (name, parameters): every library query (or those in ``only``) in turn,
    each cycling through its choices; a query this file does not know runs with its
    header's examples."""
    library = query_library.library()
    choices = parameter_choices(docs)
    names = sorted(n for n in library if only is None or n in only)
    if not names:
        raise SystemExit(f"no library query among {sorted(only or ())}; see: graphkit queries")
    plan = []
    for i in range(count):
        name = names[i % len(names)]
        options = choices.get(name) or [library[name].examples()]
        plan.append((name, options[(i // len(names)) % len(options)]))
    return plan


# --------------------------------------------------------------------------------------
# Processes: wall time and each child's own peak RSS; the Neo4j server's
# --------------------------------------------------------------------------------------


@dataclass
class Run:
    wall_s: float
    returncode: int
    stdout: str
    stderr: str
    peak_rss_kib: int


def run(command: list[str], env: dict[str, str]) -> Run:
    """Run ``command``, polling its ``VmHWM`` (peak RSS since its exec) until it exits.

    Not ``ru_maxrss``: Linux carries the parent's peak over fork and exec into the
    child's, so every child of this (large) process would report at least its size."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=ROOT
        )
        peak = 0
        try:
            while True:
                peak = max(peak, peak_rss_kib(process.pid) or 0)
                pid, status = os.waitpid(process.pid, os.WNOHANG)
                if pid:
                    break
                time.sleep(POLL_S)
        except BaseException:
            process.kill()
            process.wait()
            raise
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            wall,
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            peak,
        )


def server_pid(marker: str = NEO4J_MAIN) -> int | None:
    """The pid of our child process whose command line holds ``marker`` (the JVM that
    tests/neo4j/server.py started), or None (an external server, not Linux)."""
    me = os.getpid()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
            if int(stat.rsplit(")", 1)[1].split()[1]) != me:
                continue
            if marker.encode() in (entry / "cmdline").read_bytes():
                return int(entry.name)
        except (OSError, ValueError, IndexError):
            continue
    return None


def peak_rss_kib(pid: int | None) -> int | None:
    """``VmHWM`` of a running process: its peak resident set since it started."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def mib(kib: int | None) -> str:
    return "-" if kib is None else f"{kib / 1024:,.0f} MiB"


def percentile(values: list[float], p: float) -> float:
    """Nearest rank: the smallest value with at least ``p`` of the values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def latency_summary(
    latencies: dict[str, list[float]], rows: dict[str, list[int]], errors: dict[str, list[str]]
) -> dict[str, dict[str, Any]]:
    summary = {}
    for name, times in sorted(latencies.items()):
        counted = rows.get(name, [])
        summary[name] = {
            "n": len(times),
            "p50_ms": percentile(times, 0.5) * 1000,
            "p95_ms": percentile(times, 0.95) * 1000,
            "max_ms": max(times) * 1000,
            "rows_min": min(counted) if counted else None,
            "rows_max": max(counted) if counted else None,
            "zero_rows": sum(1 for n in counted if n == 0),
            "errors": len(errors.get(name, [])),
            "first_error": errors[name][0] if errors.get(name) else None,
            "skipped": 0,
        }
    return summary


# --------------------------------------------------------------------------------------
# The query phase, in its own process: python bench_soak.py --phase queries ...
# --------------------------------------------------------------------------------------


def phase_queries(store: GraphStore, plan: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Every query of ``plan`` through the library and the store interface, as the CLI
    does it minus the process; a failing query is recorded and the soak goes on."""
    latencies: dict[str, list[float]] = defaultdict(list)
    rows: dict[str, list[int]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    skipped: Counter[str] = Counter()
    streak: Counter[str] = Counter()  # failures in a row
    failed_at: dict[str, list[int]] = defaultdict(list)  # positions in the plan
    start = time.perf_counter()
    for position, (name, params) in enumerate(plan):
        if streak[name] >= GIVE_UP:
            skipped[name] += 1
            continue
        t = time.perf_counter()
        try:
            prepared = query_library.prepare(name, store.kind, params)
            assert prepared is not None, name
            result = store.run(*prepared)
            rows[name].append(len(result.records()))
            streak[name] = 0
        except Exception as exc:  # a soak records failures and keeps going
            errors[name].append(f"{type(exc).__name__}: {exc}".splitlines()[0][:300])
            failed_at[name].append(position)
            streak[name] += 1
        latencies[name].append(time.perf_counter() - t)
    total = time.perf_counter() - start
    ran = len(plan) - sum(skipped.values())
    per_query = latency_summary(latencies, rows, errors)
    for name, n in skipped.items():
        per_query[name]["skipped"] = n
    for name, positions in failed_at.items():
        per_query[name]["failed_at"] = positions
    return {
        "queries": ran,
        "skipped": sum(skipped.values()),
        "total_s": total,
        "queries_per_s": ran / total,
        "per_query": per_query,
        "peak_rss_kib": peak_rss_kib(os.getpid()),
    }


# --------------------------------------------------------------------------------------
# The graph check
# --------------------------------------------------------------------------------------


def duplicates(store: GraphStore) -> dict[str, list[int]]:
    """Labels and relationship patterns holding two copies of something: {name: [count,
    distinct]}. Nodes are one per key; relationships one per report and ordered pair."""
    found: dict[str, list[int]] = {}

    def check(name: str, statement: str) -> None:
        total, distinct = store.run(statement).rows[0]
        if total != distinct:
            found[name] = [total, distinct]

    for label in model.NODE_TYPES:
        key = model.node_type(label).key
        check(label, f"MATCH (n:{label}) RETURN count(n), count(DISTINCT n.{key})")
    for rel_type, src, dst in relationship_patterns():
        ks, kd = model.node_type(src).key, model.node_type(dst).key
        check(
            f"{rel_type}({src}->{dst})",
            f"MATCH (a:{src})-[e:{rel_type}]->(b:{dst}) "
            f"RETURN count(e), count(DISTINCT a.{ks} + '|' + b.{kd} + '|' + e.report)",
        )
    return found


def check_graph(open_read: Any, expected: dict[str, dict[str, int]]) -> dict[str, Any]:
    with open_read() as store:
        start = time.perf_counter()
        counts = store.counts()
        dupes = duplicates(store)
        took = time.perf_counter() - start
    wrong = {
        f"{kind}.{name}": [counts[kind].get(name), want]
        for kind, names in expected.items()
        for name, want in names.items()
        if counts[kind].get(name) != want
    }
    return {
        "ok": not wrong and not dupes,
        "nodes": sum(counts["nodes"].values()),
        "relationships": sum(counts["relationships"].values()),
        "counts": counts,
        "wrong_counts": wrong,  # name: [stored, expected]
        "duplicates": dupes,
        "check_s": took,
    }


# --------------------------------------------------------------------------------------
# One store
# --------------------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    cli: list[str]  # the options that choose the store: --db PATH or --neo4j URI
    env: dict[str, str]
    server_pid: int | None = None

    def open(self, read_only: bool = True) -> GraphStore:
        if self.cli[0] == "--db":
            return open_store(self.cli[1], read_only=read_only)
        return open_store(None, self.cli[1])


def child_env(keep_credentials: bool) -> dict[str, str]:
    drop = STORE_VARIABLES + (() if keep_credentials else CREDENTIALS)
    return {k: v for k, v in os.environ.items() if k not in drop}


def cli_load(target: Target, folder: Path, docs: int, rels: int) -> dict[str, Any]:
    done = run([str(GRAPHKIT), *target.cli, "load", str(folder)], target.env)
    if done.returncode != 0:
        raise SystemExit(f"{target.name}: graphkit load failed:\n{done.stderr[-3000:]}")
    return {
        "wall_s": done.wall_s,
        "reports_per_s": docs / done.wall_s,
        "relationships_per_s": rels / done.wall_s,
        "loader_peak_rss_kib": done.peak_rss_kib,
        "summary": done.stdout.strip().splitlines()[-2:],
    }


def cli_queries(target: Target, plan: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """One ``graphkit query NAME --param ... -f json`` per item; values JSON-encoded, so a
    year stays the string "2020" rather than the number the CLI would read."""
    latencies: dict[str, list[float]] = defaultdict(list)
    rows: dict[str, list[int]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    peak = 0
    for name, params in plan:
        command = [str(GRAPHKIT), *target.cli, "query", name, "-f", "json"]
        for key, value in params.items():
            command += ["--param", f"{key}={json.dumps(value)}"]
        done = run(command, target.env)
        peak = max(peak, done.peak_rss_kib)
        latencies[name].append(done.wall_s)
        if done.returncode == 0:
            rows[name].append(len(json.loads(done.stdout)))
        else:
            errors[name].append(done.stderr.strip().splitlines()[-1][:300])
    walls = [t for times in latencies.values() for t in times]
    return {
        "queries": len(plan),
        "mean_s": sum(walls) / len(walls),
        "p50_s": percentile(walls, 0.5),
        "p95_s": percentile(walls, 0.95),
        "max_s": max(walls),
        "peak_rss_kib": peak,
        "per_query": latency_summary(latencies, rows, errors),
    }


def soak_store(
    target: Target,
    folder: Path,
    docs: list[FactsDocument],
    expected: dict[str, dict[str, int]],
    plan: list[tuple[str, dict[str, Any]]],
    cli_count: int,
) -> dict[str, Any]:
    rels = sum(len(d.relationships) for d in docs)
    out: dict[str, Any] = {"store": target.name, "load_average_start": load_average()}

    def note(step: str, detail: str) -> None:
        out.setdefault("server_peak_rss_kib", {})[step] = peak_rss_kib(target.server_pid)
        print(
            f"  {target.name} {step}: {detail} (load average {load_average()})",
            file=sys.stderr,
            flush=True,
        )

    out["load"] = cli_load(target, folder, len(docs), rels)
    note("load", f"{out['load']['wall_s']:.1f} s, {out['load']['reports_per_s']:.0f} reports/s")
    out["after_load"] = check_graph(target.open, expected)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(plan, fh)
    try:
        command = [sys.executable, __file__, "--phase", "queries", "--plan", fh.name]
        done = run([*command, *target.cli], target.env)
    finally:
        os.unlink(fh.name)
    if done.returncode != 0:
        raise SystemExit(f"{target.name}: the query phase failed:\n{done.stderr[-3000:]}")
    out["queries"] = json.loads(done.stdout.strip().splitlines()[-1])
    out["queries"]["process_peak_rss_kib"] = done.peak_rss_kib
    note("queries", f"{out['queries']['queries_per_s']:.1f} queries/s")
    out["cli_queries"] = cli_queries(target, plan[:cli_count]) if cli_count else None
    note("cli queries", f"{len(plan[:cli_count])} runs")
    out["reload"] = cli_load(target, folder, len(docs), rels)
    note("reload", f"{out['reload']['wall_s']:.1f} s")
    out["after_reload"] = check_graph(target.open, expected)
    out["idempotent"] = out["after_reload"]["counts"] == out["after_load"]["counts"]
    out["graph_ok"] = out["after_load"]["ok"] and out["after_reload"]["ok"] and out["idempotent"]
    out["load_average_end"] = load_average()
    return out


def targets(stores: list[str], workdir: Path, neo4j_uri: str | None) -> Iterator[Target]:
    """Each store in turn, empty: a new embedded folder; a fresh server (or a wiped one),
    alive while the caller works on it (use with ``contextlib.closing``)."""
    for name in stores:
        if name == "embedded":
            yield Target("embedded", ["--db", str(workdir / "db")], child_env(False))
        elif name == "neo4j":
            with neo4j_server(neo4j_uri) as uri:
                if neo4j_uri:
                    with open_store(None, uri) as store:
                        wipe_neo4j(store)
                pid = None if neo4j_uri else server_pid()
                yield Target("neo4j", ["--neo4j", uri], child_env(bool(neo4j_uri)), pid)
        else:
            raise SystemExit(f"unknown store {name!r} (embedded, neo4j)")


def soak(
    reports: int = DEFAULT_REPORTS,
    queries: int = DEFAULT_QUERIES,
    cli_count: int = DEFAULT_CLI_QUERIES,
    stores: tuple[str, ...] = ("embedded", "neo4j"),
    neo4j_uri: str | None = None,
    seed: int = 2024,
    only: Collection[str] | None = None,
) -> dict[str, Any]:
    """The whole soak; the results as :func:`main` writes them to JSON. ``only``: these
    library queries (default: all)."""
    results: dict[str, Any] = {
        "machine": machine(),
        "cpus": os.cpu_count(),
        "load_average_start": load_average(),
        "reports": reports,
        "queries": queries,
        "cli_queries": cli_count,
        "stores": {},
    }
    start = time.perf_counter()
    docs = soak_documents(reports, seed)
    expected = expected_counts(docs)
    plan = query_plan(docs, queries, only)
    results["relationships"] = sum(len(d.relationships) for d in docs)
    results["expected_nodes"] = sum(expected["nodes"].values())
    results["expected_relationships"] = sum(expected["relationships"].values())
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-soak-") as tmp:
        work = Path(tmp)
        write_files(docs, work / "facts")
        print(
            f"generated and wrote {reports:,} documents ({results['relationships']:,} "
            f"relationships) in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
            flush=True,
        )
        with closing(targets(list(stores), work, neo4j_uri)) as each:
            for target in each:
                results["stores"][target.name] = soak_store(
                    target, work / "facts", docs, expected, plan, cli_count
                )
    results["load_average_end"] = load_average()
    return results


def table(results: dict[str, Any]) -> str:
    """The per-store summary, then per-query latencies (in-process) side by side."""
    stores = results["stores"]
    lines = [
        f"{'store':9} {'load':>8} {'reports/s':>9} {'rels/s':>8} {'loader RSS':>10} "
        f"{'server RSS':>10} {'queries/s':>9} {'query RSS':>9} {'CLI query':>9} "
        f"{'re-load':>8} {'graph':>5}"
    ]
    for name, r in stores.items():
        server = [v for v in r.get("server_peak_rss_kib", {}).values() if v is not None]
        cli = r["cli_queries"]
        lines.append(
            f"{name:9} {r['load']['wall_s']:>7.1f}s {r['load']['reports_per_s']:>9,.0f} "
            f"{r['load']['relationships_per_s']:>8,.0f} "
            f"{mib(r['load']['loader_peak_rss_kib']):>10} "
            f"{mib(max(server) if server else None):>10} "
            f"{r['queries']['queries_per_s']:>9.1f} "
            f"{mib(r['queries']['process_peak_rss_kib']):>9} "
            f"{'-' if cli is None else format(cli['p50_s'], '.2f') + 's':>9} "
            f"{r['reload']['wall_s']:>7.1f}s {'ok' if r['graph_ok'] else 'FAIL':>5}"
        )
    names = sorted({q for r in stores.values() for q in r["queries"]["per_query"]})
    header = f"{'query (in-process, ms)':26}"
    for name in stores:
        header += f" | {name + ' p50/p95/max':>25} {'rows':>11} {'err/skip':>8}"
    lines += ["", header]
    for q in names:
        line = f"{q:26}"
        for r in stores.values():
            s = r["queries"]["per_query"].get(q)
            if s is None:
                line += f" | {'-':>25} {'':>11} {'':>8}"
                continue
            rows = "-" if s["rows_min"] is None else f"{s['rows_min']}-{s['rows_max']}"
            times = f"{s['p50_ms']:.0f}/{s['p95_ms']:.0f}/{s['max_ms']:.0f}"
            failed = f"{s['errors']}/{s['skipped']}"
            line += f" | {times:>25} {rows:>11} {failed:>8}"
        lines.append(line)
    return "\n".join(lines)


def notes(results: dict[str, Any]) -> list[str]:
    """The checks in words: graph counts, duplicates, re-load, query failures."""
    out = []
    for name, r in results["stores"].items():
        for when in ("after_load", "after_reload"):
            c = r[when]
            out.append(
                f"{name} {when.replace('_', ' ')}: {c['nodes']:,} nodes, "
                f"{c['relationships']:,} relationships; counts "
                f"{'match' if not c['wrong_counts'] else 'DIFFER ' + str(c['wrong_counts'])}; "
                f"duplicates {c['duplicates'] or 'none'}"
            )
        out.append(
            f"{name} re-load of the same files: counts "
            f"{'unchanged' if r['idempotent'] else 'CHANGED'}, {r['reload']['wall_s']:.1f} s"
        )
        for phase in ("queries", "cli_queries"):
            if not r[phase]:
                continue
            for q, s in r[phase]["per_query"].items():
                if s["errors"] or s["zero_rows"]:
                    out.append(
                        f"{name} {phase.replace('_', ' ')} {q}: {s['errors']} of {s['n']} "
                        f"failed, {s['zero_rows']} returned no rows, {s['skipped']} skipped"
                        + (f" ({s['first_error']})" if s["first_error"] else "")
                    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    parser.add_argument("--queries", type=int, default=DEFAULT_QUERIES)
    parser.add_argument(
        "--cli-queries", type=int, default=DEFAULT_CLI_QUERIES, help="graphkit query runs"
    )
    parser.add_argument("--stores", default="embedded,neo4j", help="embedded,neo4j")
    parser.add_argument("--neo4j-uri", help="use this Neo4j instead of starting one (it is WIPED)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--only", help="comma-separated library queries (default: all)")
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"default {RESULTS}")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 also when a query fails or finds no rows"
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--neo4j", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase == "queries":
        plan = [(name, params) for name, params in json.loads(Path(args.plan).read_text())]
        with open_store(args.db, args.neo4j, read_only=True) as store:
            print(json.dumps(phase_queries(store, plan)))
        return 0

    stores = tuple(s.strip() for s in args.stores.split(",") if s.strip())
    print(f"machine: {machine()}; load average {load_average()}", file=sys.stderr, flush=True)
    only = [q.strip() for q in args.only.split(",") if q.strip()] if args.only else None
    results = soak(
        args.reports, args.queries, args.cli_queries, stores, args.neo4j_uri, args.seed, only
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print()
    print(
        f"graphkit soak -- {results['machine']}, load average {results['load_average_start']} "
        f"at start, {results['load_average_end']} at the end"
    )
    print(
        f"{results['reports']:,} reports ({results['relationships']:,} relationships) loaded "
        f"with `graphkit load`; {results['queries']:,} library queries in one process; "
        f"{results['cli_queries']} `graphkit query` runs (CLI query: median wall per run); "
        "RSS = peak resident memory"
    )
    print(table(results))
    for line in notes(results):
        print(line)
    print(f"results: {args.json}")
    graph_ok = all(r["graph_ok"] for r in results["stores"].values())
    queries_ok = not any(
        s["errors"] or s["zero_rows"]
        for r in results["stores"].values()
        for phase in ("queries", "cli_queries")
        if r[phase]
        for s in r[phase]["per_query"].values()
    )
    return 0 if graph_ok and (queries_ok or not args.check) else 1


if __name__ == "__main__":
    sys.exit(main())
