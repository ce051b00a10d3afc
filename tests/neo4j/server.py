"""A throwaway Neo4j 5 Community server on 127.0.0.1, for the tests and for `make neo4j`.

The server is the tiny Java launcher next to this file (``pom.xml`` +
``src/main/java/graphkit/Neo4jLauncher.java``): Neo4j embedded with only a Bolt
connector on loopback, a free port, auth disabled, data in a temporary directory that
is removed on exit (or in a kept ``home`` directory, for a server that is stopped and
started again on the same data), usage reporting off, memory capped for a 2-core machine.

Use it from Python::

    with Neo4jServer() as uri:          # builds the launcher with Maven if needed
        store = Neo4jStore(uri)

or run it in the foreground (``python tests/neo4j/server.py``; ``make neo4j``) and point
graphkit at the URI it prints. Standard library only: this file runs before anything
is installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
SOURCES = HERE / "src"
TARGET = HERE / "target"
CLASSES = TARGET / "classes"
LIB = TARGET / "lib"
LAUNCHER_CLASS = CLASSES / "graphkit" / "Neo4jLauncher.class"
STAMP = TARGET / "graphkit-launcher.built"  # written only after a build that succeeded
MAIN = "graphkit.Neo4jLauncher"
READY = "NEO4J READY "

#: Heap for a 2-core / small machine; the page cache (256 MiB) is set by the launcher.
HEAP = os.environ.get("GRAPHKIT_NEO4J_HEAP", "768m")
JVM_OPTIONS = (
    f"-Xmx{HEAP}",  # the initial heap defaults to a fraction of RAM, clamped to this
    "-XX:+UseParallelGC",  # throughput collector; two cores need no concurrent GC
    "-XX:ParallelGCThreads=2",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djava.awt.headless=true",
    "-Dfile.encoding=UTF-8",
)
START_TIMEOUT = float(os.environ.get("GRAPHKIT_NEO4J_START_TIMEOUT", "180"))
BUILD_TIMEOUT = 1800.0  # a first build downloads ~120 MB of jars from Maven Central
STOP_GRACE = 30.0


class Neo4jServerError(RuntimeError):
    """The launcher could not be built or the server did not come up."""


def _newest_source_mtime() -> float:
    files = [POM, *(p for p in SOURCES.rglob("*") if p.is_file())]
    return max(p.stat().st_mtime for p in files)


def needs_build() -> bool:
    """True when the launcher or its jars are missing or older than pom.xml / the sources."""
    if not (STAMP.is_file() and LAUNCHER_CLASS.is_file() and LIB.is_dir()):
        return True
    if not any(LIB.glob("neo4j-*.jar")):
        return True
    return STAMP.stat().st_mtime < _newest_source_mtime()


def build(*, quiet: bool = True) -> None:
    """``mvn clean package``: compile the launcher and copy the Neo4j jars to target/lib."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError(
            "Maven (mvn) is not on PATH; it is needed once to fetch Neo4j's jars "
            "(install Maven and Java 17, or set NEO4J_URI to a server of your own)"
        )
    if shutil.which("java") is None:
        raise Neo4jServerError("java is not on PATH; the test Neo4j needs Java 17")
    print(
        "building the Neo4j test launcher with Maven (first run downloads ~120 MB) ...",
        file=sys.stderr,
        flush=True,
    )
    command = [mvn, "-B", "clean", "package", "-DskipTests"]
    if quiet:
        command.insert(1, "-q")
    try:
        done = subprocess.run(
            command, cwd=HERE, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise Neo4jServerError(
            f"Maven did not finish building the Neo4j launcher in {BUILD_TIMEOUT:.0f} s"
        ) from None
    if done.returncode != 0:
        tail = _tail(done.stdout + done.stderr)
        raise Neo4jServerError(f"Maven failed to build the Neo4j launcher:\n{tail}")
    STAMP.write_text("built by tests/neo4j/server.py\n", encoding="utf-8")


def ensure_built() -> None:
    if needs_build():
        build()


def java_command(
    port: int = 0,
    home: Path | None = None,
    *,
    auth: bool = False,
    settings: dict[str, str] | None = None,
) -> list[str]:
    java = shutil.which("java") or "java"
    classpath = os.pathsep.join([str(CLASSES), str(LIB / "*")])
    kept = ["--home", str(home)] if home is not None else []
    given = [a for k, v in (settings or {}).items() for a in ("--setting", f"{k}={v}")]
    return [
        java, *JVM_OPTIONS, "-cp", classpath, MAIN, str(port), "--exit-on-eof", *kept,
        *["--auth"] * auth, *given,
    ]  # fmt: skip


class Neo4jServer:
    """One Neo4j process: :meth:`start` returns its Bolt URI, :meth:`stop` ends it.

    The server's output goes to a log file (``log_path``) whose tail is shown if it
    fails to start. Its standard input is a pipe held by this object: if this process
    dies without calling :meth:`stop`, the launcher sees end of file and shuts down, so
    no orphaned JVM survives a killed test run.

    With ``home``, the data lives in that directory and outlives the server: :meth:`stop`
    (or :meth:`kill`, a crash) then :meth:`start` again gives the same database, on the
    same port as the first start. With ``auth``, authentication is on and the only user is
    Neo4j's initial ``neo4j`` / ``neo4j``, whose password must be changed before any query.
    ``settings`` go to the server's ``neo4j.conf`` (e.g. a small transaction memory limit).
    """

    def __init__(
        self,
        *,
        port: int = 0,
        home: Path | None = None,
        auth: bool = False,
        start_timeout: float = START_TIMEOUT,
        settings: dict[str, str] | None = None,
    ) -> None:
        self.port = port
        self.home = home
        self.auth = auth
        self.settings = dict(settings or {})
        self.start_timeout = start_timeout
        self.uri: str | None = None
        self.log_path: Path | None = None
        self.keep_log = False  # set when the server failed: the log is what explains it
        self._process: subprocess.Popen[bytes] | None = None
        self._log = None

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> str:
        if self._process is not None:
            raise Neo4jServerError("this Neo4j server is already running")
        ensure_built()
        fd, name = tempfile.mkstemp(prefix="graphkit-neo4j-", suffix=".log")
        os.close(fd)
        self.log_path = Path(name)
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - lives as long as the server
        try:
            self._process = subprocess.Popen(
                java_command(self.port, self.home, auth=self.auth, settings=self.settings),
                cwd=HERE,
                stdin=subprocess.PIPE,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches us; we stop the server ourselves
            )
        except OSError as exc:
            self._close_log()
            raise Neo4jServerError(f"cannot start java: {exc}") from None
        try:
            self.uri = self._wait_until_ready()
        except BaseException:
            self.keep_log = True
            self.stop()
            raise
        if self.home is not None:  # a restart on the kept data comes back on the same port
            self.port = int(self.uri.rsplit(":", 1)[1])
        return self.uri

    def kill(self) -> None:
        """SIGKILL: the server dies as in a crash, no shutdown (with ``home``, its data stays)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=STOP_GRACE)
        self.stop()

    def stop(self) -> None:
        """SIGTERM (a clean Neo4j shutdown), then SIGKILL after a grace period."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=STOP_GRACE)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=STOP_GRACE)
        if process is not None and process.stdin is not None:
            process.stdin.close()
        self._close_log()
        if process is not None and not self.keep_log and self.log_path is not None:
            self.log_path.unlink(missing_ok=True)
        self.uri = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return "(no log)"
        return _tail(self.log_path.read_text(encoding="utf-8", errors="replace"), lines)

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- helpers -----------------------------------------------------------------------

    def _wait_until_ready(self) -> str:
        assert self._process is not None and self.log_path is not None
        deadline = time.monotonic() + self.start_timeout
        while True:
            for line in _lines(self.log_path):
                if line.startswith(READY):
                    return line[len(READY) :].strip()
            code = self._process.poll()
            if code is not None:
                raise Neo4jServerError(
                    f"Neo4j exited with status {code} before it was ready; "
                    f"log {self.log_path}:\n{self.log_tail()}"
                )
            if time.monotonic() > deadline:
                raise Neo4jServerError(
                    f"Neo4j was not ready after {self.start_timeout:.0f} s; "
                    f"log {self.log_path}:\n{self.log_tail()}"
                )
            time.sleep(0.1)

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


def _lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        yield from handle


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:]) or "(empty)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run a throwaway Neo4j 5 server on 127.0.0.1 until Ctrl-C."
    )
    parser.add_argument("--port", type=int, default=0, help="Bolt port (default: a free one)")
    parser.add_argument(
        "--build-only", action="store_true", help="build the launcher if needed, then exit"
    )
    args = parser.parse_args(argv)
    try:
        if args.build_only:
            ensure_built()
            return 0
        server = Neo4jServer(port=args.port)
        print("starting Neo4j ...", file=sys.stderr, flush=True)
        uri = server.start()
    except Neo4jServerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # start() has already stopped the server
        return 130
    stop = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    print(
        f"Neo4j is running at {uri} (no authentication; data is thrown away on exit).\n"
        "In another shell:\n"
        f"    export NEO4J_URI={uri}\n"
        '    graphkit --neo4j "$NEO4J_URI" load data/reports data/facts\n'
        '    graphkit --neo4j "$NEO4J_URI" stats\n'
        "(with NEO4J_URI exported, --neo4j may be left out; no credentials are needed)\n"
        f"To run the tests against it: export GRAPHKIT_TEST_NEO4J_URI={uri}  "
        "(the tests wipe it)\n"
        f"Server log: {server.log_path}\n"
        "Press Ctrl-C to stop.",
        flush=True,
    )
    try:
        while not stop and server.running:
            time.sleep(0.2)
    finally:
        crashed = not server.running and not stop
        if crashed:
            server.keep_log = True
            print(f"Neo4j stopped unexpectedly:\n{server.log_tail()}", file=sys.stderr)
        print("stopping Neo4j ...", file=sys.stderr, flush=True)
        server.stop()
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
