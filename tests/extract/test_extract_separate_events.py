"""A separate, earlier event a report mentions is not merged into its operation."""

from __future__ import annotations

import pytest
from helpers_extract import (
    agency_names,
    arrests_by_country,
    operations,
    place_countries,
    seizures,
)

from graphkit.extract import extract_text

MAIN = (
    "Police in Spain arrested 12 members of a cocaine network on 3 May 2024 and seized "
    "40 kg of cocaine.\n"
)


@pytest.mark.parametrize(
    "aside",
    [
        "In a separate case, French customs seized 2 tonnes of cocaine in Marseille in March "
        "2023 and arrested 4 people there.",
        "This follows an earlier interception in Belgium, where customs seized 2 tonnes of "
        "cocaine on 1 March 2023.",
        "In an unrelated investigation, police in Italy arrested 4 people and seized 2 tonnes "
        "of cocaine on 1 March 2023.",
    ],
)
def test_a_separate_event_keeps_its_facts_to_itself(aside):
    doc = extract_text(MAIN + aside, source="t.txt", published="2024-05-06")
    assert place_countries(doc) == {"ES"}
    assert arrests_by_country(doc) == {"ES": 12}
    assert [s for s in seizures(doc)] == [("cocaine", 40, "kg")]
    [op] = operations(doc)
    assert op["start_date"] == "2024-05-03" and op["end_date"] == "2024-05-03"
    assert agency_names(doc) <= {"Spanish National Police"}


def test_the_separate_event_ends_with_its_paragraph():
    text = (
        MAIN
        + "In a separate case, French customs seized 2 tonnes of cocaine in Marseille.\n"
        + "Europol supported the Spanish operation. Three more suspects were arrested in "
        "Portugal."
    )
    doc = extract_text(text, source="t.txt", published="2024-05-06")
    assert arrests_by_country(doc) == {"ES": 12, "PT": 3}
