"""Crime types from the case's own words, in several phrasings; things that were only
seized, bodies' names and governments' labels are not the case's crimes."""

from __future__ import annotations

import pytest
from helpers_extract import analyse

from graphkit.extract import extract_text
from graphkit.extract.crimes import find_crimes


def crimes(text: str) -> set[str]:
    return set(find_crimes(analyse(text)))


def case_crimes(text: str) -> set[str]:
    doc = extract_text(text, source="t.txt")
    ops = [n for n in doc.nodes if n.label == "Operation"]
    return set(ops[0].properties.get("crimes") or []) if ops else set()


@pytest.mark.parametrize(
    "text,crime",
    [
        (
            "The gang trafficked women from Nigeria for sexual exploitation.",
            "trafficking_in_human_beings",
        ),
        (
            "The victims were trafficked to Spain and held in debt bondage.",
            "trafficking_in_human_beings",
        ),
        (
            "The network facilitated the illegal entry of hundreds of people into the EU.",
            "migrant_smuggling",
        ),
        ("They smuggled refugees across the border in lorries.", "migrant_smuggling"),
        ("The suspects defrauded elderly victims through bogus investment schemes.", "fraud"),
        ("The group ran call centres that sold fake investments.", "fraud"),
        ("The network used forged passports and false identity documents.", "fraud"),
        ("The company is accused of tax evasion worth EUR 3 million.", "fraud"),
        ("Customs officers took kickbacks to let the containers through.", "corruption"),
        ("The officials abused their office to issue permits.", "corruption"),
        ("The gang was trafficking weapons from the Balkans.", "firearms_trafficking"),
        ("They sold converted alarm pistols online.", "firearms_trafficking"),
        ("The criminals deployed infostealers and hacked company accounts.", "cybercrime"),
        ("The ring ran illegal cigarette factories in Poland.", "excise_fraud"),
        ("The network laundered the profits through shell companies.", "money_laundering"),
        ("The gang printed counterfeit euro banknotes in Naples.", "counterfeiting"),
        ("The gang dealt in stolen cars and machinery.", "property_crime"),
    ],
)
def test_cues_in_several_wordings(text, crime):
    assert crime in crimes(text)


@pytest.mark.parametrize(
    "text,absent",
    [
        (
            "Police seized cocaine, counterfeit pills and two firearms from the dealers.",
            {"counterfeiting", "firearms_trafficking"},
        ),
        (
            "Officers seized cocaine and numerous stolen vehicles in the drugs raid.",
            {"property_crime"},
        ),
        (
            "Police dismantled a cocaine ring. They seized counterfeit cigarettes too.",
            {"counterfeiting", "excise_fraud"},
        ),
        (
            "In 2025 the cartel was designated a Foreign Terrorist Organization. Police arrested "
            "12 cocaine traffickers.",
            {"terrorism"},
        ),
        (
            "Police arrested 12 cocaine traffickers. The project helps the region combat "
            "organised crime and terrorism.",
            {"terrorism"},
        ),
        ("The EU Food Fraud Network and police arrested 12 cocaine traffickers.", {"fraud"}),
        (
            "The workers were given counterfeit work contracts. Police arrested 12 people.",
            {"counterfeiting"},
        ),
    ],
)
def test_incidental_words_are_not_the_cases_crimes(text, absent):
    found = case_crimes(text)
    assert not (found & absent), found


@pytest.mark.parametrize(
    "text",
    [
        "The gang sold converted pistols and assault rifles on the dark web.",
        "The suspects were dealing in reactivated Kalashnikov rifles.",
        "Members supplied handguns to criminal groups across the region.",
        "The network trafficked military-grade rifles from the Balkans.",
        "They smuggled automatic pistols hidden in car parts.",
        "The workshop produced converted alarm pistols for sale.",
    ],
)
def test_firearms_named_by_their_kind(text):
    assert "firearms_trafficking" in crimes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The gang burgled homes across the region.",
        "Members of the group burgle shops at night.",
        "The suspects were burgling warehouses.",
    ],
)
def test_burgling_is_property_crime(text):
    assert "property_crime" in crimes(text)


def test_pistols_found_in_a_drug_raid_are_not_the_case_s_crime():
    text = "Police in Spain arrested 3 cocaine traffickers and seized 3 converted pistols."
    assert case_crimes(text) == {"drug_trafficking"}
