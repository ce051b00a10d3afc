"""The view without a browser: what the page contains, what it leaves out, what it writes."""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import json
import os
import re
from pathlib import Path

import pytest
from view_hostile import NAMES, SENTENCES, TITLE, hostile_document
from view_synthetic import synthetic_graph

from graphkit.errors import GraphkitError
from graphkit.facts import FactsDocument
from graphkit.store.ladybug import LadybugStore
from graphkit.view import (
    ColorBy,
    Projection,
    SizeBy,
    View,
    ViewOptions,
    build_view,
    show,
    view_store,
)
from graphkit.view.build import ALLEGED_DASHES, ViewError, build_network
from graphkit.view.page import script_json, vis_assets

SEED = Path(__file__).resolve().parents[2] / "data" / "facts" / "seed.json"
SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def scripts(page: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in SCRIPT.finditer(page)]


def data_block(page: str) -> dict:
    (_, text), *_ = [s for s in scripts(page) if "application/json" in s[0]]
    return json.loads(text)


def csp(page: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert match, "no Content-Security-Policy"
    return html.unescape(match.group(1))


@pytest.fixture
def hostile_store(tmp_path: Path):
    store = LadybugStore(tmp_path / "hostile-db")
    store.write(hostile_document())
    yield store
    store.close()


# --------------------------------------------------------------------------------------
# Self-contained, offline
# --------------------------------------------------------------------------------------


def test_page_inlines_vis_network_from_pyvis_and_refers_to_nothing(seed_store) -> None:
    view = view_store(seed_store)
    page = view.html
    version, vis_js, vis_css = vis_assets()
    assert vis_js.strip() in page and vis_css.strip() in page
    import pyvis

    assert (Path(pyvis.__file__).parent / "lib" / f"vis-{version}").is_dir()
    ours = page.replace(vis_js, "").replace(vis_css, "")
    # nothing to fetch: no src/href attributes, no <link>, no CDN, no source map
    assert not re.search(
        r"<(script|link|img|iframe|object|embed)\b[^>]*\b(src|href)\s*=", ours, re.I
    )
    assert "<link" not in ours.lower()
    for needle in ("cdn", "unpkg", "jsdelivr", "cloudflare", "bootstrap", "tom-select"):
        assert needle not in ours.lower()
    assert "sourceMappingURL" not in page
    assert not re.search(r"https?://", ours.replace("http://www.w3.org/2000/svg", ""))
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_csp_forbids_the_network_and_allows_exactly_our_scripts(seed_store) -> None:
    page = view_store(seed_store).html
    policy = csp(page)
    assert "default-src 'none'" in policy
    assert "connect-src 'none'" in policy and "img-src data:" in policy
    assert "unsafe" not in policy
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))

    def hashes(texts: list[str]) -> set[str]:
        return {"'sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() + "'"
                for t in texts}  # fmt: skip

    executable = [text for attrs, text in scripts(page) if "application/json" not in attrs]
    assert len(executable) == 2
    assert set(directives["script-src"].split()) == hashes(executable)
    styles = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    assert len(styles) == 2
    assert set(directives["style-src"].split()) == hashes(styles)
    assert page.index("Content-Security-Policy") < page.index("<script")


def test_data_block_escapes_markup_and_round_trips() -> None:
    payload = {"s": "</script><!-- <img src=x onerror=alert(1)> & \u2028\u2029 'q' \"d\" é 東"}
    text = script_json(payload)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == payload
    with pytest.raises(ValueError):
        script_json({"x": float("nan")})
    # values pyvis would choke on (dates, decimals) travel as text
    from datetime import date
    from decimal import Decimal

    assert json.loads(script_json({"d": date(2024, 1, 2), "n": Decimal("1.5")})) == {
        "d": "2024-01-02",
        "n": "1.5",
    }


# --------------------------------------------------------------------------------------
# Hostile text is data, never markup
# --------------------------------------------------------------------------------------


def test_hostile_report_text_never_reaches_the_markup(hostile_store) -> None:
    page = view_store(hostile_store).html
    _, vis_js, _ = vis_assets()
    ours = page.replace(vis_js, "")
    # only our three script elements, no element the payloads would create
    assert len(re.findall(r"<script", ours, re.I)) == 3
    assert len(re.findall(r"</script", ours, re.I)) == 3
    for tag in ("<img", "<svg", "<iframe", "<a href", "<b>", "<title>x"):
        assert tag not in ours.lower()
    assert "__pwned" in page  # the payloads are there, as escaped data...
    data = data_block(page)
    text = json.dumps(data, ensure_ascii=False)
    for name in NAMES:  # ...and come back unchanged
        assert json.dumps(name, ensure_ascii=False)[1:-1] in text
    names = {n["gk"]["name"] for n in data["nodes"]}
    assert set(NAMES) <= names
    evidence = {ev[1] for e in data["edges"] for ev in e["gk"]["evidence"]}
    assert set(SENTENCES) <= evidence
    assert TITLE in {r[0] for r in data["reports"].values()}
    alleged = {e["gk"]["type"] for e in data["edges"] if e["dashes"] == ALLEGED_DASHES}
    assert alleged == {"TARGETED", "OPERATED_IN"}


def test_hostile_text_in_the_notebook_iframe_is_attribute_escaped(hostile_store) -> None:
    view = view_store(hostile_store)
    frame = view._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and frame.endswith("</iframe>")
    srcdoc = frame[len('<iframe srcdoc="') : frame.index('" sandbox=')]
    assert '"' not in srcdoc and "<" not in srcdoc
    assert html.unescape(srcdoc) == view.html
    assert 'sandbox="allow-scripts"' in frame


# --------------------------------------------------------------------------------------
# Files: UTF-8, atomic, nothing left in the working directory
# --------------------------------------------------------------------------------------


def test_save_writes_utf8_and_leaves_nothing_in_the_cwd(
    seed_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    view = view_store(seed_store)
    view._repr_html_()
    out = tmp_path / "out" / "nested" / "view.html"
    assert view.save(out) == out.resolve()
    assert list(cwd.iterdir()) == []  # no lib/ folder, no temp file, nothing
    assert sorted(p.name for p in out.parent.iterdir()) == ["view.html"]
    raw = out.read_bytes()
    assert raw.decode("utf-8") == view.html
    assert oct(out.stat().st_mode & 0o777) == "0o644"
    with pytest.raises(ViewError, match="folder"):
        view.save(tmp_path)


def test_non_ascii_names_survive(tmp_path: Path) -> None:
    graph = synthetic_graph(30)
    node = next(n for n in graph.nodes if n.label == "Report")
    node.properties["title"] = "Guardia di Finanza – Ñandú 東京 \u2028 😀"
    view = build_view(graph)
    data = data_block(view.html)
    assert node.properties["title"] in {r[0] for r in data["reports"].values()}
    path = view.save(tmp_path / "v.html")
    assert "\u2028" not in path.read_text(encoding="utf-8")


def test_building_does_not_change_the_graph() -> None:
    graph = synthetic_graph(200)
    before = copy.deepcopy(graph)
    build_view(graph, ViewOptions(color_by=ColorBy.community, focus="agency:3", hops=2))
    assert graph == before


# --------------------------------------------------------------------------------------
# What the view shows
# --------------------------------------------------------------------------------------


def test_seed_view_shows_every_entity_with_its_style(seed_store) -> None:
    graph = seed_store.read_graph()
    data = build_network(graph, ViewOptions())
    assert len(data.nodes) == len(graph.nodes)
    by_type = {}
    for node in data.nodes:
        by_type.setdefault(node["gk"]["type"], set()).add((node["shape"], node["color"]))
    assert all(len(styles) == 1 for styles in by_type.values())  # one style per type
    assert len({s for styles in by_type.values() for s in styles}) == len(by_type)
    legend = {row["type"]: row["count"] for row in data.legend["nodes"]}
    assert legend == {t: sum(1 for n in data.nodes if n["gk"]["type"] == t) for t in by_type}
    edge_colors = {e["gk"]["type"]: e["color"] for e in data.edges}
    assert len(set(edge_colors.values())) == len(edge_colors)
    # every relationship of the store is behind some drawn edge, with its evidence
    drawn = sum(len(e["gk"]["evidence"]) for e in data.edges)
    assert drawn == len(graph.edges)
    assert data.legend["sizeBy"] == "degree"
    assert all(n["value"] == data.measures["degree"][n["id"]] for n in data.nodes)


def test_alleged_relationships_are_dotted_and_certainty_reported_drops_them(seed_store) -> None:
    graph = seed_store.read_graph()
    alleged = [e for e in graph.edges if e.properties["certainty"] == "alleged"]
    assert alleged
    data = build_network(graph, ViewOptions())
    assert any(e["dashes"] == ALLEGED_DASHES for e in data.edges) and data.legend["alleged"]
    reported = build_network(graph, ViewOptions(certainty="reported"))
    assert not any(e["dashes"] == ALLEGED_DASHES for e in reported.edges)
    assert not reported.legend["alleged"]


def test_types_focus_and_hops(seed_store) -> None:
    graph = seed_store.read_graph()
    agencies = build_network(graph, ViewOptions(labels=frozenset({"agency", "Country"})))
    assert {n["gk"]["type"] for n in agencies.nodes} == {"Agency", "Country"}
    one = build_network(graph, ViewOptions(focus="europol", hops=1))
    two = build_network(graph, ViewOptions(focus="Europol", hops=2))
    zero = build_network(graph, ViewOptions(focus="agency:eu:europol", hops=0))
    assert [n["gk"]["name"] for n in zero.nodes] == ["Europol"]
    assert 1 < len(one.nodes) < len(two.nodes)
    europol = "Agency:agency:eu:europol"
    neighbours = {
        e["to"] if e["from"] == europol else e["from"]
        for e in one.edges
        if europol in (e["from"], e["to"])
    }
    assert neighbours | {europol} == {n["id"] for n in one.nodes}
    with pytest.raises(ViewError, match="--focus: no entity matches 'Atlantis'"):
        build_network(graph, ViewOptions(focus="Atlantis"))
    # one rule with path: an ambiguous name is refused, with the candidates
    with pytest.raises(ViewError, match=r"ambiguous; did you mean: .*Police.*Label:key"):
        build_network(graph, ViewOptions(focus="police"))
    assert one.nodes == build_network(graph, ViewOptions(focus="Europool", hops=1)).nodes
    with pytest.raises(ViewError, match="unknown label 'Spaceship'"):
        build_network(graph, ViewOptions(labels=frozenset({"Spaceship"})))
    assert issubclass(ViewError, GraphkitError)


def test_projections_colour_by_community_and_size_by_measure(seed_store) -> None:
    graph = seed_store.read_graph()
    agencies = build_network(graph, ViewOptions(projection=Projection.agencies))
    assert {n["gk"]["type"] for n in agencies.nodes} == {"Agency"}
    assert agencies.edges and all(e["gk"]["type"] == "WORKED_WITH" for e in agencies.edges)
    assert all(e["gk"]["props"][0][0] == "weight" for e in agencies.edges)
    countries = build_network(graph, ViewOptions(projection="countries", size_by=SizeBy.pagerank))
    assert {n["gk"]["type"] for n in countries.nodes} == {"Country"}
    assert countries.legend["sizeBy"] == "pagerank"
    assert all(n["gk"]["measures"][0][0] == "pagerank" for n in countries.nodes)
    community = build_network(graph, ViewOptions(color_by=ColorBy.community))
    legend = community.legend["communities"]
    assert legend and sum(row["count"] for row in legend) == len(community.nodes)
    assert len({n["color"] for n in community.nodes}) > 1
    assert {n["color"] for n in community.nodes} <= {row["color"] for row in legend}
    betweenness = build_network(graph, ViewOptions(size_by="betweenness", projection="groups"))
    assert betweenness.legend["sizeBy"] == "betweenness"


def test_large_graphs_are_capped_with_a_notice() -> None:
    graph = synthetic_graph(2000)
    view = build_view(graph)
    assert view.nodes == 1500 and view.total_nodes >= 2000
    assert view.notice and "1,500 of" in view.notice
    assert view.notice in data_block(view.html)["notice"]
    data = build_network(graph, ViewOptions(max_nodes=50))
    degree = data.measures["degree"]
    kept = {n["id"] for n in data.nodes}
    assert min(degree[n] for n in kept) >= max(degree[n] for n in degree if n not in kept)
    focused = build_network(graph, ViewOptions(max_nodes=40, focus="agency:3", hops=3))
    assert len(focused.nodes) == 40 and "nearest the focus" in focused.notice
    assert "Agency:agency:3" in {n["id"] for n in focused.nodes}
    small = build_view(synthetic_graph(100))
    assert small.notice is None


def test_empty_graph_gives_a_page() -> None:
    from graphkit.store.base import GraphData

    view = build_view(GraphData())
    assert view.nodes == 0 and view.edges == 0
    assert "graphkit view" in view.html


def test_show_accepts_a_graph_or_a_store(
    seed_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = set(os.listdir(tmp_path))
    graph = seed_store.read_graph()
    assert isinstance(show(graph, type=["Agency"]), View)
    by_store = show(seed_store, country="BE", hops=1)
    assert by_store.nodes > 0
    assert "<iframe srcdoc=" in by_store._repr_html_()
    assert set(os.listdir(tmp_path)) == before  # nothing written
    with pytest.raises(GraphkitError):
        show(graph, colour="red")


def test_the_view_is_the_same_from_either_store(store, tmp_path: Path) -> None:
    """Embedded and Neo4j: the same facts give the same page data."""
    seed = FactsDocument.read(SEED)
    store.write(seed)
    data = data_block(view_store(store).html)
    assert data["stats"]["nodes"] == 18
    reference = LadybugStore(tmp_path / "reference")
    try:
        reference.write(seed)
        expected = data_block(view_store(reference).html)
    finally:
        reference.close()
    assert data["nodes"] == expected["nodes"] and data["edges"] == expected["edges"]


def test_in_jupyter_the_view_displays_inline_without_files(seed_store, tmp_path: Path) -> None:
    """A real kernel: ``show(...)`` as a cell's value renders an iframe, writes nothing."""
    import nbclient
    import nbformat

    graph = seed_store.read_graph()
    pickled = tmp_path / "graph.pickle"
    import pickle

    pickled.write_bytes(pickle.dumps(graph))
    work = tmp_path / "notebook-cwd"
    work.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import pickle, pathlib\n"
            "from graphkit.view import show\n"
            f"graph = pickle.loads(pathlib.Path({str(pickled)!r}).read_bytes())\n"
            "show(graph, focus='Europol', hops=1)"
        )
    ]
    nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    ).execute()
    outputs = notebook.cells[0].outputs
    html_out = next(o for o in outputs if o.get("output_type") == "execute_result")
    frame = html_out["data"]["text/html"]
    assert frame.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in frame
    assert "Europol" in html.unescape(frame)
    assert list(work.iterdir()) == []  # no lib/ folder, no HTML file
