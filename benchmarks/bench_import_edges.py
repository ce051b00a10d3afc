"""Importing a large edge list: ``graphkit import-edges`` against the store's own bulk copy.

A synthetic call log (N rows between N/10 persons, a tenth of the pairs repeated the
other way round, a weight and a date on every row) is imported into a fresh embedded
store with the real CLI, in a process of its own (wall time, peak RSS). The baseline is
LadybugDB's own bulk import of the same rows into the same schema, also in a process of
its own: one ``COPY`` of the distinct persons, one ``COPY`` of the rows as they are (no
evidence, no provenance, no summing of a pair's rows, ids as keys), one transaction. Then
the re-import of the unchanged file and ``graphkit remove``.

With ``--trace`` the import also runs once in-process under tracemalloc, for the peak of
Python's own allocations (the spool and the database live outside it).

    python benchmarks/bench_import_edges.py                    # 100k and 1M rows (make bench)
    python benchmarks/bench_import_edges.py --rows 200000 --trace

Target: 1,000,000 rows in under 60 s on this machine; memory flat (peak RSS at 1M not
ten times the peak at 100k).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from common import load_average, machine

ROOT = Path(__file__).resolve().parents[1]


def synthetic_edges(path: Path, rows: int, seed: int = 7) -> int:
    """Write ``rows`` tab-separated rows (caller, callee, calls, date); return persons."""
    rng = random.Random(seed)
    persons = max(10, rows // 10)
    with path.open("w", encoding="utf-8") as handle:
        previous: list[tuple[int, int]] = []
        for i in range(rows):
            if previous and rng.random() < 0.1:
                b, a = rng.choice(previous)  # the same pair, called back
            else:
                a, b = rng.randrange(persons), rng.randrange(persons)
                while b == a:
                    b = rng.randrange(persons)
                if len(previous) < 10_000:
                    previous.append((a, b))
                else:
                    previous[i % 10_000] = (a, b)
            day = 1 + rng.randrange(28)
            handle.write(f"P{a:07d}\tP{b:07d}\t{1 + rng.randrange(9)}\t2021-03-{day:02d}\n")
    return persons


_MEASURE = textwrap.dedent(
    """
    import resource, subprocess, sys, time
    start = time.perf_counter()
    done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(done.returncode, wall, peak)
    sys.stderr.write(done.stderr[-2000:] if done.returncode else "")
    """
)


def measured(*command: str) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of ``command``, run as the only child of a fresh
    process (so that the peak is its own)."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    code, wall, peak = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command)} failed: {out.stderr}")
    return float(wall), int(peak)


_BASELINE = textwrap.dedent(
    """
    import sys
    from graphkit.store.ladybug import LadybugStore
    db, rows, persons = sys.argv[1:4]
    csv = (
        "(header=false, delim='{sep}', quote='\\"', escape='\\"', auto_detect=false, "
        "file_format='csv')"
    )
    with LadybugStore(db) as store:
        def work(run):
            run(
                "COPY Person FROM (LOAD WITH HEADERS (k STRING) FROM '" + persons + "' "
                + csv.format(sep=",") + " RETURN k, k, CAST(NULL AS STRING), "
                "CAST(NULL AS INT64), ['bench'], CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE), "
                "CAST(NULL AS INT64), CAST(NULL AS INT64))", {}
            )
            run(
                "COPY CALLED FROM (LOAD WITH HEADERS (a STRING, b STRING, w DOUBLE, d STRING) "
                "FROM '" + rows + "' " + csv.format(sep="\\t") + " RETURN a, b, 'bench', "
                "CAST(NULL AS STRING), CAST(NULL AS INT64), CAST(NULL AS INT64), 'reported', "
                "w, d, d, CAST(NULL AS INT64), 1)", {}
            )
        store.transaction(work)
    """
)


def traced_import(path: Path, db: Path) -> int:
    """Peak bytes of Python allocations while importing ``path`` (in this process)."""
    import tracemalloc

    from graphkit.load import import_edges
    from graphkit.store.ladybug import LadybugStore

    with LadybugStore(db) as store:
        tracemalloc.start()
        (outcome,) = import_edges(
            store, [str(path)], "CALLED", columns=["source", "target", "weight", "date"]
        )
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert outcome.ok, outcome.error
    return peak


def run(rows: int, trace: bool) -> dict[str, float | int]:
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    with tempfile.TemporaryDirectory(prefix="bench-edges-") as tmp:
        folder = Path(tmp)
        edges = folder / "calls.tsv"
        persons = synthetic_edges(edges, rows)
        keys = folder / "persons.csv"
        keys.write_text("".join(f"P{i:07d}\n" for i in range(persons)), encoding="utf-8")
        size = edges.stat().st_size

        base_db = folder / "baseline"
        base_wall, base_rss = measured(
            sys.executable, "-c", _BASELINE, str(base_db), str(edges), str(keys)
        )
        db = folder / "graph"
        command = [graphkit, "--db", str(db), "import-edges", str(edges), "--type", "CALLED"]
        command += ["--no-header", "--columns", "source,target,weight,date"]
        wall, rss = measured(*command)
        again, _ = measured(*command)
        remove, _ = measured(graphkit, "--db", str(db), "remove", str(edges))
        result: dict[str, float | int] = {
            "rows": rows,
            "persons": persons,
            "file_mib": round(size / 2**20, 1),
            "import_s": round(wall, 2),
            "rows_per_s": round(rows / wall),
            "import_peak_rss_mib": round(rss / 1024),
            "baseline_s": round(base_wall, 2),
            "baseline_peak_rss_mib": round(base_rss / 1024),
            "ratio_to_baseline": round(wall / base_wall, 2),
            "reimport_unchanged_s": round(again, 2),
            "remove_s": round(remove, 2),
        }
        if trace:
            result["python_peak_mib"] = round(traced_import(edges, folder / "traced") / 2**20)
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--trace", action="store_true", help="Python heap peak (tracemalloc)")
    args = parser.parse_args()
    print(f"machine: {machine()}; load average {load_average()}")
    results = []
    for rows in args.rows:
        result = run(rows, args.trace)
        results.append(result)
        print(json.dumps(result))
    print()
    print(
        f"{'rows':>10} {'import s':>9} {'rows/s':>9} {'peak MiB':>9} "
        f"{'COPY s':>7} {'ratio':>6} {'re-import s':>12} {'remove s':>9}"
    )
    for r in results:
        print(
            f"{r['rows']:>10,} {r['import_s']:>9} {r['rows_per_s']:>9,} "
            f"{r['import_peak_rss_mib']:>9} {r['baseline_s']:>7} {r['ratio_to_baseline']:>6} "
            f"{r['reimport_unchanged_s']:>12} {r['remove_s']:>9}"
        )
    big = max(results, key=lambda r: r["rows"])
    if big["rows"] >= 1_000_000:
        verdict = "met" if big["import_s"] < 60 else "NOT met"
        print(f"target (1M rows under 60 s): {verdict} ({big['import_s']} s)")


if __name__ == "__main__":
    main()
