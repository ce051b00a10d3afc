from helpers_extract import analyse

from graphkit.extract.countries import find_places
from graphkit.extract.gazetteer import country_name


def places(text: str) -> set[str]:
    return {m.iso2 for m in find_places(analyse(text))}


def test_names_make_places():
    text = "Raids took place in Belgium, France, the Netherlands and the UK, and in Türkiye."
    assert places(text) == {"BE", "FR", "NL", "GB", "TR"}


def test_agency_nationality_is_not_a_place():
    text = "The Belgian Federal Police worked with the UK's National Crime Agency."
    assert places(text) == set()


def test_adjectives_of_generic_authorities_are_places():
    text = "Italian, Latvian and Lithuanian authorities brought the network down."
    assert places(text) == {"IT", "LV", "LT"}


def test_nationalities_are_not_places():
    text = "The smugglers were of Syrian and Greek origin and an Albanian-speaking network."
    assert places(text) == set()


def test_countries_setting_up_a_task_force_are_participants():
    text = "Austria, Belgium and Spain set up an Operational Taskforce at Europol."
    assert places(text) == set()


def test_currency_prefix_is_not_a_country():
    assert places("They seized US$169 000 in cash.") == set()


def test_balkan_names_and_kosovo():
    text = "The route ran via the former Yugoslav Republic of Macedonia, Serbia and Kosovo."
    assert places(text) == {"MK", "RS", "XK"}


def test_country_names_are_english_short_names():
    assert country_name("GB") == "United Kingdom"
    assert country_name("NL") == "Netherlands"
    assert country_name("XK") == "Kosovo"


def test_agency_list_countries_are_not_places():
    assert places("Spain: Guardia Civil\nPortugal: Judicial Police (Polícia Judiciária)") == set()


def test_compound_place_names_do_not_leak_countries():
    assert places("Agents of the New England Field Division met in New Mexico.") == set()


def test_country_naming_its_agencies_in_brackets_is_not_a_place():
    from graphkit.extract.agencies import find_agencies

    analysis = analyse("Involved: Belgium (Federal Judicial Police), Spain (Guardia Civil).")
    spans = [(m.start, m.end) for m in find_agencies(analysis)]
    assert {m.iso2 for m in find_places(analysis, spans)} == set()
