"""analyze, path, disrupt and timeline as a user runs them: real processes, a real store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit import analytics, cli
from graphkit.store.ladybug import LadybugStore

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "facts" / "seed.json"
OPERATION = "Operation:operation:15836854d4942ad6:1"


def graphkit(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graphkit", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stderr
    return result


def one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    return errors[0]


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seed") / "db"
    ok(graphkit(db, "load", str(SEED)))
    return db


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("empty") / "db"
    LadybugStore(db).close()  # an existing database with nothing loaded
    return db


def test_cli_choices_are_the_librarys() -> None:
    assert tuple(p.value for p in cli.Projection) == analytics.PROJECTIONS
    assert tuple(s.value for s in cli.Strategy) == analytics.STRATEGIES
    assert tuple(e.value for e in cli.Engine) == analytics.ENGINES


def test_analyze_json_ranks_the_operation_first(seed_db: Path) -> None:
    out = json.loads(ok(graphkit(seed_db, "analyze", "--format", "json", "--top", "3")).stdout)
    assert out["projection"] == "full"
    assert (out["nodes"], out["edges"]) == (18, 40)
    assert list(out["measures"]) == list(analytics.DEFAULT_MEASURES)
    top = out["measures"]["betweenness"][0]
    assert (top["rank"], top["id"], top["label"]) == (1, OPERATION, "Operation")
    assert len(out["measures"]["degree"]) == 3
    assert out["communities"][0]["size"] >= out["communities"][-1]["size"]
    assert "betweenness exact; distance = 1/weight" in out["notes"]
    # the seed's two articulation points: the operation and the Met (its only link to GB)
    assert [r["label"] for r in out["measures"]["articulation"]] == ["Operation", "Agency"]


def test_analyze_engines_give_the_same_exact_measures(seed_db: Path) -> None:
    runs = {
        engine: json.loads(
            ok(
                graphkit(
                    seed_db,
                    "analyze",
                    "--format",
                    "json",
                    "--top",
                    "0",
                    "--engine",
                    engine,
                    "-m",
                    "degree,betweenness,kcore,articulation,community,leiden",
                )
            ).stdout
        )
        for engine in ("networkx", "igraph")
    }
    for measure in ("degree", "betweenness", "kcore", "articulation"):
        want = {r["id"]: r["value"] for r in runs["networkx"]["measures"][measure]}
        got = {r["id"]: r["value"] for r in runs["igraph"]["measures"][measure]}
        assert got.keys() == want.keys()
        assert all(got[v] == pytest.approx(want[v], abs=1e-9) for v in want), measure
    assert "engine: igraph" in runs["igraph"]["notes"]
    assert any(n.startswith("leiden: Leiden") for n in runs["networkx"]["notes"])
    leiden = runs["igraph"]["measures"]["leiden"]
    assert len(leiden) == runs["igraph"]["nodes"]


def test_analyze_agencies_table_and_csv(seed_db: Path) -> None:
    table = ok(graphkit(seed_db, "analyze", "-P", "agencies", "-m", "pagerank,degree"))
    assert "Belgian Federal Police" in table.stdout and "pagerank" in table.stdout
    assert "agencies projection: 6 nodes, 15 edges" in table.stderr
    csv_out = ok(
        graphkit(seed_db, "analyze", "-P", "agencies", "-m", "degree", "-f", "csv", "--top", "0")
    ).stdout.splitlines()
    assert csv_out[0] == "measure,rank,id,label,key,name,value"
    assert len(csv_out) == 1 + 6
    assert all(line.startswith("degree,") and line.endswith(",5") for line in csv_out[1:])


def test_analyze_write_back_then_query(tmp_path: Path) -> None:
    db = tmp_path / "db"
    ok(graphkit(db, "load", str(SEED)))
    result = ok(graphkit(db, "analyze", "--write-back", "-m", "pagerank", "-m", "community"))
    assert "wrote pagerank, community to 6 Agency, 5 Country" in result.stderr
    rows = json.loads(
        ok(
            graphkit(
                db,
                "query",
                "MATCH (n:Agency) WHERE n.pagerank IS NOT NULL "
                "RETURN n.name AS name, n.community AS c ORDER BY n.pagerank DESC",
                "-f",
                "json",
            )
        ).stdout
    )
    assert len(rows) == 6 and all(isinstance(r["c"], int) for r in rows)


def test_analyze_errors_are_one_line(seed_db: Path, empty_db: Path) -> None:
    one_line_error(graphkit(seed_db, "analyze", "-m", "fame"), "unknown measure 'fame'")
    bad_engine = graphkit(seed_db, "analyze", "--engine", "fast")
    assert bad_engine.returncode == 2 and "'fast' is not one of" in bad_engine.stderr
    one_line_error(
        graphkit(seed_db, "analyze", "-P", "persons"), "persons projection is empty", "Person"
    )
    one_line_error(graphkit(empty_db, "analyze"), "the graph is empty")
    one_line_error(graphkit(seed_db, "analyze", "--since", "soon"), "--since 'soon'")
    one_line_error(
        graphkit(seed_db, "analyze", "-m", "kcore", "--write-back"), "stores only pagerank"
    )


def test_filters_reach_the_analysis(seed_db: Path) -> None:
    out = json.loads(
        ok(graphkit(seed_db, "analyze", "-f", "json", "--label", "Agency", "-m", "degree")).stdout
    )
    assert out["nodes"] == 6
    # the seed's dates have no year: a date range keeps nothing
    one_line_error(graphkit(seed_db, "analyze", "--since", "2020"), "the graph is empty")
    reported = json.loads(ok(graphkit(seed_db, "analyze", "-f", "json", "--reported-only")).stdout)
    assert reported["edges"] < 40


def test_one_node_and_disconnected_graphs_are_analysed(seed_db: Path) -> None:
    one = json.loads(ok(graphkit(seed_db, "analyze", "-f", "json", "--label", "Operation")).stdout)
    assert (one["nodes"], one["edges"]) == (1, 0)
    assert one["measures"]["degree"][0]["value"] == 0
    # the countries projection: the United Kingdom shares no group or operation
    args = ("analyze", "-f", "json", "-P", "countries", "-m", "degree,eigenvector", "--top", "0")
    countries = json.loads(ok(graphkit(seed_db, *args)).stdout)
    degree = {r["name"]: r["value"] for r in countries["measures"]["degree"]}
    assert degree["United Kingdom"] == 0 and degree["Belgium"] == 3
    assert any("per connected component" in note for note in countries["notes"])
    ok(graphkit(seed_db, "disrupt", "-P", "countries", "--steps", "5"))


def test_path_prints_the_chain_with_evidence(seed_db: Path) -> None:
    plain = ok(graphkit(seed_db, "path", "Europol", "Belgium"))
    assert "1 shortest connection(s) of 2 hop(s)" in plain.stderr
    assert "BASED_IN" not in plain.stdout and "Belgian Federal Police" not in plain.stdout
    assert "-[CONDUCTED_IN]-> Belgium (Country)" in plain.stdout
    result = ok(graphkit(seed_db, "path", "Europol", "Belgium", "--through-countries"))
    assert "2 shortest connection(s) of 2 hop(s) between Europol (Agency) and Belgium" in (
        result.stderr
    )
    assert "<-[COOPERATED_WITH]- Belgian Federal Police (Agency)" in result.stdout
    assert "-[BASED_IN]-> Belgium (Country)" in result.stdout
    assert '"Europol supported the operation."' in result.stdout
    # several relationships between one pair: one arrow naming every type
    group = ok(graphkit(seed_db, "path", "Albanian-speaking", "Belgium")).stdout
    assert "<-[BASED_IN]-" not in group
    assert "-[ARRESTED_IN|OPERATED_IN]-> Belgium (Country)" in group
    assert "report:15836854d4942ad6" in result.stdout
    paths = json.loads(
        ok(graphkit(seed_db, "path", "europol", "BE", "-f", "json", "--through-countries")).stdout
    )
    assert len(paths) == 2
    assert paths[0]["nodes"][0]["name"] == "Europol"
    assert paths[0]["hops"][0]["relationships"][0]["evidence"]


def test_path_errors_are_one_line(seed_db: Path) -> None:
    one_line_error(graphkit(seed_db, "path", "police", "Belgium"), "ambiguous; did you mean")
    one_line_error(graphkit(seed_db, "path", "Interpol", "Belgium"), "no entity matches 'Interpol'")
    one_line_error(
        graphkit(
            seed_db, "path", "Europol", "United Kingdom", "--max-hops", "1", "--through-countries"
        ),
        "no connection within 1 hops",
    )
    # the Met reaches the United Kingdom only by its home (BASED_IN)
    one_line_error(
        graphkit(seed_db, "path", "Europol", "United Kingdom"),
        "not connected except through a country (--through-countries allows it)",
    )


def test_disrupt_json_and_plot(seed_db: Path, tmp_path: Path) -> None:
    plot = tmp_path / "disrupt.png"
    result = ok(
        graphkit(
            seed_db,
            "disrupt",
            "-s",
            "betweenness",
            "--steps",
            "3",
            "-f",
            "json",
            "--plot",
            str(plot),
            "--target",
            "Operation",
            "--target",
            "Agency",
        )
    )
    out = json.loads(result.stdout)
    assert out["projection"] == "full" and out["strategy"] == "betweenness"
    assert out["targets"] == ["Operation", "Agency"]
    assert [s["step"] for s in out["sequential"]] == [0, 1, 2, 3]
    assert out["sequential"][1]["removed"] == OPERATION
    assert out["sequential"][1]["lcc"] < out["sequential"][0]["lcc"] == 18
    assert plot.read_bytes()[:4] == b"\x89PNG"
    table = ok(graphkit(seed_db, "disrupt", "-P", "agencies", "--steps", "2"))
    assert "disruption by degree, agencies projection" in table.stdout


def test_disrupt_removes_the_criminal_side_unless_told(seed_db: Path) -> None:
    """The seed holds one group and no person: by default only the group goes, never the
    operation, Europol or a country that rank higher; --target names other labels."""
    result = ok(graphkit(seed_db, "disrupt", "-s", "betweenness", "--steps", "3", "-f", "json"))
    out = json.loads(result.stdout)
    assert out["targets"] == ["CriminalGroup", "Person"]
    removed = [s["removed"] for s in out["sequential"][1:] + out["one_shot"][1:]]
    assert removed and all(r.startswith("CriminalGroup:") for r in removed)
    assert "only 1 CriminalGroup or Person node(s) to remove: 1 step(s), not 3" in result.stderr
    table = ok(graphkit(seed_db, "disrupt", "--steps", "1"))
    assert "removing CriminalGroup, Person" in table.stdout
    countries = json.loads(
        ok(graphkit(seed_db, "disrupt", "--target", "Country", "--steps", "2", "-f", "json")).stdout
    )
    assert all(s["removed"].startswith("Country:") for s in countries["sequential"][1:])
    one_line_error(graphkit(seed_db, "disrupt", "--target", "Agencie"), "--target Agencie")
    one_line_error(
        graphkit(seed_db, "disrupt", "--target", "Person"), "nothing to remove: no Person"
    )


def test_disrupt_errors(seed_db: Path, empty_db: Path) -> None:
    one_line_error(graphkit(empty_db, "disrupt"), "empty")
    one_line_error(graphkit(seed_db, "disrupt", "--steps", "0"), "at least 1")
    bad = graphkit(seed_db, "disrupt", "--strategy", "closeness")
    assert bad.returncode == 2 and "closeness" in bad.stderr  # typer's own usage error


def test_timeline(seed_db: Path, empty_db: Path) -> None:
    rows = json.loads(ok(graphkit(seed_db, "timeline", "-f", "json")).stdout)
    assert len(rows) == 1
    (op,) = rows
    assert (op["date"], op["arrests"]) == ("--04-03", 64)
    assert op["countries"] == ["Belgium", "France", "Italy", "Netherlands"]
    assert op["agencies"][0] == {"name": "Belgian Federal Police", "role": "led"}
    assert "8,255 cannabis plants" in op["seizures"]
    table = ok(graphkit(seed_db, "timeline"))
    assert "1 operation(s)" in table.stderr and "Europol" in table.stdout
    assert json.loads(ok(graphkit(empty_db, "timeline", "-f", "json")).stdout) == []
