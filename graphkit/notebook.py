"""Helpers for notebooks: tidy tables and a scratch folder that does not outlive the kernel.

Kept in the package (not pasted into each notebook) so that every notebook shows numbers,
lists and report text the same way: numbers rounded and grouped as the CLI prints them,
every value HTML-escaped (report text is data, never markup).
"""

from __future__ import annotations

import atexit
import html
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from graphkit.model import format_number

SCRATCH_PREFIX = "graphkit-notebook-"


def cell(value: Any) -> str:
    """One value as a table shows it: 1,234 / 0.1235 / "a, b" / "" for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.4g}"  # a measure: four significant digits, as `analyze` prints it
    if isinstance(value, int | float):
        return format_number(value)  # amounts and counts: 200,000,000
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return ", ".join(cell(v) for v in items)
    return str(value)


class Table:
    """Rows (mappings) shown as an HTML table in a notebook, as text anywhere else."""

    def __init__(
        self,
        rows: Iterable[Mapping[str, Any]],
        columns: Sequence[str] | None = None,
        limit: int = 25,
    ) -> None:
        self.rows = list(rows)
        self.columns = list(columns or (self.rows[0] if self.rows else []))
        self.limit = limit

    def _shown(self) -> list[list[str]]:
        return [[cell(row.get(c)) for c in self.columns] for row in self.rows[: self.limit]]

    def _footer(self) -> str:
        more = f" (first {self.limit} shown)" if len(self.rows) > self.limit else ""
        return f"{len(self.rows)} row(s){more}"

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>"
            + "".join(f"<td style='text-align:left'>{html.escape(v)}</td>" for v in row)
            + "</tr>"
            for row in self._shown()
        )
        return (
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<p>{html.escape(self._footer())}</p>"
        )

    def __repr__(self) -> str:
        lines = ["\t".join(self.columns), *("\t".join(row) for row in self._shown())]
        return "\n".join([*lines, self._footer()])


def table(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None, limit: int = 25
) -> Table:
    """A :class:`Table` of ``rows`` (all of their columns unless ``columns``)."""
    return Table(rows, columns, limit)


def scratch_folder() -> Path:
    """A new temporary folder, removed when the Python process (the kernel) exits;
    a notebook's last cell may remove it sooner with :func:`remove`."""
    folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))
    atexit.register(remove, folder)
    return folder


def remove(folder: Path) -> None:
    """Remove a scratch folder (and everything in it); nothing if it is gone already."""
    shutil.rmtree(folder, ignore_errors=True)
