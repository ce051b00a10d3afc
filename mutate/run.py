"""``make mutate``: mutation testing (mutmut) of graphkit's pure modules, one at a time.

Each module in :data:`TARGETS` is mutated alone and its mutants are run against the test
files listed for it, not against whatever mutmut's stats run happened to link. mutmut links
a function to the tests that called it *while they ran*, so a function first called by a
module-scoped fixture or through a cache is linked to one test only and its mutants look
alive; here every function that some test reached is linked to all of its module's tests.

Usage: ``python mutate/run.py [MODULE ...] [--max-children N]`` where MODULE is a key of
TARGETS or its tail (``numbers``, ``extract/numbers``, ``analytics/disrupt``); none means
every target. Per module it writes ``.graphkit/mutate/<module>.json`` (counts and
survivors with their diffs) and ``.log`` (mutmut's output), and prints a table. mutmut's
own ``mutants/`` folder holds the last module run, for ``mutmut show NAME`` and
``mutmut browse``. Survivors that cannot change behaviour (a message's wording, an
equivalent rewrite) are listed in ``mutate/excluded.toml`` with the reason and leave the
score; docs/testing.md says how to read the rest.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / ".graphkit" / "mutate"
EXCLUDED = Path(__file__).resolve().parent / "excluded.toml"

_EXTRACT = "tests/extract/"
TARGETS: dict[str, tuple[str, ...]] = {
    "graphkit/extract/numbers.py": (f"{_EXTRACT}test_extract_numbers.py",),
    "graphkit/extract/countries.py": (
        f"{_EXTRACT}test_extract_countries.py",
        f"{_EXTRACT}test_extract_country_mentions.py",
        f"{_EXTRACT}test_extract_country_roles.py",
        f"{_EXTRACT}test_extract_nationalities.py",
        f"{_EXTRACT}test_extract_datelines.py",
    ),
    "graphkit/extract/agencies.py": (
        f"{_EXTRACT}test_extract_agencies.py",
        f"{_EXTRACT}test_extract_agency_forms.py",
        f"{_EXTRACT}test_extract_roles.py",
        f"{_EXTRACT}test_extract_agency_rules.py",
    ),
    "graphkit/extract/arrests.py": (
        f"{_EXTRACT}test_extract_arrests.py",
        f"{_EXTRACT}test_extract_arrest_forms.py",
        f"{_EXTRACT}test_extract_arrest_rules.py",
    ),
    "graphkit/extract/operations.py": (
        f"{_EXTRACT}test_extract_operations.py",
        f"{_EXTRACT}test_extract_operation_forms.py",
    ),
    "graphkit/extract/persons.py": (f"{_EXTRACT}test_extract_persons.py",),
    "graphkit/extract/seizures.py": (
        f"{_EXTRACT}test_extract_seizures.py",
        f"{_EXTRACT}test_extract_seizure_forms.py",
        f"{_EXTRACT}test_extract_seizure_rules.py",
    ),
    "graphkit/extract/dates.py": (
        f"{_EXTRACT}test_extract_dates.py",
        f"{_EXTRACT}test_extract_crimes_groups_dates.py",
        f"{_EXTRACT}test_extract_datelines.py",
    ),
    "graphkit/facts.py": (
        "tests/test_facts.py",
        "tests/test_facts_rules.py",
        "tests/test_normalise.py",
    ),
    "graphkit/collector.py": ("tests/test_collector.py",),
    "graphkit/parallel.py": ("tests/test_parallel.py",),
    "graphkit/analytics/measures.py": (
        "tests/analytics/test_measures.py",
        "tests/analytics/test_measures_definitions.py",
        "tests/analytics/test_engines.py",
        "tests/analytics/test_exact_betweenness.py",
        "tests/analytics/test_projected.py",
    ),
    "graphkit/analytics/igraph_engine.py": (
        "tests/analytics/test_engines.py",
        "tests/analytics/test_exact_betweenness.py",
        "tests/analytics/test_projected.py",
    ),
    "graphkit/analytics/disrupt.py": (
        "tests/analytics/test_disrupt.py",
        "tests/analytics/test_engines.py",
    ),
    "graphkit/analytics/paths.py": ("tests/analytics/test_paths.py",),
    "graphkit/analytics/projection.py": (
        "tests/analytics/test_projection.py",
        "tests/analytics/test_projection_rules.py",
        "tests/analytics/test_projected.py",
    ),
    "graphkit/filters.py": (
        "tests/analytics/test_projection.py",
        "tests/analytics/test_projection_rules.py",
        "tests/analytics/test_paths.py",
    ),
    "graphkit/view/build.py": ("tests/view/test_view_build.py",),
    "graphkit/view/provenance.py": ("tests/view/test_view_provenance.py",),
}
"""Each pure module and the test files that exercise it (and are fast enough to run per
mutant). A module's mutants see only these tests: a test elsewhere that happens to kill
one does not count, so each module's own tests must pin its behaviour."""

PYTEST_ARGS = ["-p", "no:cacheprovider", "--hypothesis-profile=mutate", "-m", "not neo4j"]
"""Every mutant run: no Neo4j (the pure modules do not need it), Hypothesis without
deadlines and derandomised (tests/conftest.py), so a verdict does not depend on the
machine's speed or on a lucky draw."""

KILLED = {"killed", "timeout"}


def resolve(names: list[str]) -> list[str]:
    """TARGETS keys for the names given on the command line (all of them for none)."""
    if not names:
        return list(TARGETS)
    chosen = []
    for name in names:
        tail = name.removesuffix(".py")
        found = [t for t in TARGETS if t.removesuffix(".py").endswith(tail)]
        if len(found) != 1:
            sys.exit(f"mutate: {name!r} names {len(found)} targets; choose from {list(TARGETS)}")
        chosen.append(found[0])
    return chosen


def dotted(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".")


def excluded_entries() -> list[dict[str, str]]:
    """The reviewed survivors that leave the score: ``[[mutant]]`` tables of excluded.toml."""
    return tomllib.loads(EXCLUDED.read_text(encoding="utf-8")).get("mutant", [])


def mutated_lines(diff: str) -> tuple[str, ...]:
    """The mutant's own lines of a diff, stripped: what an exclusion names."""
    return tuple(
        line[1:].strip()
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    )


def is_excluded(module: str, function: str, diff: str, entries: list[dict[str, str]]) -> str:
    """The reason given for this survivor in excluded.toml, or "" when it is not listed.

    An entry names the module, the function and the mutated line's text (not mutmut's
    mutant number, which shifts whenever the function changes)."""
    lines = mutated_lines(diff)
    for entry in entries:
        if (
            entry["module"] == module
            and entry["function"] == function
            and entry["mutated"].strip() in lines
        ):
            return f"{entry['kind']}: {entry['why']}"
    return ""


def function_of(mutant: str) -> str:
    """``graphkit.x.y.x_find__mutmut_3`` -> ``find``; ``...xǁNumberǁas_int__mutmut_1`` ->
    ``Number.as_int``."""
    mangled = mutant.partition("__mutmut_")[0].rpartition(".")[2]
    if mangled.startswith("x_"):
        return mangled[2:]
    _, cls, name = mangled.split("ǁ")
    return f"{cls}.{name}"


# --- the worker: one module, in its own process (mutmut keeps global state) -------------


def _link_every_test(module: str) -> None:
    """Link each function some test reached to every test of its module's files."""
    from mutmut.state import state
    from mutmut.stats import save_stats

    st = state()
    tests = set(st.duration_by_test)  # the stats run ran exactly this module's test files
    prefix = dotted(module) + "."
    for name, linked in st.tests_by_mangled_function_name.items():
        if name.startswith(prefix) and linked:
            linked |= tests
    save_stats()


def work(module: str, max_children: int) -> int:
    """Run mutmut on ``module`` (cwd: the repository) and write its report."""
    import mutmut.__main__ as mm
    from mutmut import configuration
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    base = configuration._load_config()
    configuration._config = dataclasses.replace(
        base,
        only_mutate=[module],
        pytest_add_cli_args=[*base.pytest_add_cli_args, *PYTEST_ARGS],
        pytest_add_cli_args_test_selection=list(TARGETS[module]),
    )
    collect = mm.collect_or_load_stats

    def collect_and_link(runner, **kwargs) -> None:
        collect(runner, **kwargs)
        _link_every_test(module)

    mm.collect_or_load_stats = collect_and_link
    try:
        mm.cli.main(
            ["run", "--max-children", str(max_children), dotted(module) + ".*"],
            standalone_mode=False,
        )
    except SystemExit as exc:  # mutmut exits on a failed clean run or stats run
        if exc.code:
            return int(exc.code) if isinstance(exc.code, int) else 1

    data = SourceFileMutationData(path=Path(module))
    data.load()
    entries = excluded_entries()
    counts: dict[str, int] = {}
    survivors, excluded = [], []
    for name, code in sorted(data.exit_code_by_key.items()):
        status = status_by_exit_code[code]
        counts[status] = counts.get(status, 0) + 1
        if status in KILLED:
            continue
        diff = get_diff_for_mutant(name, path=module)
        item = {"name": name, "function": function_of(name), "status": status, "diff": diff}
        reason = is_excluded(module, item["function"], diff, entries)
        if reason:
            excluded.append({**item, "why": reason})
        else:
            survivors.append(item)
    total = sum(counts.values())
    killed = sum(counts.get(s, 0) for s in KILLED)
    scored = total - len(excluded)
    report = {
        "module": module,
        "tests": list(TARGETS[module]),
        "mutants": total,
        "killed": killed,
        "excluded": len(excluded),
        "score": round(killed / scored, 4) if scored else None,
        "counts": counts,
        "survivors": survivors,
        "excluded_mutants": excluded,
    }
    out = OUT / (dotted(module) + ".json")
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


# --- the driver -------------------------------------------------------------------------


def run(module: str, max_children: int) -> dict | None:
    """One module in a fresh ``mutants/`` and a fresh process; its report, or None."""
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    log = OUT / (dotted(module) + ".log")
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.call(
            [sys.executable, __file__, "--worker", module, "--max-children", str(max_children)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    report = OUT / (dotted(module) + ".json")
    if code or not report.exists():
        print(f"{module}: mutmut failed (exit {code}); see {log.relative_to(ROOT)}")
        return None
    return json.loads(report.read_text(encoding="utf-8"))


def table_row(r: dict) -> str:
    score = f"{100 * r['score']:.1f}%" if r["score"] is not None else "-"
    return (
        f"| `{r['module']}` | {r['mutants']} | {r['killed']} | {r['excluded']} "
        f"| {len(r['survivors'])} | {score} |"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.worker:
        return work(args.worker, args.max_children)
    failed = False
    rows = []
    for module in resolve(args.modules):
        print(f"mutating {module} against {', '.join(TARGETS[module])} ...", flush=True)
        report = run(module, args.max_children)
        if report is None:
            failed = True
            continue
        rows.append(table_row(report))
        print(rows[-1], flush=True)
        for s in report["survivors"]:
            print(f"    {s['status']}: {s['name']}")
    print("\n| module | mutants | killed (incl. timeouts) | excluded | left | score |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
