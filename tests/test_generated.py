"""Files derived from the ontology must not drift from it (regenerate with `make schema`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit import model
from graphkit.schema import GENERATED_FILES

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("relative", sorted(GENERATED_FILES))
def test_generated_file_is_current(relative: str) -> None:
    on_disk = (ROOT / relative).read_text(encoding="utf-8")
    assert on_disk == GENERATED_FILES[relative](), f"{relative} is stale: run `make schema`"


def test_schema_doc_names_every_label_type_and_crime() -> None:
    doc = (ROOT / "docs/schema.md").read_text(encoding="utf-8")
    for name in [*model.NODE_TYPES, *model.RELATIONSHIP_TYPES, *model.CRIMES]:
        assert f"`{name}`" in doc
