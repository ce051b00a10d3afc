"""The notebooks in notebooks/, executed as a user would run them (nbclient, a real kernel).

The walkthrough runs on an embedded store in a temporary folder, from the repository
root and from notebooks/; the Neo4j notebook runs against the session's test Neo4j,
emptied first, with ``NEO4J_URI`` and friends set as a user would set them.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
WALKTHROUGH = NOTEBOOKS / "01-walkthrough.ipynb"
NEO4J = NOTEBOOKS / "02-neo4j.ipynb"
PERSONS = NOTEBOOKS / "03-person-networks.ipynb"
MONTAGNA = ROOT.parent / "shared" / "datasets" / "montagna"
TIMEOUT = 300


def execute(path: Path, cwd: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=TIMEOUT, kernel_name="python3", resources={"metadata": {"path": cwd}}
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    return notebook


def outputs(notebook: nbformat.NotebookNode) -> tuple[str, set[str]]:
    """All text the notebook printed, and the MIME types of its rich outputs."""
    text, kinds = [], set()
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                text.append(output.text)
            kinds.update(output.get("data", {}))
    return "".join(text), kinds


def html_of(notebook: nbformat.NotebookNode) -> str:
    """All HTML the notebook displayed (tables, inline views)."""
    return "".join(
        output.get("data", {}).get("text/html", "")
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )


@pytest.mark.parametrize("path", [WALKTHROUGH, NEO4J, PERSONS], ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("cwd", [ROOT, NOTEBOOKS], ids=["from-root", "from-notebooks"])
def test_walkthrough_runs_on_the_embedded_store(cwd: Path) -> None:
    before = sorted(p.name for p in NOTEBOOKS.iterdir())
    notebook = execute(WALKTHROUGH, cwd)
    text, kinds = outputs(notebook)
    assert f"repository: {ROOT}" in text
    loaded = re.search(r"(\d+) of (\d+) inputs loaded", text)
    assert loaded and loaded[1] == loaded[2] != "0"
    assert "failed:" not in text
    assert {"text/html", "image/png"} <= kinds  # tables, the plot and the inline view
    html = html_of(notebook)
    assert "<iframe srcdoc=" in html  # graphkit.view.show, inline
    assert "&#x27;Ndrangheta" in html or "'Ndrangheta" in html
    assert sorted(p.name for p in NOTEBOOKS.iterdir()) == before  # scratch files go to /tmp


@pytest.mark.neo4j
def test_neo4j_notebook_runs_against_the_test_neo4j(
    empty_neo4j, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in empty_neo4j.env.items():
        monkeypatch.setenv(name, value)
    notebook = execute(NEO4J, ROOT)
    text, kinds = outputs(notebook)
    assert f"connected to {empty_neo4j.uri}" in text
    assert "failed:" not in text
    assert text.count("same rows on both stores: True") == 3
    assert "allShortestPaths" in text  # the Neo4j dialect was shown and used
    assert "image/png" in kinds and "text/html" in kinds


def test_neo4j_notebook_explains_a_missing_uri(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(Exception, match="Set NEO4J_URI"):
        execute(NEO4J, ROOT)


def test_person_network_notebook_on_the_bundled_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the Montagna data, the invented network in data/edges/: imported once (the
    second import changes nothing), ranked, disrupted, plotted; nothing left behind."""
    monkeypatch.setenv("GRAPHKIT_MONTAGNA", str(tmp_path / "absent"))
    before = sorted(p.name for p in NOTEBOOKS.iterdir())
    notebook = execute(PERSONS, NOTEBOOKS)
    text, kinds = outputs(notebook)
    assert "data/edges/meetings.csv: 30 ties between 20 persons, 0 bad rows" in text
    assert "importing it again: nothing changed" in text
    assert "20 persons, 30 ties, 1 connected component(s)" in text
    # the brokers between the two cells come first, then the bosses
    assert "first five removed (sequential): Mirko Esposito, Aldo Ferrante" in text
    assert {"text/html", "image/png"} <= kinds
    html = html_of(notebook)
    assert "<iframe srcdoc=" in html and "Ivo Bellini" in html  # the inline persons view
    assert sorted(p.name for p in NOTEBOOKS.iterdir()) == before


@pytest.mark.skipif(not (MONTAGNA / "meetings.tsv").is_file(), reason="no Montagna data")
def test_person_network_notebook_reproduces_the_paper(monkeypatch: pytest.MonkeyPatch) -> None:
    """On the Montagna meetings: betweenness, sequential, brings the LCC to 9% after 14
    removals (Cavallaro et al. 2020, Fig. 5) and is the most effective strategy."""
    monkeypatch.setenv("GRAPHKIT_MONTAGNA", str(MONTAGNA))
    notebook = execute(PERSONS, ROOT)
    text, _ = outputs(notebook)
    assert "256 ties between 101 persons, 0 bad rows" in text
    assert "most effective strategy here (smallest area under the LCC curve): betweenness" in text
    html = html_of(notebook)
    assert re.search(r"<td>betweenness</td><td>\d+%</td><td>\d+%</td><td>9%</td>", html)
