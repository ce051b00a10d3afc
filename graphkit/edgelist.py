"""Relational data → ties between persons: the edge lists analysts get from wiretaps,
surveillance logs and court records (and export from Gephi, i2 or neo4j-admin).

A file is read as one source, like a report: its normalised text is the provenance, each
row the evidence of the tie it gives (its line, and its offsets in that text). Rows are
checked one by one, so a bad row costs that row only, with one line saying why.

The layout is what the user says (``--columns``, ``--delimiter``, ``--header``), else
what the file shows: the delimiter that splits every sampled row into the same number of
fields (the most fields, when several do), a header when the first row names its columns
(Gephi's ``Source,Target,Weight``, neo4j-admin's ``:START_ID,:END_ID``), and without one,
the first two columns as the two persons and a third as the weight (numbers) or the date
(ISO dates). Text is normalised as a report's is (NFC), ids with it.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.errors import InputError
from graphkit.facts import normalise_text, sha256, slug
from graphkit.inputs import decode, shown_path

MAX_EDGE_LIST_BYTES = 512 * 1024 * 1024
"""Edge lists above 512 MiB (some 20 million rows) are refused: the text is kept, as a
report's is, for the evidence of every tie."""

MAX_ID_LENGTH = 256
"""A person id longer than this is a bad row (ids are short codes or names)."""

ROLES: tuple[str, ...] = ("source", "target", "weight", "date")
"""What a column can hold; ``--columns`` names one per column, ``skip`` (or nothing) for
a column to leave out."""

SKIP = "skip"

_SYNONYMS: dict[str, frozenset[str]] = {
    "source": frozenset(
        {"source", "src", "from", "start", "node1", "id1", "person1", "caller", "sender", "u"}
    ),
    "target": frozenset(
        {"target", "dst", "to", "end", "node2", "id2", "person2", "callee", "receiver", "v"}
    ),
    "weight": frozenset(
        {"weight", "count", "strength", "value", "calls", "meetings", "times", "frequency"}
    ),
    "date": frozenset({"date", "day", "time", "timestamp", "datetime", "when"}),
}
"""Header names read as a role (case and neo4j-admin type suffixes aside)."""

DELIMITERS: dict[str, str | None] = {
    ",": ",",
    "comma": ",",
    "\t": "\t",
    "\\t": "\t",
    "tab": "\t",
    ";": ";",
    "semicolon": ";",
    "|": "|",
    "pipe": "|",
    "space": None,
    "whitespace": None,
}
"""``--delimiter`` values; None splits at runs of blanks (networkx's edge lists)."""

_SAMPLE = 50
"""Rows looked at to tell the delimiter, the header and the columns."""

_DATE = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T ][0-9:.+\-Z ]*)?")


@dataclass(frozen=True)
class Layout:
    """How the rows of one file are read."""

    delimiter: str | None
    """None: fields are separated by runs of blanks."""
    header: bool
    roles: tuple[str, ...]
    """The role of each column by position (``skip`` for a column left out)."""

    def column(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None

    @property
    def columns(self) -> tuple[int | None, int | None, int | None, int | None]:
        """The column of each of :data:`ROLES` (source, target, weight, date), or None."""
        return tuple(self.column(role) for role in ROLES)  # type: ignore[return-value]

    def describe(self) -> str:
        """For the user: how the file was read ("tab-separated, no header: source, ...")."""
        names = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}
        sep = f"{names[self.delimiter]}-separated" if self.delimiter else "blank-separated"
        header = "a header row" if self.header else "no header"
        return f"{sep}, {header}; columns: {', '.join(self.roles)}"


@dataclass(frozen=True)
class Row:
    """One tie as a row gives it: the two person ids, its strength, its date, and where."""

    source: str
    target: str
    weight: float
    date: str | None
    line: int
    """Line number in the file (1-based, as an editor shows it)."""
    start: int
    end: int
    """Offsets of the row in the normalised text: ``text[start:end]`` is its evidence."""


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class EdgeList:
    """One edge-list file, read and checked as a whole; its rows are parsed on demand."""

    source: str
    text: str
    layout: Layout
    offset: int = 0
    """File line number of the text's first line, less one (leading blank lines are not
    part of the normalised text)."""
    digest: str = field(init=False)

    def __post_init__(self) -> None:
        self.digest = sha256(self.text)

    def rows(self) -> Iterator[Row | BadRow]:
        """Every data row, in file order: a tie, or why the row is not one."""
        header_pending = self.layout.header
        delimiter, columns = self.layout.delimiter, self.layout.columns
        comma = delimiter != ","
        text, position, number = self.text, 0, self.offset
        end = len(text)
        while position <= end:  # line by line, without a list of a million lines
            stop = text.find("\n", position)
            if stop < 0:
                stop = end
            line, start, position = text[position:stop], position, stop + 1
            number += 1
            stripped = line.strip()
            if not stripped or stripped[0] == "#":
                continue
            if header_pending:
                header_pending = False
                continue
            lead = start + len(line) - len(line.lstrip())
            yield parse_row(
                split(line, delimiter),
                columns,
                number,
                lead,
                lead + len(stripped),
                decimal_comma=comma,
            )


def read_edge_list(
    path: str,
    *,
    columns: Sequence[str] | None = None,
    delimiter: str | None = None,
    header: bool | None = None,
) -> EdgeList:
    """Read ``path`` and settle its layout (see the module docstring); InputError when the
    file cannot be read or its layout cannot be told."""
    shown = shown_path(path)
    file = Path(path)
    if not file.exists():
        raise InputError(f"{shown}: no such file")
    if not file.is_file():
        raise InputError(f"{shown}: not a regular file")
    try:
        size = file.stat().st_size
        if size > MAX_EDGE_LIST_BYTES:
            raise InputError(
                f"{shown}: {size:,} bytes is over the {MAX_EDGE_LIST_BYTES:,}-byte edge-list limit"
            )
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    raw = decode(data, shown, limit=MAX_EDGE_LIST_BYTES)
    del data
    text = normalise_text(raw)
    offset = _leading_lines(raw)
    del raw
    layout = settle_layout(text, shown, columns=columns, delimiter=delimiter, header=header)
    return EdgeList(shown, text, layout, offset)


def _leading_lines(raw: str) -> int:
    """Blank lines before the first line with text (normalising drops them)."""
    head = raw[: len(raw) - len(raw.lstrip())]
    return head.replace("\r\n", "\n").replace("\r", "\n").count("\n")


def settle_layout(
    text: str,
    source: str,
    *,
    columns: Sequence[str] | None = None,
    delimiter: str | None = None,
    header: bool | None = None,
) -> Layout:
    """The layout of ``text``: what the user gave, the rest told from the first rows."""
    sample = [
        line for line in (x.strip() for x in text.split("\n")) if line and not line.startswith("#")
    ][:_SAMPLE]
    if not sample:
        raise InputError(f"{source}: no rows (only blank lines and # comments)")
    roles = _check_columns(columns, source) if columns is not None else None
    sep = _delimiter(delimiter, sample, source)
    rows = [split(line, sep) for line in sample]
    comma = sep != ","  # outside comma files, "2,5" is two and a half
    if header is None:
        header = _looks_like_header(rows[0], rows[1:], comma)
    if roles is None:
        roles = _header_roles(rows[0]) if header else _guess_roles(rows, comma)
    if "source" not in roles or "target" not in roles:
        raise InputError(
            f"{source}: cannot tell which columns hold the two persons; "
            "name them with --columns source,target[,weight,date]"
        )
    return Layout(sep, header, roles)


def _check_columns(columns: Sequence[str], source: str) -> tuple[str, ...]:
    roles = tuple((c.strip().lower() or SKIP) for c in columns)
    unknown = sorted({r for r in roles if r not in (*ROLES, SKIP)})
    if unknown:
        raise InputError(
            f"--columns: unknown role {', '.join(map(repr, unknown))}; "
            f"use {', '.join(ROLES)} or {SKIP} for each column in order"
        )
    repeated = sorted({r for r in roles if r != SKIP and roles.count(r) > 1})
    if repeated:
        raise InputError(f"--columns: {', '.join(repeated)} named twice")
    return roles


def _delimiter(given: str | None, sample: list[str], source: str) -> str | None:
    if given is not None and given.lower() != "auto":
        key = given if given in DELIMITERS else given.lower()
        if key not in DELIMITERS:
            raise InputError(
                f"--delimiter {given!r}: use ',', tab ('\\t'), ';', '|', space or auto"
            )
        return DELIMITERS[key]
    best: tuple[int, str] | None = None  # the consistent delimiter giving the most fields
    for sep in (",", "\t", ";", "|"):
        widths = {len(split(line, sep)) for line in sample}
        width = widths.pop()
        if not widths and width >= 2 and (best is None or width > best[0]):
            best = (width, sep)
    if best is not None:
        return best[1]
    if all(len(line.split()) >= 2 for line in sample):
        return None
    raise InputError(
        f"{source}: cannot tell how the fields are separated; pass --delimiter (',', tab, ';', "
        "'|' or space)"
    )


def split(line: str, delimiter: str | None) -> list[str]:
    """The fields of one line: CSV rules for a delimiter (quotes may hold it), else blanks."""
    if delimiter is None:
        return line.split()
    if '"' not in line:  # the common case, without the csv module's machinery
        return [cell.strip() for cell in line.split(delimiter)]
    return [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter))]


def role_of(name: str) -> str | None:
    """The role a header cell names: ``Source``, ``:START_ID(Person)``, ``weight:float``."""
    cell = name.strip().lower()
    if ":start_id" in cell:
        return "source"
    if ":end_id" in cell:
        return "target"
    cell = cell.split(":", 1)[0].strip().replace(" ", "_")
    for role, names in _SYNONYMS.items():
        if cell in names:
            return role
    return None


def _looks_like_header(first: list[str], rest: list[list[str]], comma: bool) -> bool:
    """The first row names columns: a cell names a role, or a column numeric below is not
    numeric here."""
    if any(role_of(cell) for cell in first):
        return True
    for i, cell in enumerate(first):
        below = [row[i] for row in rest if len(row) > i and row[i]]
        if (
            below
            and _number(cell, decimal_comma=comma) is None
            and all(_number(x, decimal_comma=comma) is not None for x in below)
        ):
            return True
    return False


def _header_roles(first: list[str]) -> tuple[str, ...]:
    roles: list[str] = []
    for cell in first:
        role = role_of(cell)
        roles.append(role if role and role not in roles else SKIP)
    if "source" not in roles and "target" not in roles and len(roles) >= 2:
        # a header naming its columns in words we do not know ("a;b;n"): the first two
        # are the persons, as without a header
        return ("source", "target", *roles[2:])
    return tuple(roles)


def _guess_roles(rows: list[list[str]], comma: bool) -> tuple[str, ...]:
    """No header: source, target, then a third column read as weight or date when every
    sampled value is one."""
    roles = ["source", "target"]
    third = [row[2] for row in rows if len(row) > 2 and row[2]]
    if third and all(_number(x, decimal_comma=comma) is not None for x in third):
        roles.append("weight")
    elif third and all(iso_date(x) is not None for x in third):
        roles.append("date")
    return tuple(roles)


def parse_row(
    cells: list[str],
    columns: tuple[int | None, int | None, int | None, int | None],
    line: int,
    start: int,
    end: int,
    *,
    decimal_comma: bool = True,
) -> Row | BadRow:
    """One row as a tie, or the reason it is not one; ``columns`` are where the source,
    target, weight and date are (:attr:`Layout.columns`)."""
    width = len(cells)
    source, target, raw_weight, raw_date = (
        cells[i] if i is not None and i < width else "" for i in columns
    )
    missing = [name for name, value in (("source", source), ("target", target)) if not value]
    if missing:
        return BadRow(line, f"no {' and no '.join(missing)} person")
    for value in (source, target):
        if len(value) > MAX_ID_LENGTH:
            return BadRow(line, f"a person id over {MAX_ID_LENGTH} characters")
    if source == target:
        return BadRow(line, f"a tie from {source!r} to itself (a self-loop)")
    weight = 1.0
    if raw_weight:
        number = _number(raw_weight, decimal_comma=decimal_comma)
        if number is None:
            return BadRow(line, f"weight {raw_weight!r} is not a number")
        if not number > 0 or math.isinf(number):
            return BadRow(line, f"weight {raw_weight!r} is not a positive finite number")
        weight = number
    date = None
    if raw_date:
        date = iso_date(raw_date)
        if date is None:
            return BadRow(
                line, f"date {raw_date!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)"
            )
    return Row(source, target, weight, date, line, start, end)


def _number(text: str, *, decimal_comma: bool = False) -> float | None:
    """A finite or infinite float, or None (NaN and words are not numbers)."""
    value = text.strip()
    if value.isdigit() and value.isascii():  # the common case: a count
        return float(value)
    if decimal_comma and value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    if not _NUMBER.fullmatch(value):
        return None
    return float(value)


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?inf(inity)?", re.I)


def iso_date(text: str) -> str | None:
    """A date as ISO (``2009``, ``2009-03``, ``2009-03-04``; a time after it is dropped,
    slashes are read as dashes), or None when it is not a real date in year-first order."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat()
        if month:
            return dt.date(int(year), int(month), 1).isoformat()[:7]
    except ValueError:
        return None
    return year


def person_key(dataset: str, person_id: str) -> str:
    """The key of a person of an imported dataset: ``person:<dataset>:<id as written>``.

    The id is kept exactly (``A-1`` and ``a 1`` are two persons); the dataset name is
    slugged, so ``--source "Montagna 2020"`` and ``montagna-2020`` are one dataset."""
    return f"person:{slug(dataset)}:{person_id}"


# --------------------------------------------------------------------------------------
# Node tables: names for the ids
# --------------------------------------------------------------------------------------

_ID_NAMES = frozenset({"id", "key", "node", "person", "identifier"})
_NAME_NAMES = frozenset({"name", "label", "full_name", "fullname", "alias"})


def read_node_table(path: str, *, delimiter: str | None = None) -> tuple[dict[str, str], list[str]]:
    """Names by id from a node table (``id,name,...``, with or without a header row, as
    Gephi and neo4j-admin write them), and one line per row that could not be read."""
    shown = shown_path(path)
    file = Path(path)
    try:
        if not file.is_file():
            raise InputError(f"{shown}: no such file")
        if file.stat().st_size > MAX_EDGE_LIST_BYTES:
            raise InputError(f"{shown}: over the {MAX_EDGE_LIST_BYTES:,}-byte limit")
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    text = normalise_text(decode(data, shown, limit=MAX_EDGE_LIST_BYTES))
    lines = [
        (n, line.strip())
        for n, line in enumerate(text.split("\n"), 1)
        if line.strip() and not line.strip().startswith("#")
    ]
    if not lines:
        raise InputError(f"{shown}: no rows")
    sep = _node_delimiter(delimiter, [line for _, line in lines[:_SAMPLE]], shown)
    first = [c.strip().lower() for c in split(lines[0][1], sep)]
    id_col, name_col = 0, 1
    named = [c.split(":", 1)[0] for c in first]
    if any(c in _ID_NAMES or ":id" in c for c in first) or any(c in _NAME_NAMES for c in named):
        id_col = next((i for i, c in enumerate(first) if ":id" in c or named[i] in _ID_NAMES), 0)
        name_col = next((i for i, c in enumerate(named) if c in _NAME_NAMES), -1)
        lines = lines[1:]
    names: dict[str, str] = {}
    bad: list[str] = []
    for n, line in lines:
        cells = split(line, sep)
        person = cells[id_col] if id_col < len(cells) else ""
        if not person:
            bad.append(f"{shown}: line {n}: no id")
            continue
        name = cells[name_col] if 0 <= name_col < len(cells) else ""
        if name:
            names[person] = name
    return names, bad


def _node_delimiter(given: str | None, sample: list[str], source: str) -> str | None:
    """A node table may have one column: then any delimiter reads it."""
    try:
        return _delimiter(given, sample, source)
    except InputError:
        if given is None or given.lower() == "auto":
            return ","
        raise
