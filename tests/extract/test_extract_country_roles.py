"""A country is a place only where something happened: our own sentences for every other
reason a report names one (nationality, origin, destination, participants, agencies'
homes, datelines, attributes), each in several phrasings."""

from __future__ import annotations

import pytest
from helpers_extract import analyse, place_countries

from graphkit.extract import extract_text
from graphkit.extract.agencies import find_agencies
from graphkit.extract.countries import Role, country_mentions


def places(text: str) -> set[str]:
    return place_countries(extract_text(text, source="t.txt"))


def roles(text: str) -> dict[str, set[Role]]:
    analysis = analyse(text)
    homes = [(m.start, m.end, m.agency.country) for m in find_agencies(analysis)]
    out: dict[str, set[Role]] = {}
    for m in country_mentions(analysis, homes):
        out.setdefault(m.iso2, set()).add(m.role)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested 12 Chinese criminals in a raid on a warehouse in Italy.",
        "A Vietnamese group was dismantled after raids in Italy.",
        "Most of those arrested in Italy were Albanian and Syrian nationals.",
        "The suspects, originating from Kosovo and Serbia, were arrested in Italy.",
        "Eight people from Albania were among the suspects arrested in Italy.",
        "The couriers, of Moroccan and Tunisian origin, were detained in Italy.",
        "The victims, mostly from Mali and Niger, were freed in a police raid in Italy.",
        "The suspects, mainly from Albania, were arrested in Italy.",
        "The network, made up of Georgian citizens, was dismantled by police in Italy.",
    ],
)
def test_nationality_is_not_a_place(text):
    assert places(text) == {"IT"}


@pytest.mark.parametrize(
    "text",
    [
        "Customs stopped a lorry heading for the United Kingdom and seized cocaine in France.",
        "The cocaine, bound for Spain and Portugal, was seized at the port in France.",
        "Police in France seized drugs that were to be shipped to Morocco.",
        "The cargo, destined for Italy, was intercepted by officers in France.",
        "Officers in France arrested a courier in transit through Belgium.",
        "The migrants were on their way to Germany when police arrested the driver in France.",
        "The suspects tried to bring 40 kg of heroin into Ireland; police arrested them in France.",
    ],
)
def test_destination_and_transit_are_not_places(text):
    assert places(text) == {"FR"}


@pytest.mark.parametrize(
    "text",
    [
        "Police in Greece seized counterfeit goods imported from China.",
        "The pistols, produced in Türkiye, were seized by police in Greece.",
        "Investigators in Greece seized a vessel registered in Panama.",
        "Police in Greece seized cocaine shipped from Ecuador.",
        "The heroin, smuggled from Iran, was seized by police in Greece.",
        "Officers in Greece seized hashish transported from Morocco.",
        "The suspects, who had come from Moldova, were arrested in Greece.",
    ],
)
def test_origin_of_goods_is_not_a_place(text):
    assert places(text) == {"GR"}


@pytest.mark.parametrize(
    "text",
    [
        "Authorities from Romania and Cyprus contributed to the operation. "
        "Police arrested nine suspects in Greece.",
        "The investigation also involved police services from Austria and Denmark. "
        "Nine suspects were arrested in Greece.",
        "Supported by Europol, Eurojust and Switzerland, police arrested nine suspects in Greece.",
        "Spain issued a European Arrest Warrant and police arrested the suspect in Greece.",
        "The operation was led by Romania and coordinated by Europol. "
        "Nine suspects were arrested in Greece.",
        "Croatia, Hungary and Italy set up a joint investigation team. "
        "Nine suspects were arrested in Greece.",
        "Officers in Greece arrested nine suspects with the support of the Dutch authorities.",
    ],
)
def test_participating_countries_are_not_places(text):
    assert places(text) == {"GR"}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Law enforcement officers from Romania and the UK carried out 11 house searches.",
            {"RO", "GB"},
        ),
        ("Czech, Polish and Slovenian authorities dismantled the ring.", {"CZ", "PL", "SI"}),
        (
            "On an action day, Italian and Latvian authorities brought the network down.",
            {"IT", "LV"},
        ),
        ("The Spanish Guardia Civil raided three warehouses used by the gang.", {"ES"}),
        ("FBI agents arrested ten members of the network.", {"US"}),
        (
            "Europol, Portuguese authorities and the Spanish Guardia Civil conducted the raids.",
            {"PT", "ES"},
        ),
    ],
)
def test_authorities_acting_on_the_ground_make_places(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Dutch National Police took part in the operation against the network.",
        "Support also came from officers of the French National Police.",
        "The Belgian Federal Police assisted the investigation into the gang.",
    ],
)
def test_agencies_that_only_support_do_not_make_places(text):
    assert places(text) == set()


def test_an_agency_acting_where_the_clause_names_a_place_does_not_add_its_home():
    text = "The Spanish National Police arrested two suspects in Portugal."
    assert places(text) == {"PT"}


@pytest.mark.parametrize(
    "text",
    [
        "LISBON, Portugal – Police arrested nine people in Spain in a raid on a drugs gang.",
        "ROME, Italy (AP) - Police arrested nine people in Spain in a raid on a drugs gang.",
        "The Hague, the Netherlands\nPolice arrested nine people in Spain in a drugs raid.",
    ],
)
def test_datelines_are_not_places(text):
    assert places(text) == {"ES"}


def test_a_country_used_as_an_attribute_is_not_a_place():
    found = roles(
        "A separate report on UK consumers put the damage at EUR 1 million. "
        "In January, the US Federal Trade Commission released figures. "
        "The victims were recruited in Benin City and taken to Mexico City."
    )
    assert Role.PLACE not in found.get("GB", set())
    assert Role.PLACE not in found.get("US", set())
    assert "BJ" not in found and "MX" not in found and "NG" not in found


@pytest.mark.parametrize(
    "text,iso2",
    [
        ("Assistant U.S. Attorneys are prosecuting the case against them.", "US"),
        ("Acting US Attorney Jane Roe announced the charges.", "US"),
        ("Senior Spain Correspondent Ana Gil reported the raids.", "ES"),
    ],
)
def test_a_country_inside_a_title_is_not_a_place(text, iso2):
    assert Role.PLACE not in roles(text).get(iso2, set())


@pytest.mark.parametrize(
    "text,iso2",
    [
        ("Police in Ghana seized 4,500 US dollars.", "US"),
        ("Police in Ghana seized 9,000 Australian dollars.", "AU"),
    ],
)
def test_a_currency_named_by_its_country_is_not_a_place(text, iso2):
    assert Role.PLACE not in roles(text).get(iso2, set())


@pytest.mark.parametrize(
    "text", ["In Spain Police arrested five men.", "Across Spain Police raided 20 homes."]
)
def test_a_country_after_a_capitalised_preposition_is_still_a_place(text):
    assert Role.PLACE in roles(text)["ES"]


def test_a_list_after_one_preposition_makes_every_member_a_place():
    text = "Raids took place in Austria, the Czech Republic, Bosnia Herzegovina and Niger."
    assert places(text) == {"AT", "CZ", "BA", "NE"}


def test_every_country_has_a_name_in_the_gazetteer():
    text = (
        "Police arrested members of a network active in Chad, Laos, Eswatini, Cabo Verde "
        "and Ivory Coast."
    )
    assert places(text) == {"TD", "LA", "SZ", "CV", "CI"}


def test_background_and_boilerplate_are_not_places():
    text = (
        "Police arrested nine suspects in Greece. Since 2019, the task force has supported "
        "investigations in Spain, Italy and France."
    )
    assert places(text) == {"GR"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Agents searched stash houses in Massachusetts and New Hampshire.", {"US"}),
        ("Police raided warehouses in Rotterdam and seized cocaine.", {"NL"}),
        (
            "Europol coordinated the action from its headquarters in The Hague. Police arrested "
            "5 people in Spain.",
            {"ES"},
        ),
        ("BOSTON – Police arrested 5 people in Spain.", {"ES"}),
    ],
)
def test_a_city_or_region_makes_its_country_a_place_only_where_action_happens(text, expected):
    assert places(text) == expected
