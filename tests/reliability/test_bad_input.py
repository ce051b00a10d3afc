"""A corpus of hostile and broken inputs, generated per test: each bad file gets one clear
error line naming it, the exit status is non-zero, the good files beside it still load,
and the graph holds exactly what the good files say."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import pytest
from factories import expected_graph
from reliability_cli import SEED, error_lines, graphkit, open_for_reading, store_args

from graphkit.facts import FactsDocument
from graphkit.inputs import MAX_INPUT_BYTES

TEXT = "Europol supported the Belgian Federal Police in Liège; 14 suspects were arrested.\n"
PWNED = "graphkit-reliability-pwned"


def seed_dict() -> dict:
    return json.loads(SEED.read_text(encoding="utf-8"))


def mutated(change) -> bytes:
    doc = seed_dict()
    change(doc)
    return json.dumps(doc).encode()


def _set(path: list, value):
    def change(doc: dict) -> None:
        target = doc
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _node(label: str):
    return lambda doc: next(n for n in doc["nodes"] if n["label"] == label)


def _property(label: str, name: str, value):
    return lambda doc: _node(label)(doc)["properties"].__setitem__(name, value)


def _operation_arrests(value):
    return _property("Operation", "arrests", value)


# name -> (bytes, what the single error line must say)
def corpus(tmp_path: Path) -> dict[str, tuple[bytes | None, str]]:
    rng = random.Random(7)
    seed = seed_dict()
    seed_text = SEED.read_bytes()
    nested = b"[" * 100_000 + b"]" * 100_000
    unknown_label = copy.deepcopy(seed)
    unknown_label["nodes"][0]["label"] = "Weapon`) DETACH DELETE n //"
    unknown_type = copy.deepcopy(seed)
    unknown_type["relationships"][0]["type"] = "OWNS"
    pwned = tmp_path / PWNED
    return {
        "empty.txt": (b"", "empty input"),
        "blank.json": (b" \n\t\n", "empty input"),
        "binary.txt": (b"\x7fELF\x00" + rng.randbytes(4096), "binary"),
        "truncated-utf8.txt": ("Liège, Zürich: ".encode() * 50 + "€".encode()[:2], "cut off"),
        "truncated-utf8.json": (seed_text[: seed_text.index("«".encode()) + 1], "cut off")
        if "«".encode() in seed_text
        else (("{" + '"x": "é€' * 3).encode()[:-1], "cut off"),
        "utf16-no-bom.txt": (TEXT.encode("utf-16-le") * 20, "UTF-16"),
        "undefined-cp1252.txt": (b"Europol \x81\x8d\x8f\x90\x9d arrests\n", "not UTF-8"),
        "over-limit.txt": (None, "input limit"),  # sparse, made below
        "truncated.json": (seed_text[: len(seed_text) // 2], "malformed JSON"),
        "nested.json": (nested, "nested too deeply"),
        "nested.yaml": (nested, "nested too deeply"),
        "python-tag.yaml": (
            f"!!python/object/apply:os.system ['touch {pwned}']\n".encode(),
            "python/object",
        ),
        "python-name.yaml": (b"report: !!python/name:os.system\n", "python/name"),
        "unknown-label.json": (json.dumps(unknown_label).encode(), "unknown node label"),
        "unknown-type.json": (json.dumps(unknown_type).encode(), "unknown relationship type"),
        "int-too-big.json": (mutated(_operation_arrests(2**63)), "64-bit"),
        "int-too-small.json": (mutated(_operation_arrests(-(2**63) - 1)), "64-bit"),
        "int-huge.json": (mutated(_operation_arrests(10**400)), "64-bit"),
        "float-inf.json": (
            mutated(_property("Seizure", "quantity", 1e400)),
            "finite",
        ),
        "year-99999.json": (mutated(_set(["report", "published"], "99999-01-01")), "ISO date"),
        "op-year-99999.json": (
            mutated(
                lambda d: _node("Operation")(d)["properties"].__setitem__("start_date", "99999")
            ),
            "ISO date",
        ),
        "not-a-mapping.yaml": (b"- just\n- a list\n", "mapping"),
    }


def test_each_bad_file_fails_alone_with_one_clear_line(cli_store: dict, tmp_path: Path) -> None:
    bad = tmp_path / "inputs"
    bad.mkdir()
    expected = corpus(tmp_path)
    for name, (data, _) in expected.items():
        if data is not None:
            (bad / name).write_bytes(data)
    with (bad / "over-limit.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse: nothing is written
    # good files beside them: the seed, a Windows-1252 facts document, a 7 MiB single line
    (bad / "seed.json").write_bytes(SEED.read_bytes())
    cp1252 = _cp1252_document()
    (bad / "windows-1252.yaml").write_bytes(cp1252.to_yaml().encode("cp1252"))
    long_line = _long_line_document(7 * 1024 * 1024)
    (bad / "long-line.json").write_text(json.dumps(long_line.to_dict()), encoding="utf-8")
    assert (bad / "long-line.json").stat().st_size < MAX_INPUT_BYTES

    result = graphkit("load", str(bad), timeout=150, **store_args(cli_store))
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    lines = error_lines(result)
    for name, (_, fragment) in expected.items():
        mine = [line for line in lines if f"{bad / name}:" in line]
        assert len(mine) == 1, (name, stderr)
        assert fragment in mine[0], (name, mine[0])
    assert len(lines) == len(expected), stderr
    assert not (tmp_path / PWNED).exists()
    with open_for_reading(cli_store) as store:
        graph = store.read_graph()
    assert graph == expected_graph([FactsDocument.read(SEED), cp1252, long_line])


def test_a_failed_file_changes_nothing_already_loaded(tmp_path: Path) -> None:
    """A document valid to the facts parser but rejected late leaves the graph as it was."""
    db = tmp_path / "db"
    assert graphkit("load", str(SEED), db=db).returncode == 0
    with open_for_reading({"db": db}) as store:
        before = store.read_graph()
    # same report key, corrected document that is invalid: must not replace the stored one
    bad = tmp_path / "seed-bad.json"
    bad.write_bytes(mutated(_operation_arrests(2**64)))
    result = graphkit("load", str(bad), db=db)
    assert result.returncode == 1 and len(error_lines(result)) == 1
    with open_for_reading({"db": db}) as store:
        assert store.read_graph() == before


def _cp1252_document() -> FactsDocument:
    from factories import FactsBuilder

    sentence = "Les polices de Liège et de Besançon ont coopéré – « Opération Été » – 3 000 €."
    b = FactsBuilder(f"Opération Été\n\n{sentence}\n", "reports/cp1252.txt", title="Été")
    a = b.node("Agency", "agency:be:liege", name="Police de Liège", country="BE", kind="police")
    c = b.node("Agency", "agency:fr:besancon", name="Police de Besançon", country="FR")
    b.rel("COOPERATED_WITH", a, c, sentence)
    return b.build()


def _long_line_document(size: int) -> FactsDocument:
    from factories import FactsBuilder

    sentence = "Europol supported the Dutch National Police in Rotterdam."
    filler = "x" * (size - 200)
    b = FactsBuilder(f"{filler} {sentence}", "reports/long-line.txt")
    e = b.node("Agency", "agency:eu:europol", name="Europol", country="EU", kind="eu_agency")
    n = b.node("Agency", "agency:nl:national-police", name="Dutch National Police", country="NL")
    b.rel("COOPERATED_WITH", e, n, sentence)
    return b.build()


@pytest.mark.parametrize(
    "text",
    ['{"a": ' + "[" * 100_000, "{" * 50_000, '{"a":' * 50_000],
    ids=["arrays", "objects", "keys"],
)
def test_deep_nesting_from_stdin_is_a_clear_error(text: str, tmp_path: Path) -> None:
    result = graphkit("load", "-", db=tmp_path / "db", stdin=text.encode())
    assert result.returncode == 1
    assert "Traceback" not in result.stderr.decode()
    [line] = error_lines(result)
    assert "malformed JSON" in line or "nested too deeply" in line, line
