"""A dateline dates the release, not the action, wherever the first paragraph starts."""

from __future__ import annotations

import pytest
from helpers_extract import operations

from graphkit.extract import extract_text


@pytest.mark.parametrize(
    "text",
    [
        "Cocaine network dismantled\n\nTHE HAGUE, 14 March 2025 – Police arrested 9 people in "
        "Spain on the action day of 11 March.",
        "THE HAGUE, 14 March 2025 – Police arrested 9 people in Spain on 11 March.",
        "Cocaine network dismantled\nPress release\nMADRID, 14 March 2025 - On 11 March, police "
        "arrested 9 people in Spain.",
    ],
)
def test_the_dateline_gives_the_year_and_the_body_the_day(text):
    doc = extract_text(text, source="t.txt")
    assert doc.report.published == "2025-03-14"
    [op] = operations(doc)
    assert (op["start_date"], op["end_date"]) == ("2025-03-11", "2025-03-11")


def test_an_item_opening_a_sentence_keeps_no_capital():
    doc = extract_text(
        "Police arrested 9 people. Bank accounts holding EUR 9 000 were frozen.", source="t.txt"
    )
    items = [n.properties["item"] for n in doc.nodes if n.label == "Seizure"]
    assert items == ["bank accounts"]
