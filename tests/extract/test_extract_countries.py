from helpers_extract import analyse

from graphkit.extract.countries import find_places
from graphkit.extract.gazetteer import country_name


def places(text: str) -> set[str]:
    return {m.iso2 for m in find_places(analyse(text))}


def test_names_make_places():
    text = "Raids took place in Poland, Austria, the Netherlands and the UK, and in Türkiye."
    assert places(text) == {"PL", "AT", "NL", "GB", "TR"}


def test_agency_nationality_is_not_a_place():
    text = "The Hellenic Police worked with the UK's NCA and Germany's BKA."
    assert places(text) == set()


def test_adjectives_of_generic_authorities_are_places():
    text = "Czech, Polish and Slovenian authorities dismantled the ring."
    assert places(text) == {"CZ", "PL", "SI"}


def test_nationalities_are_not_places():
    text = "The couriers were of Moroccan and Tunisian origin and a Georgian-speaking network."
    assert places(text) == set()


def test_countries_setting_up_a_task_force_are_participants():
    text = "Croatia, Hungary and Italy formed an Operational Taskforce with Europol support."
    assert places(text) == set()


def test_currency_prefix_is_not_a_country():
    assert places("They seized US$238 000 in cash.") == set()


def test_balkan_names_and_kosovo():
    text = "Shipments crossed Kosovo, Serbia and the former Yugoslav Republic of Macedonia."
    assert places(text) == {"MK", "RS", "XK"}


def test_country_names_are_english_short_names():
    assert country_name("GB") == "United Kingdom"
    assert country_name("NL") == "Netherlands"
    assert country_name("XK") == "Kosovo"


def test_agency_list_countries_are_not_places():
    assert places("Spain: Guardia Civil\nItaly: Financial Police (Guardia di Finanza)") == set()


def test_compound_place_names_do_not_leak_countries():
    assert places("Agents of the New England Field Division met in New Mexico.") == set()


def test_country_naming_its_agencies_in_brackets_is_not_a_place():
    from graphkit.extract.agencies import find_agencies

    analysis = analyse("Involved: Belgium (Federal Judicial Police), Spain (Guardia Civil).")
    homes = [(m.start, m.end, m.agency.country) for m in find_agencies(analysis)]
    assert {m.iso2 for m in find_places(analysis, homes)} == set()
