"""One set of filter options for every command that filters (issue 13): ``--label``,
``--country``, ``--since``/``--until``, ``--certainty``, ``--report``; the old names
``--type`` and ``--reported-only`` still work, hidden, for one release."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graphkit_cli import SEED, graphkit, ok, one_line_error

from graphkit import cli

FILTERING = {
    "analyze": {"--label", "--country", "--since", "--until", "--certainty", "--report"},
    "disrupt": {"--label", "--country", "--since", "--until", "--certainty", "--report"},
    "export": {"--label", "--country", "--since", "--until", "--certainty", "--report"},
    "view": {"--label", "--country", "--since", "--until", "--certainty"},
    "timeline": {"--country", "--since", "--until", "--certainty", "--report"},
    "path": {"--certainty", "--report"},
}


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("filters") / "db"
    ok(graphkit("load", SEED, db=db))
    return db


@pytest.mark.parametrize("command", sorted(FILTERING))
def test_every_command_names_a_filter_alike(command: str) -> None:
    import typer

    group = typer.main.get_command(cli.app)
    params = group.commands[command].params  # type: ignore[attr-defined]
    shown = {o for p in params if not p.hidden for o in p.opts if o in cli.FILTER_FLAGS}
    hidden = {o for p in params if p.hidden for o in p.opts}
    assert shown == FILTERING[command]
    assert hidden == ({"--type"} if "--label" in shown else set()) | {"--reported-only"}
    help_text = ok(graphkit(command, "--help")).stdout
    assert "--reported-only" not in help_text and "--type" not in help_text


def test_the_old_names_mean_the_new_ones(seed_db: Path) -> None:
    def analyze(*flags: str) -> dict:
        return json.loads(
            ok(graphkit("analyze", "-f", "json", "-m", "degree", *flags, db=seed_db)).stdout
        )

    assert (
        analyze("--label", "Agency") == analyze("--type", "Agency") == analyze("--label", "agency")
    )
    assert analyze("--certainty", "reported") == analyze("--reported-only")
    assert analyze("--certainty", "reported") != analyze("--certainty", "all") == analyze()


def test_view_and_export_take_the_same_names(seed_db: Path, tmp_path: Path) -> None:
    for flags in (["--label", "Agency"], ["--type", "Agency"]):
        out = tmp_path / f"{flags[0].strip('-')}.json"
        ok(graphkit("export", "-f", "json", "-o", out, *flags, db=seed_db))
        assert {n["node_label"] for n in json.loads(out.read_text())["nodes"]} == {"Agency"}
    ok(
        graphkit(
            "view", "-o", tmp_path / "v.html", "--label", "Agency", "--reported-only", db=seed_db
        )
    )
    one_line_error(graphkit("view", "--label", "Ship", db=seed_db), "unknown label 'Ship'")
    one_line_error(graphkit("analyze", "--label", "Ship", db=seed_db), "unknown label 'Ship'")
