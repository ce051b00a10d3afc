"""graphkit.terminal: nothing a report or a file name holds reaches the terminal raw."""

from __future__ import annotations

import io
import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from graphkit.terminal import PlainTable, say, shown

BIDI = {"\u061c", "\u200e", "\u200f"} | {
    chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
}


def raw(text: str, *, keep: str = "") -> list[str]:
    """The characters of ``text`` a terminal would act on (controls, bidi, separators)."""
    return [
        ch
        for ch in text
        if ch not in keep
        and (unicodedata.category(ch) == "Cc" or ch in BIDI or ch in "\u2028\u2029")
    ]


@given(st.text())
def test_one_line_holds_no_control_character(text: str) -> None:
    assert raw(shown(text)) == []


@given(st.text())
def test_a_cell_keeps_line_breaks_and_tabs_only(text: str) -> None:
    assert raw(shown(text, multiline=True), keep="\n\t") == []
    assert shown(text, multiline=True).count("\n") == text.count("\n")


def console() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=80, soft_wrap=True, emoji=False, force_terminal=True), buffer


@given(st.text(max_size=200))
def test_say_prints_exactly_one_line(text: str) -> None:
    out, buffer = console()
    say(out, f"error: {text}")
    printed = buffer.getvalue()
    assert printed.count("\n") == 1 and printed.startswith("error: ")
    assert "\x1b" not in printed.replace("\x1b[0m", "")  # nothing but Rich's own reset, if any


def test_markup_and_emoji_codes_stay_text() -> None:
    out, buffer = console()
    say(out, "file [bold]:pile_of_poo:[/bold]\x1b]0;title\x07\nerror: forged")
    assert buffer.getvalue() == (
        "file [bold]:pile_of_poo:[/bold]\\x1b]0;title\\x07\\x0aerror: forged\n"
    )
    table = PlainTable("name")
    table.add_row("[red]x[/red]\x1b[2J")
    out, buffer = console()
    out.print(table)
    assert "[red]x[/red]\\x1b[2J" in buffer.getvalue()
