"""The notebooks in notebooks/, executed as a user would run them (nbclient, a real kernel).

The walkthrough runs on an embedded store in a temporary folder, from the repository
root and from notebooks/; the Neo4j notebook runs against the session's test Neo4j,
emptied first, with ``NEO4J_URI`` and friends set as a user would set them.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from graphkit.notebook import SCRATCH_PREFIX

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
WALKTHROUGH = NOTEBOOKS / "01-walkthrough.ipynb"
NEO4J = NOTEBOOKS / "02-neo4j.ipynb"
PERSONS = NOTEBOOKS / "03-person-networks.ipynb"
YOURS = NOTEBOOKS / "04-your-reports.ipynb"
ALL = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
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


def stream_text(notebook: nbformat.NotebookNode) -> list[str]:
    """What each code cell printed, cell by cell."""
    return [
        "".join(o.text for o in cell.get("outputs", []) if o.output_type == "stream")
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


def scratch_folders() -> list[str]:
    return sorted(p.name for p in Path(tempfile.gettempdir()).glob(SCRATCH_PREFIX + "*"))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_notebooks_are_stored_with_their_outputs(path: Path) -> None:
    """Run in order, top to bottom, without an error, and nothing of this machine in them."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))
    assert sum(bool(c.outputs) for c in cells) >= len(cells) // 2
    for cell in cells:
        for output in cell.outputs:
            assert output.output_type != "error", output
            shown = json.dumps(output)
            assert str(ROOT) not in shown and "/tmp/" not in shown, shown[:300]


@pytest.mark.parametrize("cwd", [ROOT, NOTEBOOKS], ids=["from-root", "from-notebooks"])
def test_walkthrough_runs_on_the_embedded_store(cwd: Path) -> None:
    before, scratch = sorted(p.name for p in NOTEBOOKS.iterdir()), scratch_folders()
    notebook = execute(WALKTHROUGH, cwd)
    text, kinds = outputs(notebook)
    loaded = re.search(r"(\d+) of (\d+) inputs loaded", text)
    assert loaded and loaded[1] == loaded[2] != "0"
    assert "failed:" not in text
    assert {"text/html", "image/png"} <= kinds  # tables, the plot and the inline view
    html = html_of(notebook)
    assert "<iframe srcdoc=" in html  # graphkit.view.show, inline
    assert "&#x27;Ndrangheta" in html or "'Ndrangheta" in html
    assert sorted(p.name for p in NOTEBOOKS.iterdir()) == before
    assert scratch_folders() == scratch  # the scratch folder is gone
    # the outputs stored in the repository are what it prints today (`make notebooks`)
    assert stream_text(notebook) == stream_text(nbformat.read(WALKTHROUGH, as_version=4))


def test_your_reports_notebook_on_the_samples_matches_what_is_stored() -> None:
    scratch = scratch_folders()
    notebook = execute(YOURS, ROOT)
    text, kinds = outputs(notebook)
    assert "8 file(s) in data/reports (the samples)" in text
    assert "exit status: 0" in text and "relationships created" in text
    assert "text/html" in kinds and "\x1b[" not in text  # plain text, no terminal codes
    assert "--0" not in html_of(notebook)  # dates without a year are shown as "14 Mar"
    assert scratch_folders() == scratch
    assert stream_text(notebook) == stream_text(nbformat.read(YOURS, as_version=4))


def test_your_reports_notebook_on_a_folder_of_ones_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "my reports"
    own.mkdir()
    (own / "a.txt").write_text(
        "Spanish police dismantle smuggling ring\n\nThe Guardia Civil arrested 7 suspects "
        "of migrant smuggling in Spain, supported by Europol.",
        encoding="utf-8",
    )
    (own / "b.md").write_text(
        "# Raid in Italy\n\nItalian Carabinieri arrested 3 people in Italy for drug "
        "trafficking and seized 40 kg of cocaine.",
        encoding="utf-8",
    )
    (own / "broken.txt").write_bytes(b"\x00\x00binary")
    monkeypatch.setenv("GRAPHKIT_REPORTS", str(own))
    notebook = execute(YOURS, ROOT)
    text, _ = outputs(notebook)
    assert "3 file(s) in my reports" in text
    assert "exit status: 1" in text and "broken.txt" in text
    html = html_of(notebook)
    assert "Raid in Italy" in html and "Spanish police dismantle smuggling ring" in html
    assert re.search(r"<td style='text-align:left'>Spain</td><td style='text-align:left'>7<", html)
    assert "looks like a binary file" in html  # the failure, in the API's table


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
    before, scratch = sorted(p.name for p in NOTEBOOKS.iterdir()), scratch_folders()
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
    assert scratch_folders() == scratch


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
    cell = "<td style='text-align:left'>"
    assert re.search(f"{cell}betweenness</td>(?:{cell}\\d+%</td>){{2}}{cell}9%</td>", html)
