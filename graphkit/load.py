"""The loading pipeline: inputs → facts documents → store, one report at a time.

Each report is its own transaction, so a file that fails (unreadable, invalid, rejected
by the store) loses nothing already in the graph and stops no other file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graphkit.errors import ExtractionUnavailable, GraphkitError
from graphkit.facts import FactsDocument
from graphkit.inputs import Input, expand, read_input
from graphkit.store.base import GraphStore


@dataclass(frozen=True)
class Outcome:
    """What happened to one input."""

    source: str
    report: str | None = None
    relationships: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def to_facts(item: Input, published: str | None = None) -> FactsDocument:
    """The facts document for one input: parsed if it is one, extracted if it is text."""
    if item.is_facts:
        return FactsDocument.parse(item.text, item.kind, item.source)
    try:
        from graphkit.extract import extract_text
    except ImportError:
        raise ExtractionUnavailable(
            f"{item.source}: text reports need the extractor, which this build lacks; "
            "load a facts document (.json/.yaml) instead"
        ) from None
    return extract_text(item.text, source=item.source, published=published, fmt=item.kind)


def read_facts(source: str, published: str | None = None) -> FactsDocument:
    return to_facts(read_input(source), published)


def load(
    store: GraphStore,
    inputs: Iterable[str],
    *,
    published: str | None = None,
    on_item: Callable[[Outcome], None] | None = None,
    debug: bool = False,
) -> list[Outcome]:
    """Load each input (a file or ``-``, see :func:`sources`); never stop at a bad one.

    A bug of ours while reading one input is reported as that input's failure (the
    others still load) unless ``debug`` asks for the traceback.
    """
    outcomes: list[Outcome] = []
    for source in inputs:
        try:
            doc = read_facts(source, published)
            store.write(doc)
            outcome = Outcome(source, doc.report.key, len(doc.relationships))
        except GraphkitError as exc:
            message = str(exc)
            if not message.startswith(source):
                message = f"{source}: {message}"
            outcome = Outcome(source, error=message)
        except Exception as exc:
            if debug:
                raise
            outcome = Outcome(
                source, error=f"{source}: internal error ({type(exc).__name__}: {exc})"
            )
        outcomes.append(outcome)
        if on_item:
            on_item(outcome)
    return outcomes


def sources(paths: Iterable[str]) -> tuple[list[str], list[Outcome]]:
    """The inputs behind ``paths`` (folders expanded), and a failed outcome per empty path."""
    found: list[str] = []
    failed: list[Outcome] = []
    for path in paths:
        try:
            found.extend(expand([path]))
        except GraphkitError as exc:
            failed.append(Outcome(path, error=str(exc)))
    return found, failed
