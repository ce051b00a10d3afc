"""Reading inputs from disk or stdin: bytes → text, with clear refusals.

Everything that can go wrong before extraction starts is decided here, once, for every
kind of input: files that are empty, binary, too large, in an unknown encoding, or of a
type graphkit does not read. Each refusal is an :class:`InputError` naming the input.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import InputError

MAX_INPUT_BYTES = 8 * 1024 * 1024
"""Inputs above 8 MiB are refused: a press release is a few KiB, a saved page well under 1 MiB."""

TEXT_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
FACTS_KINDS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
SUFFIXES = frozenset(TEXT_KINDS) | frozenset(FACTS_KINDS)


@dataclass(frozen=True)
class Input:
    """One input, decoded: where it came from, what kind it is, and its text."""

    source: str
    kind: str  # text | markdown | html (reports) or json | yaml (facts documents)
    text: str

    @property
    def is_facts(self) -> bool:
        return self.kind in ("json", "yaml")


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files named, and the readable files inside folders named (recursively, sorted).

    ``-`` stands for standard input. Hidden files and folders are skipped inside folders;
    a file named explicitly is always tried, so an unsupported one gets a clear error.
    """
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in _files_under(path) if p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{raw}: no reports or facts documents in this folder")
            yield from (str(p) for p in found)
        else:
            yield raw


def _files_under(folder: Path) -> Iterator[Path]:
    """The files in ``folder`` and its subfolders, at any depth, with a stack rather than
    recursion (980 nested folders once ended a load with a RecursionError). Hidden files
    and folders are skipped, links to folders are not followed (no loops), unreadable
    subfolders are passed over as ``rglob`` does."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError:
            if current == folder:
                raise
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file():
                    yield Path(entry.path)
            except OSError:
                continue


def read_input(source: str) -> Input:
    """Read and decode one input named on the command line (``-`` is stdin)."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        text = decode(data, "<stdin>")
        kind = "json" if text.lstrip().startswith("{") else "text"
        return Input(source="-", kind=kind, text=text)
    path, source = Path(source), shown_path(source)
    suffix = path.suffix.lower()
    kind = TEXT_KINDS.get(suffix) or FACTS_KINDS.get(suffix)
    if not path.exists():
        raise InputError(f"{source}: no such file or folder")
    if not path.is_file():
        raise InputError(f"{source}: not a regular file")
    if kind is None:
        known = ", ".join(sorted(SUFFIXES))
        raise InputError(
            f"{source}: unsupported file type {suffix or '(none)'!r} (graphkit reads {known})"
        )
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"{source}: {size:,} bytes is over the {MAX_INPUT_BYTES:,}-byte input limit"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from None
    return Input(source=source, kind=kind, text=decode(data, source))


def shown_path(raw: str) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates) become ``\\xNN`` escapes."""
    return raw.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def decode(data: bytes, source: str, *, limit: int = MAX_INPUT_BYTES) -> str:
    """Bytes → text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

    Windows-1252 is the fallback because text that is not UTF-8 is, in practice, almost
    always a Western European 8-bit encoding; bytes it leaves undefined make us refuse
    the file instead of guessing. Binary files (NUL bytes, control characters) are refused.
    """
    if len(data) > limit:
        raise InputError(f"{source}: input is over the {limit:,}-byte limit")
    if not data.strip():
        raise InputError(f"{source}: empty input")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _check_text(data.decode("utf-16"), source)
        except UnicodeDecodeError:
            raise InputError(f"{source}: damaged UTF-16 text") from None
    if b"\x00" in data:
        if _looks_like_utf16(data):
            raise InputError(
                f"{source}: looks like UTF-16 text without a byte-order mark; convert it to UTF-8"
            )
        raise InputError(f"{source}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and not data[: exc.start].isascii():
            # UTF-8 up to the last bytes, which start a character that never ends: a file
            # cut short, not Windows-1252 (whose accented letters would have failed earlier)
            raise InputError(
                f"{source}: UTF-8 text cut off inside a character (truncated file?)"
            ) from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                f"{source}: not UTF-8 and not Windows-1252 text; convert it to UTF-8"
            ) from None
    return _check_text(text, source)


def _looks_like_utf16(data: bytes) -> bool:
    """Mostly-ASCII text in UTF-16 without a BOM: a NUL in every other byte, on one side."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    return len(sample) >= 8 and max(even.count(0), odd.count(0)) >= 0.9 * (len(sample) // 2)


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
"""Control characters that text does not contain (tab, newlines and form feed aside)."""


def _check_text(text: str, source: str) -> str:
    controls = len(_CONTROLS.findall(text))
    if controls > max(8, len(text) // 100):
        raise InputError(f"{source}: looks like a binary file, not text")
    if not text.strip():
        raise InputError(f"{source}: empty input")
    return text
