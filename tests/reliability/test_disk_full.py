"""The disk fills up in the middle of a load into the embedded store.

LadybugDB reports a write to its log that comes back short (a file size limit, a full
file system) as "Cannot write to file ... numBytesWritten", and left alone it then aborts
the process when the database is closed. graphkit must instead stop the load with one
line naming the database, keep every report committed before it (whole reports only),
and finish the load on a re-run once there is room.

Two mechanisms, both real: RLIMIT_FSIZE in the loader's process (EFBIG, works anywhere),
and a small tmpfs that really fills up (ENOSPC; needs the right to mount, else skipped).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from factories import expected_graph
from many_reports import write_reports
from os_limits import file_size_limit, graphkit_as
from reliability_cli import assert_ok, assert_one_line_error, graphkit

from graphkit.store.ladybug import LadybugStore

FIRST, MORE = 100, 600
# Loading MORE reports writes ~3 MiB of log; 1.5 MiB of room ends the load part way through.
ROOM = 3 << 19
FULL = "the disk is full or a file size limit was reached"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory):
    """FIRST reports already loaded (a database to copy), MORE to load, and all documents."""
    base = tmp_path_factory.mktemp("full")
    docs = write_reports(base / "first", FIRST) + write_reports(base / "more", MORE, FIRST)
    db = base / "db"
    assert_ok(graphkit("load", str(base / "first"), db=db))
    return db, base / "more", docs


def read(db: Path):
    with LadybugStore(db) as store:  # read-write: recovery may drop a torn log tail
        return store.read_graph()


def assert_whole_reports(db: Path, docs) -> int:
    """The graph holds the first ``n`` reports, each whole, and nothing else."""
    graph = read(db)
    loaded = sum(node.label == "Report" for node in graph.nodes)
    assert graph == expected_graph(docs[:loaded]), loaded
    return loaded


def assert_stopped_cleanly(result: subprocess.CompletedProcess, db: Path) -> None:
    """Exit status 1 (not SIGABRT), one line naming the database and the cause."""
    assert result.returncode == 1, (result.returncode, result.stderr.decode()[-2000:])
    assert_one_line_error(result, str(db), FULL)


def test_file_size_limit_mid_load(reports, tmp_path: Path) -> None:
    seeded, more, docs = reports
    db = tmp_path / "db"
    shutil.copytree(seeded, db)
    result = graphkit_as(file_size_limit(ROOM), "load", str(more), db=db)
    assert_stopped_cleanly(result, db)
    loaded = assert_whole_reports(db, docs)
    assert FIRST < loaded < FIRST + MORE  # the limit was hit mid-load, after some commits
    assert_ok(graphkit("load", str(more), db=db))
    assert read(db) == expected_graph(docs)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A tmpfs mounted at a folder of ``tmp_path``; yields a function that resizes it."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m,mode=0755", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")

    def resize(size: int) -> None:
        remount = ["mount", "-o", f"remount,size={size}", str(mount_point)]
        subprocess.run(remount, check=True, capture_output=True)

    try:
        yield mount_point, resize
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def test_full_file_system_mid_load(reports, small_disk) -> None:
    seeded, more, docs = reports
    mount_point, resize = small_disk
    db = mount_point / "db"
    shutil.copytree(seeded, db)
    used = sum(p.stat().st_size for p in db.iterdir())
    resize(used + ROOM)
    result = graphkit_as(None, "load", str(more), db=db)
    stat = os.statvfs(mount_point)
    assert stat.f_bavail * stat.f_frsize < 64 << 10  # really full
    assert_stopped_cleanly(result, db)
    resize(256 << 20)  # room again: reopening replays the log
    loaded = assert_whole_reports(db, docs)
    assert FIRST < loaded < FIRST + MORE
    assert_ok(graphkit("load", str(more), db=db))
    assert read(db) == expected_graph(docs)
