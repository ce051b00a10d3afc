"""Interactive views: generation time, file size and layout time in headless Chromium.

For synthetic graphs of 100, 1,000, 1,500 and 5,000 nodes (shaped like loaded reports,
~2.7 relationships per node; ``tests/view/view_synthetic.py``) this measures

- generation: :func:`graphkit.view.build_view` (filter, project, measure, pyvis network,
  page) plus writing the file, median of ``--repeat`` runs, with no ``--max-nodes`` cap;
- the file size;
- in headless Chromium (Debian's ``chromium`` + ``chromium-driver``, offline, as in the
  tests): milliseconds from navigation start until the layout is stabilised and physics
  switched off, and the physics iterations it took (the page stops refining after a
  time budget, ``LAYOUT_BUDGET_MS``; "budget" marks layouts cut by it).

    python benchmarks/bench_view.py                  # make bench
    python benchmarks/bench_view.py --sizes 1500     # the target only

Targets: a 1,500-node view generated in under 2 s and stabilised in under 10 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import load_module

from graphkit.view import ViewOptions, build_view
from graphkit.view.build import LAYOUT_BUDGET_MS

ROOT = Path(__file__).resolve().parents[1]
TARGET_NODES, TARGET_GENERATE_S, TARGET_STABLE_S = 1500, 2.0, 10.0


def _load(name: str):
    """A helper module of tests/view, loaded by path (tests/ is not a package)."""
    return load_module(name, ROOT / "tests" / "view" / f"{name}.py")


@dataclass
class Result:
    nodes: int
    edges: int
    generate_s: float
    size_bytes: int
    stable_ms: float | None = None
    iterations: int | None = None
    budget_hit: bool = False


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def measure(n: int, repeat: int, browser, tmp: Path) -> Result:
    synthetic = sys.modules["view_synthetic"]
    graph = synthetic.synthetic_graph(n)
    options = ViewOptions(max_nodes=len(graph.nodes))
    path = tmp / f"view-{n}.html"
    times = []
    view = None
    for _ in range(repeat):
        start = time.perf_counter()
        view = build_view(graph, options)
        view.save(path)
        times.append(time.perf_counter() - start)
    assert view is not None
    result = Result(view.nodes, view.edges, statistics.median(times), path.stat().st_size)
    if browser is not None:
        stable, iterations = [], []
        for _ in range(repeat):
            log = browser.open(path, timeout=120)
            if log.outside or log.errors:
                raise SystemExit(f"{n} nodes: requests {log.outside} errors {log.errors}")
            state = browser.js(
                "var v = window.graphkitView; return [v.stabilizedMs, v.iterations, v.layoutCut]"
            )
            stable.append(state[0])
            iterations.append(state[1])
            result.budget_hit |= bool(state[2])
        result.stable_ms = statistics.median(stable)
        result.iterations = int(statistics.median(iterations))
    return result


def table(results: list[Result]) -> str:
    rows = [("nodes", "edges", "generate", "file", "stabilised", "iterations")]
    for r in results:
        rows.append(
            (
                f"{r.nodes:,}",
                f"{r.edges:,}",
                f"{r.generate_s:.2f} s",
                f"{r.size_bytes / 1024 / 1024:.1f} MiB",
                "-" if r.stable_ms is None else f"{r.stable_ms / 1000:.1f} s",
                "-"
                if r.iterations is None
                else f"{r.iterations}{' (budget)' if r.budget_hit else ''}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,1500,5000", help="node counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median)")
    parser.add_argument("--no-browser", action="store_true", help="generation only")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]

    _load("view_synthetic")
    browser = None
    if not args.no_browser:
        chromium = _load("view_browser")
        if not chromium.available():
            raise SystemExit("headless Chromium missing: apt-get install chromium chromium-driver")
        browser = chromium.Browser()
    build_view(sys.modules["view_synthetic"].synthetic_graph(50))  # warm-up: imports, assets
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="graphkit-bench-view-") as tmp:
            for n in sizes:
                results.append(measure(n, args.repeat, browser, Path(tmp)))
                print(f"measured {n:,} nodes", file=sys.stderr)
    finally:
        if browser is not None:
            browser.close()
    print()
    print(f"graphkit interactive views -- {machine()}")
    print(f"generate = build + write (median of {args.repeat}); stabilised = from navigation")
    print(f"start, headless Chromium; layout time budget {LAYOUT_BUDGET_MS / 1000:g} s")
    print(table(results))
    for r in results:
        if abs(r.nodes - TARGET_NODES) <= 5:
            ok = r.generate_s < TARGET_GENERATE_S
            print(
                f"target: {TARGET_NODES:,}-node view generated in < {TARGET_GENERATE_S:g} s: "
                f"{r.generate_s:.2f} s, {'met' if ok else 'MISSED'}"
            )
            if r.stable_ms is not None:
                ok = r.stable_ms / 1000 < TARGET_STABLE_S
                print(
                    f"target: stabilised in < {TARGET_STABLE_S:g} s: "
                    f"{r.stable_ms / 1000:.1f} s, {'met' if ok else 'MISSED'}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
