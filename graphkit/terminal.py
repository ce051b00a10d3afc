"""Everything the CLI shows on a terminal, escaped: text from reports and file names is data.

A file name or a report may hold terminal escape sequences (colours, cursor moves, a
title change), bidi overrides that reorder what is read, a newline that forges a second
``error:`` line, or Rich markup and emoji codes. Every line the CLI prints goes through
:func:`say` (one line, whatever it holds) and every table cell through :class:`PlainTable`
(line breaks kept, nothing else); json and csv output carry the exact values instead.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

# DEL, C1 controls, and the characters that reorder or break displayed text (bidi marks,
# embeddings, overrides and isolates; line and paragraph separators).
_OTHERS = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_ONE_LINE = re.compile(f"[\x00-\x1f{_OTHERS}]")  # every C0 control, line breaks too
_CELL = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHERS}]")  # a cell keeps tabs and line breaks


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str, *, multiline: bool = False) -> str:
    """``text`` with control characters shown as ``\\xNN`` / ``\\uNNNN`` escapes, never sent
    to the terminal; ``multiline`` keeps line breaks and tabs (table cells, tracebacks)."""
    return (_CELL if multiline else _ONE_LINE).sub(_escape, text)


def say(console: Console, text: str) -> None:
    """Print ``text`` as exactly one plain line: no markup, no emoji codes, no highlighting."""
    console.print(shown(text), markup=False, emoji=False, highlight=False)


class PlainTable(Table):
    """A table of plain text: report-derived names are never read as Rich markup, and
    control characters are shown escaped, never sent to the terminal."""

    def add_row(self, *cells: Any, **kwargs: Any) -> None:
        plain = (Text(shown(c, multiline=True)) if isinstance(c, str) else c for c in cells)
        super().add_row(*plain, **kwargs)
