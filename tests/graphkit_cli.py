"""The one way tests run the command line: ``graphkit(*args, db=...)``.

In-process by default (Typer's ``CliRunner``, through :func:`graphkit.cli.run`, so a
failure is the same one line on stderr and exit status as for a user); ``process=True``
runs ``python -m graphkit`` as a real process where that is the point (signals, stdin and
stdout as files, the installed entry point, start-up imports). Either way the result is a
:class:`subprocess.CompletedProcess` with text output (bytes with ``text=False``).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "facts" / "seed.json"


def graphkit(
    *args: str | os.PathLike[str],
    db: str | os.PathLike[str] | None = None,
    stdin: str | bytes | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] = ROOT,
    process: bool = False,
    text: bool = True,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """``graphkit [--db DB] ARGS``; ``env`` replaces the environment of a process and adds
    to it in-process."""
    argv = [*(["--db", str(db)] if db is not None else []), *map(str, args)]
    if process:
        done = subprocess.run(
            [sys.executable, "-m", "graphkit", *argv],
            input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
            capture_output=True,
            timeout=timeout,
            env=dict(env) if env is not None else None,
            cwd=cwd,
        )
        if text:
            done.stdout, done.stderr = done.stdout.decode(), done.stderr.decode()
        return done
    return _in_process(argv, stdin, env, cwd, text)


def _in_process(
    argv: list[str],
    stdin: str | bytes | None,
    env: Mapping[str, str] | None,
    cwd: str | os.PathLike[str],
    text: bool,
) -> subprocess.CompletedProcess:
    from graphkit import cli

    status = 0
    with _cwd(cwd), CliRunner().isolation(input=stdin, env=dict(env or {})) as streams:
        saved, sys.argv = sys.argv, ["graphkit", *argv]
        try:
            cli.run()
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.argv = saved
            sys.stdout.flush()
            sys.stderr.flush()
        stdout, stderr = streams[0].getvalue(), streams[1].getvalue()
    if text:
        return subprocess.CompletedProcess(argv, status, stdout.decode(), stderr.decode())
    return subprocess.CompletedProcess(argv, status, stdout, stderr)


@contextlib.contextmanager
def _cwd(folder: str | os.PathLike[str]) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """``result``, after checking it succeeded (stderr shown when not)."""
    assert result.returncode == 0, (result.stdout, result.stderr)
    return result


def one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> str:
    """The one ``error:`` line of a failed command, after checking it holds ``fragments``."""
    stderr = result.stderr if isinstance(result.stderr, str) else result.stderr.decode()
    assert result.returncode == 1, (result.stdout, stderr)
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, stderr
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    return errors[0]
