"""Run the notebooks and store them with their outputs (`make notebooks`).

A reader on the web sees the results without running anything; the tests run every notebook
again and check that the stored outputs are what it prints today. The Neo4j notebook runs
against a throwaway Neo4j (tests/neo4j/server.py) unless NEO4J_URI names one; the person
networks notebook uses the Montagna data when ../shared/datasets/montagna is there.

    python notebooks/execute.py [NOTEBOOK ...]
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TIMEOUT = 600


def execute(path: Path, cwd: Path = ROOT) -> nbformat.NotebookNode:
    """The notebook at ``path``, executed in a fresh kernel from ``cwd`` (raises on an error)."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=TIMEOUT, kernel_name="python3", resources={"metadata": {"path": cwd}}
    )
    client.execute()
    return notebook


@contextlib.contextmanager
def neo4j() -> Iterator[None]:
    """NEO4J_URI as given, or a throwaway server for the time of the run."""
    if os.environ.get("NEO4J_URI"):
        yield
        return
    sys.path.insert(0, str(ROOT / "tests" / "neo4j"))
    from server import Neo4jServer

    with Neo4jServer() as uri:
        os.environ["NEO4J_URI"] = uri
        try:
            yield
        finally:
            del os.environ["NEO4J_URI"]


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sorted(HERE.glob("[0-9][0-9]-*.ipynb"))
    for path in paths:
        context = neo4j() if "neo4j" in path.name else contextlib.nullcontext()
        with context:
            notebook = execute(path)
        nbformat.write(notebook, path)
        print(f"{path.relative_to(ROOT)}: executed, outputs stored")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
