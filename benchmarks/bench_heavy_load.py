"""Heavy documents: the loader's peak memory for a few facts files of 100,000 nodes each.

A red-team pass loaded four 6.8 MiB facts documents of 100,000 nodes each and saw the
loader reach 4.8 GB: batches were capped by document count and text size, not by the
nodes and relationships they carry, and every row travelled as a map that LadybugDB's
Python binding turns into some 10 KB of values. Now batches are capped by weight
(``graphkit.load.BATCH_ELEMENTS``) and rows travel as columns; the target is a peak under
1 GiB for the four files.

For each store (embedded in a temporary folder; Neo4j: a throwaway server from
``tests/neo4j``, or ``--neo4j-uri``, which is WIPED) the files are written, then loaded by
the real ``graphkit load`` in a child process: its peak RSS (``os.wait4``: that child
alone), wall time, and the node count afterwards. Results go to stdout and
``.graphkit/bench/heavy_load.json``.

    python benchmarks/bench_heavy_load.py                     # 4 files x 100,000 nodes
    python benchmarks/bench_heavy_load.py --files 2 --nodes 20000 --stores embedded --check

With ``--check`` the exit status is 1 when the peak passes ``--max-peak-gib`` (default 1).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import ROOT, load_average, machine, neo4j_server, wipe_neo4j

from graphkit.facts import FactsDocument, ReportInfo

RESULTS = ROOT / ".graphkit" / "bench" / "heavy_load.json"


def heavy_document(index: int, nodes: int) -> dict[str, Any]:
    """A valid facts document: one report listing ``nodes`` people (about 69 bytes each)."""
    report = ReportInfo.from_text(
        f"Heavy report {index}: a list of {nodes:,} people named in one release.",
        source=f"heavy-{index}.json",
    )
    people = [
        {"label": "Person", "key": f"h{index}-{i:06d}", "properties": {"name": f"Pers{i:06d}"}}
        for i in range(nodes)
    ]
    return {"graphkit": "graphkit-facts/1", "report": report.model_dump(), "nodes": people}


def write_files(folder: Path, files: int, nodes: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(files):
        path = folder / f"heavy-{index}.json"
        data = heavy_document(index, nodes)
        FactsDocument.from_dict(data)  # valid, or the benchmark measures a refusal
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        paths.append(path)
    return paths


def load(store_args: list[str], paths: list[Path], env: dict[str, str]) -> dict[str, Any]:
    """``graphkit load`` in a child process: its exit status, wall time and peak RSS."""
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "graphkit", *store_args, "load", *map(str, paths)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    stderr = child.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(child.pid, 0)
    return {
        "exit": os.waitstatus_to_exitcode(status),
        "stderr": stderr.strip()[-500:],
        "wall_s": round(time.monotonic() - started, 1),
        "peak_rss_gib": round(usage.ru_maxrss / 2**20, 3),  # KiB on Linux
    }


def run(files: int, nodes: int, stores: list[str], neo4j_uri: str | None) -> dict[str, Any]:
    results: dict[str, Any] = {
        "machine": machine(),
        "load_average": load_average(),
        "files": files,
        "nodes_per_file": nodes,
        "stores": {},
    }
    with tempfile.TemporaryDirectory(prefix="graphkit-heavy-") as tmp:
        paths = write_files(Path(tmp) / "inputs", files, nodes)
        results["file_mib"] = round(paths[0].stat().st_size / 2**20, 2)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHKIT_DB"))}
        for store in stores:
            if store == "embedded":
                outcome = load(["--db", str(Path(tmp) / "db")], paths, env)
                from graphkit.store.ladybug import LadybugStore

                with LadybugStore(Path(tmp) / "db", read_only=True) as opened:
                    outcome["people"] = opened.counts()["nodes"]["Person"]
            else:
                with neo4j_server(neo4j_uri) as uri:
                    from graphkit.store.neo4j import Neo4jStore

                    with Neo4jStore(uri) as opened:
                        wipe_neo4j(opened)
                    outcome = load(["--neo4j", uri], paths, env)
                    with Neo4jStore(uri) as opened:
                        outcome["people"] = opened.counts()["nodes"]["Person"]
            results["stores"][store] = outcome
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--stores", nargs="+", default=["embedded", "neo4j"])
    parser.add_argument("--neo4j-uri", help="a server to use (WIPED) instead of a throwaway one")
    parser.add_argument("--check", action="store_true", help="exit 1 past --max-peak-gib")
    parser.add_argument("--max-peak-gib", type=float, default=1.0)
    args = parser.parse_args(argv)
    results = run(args.files, args.nodes, args.stores, args.neo4j_uri)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"{results['machine']}; load average {results['load_average']}")
    print(f"{args.files} files x {args.nodes:,} nodes ({results['file_mib']} MiB each)")
    failed = False
    for store, r in results["stores"].items():
        print(
            f"{store:9} exit {r['exit']}  peak {r['peak_rss_gib']:.2f} GiB  "
            f"{r['wall_s']:.0f} s  {r['people']:,} people"
        )
        failed |= r["exit"] != 0 or r["people"] != args.files * args.nodes
        failed |= args.check and r["peak_rss_gib"] > args.max_peak_gib
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
