"""Writing graphkit's output files (exports, views, plots): all or nothing, and never
destroying what is not ours to replace.

One writer for every command that takes ``-o`` / ``--plot``, so the rules hold everywhere:

- a file is written to a temporary file beside the target and renamed over it: a reader
  (or a crash) never sees half a file;
- only a regular file is ever replaced: not a folder, a device (``/dev/stdout``), a pipe
  or a socket, and not a symbolic link (nothing is written *through* a link: name the
  file itself);
- a replaced file keeps its permission bits (a private 0600 file stays private); a new
  file gets what the umask allows, as any other program's would;
- nothing is written inside the database (the folder graphkit keeps the embedded store
  in, or the database file and its siblings such as ``graph.lbug.wal``);
- a multi-file output (``export -f csv``) goes into a new or empty folder only, built
  beside it and renamed into place, so unrelated files are never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from graphkit.errors import GraphkitError, OutputError

Writer = Callable[[IO[Any]], Any]


def write_file(
    path: str | os.PathLike[str],
    write: Writer,
    *,
    binary: bool = False,
    newline: str | None = None,
    executable: bool = False,
    protect: Iterable[Path] = (),
    error: type[GraphkitError] = OutputError,
    example: str | None = None,
) -> Path:
    """Write ``path`` with ``write(handle)`` under the rules above; returns the path.

    ``error`` is the exception a refusal or an I/O failure is raised as (the caller's own
    kind: ``ExportError``, ``ViewError``...). ``executable`` makes a new file executable
    where the umask allows. ``example`` is a file name the refusal of a folder suggests.
    """
    target = Path(path).expanduser()
    try:
        existing = _check_target(target, protect, error, example)
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = 0o777 if executable else 0o666
        fd, temp = _temporary_file(target, mode)
        try:
            text = {} if binary else {"encoding": "utf-8", "newline": newline}
            with os.fdopen(fd, "wb" if binary else "w", **text) as handle:
                if existing is not None:
                    _keep_owner_and_mode(handle.fileno(), existing)
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())  # the rename must not land before the data
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise error(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def write_folder(
    folder: str | os.PathLike[str],
    files: Mapping[str, tuple[Writer, dict[str, Any]]],
    *,
    protect: Iterable[Path] = (),
    error: type[GraphkitError] = OutputError,
) -> list[Path]:
    """Write ``files`` (name -> (writer, :func:`write_file` options)) into ``folder``, which
    must not exist or be an empty folder: the files are made in a new folder beside it,
    which is then renamed into place (a failure leaves nothing behind)."""
    target = Path(folder).expanduser()
    protect = list(protect)
    try:
        existing = _check_folder(target, protect, error)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = _temporary_folder(target)
        try:
            if existing is not None:
                os.chmod(temp, stat.S_IMODE(existing.st_mode))
            for name, (write, options) in files.items():
                write_file(temp / name, write, error=error, **options)
            os.replace(temp, target)  # over an empty folder, or where there was none
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
    except OSError as exc:
        raise error(f"cannot write {target}: {exc.strerror or exc}") from None
    return [target / name for name in files]


def _status_outside(
    target: Path, protect: Iterable[Path], error: type[GraphkitError]
) -> os.stat_result | None:
    """The target's own status (a link not followed), None if nothing is there; ``error``
    if it lies among the ``protect``ed paths."""
    _check_outside(target, protect, error)
    try:
        return target.lstat()
    except FileNotFoundError:
        return None


def _check_target(
    target: Path, protect: Iterable[Path], error: type[GraphkitError], example: str | None = None
) -> os.stat_result | None:
    """The target's status if it exists and may be replaced; else ``error`` saying why not."""
    status = _status_outside(target, protect, error)
    if status is None:
        return None
    if stat.S_ISLNK(status.st_mode):
        raise error(
            f"{target} is a symbolic link; graphkit writes no file through a link: "
            "name the file itself"
        )
    if stat.S_ISDIR(status.st_mode):
        such = f" such as {example}" if example else ""
        raise error(f"{target} is a folder; give a file name{such}")
    if not stat.S_ISREG(status.st_mode):
        raise error(
            f"{target} is not a regular file (a device, pipe or socket); graphkit replaces "
            "only regular files (-o - writes to standard output)"
        )
    return status


def _check_folder(
    target: Path, protect: Iterable[Path], error: type[GraphkitError]
) -> os.stat_result | None:
    status = _status_outside(target, protect, error)
    if status is None:
        return None
    if stat.S_ISLNK(status.st_mode):
        raise error(f"{target} is a symbolic link; name a new or empty folder itself")
    if not stat.S_ISDIR(status.st_mode):
        raise error(f"{target} is a file; this format writes a folder of files")
    if any(target.iterdir()):
        raise error(
            f"{target} is not empty; this format writes a folder of files: name a new or "
            "empty folder, so that no other file is replaced"
        )
    return status


def _check_outside(target: Path, protect: Iterable[Path], error: type[GraphkitError]) -> None:
    """Refuse a target inside a protected folder, or a protected file or one beside it
    whose name starts with it (``graph.lbug.wal`` for ``graph.lbug``)."""
    where = _resolved(target)
    for owned in protect:
        owned = _resolved(owned)
        if where == owned or owned in where.parents:
            raise error(f"{target} is part of the graph database at {owned}: write elsewhere")
        beside = where.parent == owned.parent and where.name.startswith(owned.name + ".")
        if beside and not owned.is_dir():  # graph.lbug.wal and the like
            raise error(f"{target} is part of the graph database at {owned}: write elsewhere")


def _resolved(path: Path) -> Path:
    """``path`` with its folders resolved (links followed), its last part as given."""
    path = path.expanduser().absolute()
    return path.parent.resolve() / path.name


def _keep_owner_and_mode(fd: int, existing: os.stat_result) -> None:
    """A replaced file keeps its mode, and (when this user may set it) its owner."""
    if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        # another user's file in a folder we may write: theirs if we may say so, else ours
        with contextlib.suppress(PermissionError):
            os.fchown(fd, existing.st_uid, existing.st_gid)
    os.fchmod(fd, stat.S_IMODE(existing.st_mode))


def _temporary_file(target: Path, mode: int) -> tuple[int, str]:
    """A new file beside ``target`` (created, never opened through a link), with ``mode``
    less the umask, as any program's new file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, flags | getattr(os, "O_CLOEXEC", 0), mode), str(temp)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _temporary_folder(target: Path) -> Path:
    for _ in range(100):
        temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.mkdir(temp, 0o777)  # less the umask, as a new folder should be
            return temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")
