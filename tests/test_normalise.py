"""The normal form of a text, on which report keys and evidence offsets rest."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.facts import normalise_text, report_key

SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2028\u2029\u3000\ufeff"


def reference(text: str) -> str:
    """The rule as first written: NFC, Unix newlines, no BOM, each line right-stripped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(SPACES + "ab\u0065\u0301é"), max_size=40) | st.text())
def test_normal_form_is_the_rule(text: str) -> None:
    """Keys of reports loaded before must not move: the fast form equals the rule."""
    assert normalise_text(text) == reference(text)


def test_the_same_report_from_windows_and_unix_is_one_report() -> None:
    unix = "Operation X\nEuropol supported it.  \n"
    windows = "\ufeffOperation X\r\nEuropol supported it.\t\r\n\r\n"
    assert normalise_text(unix) == normalise_text(windows) == "Operation X\nEuropol supported it."
    assert report_key(unix) == report_key(windows)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(SPACES + "ab\u0065\u0301é"), max_size=40) | st.text())
def test_the_form_for_large_texts_is_the_same_rule(text: str) -> None:
    """Texts over a million characters (edge lists) take another path: the same result."""
    from graphkit import facts

    limit = facts._LINES_LIMIT
    facts._LINES_LIMIT = -1
    try:
        assert normalise_text(text) == reference(text)
    finally:
        facts._LINES_LIMIT = limit


def test_a_text_over_the_limit_is_stripped_line_by_line() -> None:
    text = "a,b,meeting \t\n" * 80_000 + "c,d,call\u3000\n"
    assert len(text) > 1_000_000
    assert normalise_text(text) == reference(text)
