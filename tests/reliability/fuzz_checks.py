"""The checks the fuzz harnesses (fuzz/) and their regression test share: one copy only.

A fuzz input is raw bytes. Its first byte picks how the rest is fed in, so one corpus
covers every path the CLI and the library take; the rest is the payload:

* bits 3-4, both targets: the path. 0 (and 3): bytes decoded by
  :func:`graphkit.inputs.decode` as the CLI does; 1: text handed straight to the library,
  undecodable bytes replaced by U+FFFD; 2: likewise but as lone surrogates (what
  ``os.fsdecode`` and ``surrogateescape`` hand a library caller).
* extractor (:func:`check_extract`): bits 0-1 the reader (text, markdown, html, text),
  bit 2 a caller's ``published`` date.
* facts parser (:func:`check_facts`): bit 0 the format (json, yaml).

The only acceptable failures are graphkit's own errors, with a one-line message (an
:class:`InputError` from decoding or extraction; a :class:`FactsError` from the parser).
Anything else is a crash: another exception, a document that does not survive its own
JSON and YAML round trip or cannot be written as UTF-8, or evidence that is not the
report text at its offsets.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from graphkit.errors import FactsError, GraphkitError, InputError
from graphkit.extract import extract_text
from graphkit.facts import FactsDocument, Relationship, dump_yaml, normalise_text
from graphkit.inputs import decode

ROOT = Path(__file__).resolve().parents[2]
REGRESSIONS = Path(__file__).resolve().parent / "fuzz_regressions"

READERS = ("text", "markdown", "html")
FACTS_FORMATS = ("json", "yaml")
PUBLISHED = (None, "2024-05-01")
_PLAIN = re.compile(r"[A-Za-z0-9 .:_-]{0,80}")
_SUFFIX_READER = {".txt": "text", ".md": "markdown", ".html": "html"}


CLI, API, API_SURROGATES = 0, 1, 2


def _text(payload: bytes, mode: int) -> str:
    """The payload as the CLI decodes it (may refuse), or as a library caller passes it."""
    path = (mode >> 3) & 3
    if path == API:
        return payload.decode("utf-8", "replace")
    if path == API_SURROGATES:
        return payload.decode("utf-8", "surrogateescape")
    return decode(payload, "fuzz")


def _one_line(exc: GraphkitError) -> None:
    message = str(exc)
    assert message and "\n" not in message, f"error message is not one line: {message!r}"
    message.encode("utf-8")  # printable: no lone surrogate copied from the input


def check_document(doc: FactsDocument, full_yaml: bool = True) -> None:
    """A document must be self-consistent and survive JSON and YAML round trips unchanged.

    The whole-document YAML round trip costs ~100x the extraction (pure-Python PyYAML),
    so the extractor's check (``full_yaml=False``) sends only the document's strings
    through the same YAML dumper (:func:`graphkit.facts.dump_yaml`) and loader: they are
    what YAML can garble (plain ASCII words, keys and numbers aside, which it cannot).
    """
    text = doc.report.text
    for rel in doc.relationships:
        assert text[rel.evidence_start : rel.evidence_end] == rel.evidence, (
            f"{rel.type} evidence does not match the text at {rel.evidence_start}"
        )
    expected = doc.to_dict()
    try:
        doc.to_json().encode("utf-8")  # what `graphkit extract -o` writes and stores take
    except UnicodeEncodeError as exc:
        raise AssertionError(f"document is not valid Unicode: {exc}") from None
    trips = [("json", doc.to_json())]
    if full_yaml:
        trips.append(("yaml", doc.to_yaml()))
    for fmt, dumped in trips:
        try:
            again = FactsDocument.parse(dumped, fmt, "round trip")
        except FactsError as exc:
            raise AssertionError(f"{fmt} round trip fails validation: {exc}") from None
        assert again.to_dict() == expected, f"{fmt} round trip changes the document"
    if not full_yaml:
        strings = sorted(s for s in _strings(expected) if not _PLAIN.fullmatch(s))
        dumped = dump_yaml(strings)
        assert yaml.safe_load(dumped) == strings, "a string does not survive YAML"


def _strings(value: Any) -> set[str]:
    """Every string in a plain JSON-like value, keys included."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(k) | _strings(v) for k, v in value.items()))
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value))
    return set()


def check_extract(data: bytes) -> None:
    """Extract one fuzz input; only a one-line InputError may stop it."""
    if not data:
        return
    mode, payload = data[0], data[1:]
    fmt, published = READERS[(mode & 3) % 3], PUBLISHED[(mode >> 2) & 1]
    try:
        text = _text(payload, mode)
        doc = extract_text(text, source="fuzz", published=published, fmt=fmt)
    except InputError as exc:
        _one_line(exc)
        return
    assert doc.report.text == normalise_text(doc.report.text), "report text is not normalised"
    check_document(doc, full_yaml=False)


def check_facts(data: bytes) -> None:
    """Parse one fuzz input as a facts document; only a one-line graphkit error may stop it."""
    if not data:
        return
    mode, payload = data[0], data[1:]
    try:
        doc = FactsDocument.parse(_text(payload, mode), FACTS_FORMATS[mode & 1], "fuzz")
    except (InputError, FactsError) as exc:
        _one_line(exc)
        return
    check_document(doc)


def extract_input(payload: bytes, fmt: str, path: int = CLI, published: str | None = None) -> bytes:
    """The fuzz input that feeds ``payload`` to the extractor this way (for seeds)."""
    return bytes([READERS.index(fmt) | (4 if published else 0) | path << 3]) + payload


def facts_input(payload: bytes, fmt: str, path: int = CLI) -> bytes:
    """The fuzz input that feeds ``payload`` to the facts parser this way (for seeds)."""
    return bytes([FACTS_FORMATS.index(fmt) | path << 3]) + payload


def _small(doc: FactsDocument, size: int) -> FactsDocument:
    """A valid document a few hundred bytes long cut from ``doc``: ``size`` relationships,
    the nodes they link, and a report text made of their evidence (fast to fuzz)."""
    by_type: dict[str, Relationship] = {}
    for rel in doc.relationships:
        by_type.setdefault(rel.type, rel)  # one of each type: more variety per byte
    rels = [r for r in by_type.values() if r.src.label != "Report"][:size]
    evidence = list(dict.fromkeys(r.evidence for r in rels))
    text = "\n".join(evidence)
    report = type(doc.report).from_text(text, doc.report.source, doc.report.title, "2024-05")
    refs = {end for r in rels for end in (r.src, r.dst)}
    data = {
        "report": report.model_dump(),
        "nodes": [n.model_dump() for n in doc.nodes if n.ref in refs],
        "relationships": [
            {
                **r.model_dump(by_alias=True),
                "evidence_start": text.index(r.evidence),
                "evidence_end": text.index(r.evidence) + len(r.evidence),
            }
            for r in rels
        ],
    }
    return FactsDocument.model_validate(data)


def seeds() -> dict[str, dict[str, bytes]]:
    """Seed corpora from our own files in data/: the sample reports, and small facts
    documents cut from the seed facts and from what the extractor makes of the reports."""
    extract: dict[str, bytes] = {}
    docs: dict[str, FactsDocument] = {}
    for path in sorted((ROOT / "data" / "reports").iterdir()):
        fmt = _SUFFIX_READER.get(path.suffix)
        if fmt is None:
            continue
        data = path.read_bytes()
        extract[f"seed-{path.name}"] = extract_input(data, fmt)
        extract[f"seed-api-{path.name}"] = extract_input(data, fmt, API, published="x")
        docs[path.stem] = extract_text(decode(data, path.name), source=path.name, fmt=fmt)
    docs["seed"] = FactsDocument.read(ROOT / "data" / "facts" / "seed.json")
    facts: dict[str, bytes] = {}
    for i, (name, doc) in enumerate(sorted(docs.items())):
        small = _small(doc, 2 + i % 4)
        facts[f"seed-{name}.json"] = facts_input(small.to_json().encode(), "json")
        facts[f"seed-{name}.yaml"] = facts_input(small.to_yaml().encode(), "yaml", i % 2)
    return {"extract": extract, "facts": facts}


def regressions(target: str) -> list[Path]:
    """The inputs that once crashed ``target`` (``extract`` or ``facts``), kept as tests."""
    folder = REGRESSIONS / target
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


CHECKS = {"extract": check_extract, "facts": check_facts}
