"""Agencies the gazetteer does not know, found by their shape: our own sentences."""

from __future__ import annotations

import pytest
from helpers_extract import analyse

from graphkit.extract.agencies import find_agencies


def found(text: str) -> dict[str, str]:
    """name -> country"""
    return {m.agency.name: m.agency.country for m in find_agencies(analyse(text))}


def kinds(text: str) -> dict[str, str]:
    return {m.agency.name: m.agency.kind for m in find_agencies(analyse(text))}


@pytest.mark.parametrize(
    "text,name,country",
    [
        ("Officers of the Bavarian State Police raided the flats.", "Bavarian State Police", "DE"),
        ("The Slovak Financial Police joined the raids.", "Slovak Financial Police", "SK"),
        ("The Mexican Federal Police arrested him.", "Mexican Federal Police", "MX"),
        ("The Hungarian Coast Guard intercepted the boat.", "Hungarian Coast Guard", "HU"),
        ("The Latvian State Revenue Service took part.", "Latvian State Revenue Service", "LV"),
    ],
)
def test_country_adjective_and_a_head_noun(text, name, country):
    assert found(text).get(name) == country


@pytest.mark.parametrize(
    "text,name,country",
    [
        (
            "The case was led by the Public Prosecutor's Office of Munich.",
            "Public Prosecutor's Office of Munich",
            "DE",
        ),
        (
            "The Prosecution Service of Antwerp coordinated the case.",
            "Prosecution Service of Antwerp",
            "BE",
        ),
        (
            "The National Anti-Corruption Bureau of Ukraine opened the case.",
            "National Anti-Corruption Bureau of Ukraine",
            "UA",
        ),
        (
            "The National Agency for the Prohibition of Trafficking in Persons from Nigeria "
            "took part.",
            "National Agency for the Prohibition of Trafficking in Persons",
            "NG",
        ),
    ],
)
def test_body_of_a_place(text, name, country):
    assert found(text).get(name) == country


@pytest.mark.parametrize(
    "text",
    [
        "The Naples prosecutor's office and an investigating judge of Naples led the case.",
        "The investigation was directed by the Court of Milan.",
        "The Spanish National High Court issued the warrants.",
    ],
)
def test_prosecutors_courts_and_judges_are_judicial(text):
    assert "judicial" in kinds(text).values()


def test_acronym_defined_in_the_text_names_the_same_agency_later():
    text = (
        "The Croatian Office for the Suppression of Corruption and Organised Crime (USKOK) "
        "led the case. Later, USKOK charged 12 people."
    )
    names = [m.agency.name for m in find_agencies(analyse(text))]
    assert len(set(names)) == 1 and len(names) >= 2


def test_an_unknown_acronym_defined_in_brackets():
    text = (
        "The Slovenian National Bureau of Investigation (NPU) searched 8 houses. The NPU "
        "also arrested two men."
    )
    agencies = {m.agency.name for m in find_agencies(analyse(text))}
    assert agencies == {"Slovenian National Bureau of Investigation"}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Malta's Asset Recovery Bureau and Malta's Customs Enforcement Section supported it.",
            {"Maltese Asset Recovery Bureau": "MT", "Maltese Customs Enforcement Section": "MT"},
        ),
        (
            "Officers of the French National Police and Maritime Intelligence Unit searched it.",
            {"French National Police": "FR", "French Maritime Intelligence Unit": "FR"},
        ),
        (
            "The Spanish Guardia Civil and Maritime Intelligence Unit searched the boat.",
            {"Spanish Guardia Civil": "ES", "Spanish Maritime Intelligence Unit": "ES"},
        ),
    ],
)
def test_possessive_country_and_a_shared_country_in_a_list(text, expected):
    assert found(text) == expected


def test_two_bodies_joined_by_and_are_two_agencies():
    text = "The Belgian Federal Police and Prosecution Service of Ghent searched the port."
    assert set(found(text)) == {"Belgian Federal Police", "Prosecution Service of Ghent"}


def test_word_order_variants_of_a_known_name():
    assert found("The Belgian Judicial Federal Police took part.") == {
        "Belgian Federal Judicial Police": "BE"
    }


@pytest.mark.parametrize(
    "text",
    [
        "It is understood by Times of Malta that police bail was granted.",
        "The cartel is a threat to U.S. national security and public health.",
        "Albanian and Italian Security forces are on alert.",
        "The Albanian and Italian security services exchanged information.",
    ],
)
def test_fragments_and_generic_phrases_are_not_agencies(text):
    assert found(text) == {}


def test_the_same_force_under_two_names_is_one_agency():
    text = (
        "The Dutch National Police arrested five people. The Dutch Police Force also "
        "searched 12 homes."
    )
    assert set(found(text)) == {"Dutch National Police"}


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of the Interior of Slovenia said the network was dangerous. "
        "Police in Spain arrested 5 people.",
        "According to the Portuguese Ministry of Justice, the gang was dangerous. "
        "Police in Spain arrested 5 people.",
        "A spokesperson for the Italian Ministry of the Interior confirmed it. "
        "Police in Spain arrested 5 people.",
    ],
)
def test_a_body_quoted_only_as_a_source_is_not_a_participant(text):
    assert not any("Ministry" in name for name in found(text))


@pytest.mark.parametrize(
    "text,name",
    [
        (
            "HSI's Transnational Criminal Investigative Unit in Colombia assisted.",
            "HSI's Transnational Criminal Investigative Unit",
        ),
        (
            "The Internal Affairs Unit of the Romanian Police opened a case.",
            "Internal Affairs Unit of the Romanian Police",
        ),
        (
            "INTERPOL's Financial Crime and Anti-Corruption Centre coordinated the action.",
            "Interpol",
        ),
        ("The FinCEN analysed the transfers.", "Financial Crimes Enforcement Network"),
    ],
)
def test_units_and_centres_of_known_bodies(text, name):
    assert found(text).get(name) in ("US", "RO", "INT")


@pytest.mark.parametrize(
    "text,name,country",
    [
        ("Malta's Customs intercepted the container.", "Maltese Customs", "MT"),
        ("Malta Customs intercepted the container.", "Maltese Customs", "MT"),
        ("Cyprus's Police raided three flats.", "Cyprus Police", "CY"),
        ("Officers of Moldova's Customs checked the lorry.", "Moldovan Customs", "MD"),
    ],
)
def test_a_country_s_name_and_a_generic_body(text, name, country):
    """ "Malta's Customs" is the Maltese customs, as "the Maltese Customs" is."""
    assert found(text).get(name) == country


@pytest.mark.parametrize(
    "text",
    [
        "In Malta police arrested two men.",
        "In Cyprus police raided three flats.",
        "During the raids police seized cash.",
        "Officers of Malta Customs checked the lorry.",
        "Investigators of Cyprus's Police raided three flats.",
    ],
)
def test_a_sentence_opening_word_starts_no_name(text):
    """ "In", "During", "Officers": capitalised only because they open the sentence."""
    assert not any(
        name.split()[0] in ("In", "During", "Officers", "Investigators") for name in found(text)
    )


@pytest.mark.parametrize(
    "text,name",
    [
        ("The Romanian Anti-drug Unit raided the flats.", "Romanian Anti-Drug Unit"),
        (
            "The Bulgarian Anti-corruption Directorate opened a case.",
            "Bulgarian Anti-Corruption Directorate",
        ),
        ("The Greek Cyber-crime Division took part.", "Greek Cyber-Crime Division"),
    ],
)
def test_a_lower_case_compound_inside_a_name(text, name):
    assert name in found(text)


@pytest.mark.parametrize(
    "text,country",
    [
        ("In Austria (Bundeskriminalamt), three people were arrested.", "AT"),
        ("Raids took place in Austria (Bundeskriminalamt) and Croatia.", "AT"),
        ("In Germany (Bundeskriminalamt), three people were arrested.", "DE"),
    ],
)
def test_a_bracketed_body_belongs_to_the_country_before_the_bracket(text, country):
    assert set(found(text).values()) == {country}


@pytest.mark.parametrize(
    "text,name",
    [
        ("The Federal Police of Brazil raided the flats.", "Brazilian Federal Police"),
        ("The National Police of Spain raided the flats.", "Spanish National Police"),
        ("The Judicial Police of Portugal raided the flats.", "Portuguese Judicial Police"),
    ],
)
def test_a_known_body_written_with_of_its_country(text, name):
    """ "<body> of <country>" is the gazetteer's body of that country, under its one name."""
    assert name in found(text)


def test_a_city_s_body_keeps_its_own_name():
    assert found("The Police of Naples raided the flats.") == {"Police of Naples": "IT"}


@pytest.mark.parametrize(
    "text,name,country",
    [
        (
            "The Public Prosecutor's Office in Hamburg charged four men.",
            "Public Prosecutor's Office in Hamburg",
            "DE",
        ),
        ("The Regional Court in Munich heard the case.", "Regional Court in Munich", "DE"),
        (
            "The Prosecution Service in Antwerp and Europol worked together.",
            "Prosecution Service in Antwerp",
            "BE",
        ),
    ],
)
def test_a_judicial_body_in_its_city(text, name, country):
    assert found(text).get(name) == country
    assert kinds(text)[name] == "judicial"


def test_in_a_city_does_not_extend_a_police_name():
    assert "Federal Police in Hamburg" not in found("The Federal Police in Hamburg raided flats.")


@pytest.mark.parametrize(
    "text",
    [
        "The Public Prosecutor's Office of Hamburg and Europol worked together.",
        "The Public Prosecutor's Office in Hamburg and Europol worked together.",
    ],
)
def test_a_named_body_after_and_ends_the_name_before_it(text):
    assert set(found(text)) == {text[4:].split(" and ")[0], "Europol"}


@pytest.mark.parametrize(
    "text,mention",
    [
        ("Malta's Customs intercepted the container.", "Malta's Customs"),
        ("Malta Customs intercepted the container.", "Malta Customs"),
        ("Officers said Moldovan customs intercepted the lorry.", "Moldovan customs"),
        ("Officers said the Malian gendarmerie stopped the convoy.", "Malian gendarmerie"),
    ],
)
def test_the_words_a_country_s_generic_body_is_written_in(text, mention):
    (found,) = find_agencies(analyse(text))
    assert text[found.start : found.end] == mention


@pytest.mark.parametrize(
    "text,name",
    [
        ("The National Police of the Netherlands raided the flats.", "Dutch National Police"),
        ("The Federal Police of Belgium raided the flats.", "Belgian Federal Police"),
    ],
)
def test_of_the_country_after_a_known_body(text, name):
    assert name in found(text)
