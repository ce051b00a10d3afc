from helpers_extract import analyse

from graphkit.extract.agencies import find_agencies


def found(text: str) -> dict[str, tuple[str, str]]:
    """name -> (country, strongest role)"""
    rank = {"led": 3, "supported": 2, "participated": 1}
    out: dict[str, tuple[str, str]] = {}
    for m in find_agencies(analyse(text)):
        old = out.get(m.agency.name)
        if old is None or rank[m.role] > rank[old[1]]:
            out[m.agency.name] = (m.agency.country, m.role)
    return out


def test_native_names_and_abbreviations_resolve_to_one_agency():
    text = (
        "The Guardia Civil, the Policía Nacional, DIICOT, the NCA, the BKA, the Carabinieri "
        "and the Politie took part."
    )
    assert set(found(text)) == {
        "Spanish Guardia Civil",
        "Spanish National Police",
        "DIICOT",
        "National Crime Agency",
        "German Federal Criminal Police Office",
        "Italian Carabinieri",
        "Dutch National Police",
    }


def test_english_name_with_native_name_in_brackets_is_one_agency():
    text = "The Hellenic Police (Ελληνική Αστυνομία) arrested them."
    assert found(text) == {"Hellenic Police": ("GR", "participated")}


def test_roles():
    text = (
        "The inquiry was led by the Croatian Police, in close cooperation with the Hungarian "
        "National Police. Europol and Eurojust supported the action."
    )
    assert found(text) == {
        "Croatian Police": ("HR", "led"),
        "Hungarian National Police": ("HU", "participated"),
        "Europol": ("EU", "supported"),
        "Eurojust": ("EU", "supported"),
    }


def test_patterns_catch_agencies_missing_from_the_gazetteer():
    text = (
        "Officers of the Bulgarian Border Police and the Public Prosecutor's Office of Naples "
        "searched the premises."
    )
    assert found(text) == {
        "Bulgarian Border Police": ("BG", "participated"),
        "Public Prosecutor's Office of Naples": ("IT", "participated"),
    }


def test_possessive_country_and_lowercase_office():
    text = "Colombia's Attorney General's office and the U.S.'s DEA detained 14 people."
    assert set(found(text)) == {
        "Prosecutor General's Office of Colombia",
        "Drug Enforcement Administration",
    }


def test_generic_references_are_not_agencies():
    text = (
        "Italian authorities and the police searched houses. "
        "Police and judicial authorities held talks."
    )
    assert found(text) == {}


def test_parent_body_in_a_possessive_is_dropped():
    text = "The Belastingdienst's fiscal investigation service FIOD opened the case."
    assert set(found(text)) == {"FIOD"}


def test_abbreviations_only_match_in_capitals():
    assert found("The dea and the nca were not named; a dia is a day in Spanish.") == {}


def test_country_colon_lists_resolve_local_names():
    text = (
        "The following authorities took part:\n"
        "Spain: National Police (Policía Nacional); Guardia Civil\n"
        "Belgium: Federal Judicial Police\n"
        "Bulgaria: Border Police"
    )
    assert found(text) == {
        "Spanish National Police": ("ES", "participated"),
        "Spanish Guardia Civil": ("ES", "participated"),
        "Belgian Federal Judicial Police": ("BE", "participated"),
        "Bulgarian Border Police": ("BG", "participated"),
    }


def test_us_attorney_office_with_district_tail():
    text = "The U.S. Attorney's Office for the Southern District of New York charged them."
    assert found(text) == {
        "U.S. Attorney's Office for the Southern District of New York": ("US", "participated")
    }


def test_country_name_prefix_becomes_the_adjective():
    assert set(found("Raids by a Portugal police force came next.")) == {"Portuguese Police Force"}


def test_adjective_police_is_the_national_police():
    assert found("German police and Moldovan customs arrested four people.") == {
        "German Police": ("DE", "participated"),
        "Moldovan Customs": ("MD", "participated"),
    }


def test_generic_police_is_dropped_when_the_unit_is_named():
    text = (
        "The Czech National Organised Crime Agency closed a laboratory. "
        "Since 2019 the Czech police had been watching the site."
    )
    assert set(found(text)) == {"Czech National Organised Crime Agency"}


def test_lower_case_body_after_a_place():
    text = "The Naples anti-mafia prosecutor's office said the clan ran extortion rackets."
    assert found(text) == {"Naples Anti-Mafia Prosecutor's Office": ("IT", "participated")}


def test_list_country_disambiguates_shared_native_names():
    text = "Austria: Criminal Intelligence Service (Bundeskriminalamt)\nGermany: Bundeskriminalamt"
    assert found(text) == {
        "Austrian Criminal Intelligence Service": ("AT", "participated"),
        "German Federal Criminal Police Office": ("DE", "participated"),
    }


def test_kinds_of_pattern_agencies():
    text = (
        "The Belgian Financial Intelligence Unit, the Bulgarian Border Police, the Public "
        "Prosecutor's Office of Naples and the Colombian Navy took part."
    )
    kinds = {m.agency.name: m.agency.kind for m in find_agencies(analyse(text))}
    assert kinds == {
        "Belgian Financial Intelligence Unit": "financial_intelligence",
        "Bulgarian Border Police": "border",
        "Public Prosecutor's Office of Naples": "judicial",
        "Colombian Navy": "military",
    }


def test_near_spellings_resolve_but_distinct_bodies_stay_apart():
    text = (
        "The Portuguese Judiciary Police, the Belgian Federal Judicial Police and the Belgian "
        "Federal Police took part."
    )
    assert set(found(text)) == {
        "Portuguese Judicial Police",
        "Belgian Federal Judicial Police",
        "Belgian Federal Police",
    }


def test_country_with_bracketed_agencies():
    text = (
        "Authorities involved: Belgium (Federal Judicial Police, Customs), Spain (Guardia Civil)."
    )
    assert found(text) == {
        "Belgian Federal Judicial Police": ("BE", "participated"),
        "Belgian Customs": ("BE", "participated"),
        "Spanish Guardia Civil": ("ES", "participated"),
    }
