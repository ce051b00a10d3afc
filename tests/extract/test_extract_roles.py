"""Who led, who supported, who took part: our own sentences, several phrasings."""

from __future__ import annotations

import pytest
from helpers_extract import analyse

from graphkit.extract.agencies import find_agencies


def roles(text: str) -> dict[str, str]:
    rank = {"led": 3, "supported": 2, "participated": 1}
    out: dict[str, str] = {}
    for m in find_agencies(analyse(text)):
        old = out.get(m.agency.name)
        if old is None or rank[m.role] > rank[old]:
            out[m.agency.name] = m.role
    return out


@pytest.mark.parametrize(
    "text",
    [
        "The operation was led by the Portuguese Judicial Police, the Belgian Federal Police "
        "and the Brazilian Federal Police.",
        "Led by the Portuguese Judicial Police, the Belgian Federal Police and the Brazilian "
        "Federal Police, the operation ended in May.",
        "Under the leadership of the Portuguese Judicial Police, the Belgian Federal Police and "
        "the Brazilian Federal Police, officers raided 20 homes.",
    ],
)
def test_several_leaders_all_lead(text):
    assert roles(text) == {
        "Portuguese Judicial Police": "led",
        "Belgian Federal Police": "led",
        "Brazilian Federal Police": "led",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Led by the Portuguese Judicial Police, the Belgian Federal Police, the Brazilian "
        "Federal Police and the Hellenic Police, the operation ended in May.",
        "Headed by the Portuguese Judicial Police, the Belgian Federal Police, the Brazilian "
        "Federal Police and the Hellenic Police, officers raided 20 homes.",
        "Led by the Portuguese Judicial Police, the Belgian Federal Police, the Brazilian "
        "Federal Police as well as the Hellenic Police.",
    ],
)
def test_every_member_of_a_long_fronted_list_leads(text):
    """The members between the first and the last ("A, B, C and D") are in the list too."""
    assert set(roles(text).values()) == {"led"}
    assert len(roles(text)) == 4


@pytest.mark.parametrize(
    "text,subjects",
    [
        (
            "Supported by Europol, the Belgian Federal Police and the Hellenic Police arrested "
            "5 people.",
            ["Belgian Federal Police", "Hellenic Police"],
        ),
        (
            "Assisted by Europol, the Belgian Federal Police, the Hellenic Police and the "
            "Brazilian Federal Police searched 20 homes.",
            ["Belgian Federal Police", "Hellenic Police", "Brazilian Federal Police"],
        ),
    ],
)
def test_a_fronted_phrase_followed_by_a_subject_list_ends_at_its_comma(text, subjects):
    found = roles(text)
    assert found["Europol"] == "supported"
    assert {found[name] for name in subjects} == {"participated"}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "At the request of the Belgian Federal Police, Europol analysed the data.",
            {"Belgian Federal Police": "led", "Europol": "supported"},
        ),
        (
            "The Belgian Federal Police led the investigation, assisted by Europol.",
            {"Belgian Federal Police": "led", "Europol": "supported"},
        ),
        (
            "Supported by Europol, the Belgian Federal Police arrested 5 people.",
            {"Europol": "supported", "Belgian Federal Police": "participated"},
        ),
        (
            "With the support of Europol and Eurojust, the Belgian Federal Police searched homes.",
            {
                "Europol": "supported",
                "Eurojust": "supported",
                "Belgian Federal Police": "participated",
            },
        ),
        (
            "The investigation was coordinated by Eurojust; the Dutch National Police took part.",
            {"Eurojust": "supported", "Dutch National Police": "participated"},
        ),
        (
            "Europol assisted the Dutch National Police, which headed the investigation.",
            {"Europol": "supported", "Dutch National Police": "led"},
        ),
        (
            "The Dutch National Police and the Belgian Federal Police took part in the operation.",
            {"Dutch National Police": "participated", "Belgian Federal Police": "participated"},
        ),
        (
            "The Spanish Guardia Civil coordinated the action days across the country.",
            {"Spanish Guardia Civil": "led"},
        ),
    ],
)
def test_roles_from_the_words_around_each_agency(text, expected):
    assert roles(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The action was coordinated by the Hellenic Police with the Bulgarian Border Police.",
            {"Hellenic Police": "led", "Bulgarian Border Police": "participated"},
        ),
        (
            "Under the coordination of the Hellenic Police, officers searched 20 homes.",
            {"Hellenic Police": "led"},
        ),
        (
            "The action days were coordinated by Europol and the Hellenic Police.",
            {"Europol": "supported", "Hellenic Police": "led"},
        ),
        (
            "Under the coordination of Eurojust, the Hellenic Police searched 20 homes.",
            {"Eurojust": "supported", "Hellenic Police": "participated"},
        ),
    ],
)
def test_coordination_leads_for_a_national_body_and_supports_for_an_international_one(
    text, expected
):
    assert roles(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Hellenic Police took the lead, with the Bulgarian Border Police participating.",
        "The Hellenic Police, which took the lead, worked with the Bulgarian Border Police.",
        "The Hellenic Police takes the lead in the joint team with the Bulgarian Border Police.",
    ],
)
def test_taking_the_lead_leads(text):
    assert roles(text)["Hellenic Police"] == "led"


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The Hellenic Police investigated the case, with assistance from Europol.",
            {"Hellenic Police": "led", "Europol": "supported"},
        ),
        (
            "The Hellenic Police and the Bulgarian Border Police investigated the network, "
            "with help from Eurojust.",
            {"Hellenic Police": "led", "Bulgarian Border Police": "led", "Eurojust": "supported"},
        ),
        (
            "Europol investigated the seized phones, with support from the Hellenic Police.",
            {"Europol": "supported", "Hellenic Police": "supported"},
        ),
    ],
)
def test_who_investigated_and_who_gave_assistance(text, expected):
    assert roles(text) == expected


def test_a_fronted_list_ends_at_its_comma_even_with_another_body_later():
    text = (
        "Led by the Portuguese Judicial Police, the Belgian Federal Police and the Hellenic "
        "Police, the operation had help from Europol."
    )
    found = roles(text)
    assert {found[n] for n in ("Portuguese Judicial Police", "Belgian Federal Police")} == {"led"}
    assert found["Hellenic Police"] == "led"
