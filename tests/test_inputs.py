"""Reading inputs: every refusal is one clear InputError, never a crash or a guess."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkit.errors import InputError
from graphkit.inputs import MAX_INPUT_BYTES, decode, expand, read_input


def test_utf8_with_and_without_bom() -> None:
    text = "Opération « Sablier » à Liège"
    assert decode(text.encode("utf-8"), "x") == text
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8"), "x") == text


def test_utf16_with_bom() -> None:
    text = "Policía Nacional detuvo a 12 personas"
    assert decode(text.encode("utf-16"), "x") == text


def test_windows_1252_fallback() -> None:
    text = "Gendarmerie nationale – saisie de 3 000 € à Perpignan"
    assert decode(text.encode("cp1252"), "x") == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"   \n\t ", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        (b"caf\x81 \x8d\x8f\x90\x9d", "not UTF-8 and not Windows-1252"),
    ],
)
def test_refusals(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, "report.txt")


@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_refuse_clearly(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.txt")
    except InputError as exc:
        assert str(exc).startswith("fuzz.txt: ")
        assert "\n" not in str(exc)
    else:
        assert text.strip()


@given(st.text(min_size=1).filter(lambda s: s.strip() and "\x00" not in s))
def test_printable_utf8_round_trips(text: str) -> None:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        return
    assert decode(text.encode("utf-8"), "x") == text.removeprefix("\ufeff")


def test_read_input_kinds_and_limits(tmp_path) -> None:
    (tmp_path / "a.md").write_text("# Title\n\nSome text.", encoding="utf-8")
    assert read_input(str(tmp_path / "a.md")).kind == "markdown"
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.7")
    with pytest.raises(InputError, match=r"unsupported file type '\.pdf'"):
        read_input(str(tmp_path / "b.pdf"))
    with pytest.raises(InputError, match="no such file"):
        read_input(str(tmp_path / "missing.txt"))
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(InputError, match="input limit"):
        read_input(str(big))


def test_expand_walks_folders_sorted_and_skips_hidden(tmp_path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("sub/b.txt", "a.json", ".git/c.txt", "notes.pdf", "sub/.hidden.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert list(expand([str(tmp_path)])) == [str(tmp_path / "a.json"), str(tmp_path / "sub/b.txt")]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no reports or facts documents"):
        list(expand([str(empty)]))


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path) -> None:
    """Python keeps such bytes as lone surrogates, which no store, JSON or terminal takes."""
    raw = os.fsdecode(bytes(tmp_path) + b"/report\xff.txt")
    Path(raw).write_text("Police arrested 3 suspects.\n", encoding="utf-8")
    item = read_input(raw)
    assert item.source == str(tmp_path) + "/report\\xff.txt"
    assert item.source.encode("utf-8")  # printable and storable
    with pytest.raises(InputError) as refused:
        read_input(os.fsdecode(bytes(tmp_path) + b"/missing\xfe.txt"))
    assert str(refused.value).encode("utf-8") and "missing\\xfe.txt" in str(refused.value)
