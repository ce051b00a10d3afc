"""Nationality is an attribute of the group, never a place: our own phrasings."""

from __future__ import annotations

import pytest
from helpers_extract import node, place_countries, rels

from graphkit.extract import extract_text


def group_of(text: str) -> dict:
    doc = extract_text(text, source="t.txt")
    targeted = rels(doc, "TARGETED")
    assert targeted, "no group"
    return node(doc, targeted[0].dst) | {"places": place_countries(doc)}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police in Spain dismantled a criminal network made up of Greek nationals.", ["GR"]),
        ("An Albanian-speaking network was dismantled by police in Spain.", ["AL"]),
        ("Police in Spain arrested 12 suspects of Moroccan and Tunisian origin.", ["MA", "TN"]),
        (
            "Police in Spain dismantled a gang whose members originated from Kosovo and Serbia.",
            [],
        ),
        (
            "The network, mainly individuals originating from Kosovo and Serbia, was dismantled "
            "by police in Spain.",
            ["RS", "XK"],
        ),
        ("A Vietnamese criminal group was dismantled by the police in Spain.", ["VN"]),
        ("Police in Spain arrested five Chinese and two Italian suspects.", ["CN", "IT"]),
    ],
)
def test_nationalities_of_suspects_are_stored_on_the_group(text, expected):
    group = group_of(text)
    assert sorted(group.get("nationalities") or []) == expected
    assert group["places"] == {"ES"}


@pytest.mark.parametrize(
    "text",
    [
        "Police in Spain dismantled a network that exploited Nigerian women.",
        "Police in Spain dismantled a gang and safeguarded 13 Romanian victims.",
        "Police in Spain dismantled a network that smuggled Syrian migrants.",
        "Police in Spain dismantled a gang; the victims, Colombian nationals, were rescued.",
    ],
)
def test_victims_nationalities_are_not_the_groups(text):
    assert not group_of(text).get("nationalities")
