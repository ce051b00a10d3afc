"""analyze, path, disrupt and timeline as a user runs them: the command line, a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graphkit_cli import graphkit, ok, one_line_error

from graphkit import analytics, cli, export, filters, schema
from graphkit.analytics import disrupt
from graphkit.store.ladybug import LadybugStore

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "facts" / "seed.json"
OPERATION = "Operation:operation:15836854d4942ad6:1"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seed") / "db"
    ok(graphkit("load", str(SEED), db=db))
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
    assert tuple(m.value for m in cli.Mode) == disrupt.MODES
    assert tuple(w.value for w in cli.Weighting) == disrupt.WEIGHTS
    assert tuple(f.value for f in cli.ExportFormat) == export.FORMATS
    assert tuple(d.value for d in cli.Dialect) == schema.DIALECTS
    assert tuple(c.value for c in cli.Certainty) == filters.CERTAINTY_FILTERS


def test_analyze_json_ranks_the_operation_first(seed_db: Path) -> None:
    out = json.loads(ok(graphkit("analyze", "--format", "json", "--top", "3", db=seed_db)).stdout)
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
                    "analyze",
                    "--format",
                    "json",
                    "--top",
                    "0",
                    "--engine",
                    engine,
                    "-m",
                    "degree,betweenness,kcore,articulation,community,leiden",
                    db=seed_db,
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
    table = ok(graphkit("analyze", "-P", "agencies", "-m", "pagerank,degree", db=seed_db))
    assert "Belgian Federal Police" in table.stdout and "pagerank" in table.stdout
    assert "agencies projection: 6 nodes, 15 edges" in table.stderr
    csv_out = ok(
        graphkit("analyze", "-P", "agencies", "-m", "degree", "-f", "csv", "--top", "0", db=seed_db)
    ).stdout.splitlines()
    assert csv_out[0] == "measure,rank,id,label,key,name,value"
    assert len(csv_out) == 1 + 6
    assert all(line.startswith("degree,") and line.endswith(",5") for line in csv_out[1:])


def test_analyze_write_back_then_query(tmp_path: Path) -> None:
    db = tmp_path / "db"
    ok(graphkit("load", str(SEED), db=db))
    result = ok(graphkit("analyze", "--write-back", "-m", "pagerank", "-m", "community", db=db))
    assert "wrote pagerank, community to 6 Agency, 5 Country" in result.stderr
    rows = json.loads(
        ok(
            graphkit(
                "query",
                "MATCH (n:Agency) WHERE n.pagerank IS NOT NULL "
                "RETURN n.name AS name, n.community AS c ORDER BY n.pagerank DESC",
                "-f",
                "json",
                db=db,
            )
        ).stdout
    )
    assert len(rows) == 6 and all(isinstance(r["c"], int) for r in rows)


def test_analyze_errors_are_one_line(seed_db: Path, empty_db: Path) -> None:
    one_line_error(graphkit("analyze", "-m", "fame", db=seed_db), "unknown measure 'fame'")
    bad_engine = graphkit("analyze", "--engine", "fast", db=seed_db)
    assert bad_engine.returncode == 2 and "'fast' is not one of" in bad_engine.stderr
    one_line_error(
        graphkit("analyze", "-P", "persons", db=seed_db), "persons projection is empty", "Person"
    )
    one_line_error(graphkit("analyze", db=empty_db), "the graph is empty")
    one_line_error(graphkit("analyze", "--since", "soon", db=seed_db), "--since 'soon'")
    one_line_error(
        graphkit("analyze", "-m", "kcore", "--write-back", db=seed_db), "stores only pagerank"
    )


def test_filters_reach_the_analysis(seed_db: Path) -> None:
    out = json.loads(
        ok(
            graphkit("analyze", "-f", "json", "--label", "Agency", "-m", "degree", db=seed_db)
        ).stdout
    )
    assert out["nodes"] == 6
    # the seed's dates have no year: a date range keeps nothing
    one_line_error(graphkit("analyze", "--since", "2020", db=seed_db), "the graph is empty")
    reported = json.loads(
        ok(graphkit("analyze", "-f", "json", "--reported-only", db=seed_db)).stdout
    )
    assert reported["edges"] < 40


def test_one_node_and_disconnected_graphs_are_analysed(seed_db: Path) -> None:
    one = json.loads(
        ok(graphkit("analyze", "-f", "json", "--label", "Operation", db=seed_db)).stdout
    )
    assert (one["nodes"], one["edges"]) == (1, 0)
    assert one["measures"]["degree"][0]["value"] == 0
    # the countries projection: the United Kingdom shares no group or operation
    args = ("analyze", "-f", "json", "-P", "countries", "-m", "degree,eigenvector", "--top", "0")
    countries = json.loads(ok(graphkit(*args, db=seed_db)).stdout)
    degree = {r["name"]: r["value"] for r in countries["measures"]["degree"]}
    assert degree["United Kingdom"] == 0 and degree["Belgium"] == 3
    assert any("per connected component" in note for note in countries["notes"])
    ok(graphkit("disrupt", "-P", "countries", "--steps", "5", db=seed_db))


def test_path_prints_the_chain_with_evidence(seed_db: Path) -> None:
    plain = ok(graphkit("path", "Europol", "Belgium", db=seed_db))
    assert "1 shortest connection(s) of 2 hop(s)" in plain.stderr
    assert "BASED_IN" not in plain.stdout and "Belgian Federal Police" not in plain.stdout
    assert "-[CONDUCTED_IN]-> Belgium (Country)" in plain.stdout
    result = ok(graphkit("path", "Europol", "Belgium", "--through-countries", db=seed_db))
    assert "2 shortest connection(s) of 2 hop(s) between Europol (Agency) and Belgium" in (
        result.stderr
    )
    assert "<-[COOPERATED_WITH]- Belgian Federal Police (Agency)" in result.stdout
    assert "-[BASED_IN]-> Belgium (Country)" in result.stdout
    assert '"Europol supported the operation."' in result.stdout
    # several relationships between one pair: one arrow naming every type
    group = ok(graphkit("path", "Albanian-speaking", "Belgium", db=seed_db)).stdout
    assert "<-[BASED_IN]-" not in group
    assert "-[ARRESTED_IN|OPERATED_IN]-> Belgium (Country)" in group
    assert "report:15836854d4942ad6" in result.stdout
    paths = json.loads(
        ok(
            graphkit("path", "europol", "BE", "-f", "json", "--through-countries", db=seed_db)
        ).stdout
    )
    assert len(paths) == 2
    assert paths[0]["nodes"][0]["name"] == "Europol"
    assert paths[0]["hops"][0]["relationships"][0]["evidence"]


def test_path_errors_are_one_line(seed_db: Path) -> None:
    one_line_error(graphkit("path", "police", "Belgium", db=seed_db), "ambiguous; did you mean")
    one_line_error(
        graphkit("path", "Interpol", "Belgium", db=seed_db), "no entity matches 'Interpol'"
    )
    one_line_error(
        graphkit(
            "path",
            "Europol",
            "United Kingdom",
            "--max-hops",
            "1",
            "--through-countries",
            db=seed_db,
        ),
        "no connection within 1 hops",
    )
    # the Met reaches the United Kingdom only by its home (BASED_IN)
    one_line_error(
        graphkit("path", "Europol", "United Kingdom", db=seed_db),
        "not connected except through a country (--through-countries allows it)",
    )


def test_disrupt_json_and_plot(seed_db: Path, tmp_path: Path) -> None:
    plot = tmp_path / "disrupt.png"
    result = ok(
        graphkit(
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
            db=seed_db,
        )
    )
    out = json.loads(result.stdout)
    assert out["projection"] == "full" and out["strategy"] == "betweenness"
    assert out["targets"] == ["Operation", "Agency"]
    assert [s["step"] for s in out["sequential"]] == [0, 1, 2, 3]
    assert out["sequential"][1]["removed"] == OPERATION
    assert out["sequential"][1]["lcc"] < out["sequential"][0]["lcc"] == 18
    assert plot.read_bytes()[:4] == b"\x89PNG"
    table = ok(graphkit("disrupt", "-P", "agencies", "--steps", "2", db=seed_db))
    assert "disruption by degree, agencies projection" in table.stdout


def test_disrupt_removes_the_criminal_side_unless_told(seed_db: Path) -> None:
    """The seed holds one group and no person: by default only the group goes, never the
    operation, Europol or a country that rank higher; --target names other labels."""
    result = ok(graphkit("disrupt", "-s", "betweenness", "--steps", "3", "-f", "json", db=seed_db))
    out = json.loads(result.stdout)
    assert out["targets"] == ["CriminalGroup", "Person"]
    removed = [s["removed"] for s in out["sequential"][1:] + out["one_shot"][1:]]
    assert removed and all(r.startswith("CriminalGroup:") for r in removed)
    assert "only 1 CriminalGroup or Person node(s) to remove: 1 step(s), not 3" in result.stderr
    table = ok(graphkit("disrupt", "--steps", "1", db=seed_db))
    assert "removing CriminalGroup, Person" in table.stdout
    countries = json.loads(
        ok(
            graphkit("disrupt", "--target", "Country", "--steps", "2", "-f", "json", db=seed_db)
        ).stdout
    )
    assert all(s["removed"].startswith("Country:") for s in countries["sequential"][1:])
    one_line_error(
        graphkit("disrupt", "--target", "Agencie", db=seed_db), "--target: unknown label 'Agencie'"
    )
    one_line_error(
        graphkit("disrupt", "--target", "Person", db=seed_db), "nothing to remove: no Person"
    )


def test_disrupt_errors(seed_db: Path, empty_db: Path) -> None:
    one_line_error(graphkit("disrupt", db=empty_db), "empty")
    one_line_error(graphkit("disrupt", "--steps", "0", db=seed_db), "at least 1")
    bad = graphkit("disrupt", "--strategy", "closeness", db=seed_db)
    assert bad.returncode == 2 and "closeness" in bad.stderr  # typer's own usage error


def test_timeline(seed_db: Path, empty_db: Path) -> None:
    rows = json.loads(ok(graphkit("timeline", "-f", "json", db=seed_db)).stdout)
    assert len(rows) == 1
    (op,) = rows
    assert (op["date"], op["arrests"]) == ("--04-03", 64)
    assert op["countries"] == ["Belgium", "France", "Italy", "Netherlands"]
    assert op["agencies"][0] == {"name": "Belgian Federal Police", "role": "led"}
    assert "8,255 cannabis plants" in op["seizures"]
    table = ok(graphkit("timeline", db=seed_db))
    assert "1 operation(s)" in table.stderr and "Europol" in table.stdout
    assert json.loads(ok(graphkit("timeline", "-f", "json", db=empty_db)).stdout) == []
