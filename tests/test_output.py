"""Outputs never destroy: the one writer behind export, view and disrupt --plot.

A red-team pass found ``-o`` replacing a symbolic link and ``/dev/stdout`` with a file,
making a private 0600 file (and every new one, whatever the umask) 0644, destroying the
database when given ``DB/graph.lbug``, and ``export -f csv -o .`` overwriting files it did
not make. Each rule is checked here on :mod:`graphkit.output` directly and through the CLI.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from graphkit_cli import graphkit as run_graphkit

from graphkit.errors import OutputError
from graphkit.output import write_file, write_folder

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "facts" / "seed.json"


def text(data: str):
    return lambda handle: handle.write(data)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_file(tmp_path / "private.json", text("{}"))
        write_file(tmp_path / "run.sh", text("#!/bin/sh\n"), executable=True)
    finally:
        os.umask(old)
    assert mode(tmp_path / "private.json") == 0o600
    assert mode(tmp_path / "run.sh") == 0o700
    write_file(tmp_path / "shared.json", text("{}"))  # the usual umask: what others get
    assert mode(tmp_path / "shared.json") == 0o666 & ~old


@pytest.mark.parametrize("bits", [0o600, 0o640, 0o604, 0o755])
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, bits: int) -> None:
    target = tmp_path / "kept.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(bits)
    write_file(target, text("new"))
    assert target.read_text(encoding="utf-8") == "new"
    assert mode(target) == bits


def test_a_symbolic_link_is_never_written_through_or_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    for target in (link, dangling):
        with pytest.raises(OutputError, match="symbolic link"):
            write_file(target, text("new"))
        assert target.is_symlink()
    assert real.read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "nowhere.json").exists()


def test_only_regular_files_are_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for target in (fifo, sock_path, Path("/dev/null")):
            with pytest.raises(OutputError, match="not a regular file"):
                write_file(target, text("x"))
        assert stat.S_ISFIFO(fifo.lstat().st_mode) and stat.S_ISSOCK(sock_path.lstat().st_mode)
        assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    finally:
        sock.close()
    with pytest.raises(OutputError, match="is a folder"):
        write_file(tmp_path, text("x"))


def test_nothing_inside_a_protected_folder_or_beside_a_protected_file(tmp_path: Path) -> None:
    db = tmp_path / "db"
    (db / "sub").mkdir(parents=True)
    (db / "graph.lbug").write_bytes(b"database")
    for target in (db / "graph.lbug", db / "new.json", db / "sub" / "x.json", db):
        with pytest.raises(OutputError, match="part of the graph database"):
            write_file(target, text("x"), protect=[db])
    # through a different spelling of the same folder
    with pytest.raises(OutputError, match="part of the graph database"):
        write_file(tmp_path / "db" / ".." / "db" / "x.json", text("x"), protect=[db])
    single = tmp_path / "my.lbug"
    single.write_bytes(b"database")
    for target in (single, tmp_path / "my.lbug.wal"):
        with pytest.raises(OutputError, match="part of the graph database"):
            write_file(target, text("x"), protect=[single])
    assert (db / "graph.lbug").read_bytes() == single.read_bytes() == b"database"
    write_file(tmp_path / "my.json", text("fine"), protect=[db, single])  # beside: fine


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def broken(handle) -> None:
        handle.write("half")
        raise RuntimeError("the writer failed")

    with pytest.raises(RuntimeError):
        write_file(target, broken)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_folder_of_files_goes_only_into_a_new_or_empty_folder(tmp_path: Path) -> None:
    files = {"a.csv": (text("a"), {}), "run.sh": (text("#!/bin/sh\n"), {"executable": True})}
    new = tmp_path / "new" / "csv"
    assert write_folder(new, files) == [new / "a.csv", new / "run.sh"]
    empty = tmp_path / "empty"
    empty.mkdir()
    empty.chmod(0o700)
    write_folder(empty, files)
    assert sorted(p.name for p in empty.iterdir()) == ["a.csv", "run.sh"]
    assert mode(empty) == 0o700  # the folder the user made keeps its mode
    with pytest.raises(OutputError, match="not empty"):
        write_folder(empty, files)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "a.csv").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="not empty"):
        write_folder(busy, files)
    assert (busy / "a.csv").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy", "empty", "new"]


graphkit = partial(run_graphkit, process=True, text=False)
"""Real processes here (tests/graphkit_cli.py): /dev/stdout, modes and links as a user's
shell meets them."""


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("output") / "db"
    assert graphkit("--db", str(db), "load", str(SEED)).returncode == 0
    return db


def one_line(result: subprocess.CompletedProcess, fragment: str) -> None:
    stderr = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in stderr, stderr
    assert len(stderr.splitlines()) == 1 and fragment in stderr, stderr


def test_the_cli_never_writes_into_its_own_database(seeded: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in seeded.rglob("*") if p.is_file()}
    for args in (
        ["export", "-f", "json", "-o", str(seeded / "graph.lbug")],
        ["export", "-f", "csv", "-o", str(seeded / "csv")],
        ["view", "-o", str(seeded / "view.html")],
        ["disrupt", "--plot", str(seeded / "plot.png")],
    ):
        one_line(graphkit("--db", str(seeded), *args), "part of the graph database")
    assert {p: p.read_bytes() for p in seeded.rglob("*") if p.is_file()} == before
    assert graphkit("--db", str(seeded), "stats").returncode == 0


def test_the_cli_keeps_modes_links_and_unrelated_files(seeded: Path, tmp_path: Path) -> None:
    private = tmp_path / "private.json"
    private.write_text("x", encoding="utf-8")
    private.chmod(0o600)
    assert graphkit("--db", str(seeded), "export", "-f", "json", "-o", str(private)).returncode == 0
    assert mode(private) == 0o600 and private.read_text(encoding="utf-8").startswith("{")
    link = tmp_path / "link.html"
    link.symlink_to(private)
    one_line(graphkit("--db", str(seeded), "view", "-o", str(link)), "symbolic link")
    one_line(graphkit("--db", str(seeded), "export", "-f", "json", "-o", "/dev/null"), "regular")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    (cwd / "Agency.nodes.csv").write_text("mine", encoding="utf-8")
    one_line(graphkit("--db", str(seeded), "export", "-f", "csv", "-o", ".", cwd=cwd), "not empty")
    assert (cwd / "Agency.nodes.csv").read_text(encoding="utf-8") == "mine"
    assert link.is_symlink() and mode(private) == 0o600


def test_disrupt_plot_takes_a_png_name_only(seeded: Path, tmp_path: Path) -> None:
    folder = tmp_path / "plots"
    folder.mkdir()
    for target in (tmp_path / "x.txt", folder, tmp_path / "noext"):
        one_line(graphkit("--db", str(seeded), "disrupt", "--plot", str(target)), ".png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plots"]
    png = tmp_path / "plot.png"
    done = graphkit("--db", str(seeded), "disrupt", "--steps", "2", "--plot", str(png))
    assert done.returncode == 0, done.stderr.decode()
    assert png.read_bytes().startswith(b"\x89PNG")
    assert f"plot written to {png.resolve()}" in done.stderr.decode()


UNSHARE = """
mount -t tmpfs none /dev && ln -s /proc/self/fd/1 /dev/stdout && \
"$@" >"$ERR.out" 2>"$ERR"; echo "status=$?"; stat -c %F /dev/stdout
"""


def test_dev_stdout_survives_as_root_in_a_private_mount_namespace(
    seeded: Path, tmp_path: Path
) -> None:
    """As root, ``-o /dev/stdout`` once replaced the link with a regular file; in a private
    mount namespace (a /dev of its own) the link must still be a link afterwards."""
    if os.geteuid() != 0 or subprocess.run(["unshare", "-m", "true"]).returncode != 0:
        pytest.skip("needs root and unshare (CI runs as root)")
    err = tmp_path / "err"
    command = [sys.executable, "-m", "graphkit", "--db", str(seeded), "export", "-f", "json"]
    done = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            "-c",
            UNSHARE,
            "sh",
            *command,
            "-o",
            "/dev/stdout",
        ],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "ERR": str(err)},
        timeout=120,
    )
    status, kind = done.stdout.decode().split(maxsplit=1)
    assert status == "status=1", (done.stdout, done.stderr, err.read_text())
    assert kind.strip() == "symbolic link"
    assert "symbolic link" in err.read_text() and len(err.read_text().splitlines()) == 1
