"""Every command of the CLI explains itself: ``graphkit --help`` and each subcommand's help.

The command tree is walked from the Typer app, so a new command is checked as soon as it
is added. Commands, arguments and options must all have help text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from graphkit.cli import app


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in (getattr(command, "commands", None) or {}).items():
        yield from walk(sub, (*path, name))


ROOT_COMMAND = typer.main.get_command(app)
COMMANDS = list(walk(ROOT_COMMAND))
SUBCOMMANDS = [(path, command) for path, command in COMMANDS if path]
IDS = [" ".join(path) or "graphkit" for path, _ in COMMANDS]


def test_the_tree_has_the_commands_we_document() -> None:
    names = {" ".join(path) for path, _ in SUBCOMMANDS}
    assert {"load", "query", "queries", "export", "view", "analyze", "schema"} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_command_has_help_text(path: tuple[str, ...], command: Any) -> None:
    text = (command.help or "").strip()
    assert len(text) > 15, f"graphkit {' '.join(path)} has no help text"
    for param in command.params:
        if param.param_type_name == "argument":
            assert (getattr(param, "help", None) or "").strip(), (path, param.name)


def test_every_option_has_help_text() -> None:
    missing = {
        (" ".join(path), param.opts[0])
        for path, command in SUBCOMMANDS
        for param in command.params
        if param.param_type_name == "option" and not (param.help or "").strip()
    }
    assert not missing, f"options without help: {sorted(missing)}"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_renders(path: tuple[str, ...], command: Any) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    first_line = (command.help or "").strip().splitlines()[0]
    assert " ".join(first_line.split()[:4]) in " ".join(result.output.split())
