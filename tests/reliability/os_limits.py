"""The CLI as a real process under the limits of a real system: file permissions enforced
even when the tests run as root, a file size limit, a full file system.

Root ignores permission bits through three capabilities (CAP_DAC_OVERRIDE,
CAP_DAC_READ_SEARCH, CAP_FOWNER). Dropping them from the child's bounding set before it
runs Python makes the kernel check root's access like any other owner's: the test files
stay owned by the same user, so nothing has to be chowned, and the interpreter stays
reachable (a different user such as ``nobody`` cannot run a Python installed under a
0700 home folder, as in CI's pyenv under /root).
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_cli import ROOT

PR_CAPBSET_DROP = 24  # <linux/prctl.h>
ROOT_OVERRIDES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER

PreExec = Callable[[], None]


def drop_root_overrides() -> None:
    """``preexec_fn``: the child (as root) obeys file permission bits."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in ROOT_OVERRIDES:
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def file_size_limit(limit: int) -> PreExec:
    """``preexec_fn``: no file can grow past ``limit`` bytes. Python ignores SIGXFSZ, so a
    write past it fails with EFBIG (or comes back short) instead of killing the child."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def graphkit_as(
    preexec: PreExec | None, *args: str, db: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """``python -m graphkit [--db db] args`` in the repository root, ``preexec`` applied."""
    command = [sys.executable, "-m", "graphkit"]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        timeout=timeout,
        env=dict(os.environ),
        cwd=ROOT,
        preexec_fn=preexec,
    )


def unprivileged(probe_dir: Path) -> PreExec | None:
    """The ``preexec_fn`` under which file permissions hold (None if they already do), or
    skip the test when this system cannot make them hold for root."""
    if os.geteuid() != 0:
        return None
    probe_dir.mkdir()
    probe_dir.chmod(0o555)
    try:
        done = subprocess.run(
            ["/bin/sh", "-c", ': > "$0"', str(probe_dir / "x")],
            capture_output=True,
            preexec_fn=drop_root_overrides,
        )
    except subprocess.SubprocessError as exc:  # prctl refused: no CAP_SETPCAP here
        pytest.skip(f"running as root and cannot drop its permission override: {exc}")
    finally:
        probe_dir.chmod(0o755)
    if done.returncode == 0:
        pytest.skip("running as root and file permissions are still not enforced")
    return drop_root_overrides


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder (made readable for the moment if it is not)."""
    mode = folder.stat().st_mode & 0o777
    folder.chmod(0o755)
    try:
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    finally:
        folder.chmod(mode)
