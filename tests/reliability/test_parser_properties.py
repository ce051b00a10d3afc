"""Property-based: the input decoder and the facts parser fail only with our errors.

Whatever bytes or text arrive, ``decode`` returns text or raises ``InputError``, and
``FactsDocument.parse`` returns a document or raises ``FactsError``: never a
RecursionError, ValueError or other exception the CLI would call an internal error.
"""

from __future__ import annotations

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st
from reliability_cli import SEED

from graphkit.errors import FactsError, InputError
from graphkit.facts import FactsDocument
from graphkit.inputs import decode

FRAGMENTS = st.sampled_from(
    [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        "- ",
        "\n",
        "  ",
        "? ",
        "&a ",
        "*a ",
        "!!",
        "!!python/object ",
        "!!float ",
        "!!int ",
        "!!binary ",
        "!!timestamp ",
        "!!set ",
        "!!omap ",
        "'x'",
        '"x"',
        "1e400",
        "2024-13-45",
        "2024-02-30",
        "9999999999999999999999",
        "-.inf",
        ".nan",
        "null",
        "~",
        "true",
        "graphkit: graphkit-facts/1",
        "report:",
        "nodes:",
        "relationships:",
        "label: Agency",
        "key: k",
        "properties:",
        "arrests: ",
        "\\u0000",
        "\t",
        "#",
        "---",
        "...",
        "%YAML 1.1",
    ]
)
SEED_TEXT = SEED.read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_decode_returns_text_or_refuses(data: bytes) -> None:
    try:
        assert isinstance(decode(data, "x"), str)
    except InputError as exc:
        assert str(exc).startswith("x: ")


@settings(max_examples=400, deadline=None)
@given(st.lists(FRAGMENTS, max_size=40).map("".join), st.sampled_from(["json", "yaml"]))
# inputs that crashed the parser once (found by this test): keep them as regressions
@example("!!float ", "yaml")  # IndexError inside PyYAML
@example("a: !!float 'x'", "yaml")  # ValueError
@example("published: 2024-13-45", "yaml")  # ValueError: month must be in 1..12
@example('{"a": ' + "1" * 5000 + "}", "json")  # ValueError: int max str digits
@example("[" * 100_000, "json")  # RecursionError
@example("[" * 100_000, "yaml")
@example("!!python/object/apply:os.system ['true']", "yaml")
def test_parse_raises_only_facts_errors(text: str, fmt: str) -> None:
    try:
        FactsDocument.parse(text, fmt, "doc")
    except FactsError as exc:
        assert str(exc).startswith("doc: ") and "\n" not in str(exc)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(SEED_TEXT)), st.text(max_size=8), st.sampled_from(["json", "yaml"]))
def test_damaged_seed_is_a_document_or_a_facts_error(at: int, insert: str, fmt: str) -> None:
    text = SEED_TEXT[:at] + insert + SEED_TEXT[at + len(insert) :]
    try:
        doc = FactsDocument.parse(text, fmt, "doc")
    except FactsError:
        return
    json.dumps(doc.to_dict())  # what parses is plain, storable data
